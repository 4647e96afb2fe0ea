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

describe('a retry storm', () => {
  it('a sink answering random 5xx, 429 with Retry-After and timeouts for 25 s: every message delivered, dead with a reason or scheduled', async () => {
    const outcome = await runScenario(stack, {
      order: 8,
      fault: 'retry storm: the sink answers 5xx / 429 + Retry-After / hangs (53 %) for 25 s',
      loadSeconds: 32,
      faultAfterSeconds: 3,
      async inject({ sink }) {
        const start = Date.now();
        sink.setMode('storm');
        await sleep(25_000);
        sink.setMode('healthy');
        return { start, end: Date.now() };
      },
    });
    expect(outcome.problems).toEqual([]);
    // The storm was real: some messages needed more than one attempt.
    const answers = [...stack.sink.ledger().answers.values()];
    expect(answers.filter((a) => a.some((x) => x !== '200')).length).toBeGreaterThan(50);
  });
});
