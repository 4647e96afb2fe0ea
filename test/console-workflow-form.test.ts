import { describe, expect, it } from 'vitest';
import { newStep, type SendDraft, toDraft, toStep } from '../components/workflows/step-drafts';
import { movedMessage, reorderTarget } from '../components/workflows/step-order';
import { draftsToJson, initialSteps, jsonToDrafts } from '../components/workflows/steps-json';
import {
  readWorkflowForm,
  stepIssues,
  type WorkflowFormValues,
  workflowFormSchema,
  workflowFormValues,
} from '../components/workflows/workflow-form-schema';
import { createWorkflowSchema, updateWorkflowSchema } from '../lib/workflows/schemas';

const CHANNEL = '0b7e4c1e-8d0a-4f43-9a57-2f3c1f1c9a10';
const issues = (list: { path: PropertyKey[]; message: string }[]) =>
  Object.fromEntries(list.map((i) => [i.path.join('.'), i.message]));

const send = (patch: Partial<SendDraft> = {}): SendDraft => ({
  ...(newStep('send') as SendDraft),
  channel_id: CHANNEL,
  template: { subject: '', body: 'Hello {{ data.name }}', html: '' },
  ...patch,
});

const values = (patch: Partial<WorkflowFormValues> = {}): WorkflowFormValues => ({
  ...workflowFormValues(),
  key: 'orders',
  name: 'Orders',
  steps: [send()],
  ...patch,
});

describe('reordering steps from the keyboard', () => {
  it('moves one place with Alt+ArrowUp/ArrowDown and to the ends with Alt+Home/End', () => {
    expect(reorderTarget({ key: 'ArrowUp', altKey: true }, 2, 4)).toBe(1);
    expect(reorderTarget({ key: 'ArrowDown', altKey: true }, 2, 4)).toBe(3);
    expect(reorderTarget({ key: 'Home', altKey: true }, 2, 4)).toBe(0);
    expect(reorderTarget({ key: 'End', altKey: true }, 1, 4)).toBe(3);
  });

  it('does nothing without Alt, for other keys, or past either end', () => {
    expect(reorderTarget({ key: 'ArrowUp', altKey: false }, 2, 4)).toBeNull();
    expect(reorderTarget({ key: 'Enter', altKey: true }, 2, 4)).toBeNull();
    expect(reorderTarget({ key: 'ArrowUp', altKey: true }, 0, 4)).toBeNull();
    expect(reorderTarget({ key: 'ArrowDown', altKey: true }, 3, 4)).toBeNull();
    expect(reorderTarget({ key: 'End', altKey: true }, 3, 4)).toBeNull();
  });

  it('says where the step went', () => {
    expect(movedMessage(2, 1, 4)).toBe('Step 3 moved to position 2 of 4.');
  });
});

describe('step drafts', () => {
  it('round-trip every step type through the API shape, leaving out what was not filled in', () => {
    const steps = [
      {
        type: 'send',
        name: 'mail',
        channel_id: CHANNEL,
        to: '{{ data.email }}',
        template: { subject: 'Hi', body: 'Body' },
        attachments: [{ file_id: CHANNEL }],
      },
      { type: 'delay', seconds: 60 },
      { type: 'delay', until: '{{ data.at }}' },
      { type: 'digest', window_seconds: 300, key: '{{ data.user }}' },
      { type: 'condition', filter: { 'data.plan': 'pro' } },
    ];
    expect(steps.map((step) => toStep(toDraft(step)!).step)).toEqual(steps);
  });

  it('names the fields whose text cannot be read, and asks for a channel', () => {
    const delay = { ...(newStep('delay') as object), seconds: 'soon' };
    expect(toStep(delay as never).problems).toEqual([{ path: ['seconds'], message: 'must be a number' }]);
    const condition = { type: 'condition' as const, name: '', filter: '{' };
    expect(toStep(condition).problems[0]?.message).toMatch(/^Filter is not valid JSON/);
    expect(toStep(send({ channel_id: '' })).problems).toEqual([
      { path: ['channel_id'], message: 'choose a channel' },
    ]);
  });

  it("checks a step against its own type's schema at field paths (delay: the closest variant)", () => {
    expect(issues(stepIssues({ type: 'delay', seconds: 0 }))).toEqual({
      seconds: expect.stringMatching(/>=1/),
    });
    expect(issues(stepIssues({ type: 'send', channel_id: CHANNEL, template: { body: '{% if %}' } }))).toEqual(
      {
        'template.body': expect.stringMatching(/^body is not a valid Liquid template/),
      },
    );
  });

  it('switch to JSON and back, or say why not', () => {
    const json = draftsToJson([send()]);
    expect('json' in json && JSON.parse(json.json)).toEqual([
      { type: 'send', channel_id: CHANNEL, template: { body: 'Hello {{ data.name }}' } },
    ]);
    expect(draftsToJson([send({ channel_id: '' })])).toEqual({
      error: 'Fix the steps first: choose a channel',
    });
    expect(jsonToDrafts('{')).toMatchObject({ error: expect.stringMatching(/^Steps is not valid JSON/) });
    expect(jsonToDrafts('[{"type": "teleport"}]')).toEqual({
      error: 'Step 1 has no known type (send, delay, digest, condition).',
    });
    expect(initialSteps([{ type: 'teleport' }])).toEqual({
      drafts: [],
      json: '[\n  {\n    "type": "teleport"\n  }\n]',
    });
  });
});

describe('the workflow form, on the API workflow schema', () => {
  it('answers the request body for create, and for an update without the key', async () => {
    const create = await workflowFormSchema('create').parseAsync(values({ description: '  ' }));
    expect(create).toEqual({
      key: 'orders',
      name: 'Orders',
      description: null,
      enabled: true,
      steps: [{ type: 'send', channel_id: CHANNEL, template: { body: 'Hello {{ data.name }}' } }],
    });
    const update = await workflowFormSchema('update').parseAsync(values());
    expect(update).not.toHaveProperty('key');
  });

  it('reports every problem at once: the key, each step by field, text that is not JSON', () => {
    const { issues: found } = readWorkflowForm(
      values({
        key: 'Not A Key',
        steps: [send({ channel_id: '' }), { type: 'condition', name: '', filter: '[' }, send()],
      }),
      createWorkflowSchema,
    );
    expect(issues(found)).toEqual({
      key: 'must be lower-case letters, digits, ".", "_" or "-"',
      'steps.0.channel_id': 'choose a channel',
      'steps.1.filter': expect.stringMatching(/^Filter is not valid JSON/),
    });
  });

  it('asks for at least one step, in the API schema words', () => {
    const { issues: found } = readWorkflowForm(values({ steps: [] }), updateWorkflowSchema);
    expect(issues(found)).toEqual({ steps: 'a workflow needs at least one step' });
  });

  it('reads the steps from the JSON editor in JSON mode, the API naming the step at fault', () => {
    const json = JSON.stringify([{ type: 'send', template: { body: 'x' } }]);
    const { issues: found } = readWorkflowForm(values({ stepsJson: json }), createWorkflowSchema);
    expect(Object.keys(issues(found))).toEqual(['steps.0']);
    const bad = readWorkflowForm(values({ stepsJson: '{"type": "send"}' }), createWorkflowSchema);
    expect(issues(bad.issues)).toMatchObject({ stepsJson: 'Steps must be a JSON array.' });
  });
});
