import { type HttpSink, type SinkReply, startHttpSink } from '../../support/http-sink';
import { sleep } from './ports';

export type SinkMode = 'healthy' | 'storm';

/** What the sink answered for each webhook-id: how often it accepted (2xx) the message, and every answer. */
export interface SinkLedger {
  accepted: Map<string, number>;
  answers: Map<string, string[]>;
}

/**
 * The webhook receiver under load: a real HTTP server (test/support/http-sink.ts) that takes 5–25 ms per answer
 * (so deliveries are in flight when a fault hits) and, in `storm` mode, answers at random 500/502/503, 429 with
 * Retry-After: 1, or never (the sender's timeout fires): a retry storm.
 */
export interface FaultSink {
  url: string;
  sink: HttpSink;
  setMode(mode: SinkMode): void;
  ledger(): SinkLedger;
  close(): Promise<void>;
}

function stormReply(): SinkReply {
  const roll = Math.random();
  if (roll < 0.15) return { status: 500, body: 'boom' };
  if (roll < 0.22) return { status: 502, body: 'bad gateway' };
  if (roll < 0.3) return { status: 503, body: 'unavailable' };
  if (roll < 0.42) return { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' };
  if (roll < 0.47) return { status: 200, hang: true };
  return { status: 200, body: '{"ok":true}' };
}

export async function startFaultSink(): Promise<FaultSink> {
  const sink = await startHttpSink();
  let mode: SinkMode = 'healthy';
  const accepted = new Map<string, number>();
  const answers = new Map<string, string[]>();
  sink.respondWith(async (req) => {
    const id = req.headers['webhook-id'] ?? '';
    await sleep(5 + Math.random() * 20);
    const reply: SinkReply = mode === 'storm' ? stormReply() : { status: 200, body: '{"ok":true}' };
    const answer = reply.hang ? 'hang' : String(reply.status);
    answers.set(id, [...(answers.get(id) ?? []), answer]);
    if (!reply.hang && reply.status < 300) accepted.set(id, (accepted.get(id) ?? 0) + 1);
    return reply;
  });
  return {
    url: sink.url,
    sink,
    setMode: (next) => {
      mode = next;
    },
    ledger: () => ({ accepted, answers }),
    close: () => sink.close(),
  };
}
