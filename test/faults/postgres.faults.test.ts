import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sleep } from './harness/ports';
import { startPostgres, stopPostgres } from './harness/postgres';
import { runScenario } from './harness/scenario';
import { type Stack, startStack } from './harness/stack';

const postgres = inject('faultPostgres');
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vhostUrl: inject('faultVhostUrl'), databaseUrl: process.env.DATABASE_URL! });
});
afterAll(async () => {
  await stack?.close();
});

async function superuser(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: postgres.serverUrl });
  client.on('error', () => {});
  await client.connect();
  return client;
}

describe('PostgreSQL faults under load', () => {
  it('PostgreSQL restarted (fast shutdown, 3 s down): the invariants hold', async () => {
    const outcome = await runScenario(stack, {
      order: 3,
      fault: 'restart PostgreSQL (fast shutdown, 3 s down)',
      loadSeconds: 30,
      faultAfterSeconds: 6,
      async inject() {
        const start = Date.now();
        await stopPostgres(postgres);
        await sleep(3_000);
        await startPostgres(postgres);
        return { start, end: Date.now() };
      },
    });
    expect(outcome.problems).toEqual([]);
  });

  it('every backend terminated (pg_terminate_backend): the invariants hold', async () => {
    const outcome = await runScenario(stack, {
      order: 4,
      fault: 'terminate every backend (pg_terminate_backend)',
      loadSeconds: 25,
      faultAfterSeconds: 6,
      async inject() {
        const client = await superuser();
        const start = Date.now();
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
           WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        );
        const end = Date.now();
        await client.end();
        process.stdout.write(`[faults] terminated ${rows[0]!.n} backends\n`);
        expect(rows[0]!.n).toBeGreaterThan(5);
        return { start, end };
      },
    });
    expect(outcome.problems).toEqual([]);
  });

  it('every connection slot taken for 15 s (pool exhausted): the invariants hold', async () => {
    const outcome = await runScenario(stack, {
      order: 5,
      fault: 'exhaust the connections (every slot of max_connections taken for 15 s)',
      loadSeconds: 32,
      faultAfterSeconds: 6,
      async inject() {
        const hogs: pg.Client[] = [];
        const start = Date.now();
        // Superuser connections may use the reserved slots too: take until the server refuses.
        for (;;) {
          try {
            hogs.push(await superuser());
          } catch (error) {
            if (!/too many clients|remaining connection slots/i.test((error as Error).message)) throw error;
            break;
          }
        }
        process.stdout.write(`[faults] took ${hogs.length} free connection slots\n`);
        await sleep(15_000);
        await Promise.all(hogs.map((c) => c.end().catch(() => {})));
        return { start, end: Date.now() };
      },
    });
    expect(outcome.problems).toEqual([]);
  });
});
