import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import * as health from '../app/api/health/route';
import { call, uniq } from './support/factories';
import { type HttpSink, startHttpSink } from './support/http-sink';
import { apiWorkflow, postEvent, waitFor, webhookChannel } from './support/pipeline';
import { runTs, spawnTs } from './support/processes';
import { adminQuery, createDatabase, dropDatabase, randomDatabaseName } from './support/test-database';

interface Worker {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
}

const workers: ChildProcess[] = [];
let sink: HttpSink;

/** A worker on WORKER_HTTP_PORT=0 (from spawnTs); its address is read from the line it logs at start. */
async function startWorker(env: Record<string, string> = {}): Promise<Worker> {
  const child = spawnTs('worker/index.ts', [], { WORKER_HEARTBEAT_SECONDS: '1', LOG_LEVEL: 'info', ...env });
  workers.push(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const baseUrl = await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`worker exited:\n${output}`);
      const line = output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg: string; host?: string; port?: number })
        .find((l) => l.msg.startsWith('worker HTTP on'));
      return line ? `http://${line.host}:${line.port}` : undefined;
    },
    30_000,
    'the worker to log its HTTP address',
  );
  return { child, baseUrl, output: () => output };
}

async function get(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  sink = await startHttpSink();
});
afterEach(async () => {
  await Promise.all(
    workers.splice(0).map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }),
  );
});
afterAll(async () => {
  await sink?.close();
});

describe('worker HTTP port', () => {
  it('is live and ready while running, not ready (503) while draining, and closes when the worker exits', async () => {
    const worker = await startWorker();
    expect(await get(`${worker.baseUrl}/health/live`)).toEqual({ status: 200, body: { status: 'alive' } });
    const ready = await waitFor(async () => {
      const r = await get(`${worker.baseUrl}/health/ready`);
      return r.status === 200 ? r : undefined;
    });
    expect(ready.body).toEqual({ status: 'ready', database: 'ok', queue: 'started', draining: false });
    expect((await fetch(`${worker.baseUrl}/nowhere`)).status).toBe(404);
    // /api/health lists where each worker's port listens (from its heartbeat), so operators can find it.
    const report = (await (await call(health.GET, { path: '/api/health' })).json()) as {
      workers: { items: { pid: number; http: { host: string; port: number } | null }[] };
    };
    const listed = report.workers.items.find((w) => w.pid === worker.child.pid);
    expect(listed?.http && `http://${listed.http.host}:${listed.http.port}`).toBe(worker.baseUrl);

    // A delivery the receiver holds: the drain waits for it, and meanwhile the worker says it is not ready.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    sink.respondWith(async () => {
      await held;
      return { status: 200, body: '{}' };
    });
    const hook = await webhookChannel(`${sink.url}/held`);
    const eventType = `held.${uniq()}`;
    await apiWorkflow(eventType, [
      { type: 'send', channel_id: hook.id, to: 'x', template: { body: '{"held": true}' } },
    ]);
    expect((await postEvent({ event_type: eventType, data: {} })).status).toBe(202);
    await sink.waitForRequests(1);

    const exited = new Promise<number | null>((r) => worker.child.once('exit', (code) => r(code)));
    worker.child.kill('SIGTERM');
    const draining = await waitFor(async () => {
      const r = await get(`${worker.baseUrl}/health/ready`);
      return r.status === 503 ? r : undefined;
    });
    expect(draining.body).toMatchObject({ status: 'not_ready', draining: true, database: 'ok' });
    expect((await get(`${worker.baseUrl}/health/live`)).status).toBe(200);
    release();
    expect(await exited).toBe(0);
    await expect(fetch(`${worker.baseUrl}/health/live`)).rejects.toThrow();
  }, 60_000);

  it('answers 503 on /health/ready while its database refuses connections, and 200 again once it is back', async () => {
    const serverUrl = inject('serverUrl');
    const name = randomDatabaseName('sb_ready');
    const url = await createDatabase(serverUrl, name, inject('templateDatabase'));
    try {
      const worker = await startWorker({ DATABASE_URL: url });
      await waitFor(async () => (await get(`${worker.baseUrl}/health/ready`)).status === 200);

      await adminQuery(serverUrl, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await adminQuery(
        serverUrl,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
      );
      const down = await waitFor(async () => {
        const r = await get(`${worker.baseUrl}/health/ready`);
        return r.status === 503 ? r : undefined;
      });
      expect(down.body).toMatchObject({ status: 'not_ready', database: 'down', draining: false });
      expect(down.body.error).toMatch(/^database: /);
      expect((await get(`${worker.baseUrl}/health/live`)).status).toBe(200);

      await adminQuery(serverUrl, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await waitFor(async () => (await get(`${worker.baseUrl}/health/ready`)).status === 200, 30_000);
      expect(worker.child.exitCode).toBeNull();
    } finally {
      await adminQuery(serverUrl, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => {});
      for (const child of workers) child.kill('SIGKILL');
      await dropDatabase(serverUrl, name);
    }
  }, 90_000);

  it('refuses to start on a port that is taken, naming WORKER_HTTP_PORT', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    try {
      const { port } = taken.address() as { port: number };
      const result = await runTs('worker/index.ts', [], { WORKER_HTTP_PORT: String(port) });
      expect(result.code).toBe(1);
      expect(result.stdout + result.stderr).toContain(
        `WORKER_HTTP_PORT ${port} on 127.0.0.1 is already in use: set WORKER_HTTP_PORT to a free port, or 0`,
      );
    } finally {
      taken.close();
    }
  }, 60_000);
});
