import { randomUUID } from 'node:crypto';
import { type Db, db as defaultDb } from '../db';
import { AppError } from '../errors';
import { deliver } from './deliver';
import type { HealthResult, TestResult } from './schemas';
import { scrub, secretValues } from './secrets';
import { getChannelRow, prepareForSend } from './service';
import { DeliveryError, type OutgoingMessage } from './types';

/** A test or health check never takes longer than this, whatever the channel's own timeouts. */
export const CHANNEL_TEST_TIMEOUT_MS = 15_000;

/**
 * Sends a real test message through the channel now. A delivery failure is an answer (`ok: false` with the
 * reason and whether it would be retried), not an error; an unknown channel is a 404 and a missing recipient
 * for a provider that needs one a 422.
 */
export async function sendTestMessage(
  channelId: string,
  input: { to?: string },
  database: Pick<Db, 'select'> = defaultDb(),
): Promise<TestResult> {
  const row = await getChannelRow(channelId, database);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const loaded = prepareForSend(row);
    if (loaded.provider.requiresRecipient && !input.to) {
      const message = `a ${loaded.provider.provider} channel needs a recipient: send {"to": "…"}`;
      throw new AppError('invalid', `to: ${message}`, [{ path: 'to', message }]);
    }
    const result = await deliver(loaded, testMessage(row, input.to), {
      signal: AbortSignal.timeout(CHANNEL_TEST_TIMEOUT_MS),
      timeoutMs: CHANNEL_TEST_TIMEOUT_MS,
    });
    return {
      ok: true,
      provider_message_id: result.providerMessageId ?? null,
      response_code: result.responseCode ?? null,
      duration_ms: elapsed(),
      response: result.response ?? null,
    };
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    return {
      ok: false,
      error: error.message,
      retryable: error.kind === 'retryable',
      response_code: error.details.responseCode ?? null,
      duration_ms: elapsed(),
      ...(error.details.response ? { response: error.details.response } : {}),
    };
  }
}

/** Checks connectivity and credentials without sending (provider `check()`), bounded like a test. */
export async function checkChannelHealth(
  channelId: string,
  database: Pick<Db, 'select'> = defaultDb(),
): Promise<HealthResult> {
  const row = await getChannelRow(channelId, database);
  const started = performance.now();
  let ok = false;
  let detail: string;
  let secrets: string[] = [];
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    const loaded = prepareForSend(row);
    secrets = secretValues(loaded.provider, loaded.config);
    // check() should honour the signal; the race is for one that does not.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`no answer within ${CHANNEL_TEST_TIMEOUT_MS / 1000} s`));
      }, CHANNEL_TEST_TIMEOUT_MS);
    });
    const ctx = { signal: controller.signal, timeoutMs: CHANNEL_TEST_TIMEOUT_MS, channelId };
    ({ ok, detail } = await Promise.race([loaded.provider.check(loaded.config, ctx), timedOut]));
  } catch (error) {
    detail = error instanceof DeliveryError ? error.message : `check failed: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
  return { ok, detail: scrub(detail, secrets), duration_ms: Math.round(performance.now() - started) };
}

function testMessage(
  row: { id: string; name: string; type: string; provider: string },
  to?: string,
): OutgoingMessage {
  const id = randomUUID();
  const text = `This is a test message from Switchboard through the channel "${row.name}" (${row.provider}).`;
  const body =
    row.type === 'webhook'
      ? JSON.stringify({
          type: 'switchboard.test',
          channel: { id: row.id, name: row.name, provider: row.provider },
          message: text,
          sent_at: new Date().toISOString(),
        })
      : text;
  return {
    id,
    idempotencyKey: `test:${id}`,
    to: to ?? '',
    subject: 'Switchboard test message',
    body,
    html: row.type === 'email' ? `<p>${escapeHtml(text)}</p>` : null,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
