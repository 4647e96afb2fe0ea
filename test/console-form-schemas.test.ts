import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { alertRuleFormSchema, alertRuleFormValues } from '../components/alerts/alert-rule-form-schema';
import { channelFormSchema, channelFormValues } from '../components/channels/channel-form-schema';
import { configSchema } from '../components/config-form/config-schema';
import { initialConfigValues } from '../components/config-form/config-values';
import { blankAsNull, jsonObjectText, numberGroup, numberText } from '../components/forms/text-values';
import {
  triggerFormSchema,
  triggerFormValues,
  triggerPatch,
} from '../components/triggers/trigger-form-schema';
import type { ConfigField, ProviderDescription } from '../lib/channels/schemas';

const issues = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

const field = (name: string, kind: ConfigField['kind'], extra: Partial<ConfigField> = {}): ConfigField => ({
  name,
  label: name,
  kind,
  required: false,
  secret: false,
  ...extra,
});

const webhook: ProviderDescription = {
  provider: 'webhook',
  type: 'webhook',
  label: 'Webhook',
  requires_recipient: false,
  fields: [
    field('url', 'string', { required: true }),
    field('timeout_ms', 'number'),
    field('headers', 'json'),
    field('auth.type', 'enum', { options: ['none', 'basic'] }),
    field('auth.password', 'string', { secret: true, when: { field: 'auth.type', equals: ['basic'] } }),
  ],
};

describe('text typed into a form, as the API takes it', () => {
  it('reads numbers, leaves blanks out and names text that is not a number', () => {
    expect(numberText.parse(' 42 ')).toBe(42);
    expect(numberText.parse('  ')).toBeUndefined();
    expect(issues(numberText.safeParse('ten'))).toEqual({ '': 'must be a number' });
    expect(numberGroup(['a', 'b']).parse({ a: '', b: '3' })).toEqual({ b: 3 });
    expect(numberGroup(['a', 'b']).parse({ a: '', b: '' })).toBeNull();
    expect(blankAsNull.parse(' ')).toBeNull();
  });

  it('reads a JSON object, blank as {}, and says why other text is not one', () => {
    expect(jsonObjectText.parse('')).toEqual({});
    expect(jsonObjectText.parse('{"a": 1}')).toEqual({ a: 1 });
    expect(issues(jsonObjectText.safeParse('[1]'))).toEqual({ '': 'must be a JSON object ({…})' });
    expect(issues(jsonObjectText.safeParse('{'))['']).toMatch(/^is not valid JSON/);
  });

  it('builds a config from generated fields: nested, hidden variants left out, problems at field paths', () => {
    const values = initialConfigValues(webhook.fields, {
      url: 'https://example.test',
      auth: { type: 'basic', password: '••••1a2b' },
    });
    expect(values).toEqual({
      url: 'https://example.test',
      timeout_ms: '',
      headers: '',
      auth: { type: 'basic', password: '••••1a2b' },
    });
    const schema = z.object({ config: configSchema(webhook.fields) });
    expect(schema.parse({ config: values }).config).toEqual({
      url: 'https://example.test',
      auth: { type: 'basic', password: '••••1a2b' },
    });
    const hidden = { ...values, auth: { type: 'none', password: 'left over' } };
    expect(schema.parse({ config: hidden }).config).toEqual({
      url: 'https://example.test',
      auth: { type: 'none' },
    });
    const bad = { url: '', timeout_ms: 'soon', headers: '{', auth: { type: 'none' } };
    expect(issues(schema.safeParse({ config: bad }))).toEqual({
      'config.url': 'is required',
      'config.timeout_ms': 'must be a number',
      'config.headers': 'is not valid JSON',
    });
  });
});

