import { describe, expect, it } from 'vitest';
import { STEP_CHOICES } from '../../components/workflows/step-drafts';
import { QUEUES } from '../queue/queues';
import type { RunScope } from '../workflows/scope';
import { STEP_DEFINITIONS, STEP_TYPES, stepSchema } from '../workflows/steps';
import { planRun } from './plan-run';
import { previewResultSchema } from './schemas';

const channelId = '5f0c6d1e-8a3b-4c2d-9e1f-0a1b2c3d4e5f';
const scope = (data: Record<string, unknown>): RunScope => ({
  event: { id: null, event_type: 'e', timestamp: null, data },
  data,
  recipient: null,
  run: { id: 'run-1', workflow_id: 'wf-1' },
});
const run = (steps: unknown[], data: Record<string, unknown> = {}) => ({
  id: '0b0c6d1e-8a3b-4c2d-9e1f-0a1b2c3d4e5f',
  workflowId: '1b0c6d1e-8a3b-4c2d-9e1f-0a1b2c3d4e5f',
  steps,
  scope: scope(data),
});
const channels = (id: string) => (id === channelId ? { requiresRecipient: false } : undefined);
const send = (body: string) => ({ type: 'send', channel_id: channelId, template: { body } });
const now = new Date('2026-01-01T00:00:00Z');

describe('step registry', () => {
  it('is the one list the API schema, preview and the console read', () => {
    expect(STEP_TYPES).toEqual(STEP_DEFINITIONS.map((d) => d.type));
    expect(STEP_CHOICES.map((c) => c.type)).toEqual(STEP_TYPES);
    const previewType = previewResultSchema.shape.steps.element.shape.type;
    for (const type of STEP_TYPES) expect(previewType.safeParse(type).success).toBe(true);
    const unknown = stepSchema.safeParse({ type: 'teleport' });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.message).toBe(`type must be one of: ${STEP_TYPES.join(', ')}`);
  });
});

describe('planRun', () => {
  it('runs send and condition steps at once and completes the run', async () => {
    const plan = await planRun(
      run([send('{"a": {{ data.a }}}'), { type: 'condition', filter: { 'data.a': 1 } }, send('{"b": 2}')], {
        a: 1,
      }),
      0,
      channels,
      now,
    );
    expect(plan).toMatchObject({ status: 'completed', finished: true, currentStep: 3, jobs: [] });
    expect(plan.messages.map((m) => [m.stepIndex, m.body, m.status])).toEqual([
      [0, '{"a": 1}', 'queued'],
      [2, '{"b": 2}', 'queued'],
    ]);
  });

  it('ends the run at a condition that does not match', async () => {
    const plan = await planRun(
      run([{ type: 'condition', filter: { 'data.a': 2 } }, send('{}')], { a: 1 }),
      0,
      channels,
      now,
    );
    expect(plan).toMatchObject({ status: 'completed', currentStep: 0, messages: [] });
  });

  it('parks the run at a delay with the step job that resumes it', async () => {
    const plan = await planRun(
      run([send('{}'), { type: 'delay', seconds: 60 }, send('{}')]),
      0,
      channels,
      now,
    );
    expect(plan).toMatchObject({ status: 'waiting', currentStep: 2, finished: false });
    expect(plan.messages).toHaveLength(1);
    expect(plan.jobs).toEqual([
      {
        queue: QUEUES.step,
        job: { data: { run_id: run([]).id, step_index: 2 }, startAfter: new Date(now.getTime() + 60_000) },
      },
    ]);
  });

  it('parks the run at a digest under its rendered key with the job that closes the window', async () => {
    const plan = await planRun(
      run([{ type: 'digest', window_seconds: 5, key: '{{ data.u }}' }], { u: 'x' }),
      0,
      channels,
      now,
    );
    expect(plan).toMatchObject({ status: 'waiting', currentStep: 0, digestKey: '0:x' });
    expect(plan.jobs[0]).toMatchObject({
      queue: QUEUES.digest,
      job: { singletonKey: `${run([]).workflowId}:0:x` },
    });
  });

  it('fails the run on an invalid step, and a message on a template error or a missing channel', async () => {
    expect(await planRun(run([{ type: 'teleport' }]), 0, channels, now)).toMatchObject({ status: 'failed' });
    const plan = await planRun(
      run([send('{{ data.nope }}'), { ...send('{}'), channel_id: '2b0c6d1e-8a3b-4c2d-9e1f-0a1b2c3d4e5f' }]),
      0,
      channels,
      now,
    );
    expect(plan.messages.map((m) => m.status)).toEqual(['failed', 'failed']);
    expect(plan.messages[0]!.lastError).toContain('data.nope');
    expect(plan.messages[1]!.lastError).toContain('no longer exists');
  });
});
