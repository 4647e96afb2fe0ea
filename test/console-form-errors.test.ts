import type { FieldErrors } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { channelErrorField } from '../components/channels/channel-form-schema';
import { configFieldFor } from '../components/config-form/config-values';
import { errorsUnder, ownError } from '../components/forms/field-error';
import { serverFieldErrors } from '../components/forms/server-errors';
import { triggerErrorField } from '../components/triggers/trigger-form-schema';
import type { ConfigField } from '../lib/channels/schemas';
import { ProblemError } from '../lib/client/api';

const field = (name: string, kind: ConfigField['kind'] = 'string'): ConfigField => ({
  name,
  label: name,
  kind,
  required: false,
  secret: false,
});

const problem = (...errors: [string, string][]) =>
  new ProblemError(
    422,
    'invalid',
    errors.map(([path, message]) => ({ path, message })),
  );

describe("a problem+json answer's errors[].path on the form's fields", () => {
  it('keeps body paths without `body.`, parents before children, the first message per field', () => {
    const error = problem(
      ['body.config.url', 'must be a URL'],
      ['body.config', 'needs a url or a host'],
      ['body.config.url', 'second message'],
      ['query.limit', 'not a form field'],
      ['body.name', 'must not be empty'],
    );
    expect(serverFieldErrors(error)).toEqual([
      { path: 'config', message: 'needs a url or a host' },
      { path: 'name', message: 'must not be empty' },
      { path: 'config.url', message: 'must be a URL' },
    ]);
  });

  it('answers nothing for errors that are not problems (a network failure)', () => {
    expect(serverFieldErrors(new TypeError('fetch failed'))).toEqual([]);
  });

  it('renames paths the form keeps elsewhere, and drops those renamed to nothing', () => {
    const error = problem(
      ['body.config.filter', 'invalid filter: unknown operator $foo'],
      ['body.x', 'gone'],
    );
    const rename = (path: string) => (path === 'x' ? undefined : triggerErrorField(undefined)(path));
    expect(serverFieldErrors(error, rename)).toEqual([
      { path: 'filter', message: 'invalid filter: unknown operator $foo' },
    ]);
  });

  it("puts a channel's config errors on the field they belong to", () => {
    const rename = channelErrorField({
      provider: 'smtp',
      type: 'email',
      label: 'SMTP',
      requires_recipient: true,
      fields: [field('host'), field('auth.type', 'enum'), field('auth.password'), field('headers', 'json')],
    });
    expect(rename('type')).toBe('provider');
    expect(rename('config.host')).toBe('config.host');
    expect(rename('config.auth')).toBe('config.auth.type');
    expect(rename('config.headers.X-Token')).toBe('config.headers');
    expect(rename('config.nonsense')).toBe('config');
    expect(rename('rate_limit.per_second')).toBe('rate_limit.per_second');
  });

  it("puts a trigger's broker error on the Type select and a config-less type's on the filter", () => {
    const api = { type: 'api' as const, label: 'REST API', fields: [] };
    const kafka = {
      type: 'event' as const,
      queue_type: 'kafka' as const,
      label: 'Kafka',
      fields: [field('topic')],
    };
    expect(triggerErrorField(kafka)('config.queue_type')).toBe('type');
    expect(triggerErrorField(kafka)('config.topic')).toBe('config.topic');
    expect(triggerErrorField(kafka)('config')).toBe('config');
    expect(triggerErrorField(api)('config')).toBe('filter');
  });

  it('maps a path to the field that holds it, or an object to its first field', () => {
    const fields = [field('brokers', 'json'), field('auth.type'), field('auth.user')];
    expect(configFieldFor(fields, 'brokers.0')).toBe('brokers');
    expect(configFieldFor(fields, 'auth')).toBe('auth.type');
    expect(configFieldFor(fields, 'auth.user')).toBe('auth.user');
    expect(configFieldFor(fields, 'topic')).toBeUndefined();
  });
});

describe("reading react-hook-form's nested errors", () => {
  const ref = { focus() {} };
  const errors = {
    name: { type: 'server', message: 'must not be empty', ref },
    steps: {
      root: { type: 'too_small', message: 'a workflow needs at least one step' },
      0: {
        message: 'send step: channel_id: Invalid input',
        type: 'server',
        template: { body: { type: 'custom', message: 'body is not a valid Liquid template', ref } },
        attachments: { 1: { file_id: { type: 'invalid_format', message: 'Invalid UUID', ref } } },
      },
    },
  } as unknown as FieldErrors;

  it("finds a field's message, an object's own one and a field array's (under root)", () => {
    expect(ownError(errors, 'name')).toBe('must not be empty');
    expect(ownError(errors, 'steps')).toBe('a workflow needs at least one step');
    expect(ownError(errors, 'steps.0')).toBe('send step: channel_id: Invalid input');
    expect(ownError(errors, 'steps.0.template')).toBeUndefined();
    expect(ownError(errors, 'steps.0.template.body')).toBe('body is not a valid Liquid template');
    expect(ownError(errors, 'nothing.here')).toBeUndefined();
  });

  it('lists every message below a path, keyed by the rest of the path, without following refs', () => {
    expect(errorsUnder(errors, 'steps.0')).toEqual({
      '': 'send step: channel_id: Invalid input',
      'template.body': 'body is not a valid Liquid template',
      'attachments.1.file_id': 'Invalid UUID',
    });
    expect(errorsUnder(errors, 'steps.0.attachments')).toEqual({ '1.file_id': 'Invalid UUID' });
  });
});