describe('the channel form, on the API channel schema', () => {
  const valid = {
    ...channelFormValues(undefined, webhook),
    name: 'Orders',
    config: { url: 'https://x.test' },
  };

  it('answers the request body: numbers, null for an empty rate limit and fallback', () => {
    const retry = { max_attempts: '3', base_delay_seconds: '', max_delay_seconds: '' };
    expect(channelFormSchema(webhook).parse({ ...valid, retry_policy: retry })).toEqual({
      name: 'Orders',
      provider: 'webhook',
      enabled: true,
      config: { url: 'https://x.test' },
      rate_limit: null,
      retry_policy: { max_attempts: 3, base_delay_seconds: 10, max_delay_seconds: 3600 },
      fallback_channel_id: null,
    });
  });

  it("gives every field's problem at once, in the API's words", () => {
    const result = channelFormSchema(webhook).safeParse({
      ...valid,
      name: '  ',
      config: { url: '' },
      rate_limit: { per_second: 'lots', per_minute: '', per_hour: '' },
      retry_policy: { max_attempts: '', base_delay_seconds: '60', max_delay_seconds: '5' },
      fallback_channel_id: 'not-a-channel',
    });
    expect(issues(result)).toEqual({
      name: 'must not be empty',
      'config.url': 'is required',
      'rate_limit.per_second': 'must be a number',
      'retry_policy.max_delay_seconds': 'must be at least base_delay_seconds',
      fallback_channel_id: expect.stringMatching(/UUID/i),
    });
  });
});

describe('the trigger form', () => {
  const kafka = {
    type: 'event' as const,
    queue_type: 'kafka' as const,
    label: 'Kafka topic',
    fields: [field('topic', 'string', { required: true }), field('from_beginning', 'boolean')],
  };
  const workflowId = '5d2f4a57-6f0e-4a3b-8d61-2b9a6a1f0c33';
  const values = {
    ...triggerFormValues(undefined, kafka),
    name: 'Orders',
    workflow_id: workflowId,
    config: { topic: 'orders', from_beginning: false },
    filter: '{"event_type": "order.created"}',
  };

  it('adds the broker and the filter to the config', () => {
    expect(triggerFormSchema(kafka).parse(values)).toEqual({
      name: 'Orders',
      type: 'event',
      workflow_id: workflowId,
      enabled: true,
      config: {
        queue_type: 'kafka',
        topic: 'orders',
        from_beginning: false,
        filter: { event_type: 'order.created' },
      },
    });
  });

  it('asks for a workflow, and refuses a filter the matcher cannot compile', () => {
    const result = triggerFormSchema(kafka).safeParse({
      ...values,
      workflow_id: '',
      filter: '{"$where": "true"}',
    });
    expect(issues(result)).toEqual({
      workflow_id: 'choose a workflow',
      filter: expect.stringMatching(/^invalid filter/),
    });
  });

  it('sends only what changed, and `enabled` when nothing did', () => {
    const schema = triggerFormSchema(kafka);
    const saved = schema.parse(values);
    expect(triggerPatch(saved, schema.parse(values))).toEqual({ enabled: true });
    expect(triggerPatch(saved, schema.parse({ ...values, enabled: false }))).toEqual({ enabled: false });
    const renamed = schema.parse({ ...values, name: 'Orders v2', config: { topic: 'orders-v2' } });
    expect(triggerPatch(saved, renamed)).toEqual({
      name: 'Orders v2',
      config: {
        queue_type: 'kafka',
        topic: 'orders-v2',
        from_beginning: false,
        filter: { event_type: 'order.created' },
      },
    });
    expect(triggerPatch(undefined, saved)).toMatchObject({ name: 'Orders', config: saved.config });
  });
});

describe('the alert rule form, on the API rule schema of the chosen kind', () => {
  it("checks the kind's params, the channels to notify and the cooldown", () => {
    const values = { ...alertRuleFormValues(), kind: 'dead_letters' as const, name: 'Dead letters' };
    const result = alertRuleFormSchema('dead_letters').safeParse({
      ...values,
      params: { threshold: 'five', window_minutes: '15', channel_id: '' },
      cooldown_minutes: '',
    });
    expect(issues(result)).toEqual({
      'params.threshold': 'must be a number',
      notify_channel_ids: 'name at least one channel to notify through',
    });
  });

  it('answers the request body, a blank recipient as null and no channel watched as null', () => {
    const channel = '0b7e4c1e-8d0a-4f43-9a57-2f3c1f1c9a10';
    const parsed = alertRuleFormSchema('dead_letters').parse({
      ...alertRuleFormValues(),
      kind: 'dead_letters',
      name: 'Dead letters',
      params: { threshold: '5', window_minutes: '15', channel_id: '' },
      notify_channel_ids: [channel],
      cooldown_minutes: '15',
    });
    expect(parsed).toEqual({
      name: 'Dead letters',
      kind: 'dead_letters',
      params: { threshold: 5, window_minutes: 15, channel_id: null },
      notify_channel_ids: [channel],
      notify_to: null,
      cooldown_minutes: 15,
      enabled: true,
    });
  });
});
