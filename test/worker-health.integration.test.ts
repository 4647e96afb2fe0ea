import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as health from '../app/api/health/route';
import { db, schema } from '../lib/db';
import { call } from './support/factories';
import { spawnTs } from './support/processes';

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('worker and health', () => {
  it('is not ready without a worker; ready while one heartbeats; the worker drains and exits on SIGTERM', async () => {
    const before = await call(health.GET, { path: '/api/health' });
    expect(before.status).toBe(503);
    const report = (await before.json()) as { database: { status: string }; workers: { live: number } };
    expect(report.database.status).toBe('ok');
    expect(report.workers.live).toBe(0);

    const worker = spawnTs('worker/index.ts', [], { WORKER_HEARTBEAT_SECONDS: '1' });
    let output = '';
    worker.stdout?.on('data', (d) => (output += d));
    worker.stderr?.on('data', (d) => (output += d));
    try {
      const row = await waitFor(async () => {
        const [r] = await db()
          .select()
          .from(schema.workerHeartbeats)
          .where(eq(schema.workerHeartbeats.pid, worker.pid!));
        return r;
      }, 30_000).catch((error) => {
        throw new Error(`${(error as Error).message}; worker output:\n${output}`);
      });
      const firstSeen = row.lastSeenAt.getTime();
      await waitFor(async () => {
        const [r] = await db()
          .select()
          .from(schema.workerHeartbeats)
          .where(eq(schema.workerHeartbeats.workerId, row.workerId));
        return r && r.lastSeenAt.getTime() > firstSeen ? r : undefined;
      }, 5_000);

      const ready = await call(health.GET, { path: '/api/health' });
      const body = (await ready.json()) as {
        status: string;
        queue: { status: string };
        workers: { live: number };
      };
      expect(ready.status, JSON.stringify(body)).toBe(200);
      expect(body.status).toBe('ready');
      expect(body.queue.status).toBe('ok');
      expect(body.workers.live).toBe(1);

      const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('worker stopped');
      const [stopped] = await db()
        .select()
        .from(schema.workerHeartbeats)
        .where(eq(schema.workerHeartbeats.workerId, row.workerId));
      expect(stopped?.state).toBe('stopped');
      expect((await call(health.GET, { path: '/api/health' })).status).toBe(503);
    } finally {
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
  }, 60_000);

  it('answers the liveness probe without touching the database', async () => {
    const res = await call(health.GET, { path: '/api/health?probe=live' });
    expect(res.status).toBe(200);
  });
});
