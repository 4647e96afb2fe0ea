import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { faultKafkaBroker, stopFaultKafka } from './harness/kafka-broker';
import { sleep } from './harness/ports';
import { closeAllConnections } from './harness/rabbit-vhost';
import { runScenario } from './harness/scenario';
import { type Stack, startStack } from './harness/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vhostUrl: inject('faultVhostUrl'), databaseUrl: process.env.DATABASE_URL! });
});
afterAll(async () => {
  // A failed scenario must not leave the broker down for the next file.
  await faultKafkaBroker('start');
  await stack?.close();
});

describe('broker faults under load', () => {
  it('the Kafka broker stopped for 20 s: the invariants hold', async () => {
    const outcome = await runScenario(stack, {
      order: 6,
      fault: 'stop the Kafka broker for 20 s',
      loadSeconds: 45,
      faultAfterSeconds: 5,
      async inject() {
        const start = Date.now();
        await stopFaultKafka();
        await sleep(20_000);
        await faultKafkaBroker('start');
        return { start, end: Date.now() };
      },
    });
    expect(outcome.problems).toEqual([]);
  });

  it("every RabbitMQ connection of the vhost force-closed (the workers' and the publisher's): the invariants hold", async () => {
    const before = stack.rabbitReconnects();
    const outcome = await runScenario(stack, {
      order: 7,
      fault: 'force-close every RabbitMQ connection',
      loadSeconds: 25,
      faultAfterSeconds: 6,
      async inject() {
        const start = Date.now();
        await closeAllConnections(inject('faultVhost'));
        return { start, end: Date.now() };
      },
    });
    expect(outcome.problems).toEqual([]);
    // The publisher's own connection was closed too: the fault reached the vhost.
    expect(stack.rabbitReconnects()).toBeGreaterThan(before);
  });
});
