import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../lib/db';
import { uniq } from './support/factories';
import type { SinkRequest } from './support/http-sink';
import {
  apiWorkflow,
  attemptsOf,
  messagesOfWorkflow,
  postEvent,
  sinkAndWorkerForFile,
  waitFor,
  webhookChannel,
} from './support/pipeline';

// A provider's answer is whatever the provider sends. Before, one holding a NUL, or an emoji cut in half by
// the 500-character snippet, made PostgreSQL refuse the batch's settlement: the job's retries sent the
// message again and again (21 times over the queue's retry limit) and it stayed `sending` for good.

const running = sinkAndWorkerForFile();
const answers = new Map<string, (req: SinkRequest) => { status: number; body: string }>();
beforeAll(() => {
  running.sink.respondWith(
    (req) => answers.get(req.path.split('?')[0]!)?.(req) ?? { status: 200, body: 'ok' },
  );
});

async function sendOne(path: string, answer: { status: number; body: string }) {
  answers.set(path, () => answer);
  const hook = await webhookChannel(`${running.sink.url}${path}`, {
    retry_policy: { max_attempts: 1, base_delay_seconds: 1, max_delay_seconds: 1 },
  });
  const eventType = `evt.${uniq()}`;
  const workflow = await apiWorkflow(eventType, [
    { type: 'send', channel_id: hook.id, template: { body: '{"n": 1}' } },
  ]);
  expect((await postEvent({ event_type: eventType, data: {} })).status).toBe(202);
  const [message] = await waitFor(
    async () => {
      const rows = await messagesOfWorkflow(workflow.id);
      return rows.length === 1 && ['sent', 'failed', 'dead'].includes(rows[0]!.status) ? rows : undefined;
    },
    20_000,
    'the message settled',
  );
  // Long enough for a job retry (2 s) to have sent it again.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  return { message: message!, requests: running.sink.requests.filter((r) => r.path === path) };
}

describe('a provider answer PostgreSQL cannot store as it is', () => {
  it('a 200 holding a NUL: sent once, the answer kept with the NUL written out', async () => {
    const { message, requests } = await sendOne('/nul-ok', { status: 200, body: 'accepted\u0000id=7' });
    expect(message.status).toBe('sent');
    expect(requests).toHaveLength(1);
    const [attempt] = await attemptsOf(message.id);
    expect(attempt!.outcome).toBe('success');
    expect((attempt!.responseSummary as { body: string }).body).toBe('accepted\\u0000id=7');
  }, 30_000);

  it('a 500 holding a NUL: failed once, the error names what the receiver said', async () => {
    const { message, requests } = await sendOne('/nul-error', { status: 500, body: 'boom\u0000' });
    expect(message.status).toBe('dead');
    expect(requests).toHaveLength(1);
    expect(message.attemptCount).toBe(1);
    expect(message.lastError).toBe('receiver answered HTTP 500: boom\\u0000');
  }, 30_000);

  it('a long answer whose 500th unit is half an emoji: sent once, the snippet ends before it', async () => {
    const body = `${'x'.repeat(499)}😀${'y'.repeat(100)}`;
    const { message, requests } = await sendOne('/emoji-cut', { status: 200, body });
    expect(message.status).toBe('sent');
    expect(requests).toHaveLength(1);
    const [attempt] = await attemptsOf(message.id);
    expect((attempt!.responseSummary as { body: string }).body).toBe('x'.repeat(499));
  }, 30_000);
});

describe('a settlement the database refuses for its data', () => {
  it('is settled again without the provider answers: sent once, not sent again by the job retry', async () => {
    // A real refusal from PostgreSQL (a check constraint), for answers holding this run's marker only.
    const marker = `refused-${randomUUID()}`;
    const constraint = `test_refuse_${marker.replaceAll('-', '_')}`;
    await db().execute(
      sql.raw(
        `ALTER TABLE message_attempts ADD CONSTRAINT ${constraint}
           CHECK (coalesce(response_summary::text, '') NOT LIKE '%${marker}%') NOT VALID`,
      ),
    );
    try {
      const { message, requests } = await sendOne('/refused', { status: 200, body: `ok ${marker}` });
      expect(message.status).toBe('sent');
      expect(requests).toHaveLength(1);
      const [attempt] = await attemptsOf(message.id);
      expect(attempt!.outcome).toBe('success');
      expect(attempt!.responseCode).toBe(200);
      expect(attempt!.responseSummary).toBeNull();
    } finally {
      await db().execute(sql.raw(`ALTER TABLE message_attempts DROP CONSTRAINT ${constraint}`));
    }
  }, 30_000);
});
