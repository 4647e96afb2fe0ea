import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sleep } from './harness/ports';
import { runScenario } from './harness/scenario';
import { type Stack, startStack } from './harness/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vhostUrl: inject('faultVhostUrl'), databaseUrl: process.env.DATABASE_URL! });
});
afterAll(async () => {
  await stack?.close();
});

/** Worker ids are `<host>:<pid>:<random>`: waits for the heartbeat row of the process with that pid. */
async function heartbeatOf(pid: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { rowCount } = await stack.pool
      .query('SELECT 1 FROM worker_heartbeats WHERE worker_id LIKE $1', [`%:${pid}:%`])
      .catch(() => ({ rowCount: 0 }));
    if (rowCount) return;
    await sleep(100);
  }
  throw new Error(`worker ${pid} wrote no heartbeat within 60 s`);
}

describe('process crashes under load', () => {
  it('a worker SIGKILLed three times in a row (restarted each time): the invariants hold', async () => {
    const outcome = await runScenario(stack, {
      order: 1,
      fault: 'SIGKILL a worker, 3 times in a row (restarted after each)',
      loadSeconds: 30,
      faultAfterSeconds: 5,
      async inject({ workers }) {
        const start = Date.now();
        for (let i = 0; i < 3; i++) {
          await workers[0]!.kill();
          await workers[0]!.start(false);
          // Back once it heartbeats (it claims deliveries from then on); its Kafka consumer joins the group
          // only after the killed member's session times out, which the recovery time shows.
          await heartbeatOf(workers[0]!.child.pid!);
          if (i < 2) await sleep(4_000);
        }
        return { start, end: Date.now() };
      },
    });
    expect(outcome.problems).toEqual([]);
  });

  it('the web process SIGKILLed mid-request (restarted): the invariants hold', async () => {
    const outcome = await runScenario(stack, {
      order: 2,
      fault: 'SIGKILL the web process mid-request (restarted)',
      loadSeconds: 25,
      faultAfterSeconds: 6,
      async inject({ web, sources }) {
        // Kill while at least one REST request is being answered.
        while (sources.api.inFlight() === 0) await sleep(1);
        const inFlight = sources.api.inFlight();
        const start = Date.now();
        await web.kill();
        process.stdout.write(`[faults] web SIGKILLed with ${inFlight} request(s) in flight\n`);
        await web.start();
        return { start, end: Date.now() };
      },
    });
    expect(outcome.problems).toEqual([]);
  });
});
