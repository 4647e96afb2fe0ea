import { createServer, type Socket } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as item from '../app/api/v1/triggers/[id]/route';
import { db, schema } from '../lib/db';
import { logger } from '../lib/logger';
import { startTriggerManager } from '../worker/trigger-manager';
import { eventTrigger, rabbitmqAndWorkerForFile, rabbitmqTrigger } from './support/broker-triggers';
import { waitForCount } from './support/brokers';
import { eventsOf } from './support/event-counts';
import { call, makeApiKey, uniq } from './support/factories';
import { waitFor } from './support/pipeline';
import { sleep } from './support/trigger-runtime';

// One trigger whose broker never answers must not hold up the others: the manager starts runtimes side by side,
// gives up on a start after its timeout (reported as the consumer's error, tried again later) and leaves nothing
// running behind.

const rabbit = rabbitmqAndWorkerForFile();

/** A TCP server that accepts connections and never answers: a broker behind a broken proxy or a full host. */
async function blackHole() {
  const open = new Set<Socket>();
  let accepted = 0;
  let mostOpen = 0;
  const server = createServer((socket) => {
    accepted++;
    open.add(socket);
    mostOpen = Math.max(mostOpen, open.size);
    socket.on('error', () => {});
    socket.resume(); // reads and drops requests, so a client's close is seen
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as { port: number }).port}`,
    accepted: () => accepted,
    open: () => open.size,
    mostOpen: () => mostOpen,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function statusOf(triggerId: string, workerId: string) {
  const [row] = await db()
    .select()
    .from(schema.consumerStatus)
    .where(and(eq(schema.consumerStatus.triggerId, triggerId), eq(schema.consumerStatus.workerId, workerId)));
  return row;
}

const inState = (triggerId: string, workerId: string, state: string) => async () => {
  const row = await statusOf(triggerId, workerId);
  return row?.state === state && row;
};

describe('trigger manager: a start that hangs', () => {
  it('a Kafka broker that never answers holds up no other trigger and leaves nothing behind', async () => {
    const hole = await blackHole();
    const key = (await makeApiKey('admin')).key;
    const workerId = `slow-start-${uniq()}`;
    const manager = await startTriggerManager({
      connectionString: process.env.DATABASE_URL!,
      deps: rabbit.worker.deps,
      workerId,
      log: logger,
      startTimeoutMs: 3_000,
    });
    // The Kafka trigger first: its start is under way (and hangs) when the RabbitMQ trigger is created.
    const { trigger: stuck } = await eventTrigger({
      queue_type: 'kafka',
      brokers: [hole.address],
      topic: `sb-hole-${uniq()}`,
      consumer_group: `sb-hole-${uniq()}`,
    });
    await waitFor(inState(stuck.id, workerId, 'connecting'), 5_000, 'Kafka start under way');
    const { exchange, trigger } = await rabbitmqTrigger({ routing_key: '#' });
    let stoppedIn = Number.POSITIVE_INFINITY;
    try {
      // The RabbitMQ consumer runs within seconds and ingests, while the Kafka start hangs.
      await waitFor(inState(trigger.id, workerId, 'running'), 5_000, 'RabbitMQ consumer running');
      await sleep(300); // the consumer has bound its queue
      rabbit.channel.publish(exchange, 'slow.start', Buffer.from('{"event_type":"slow.start","data":{}}'));
      await waitForCount(() => eventsOf(trigger.id), 1, 5_000, 'RabbitMQ event stored');

      // The stuck one says why, once its start timed out, instead of staying silent.
      // (The runtime's own report of the abandoned connect comes first; the manager's follows it.)
      const failed = await waitFor(
        async () => {
          const row = await statusOf(stuck.id, workerId);
          return row?.state === 'error' && row.lastError?.startsWith('did not start within 3 s') && row;
        },
        8_000,
        'Kafka start reported timed out',
      );
      expect(failed.lastError).toMatch(/^did not start within 3 s/);
      expect(hole.accepted()).toBeGreaterThan(0);

      // A pause is applied at once although the Kafka start is still being retried.
      const paused = await call(item.PATCH, {
        method: 'PATCH',
        params: { id: trigger.id },
        body: { enabled: false },
        key,
      });
      expect(paused.status).toBe(200);
      await waitFor(inState(trigger.id, workerId, 'stopped'), 5_000, 'paused RabbitMQ consumer stopped');

      // It is tried again on later passes, never two at once, with the broker named in its last error.
      const tried = hole.accepted();
      await waitFor(async () => hole.accepted() > tried, 15_000, 'Kafka start tried again');
      await waitFor(
        async () => (await statusOf(stuck.id, workerId))?.lastError?.includes(hole.address),
        15_000,
        'last error naming the broker',
      );
      expect(hole.mostOpen()).toBe(1);
    } finally {
      const stopping = Date.now();
      await manager.stop();
      stoppedIn = Date.now() - stopping;
    }
    // Shutdown does not wait on the hung broker, and no abandoned client keeps connecting in the background.
    expect(stoppedIn).toBeLessThan(5_000);
    await waitFor(async () => hole.open() === 0, 5_000, 'black hole connections closed');
    const after = hole.accepted();
    await sleep(12_000);
    expect(hole.accepted()).toBe(after);
    await hole.close();
  }, 90_000);
});
