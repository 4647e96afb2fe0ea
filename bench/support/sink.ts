import { fork } from 'node:child_process';
import path from 'node:path';
import { onCleanup } from './cleanup';
import { ROOT } from './paths';
import { exited } from './processes';

export interface SinkStats {
  /** Every request, repeats included. */
  requests: number;
  /** Distinct `webhook-id`s: messages delivered. */
  distinct: number;
  /** Requests whose `webhook-id` had been seen before: delivered twice. */
  repeats: number;
  withoutId: number;
  /** Receive times (ms since the epoch) of the first and the last request. */
  firstAt: number;
  lastAt: number;
}

export type SinkRequest = { id: number; type: 'stats' | 'reset' | 'report' };
export type SinkReply = {
  id: number;
  stats?: SinkStats;
  latencies?: number[];
  times?: number[];
  port?: number;
};

export interface SinkReport {
  stats: SinkStats;
  /** Receive time − `t` of each distinct delivery, ms. */
  latencies: number[];
  /** Receive time of each distinct delivery. */
  times: number[];
}

export interface Sink {
  url: string;
  pid: number;
  stats(): Promise<SinkStats>;
  reset(): Promise<void>;
  report(): Promise<SinkReport>;
  /**
   * Resolves when `distinct` deliveries arrived, or (with what arrived) when `timeoutMs` passed or nothing new
   * arrived for `stallMs`.
   */
  waitFor(distinct: number, timeoutMs: number, stallMs?: number): Promise<SinkStats>;
  close(): Promise<void>;
}

/** Starts the sink child process (sink-child.ts) and talks to it over IPC. */
export async function startSink(): Promise<Sink> {
  const child = fork(path.join(ROOT, 'bench/support/sink-child.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (reply: SinkReply) => void>();
  child.on('message', (reply: SinkReply) => {
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  const close = async () => {
    if (child.connected) child.disconnect();
    child.kill('SIGTERM');
    await exited(child);
  };
  const done = onCleanup('webhook sink', close);
  const port = await new Promise<number>((resolve, reject) => {
    pending.set(0, (reply) => resolve(reply.port ?? 0));
    child.once('exit', (code) => reject(new Error(`the sink exited (code ${code})`)));
  });
  let next = 1;
  const ask = (type: SinkRequest['type']) =>
    new Promise<SinkReply>((resolve, reject) => {
      if (!child.connected) return reject(new Error('the sink is gone'));
      const id = next++;
      pending.set(id, resolve);
      child.send({ id, type } satisfies SinkRequest);
    });
  const stats = async () => (await ask('stats')).stats!;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stats,
    reset: async () => {
      await ask('reset');
    },
    report: async () => {
      const reply = await ask('report');
      return { stats: reply.stats!, latencies: reply.latencies ?? [], times: reply.times ?? [] };
    },
    async waitFor(distinct, timeoutMs, stallMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last = await stats();
      let progressAt = Date.now();
      while (last.distinct < distinct && Date.now() < deadline && Date.now() - progressAt < stallMs) {
        await new Promise((r) => setTimeout(r, 100));
        const now = await stats();
        if (now.requests !== last.requests) progressAt = Date.now();
        last = now;
      }
      return last;
    },
    close: async () => {
      done();
      await close();
    },
  };
}
