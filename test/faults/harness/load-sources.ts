import amqp, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { Producer } from 'kafkajs';
import { sleep } from './ports';

/** One event the load offered, once its source accepted it. */
export interface Accepted {
  uid: string;
  source: 'api' | 'kafka' | 'rabbitmq';
  recipients: number;
  acceptedAt: number;
  /** Kafka: the record's topic/partition/offset, which is the event's source id. */
  sourceId?: string;
}

export interface LoadEvent {
  uid: string;
  recipients: string[];
}

export const eventBody = (e: LoadEvent) => ({
  event_type: 'fault.load',
  data: { uid: e.uid, recipients: e.recipients },
});

export interface Source {
  offer(e: LoadEvent): void;
  /** Offers still waiting for their source's answer. */
  pending(): number;
  /** Stops retrying at `deadline` (ms); resolves once nothing is pending. */
  settle(deadline: number): Promise<void>;
  close(): Promise<void>;
}

async function settleBy(source: Pick<Source, 'pending'>, deadline: number) {
  while (source.pending() > 0 && Date.now() < deadline) await sleep(50);
}

/**
 * REST: POST /api/v1/events with the uid as Idempotency-Key. A 2xx is acceptance; a connection error, a 5xx,
 * 409 (same key still being written) or 429 is retried with the same key until the deadline, as a client of a
 * web process that was killed would do.
 */
export function restSource(
  url: () => string,
  apiKey: string,
  onAccepted: (a: Accepted) => void,
  onRejected: (uid: string, why: string) => void,
): Source & { inFlight(): number } {
  let pending = 0;
  let inFlight = 0;
  let deadline = Number.POSITIVE_INFINITY;
  const attempt = async (e: LoadEvent) => {
    for (let tries = 0; ; tries++) {
      inFlight++;
      let retry: string;
      try {
        const res = await fetch(`${url()}/api/v1/events`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${apiKey}`,
            'content-type': 'application/json',
            'idempotency-key': e.uid,
          },
          body: JSON.stringify(eventBody(e)),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        if (res.status >= 200 && res.status < 300) {
          onAccepted({ uid: e.uid, source: 'api', recipients: e.recipients.length, acceptedAt: Date.now() });
          return;
        }
        if (res.status < 500 && res.status !== 409 && res.status !== 429) {
          onRejected(e.uid, `HTTP ${res.status}: ${text.slice(0, 200)}`);
          return;
        }
        retry = `HTTP ${res.status}`;
      } catch (error) {
        retry = (error as Error).message;
      } finally {
        inFlight--;
      }
      if (Date.now() > deadline) {
        onRejected(e.uid, `gave up: ${retry}`);
        return;
      }
      await sleep(Math.min(2000, 250 * 2 ** Math.min(tries, 3)));
    }
  };
  return {
    offer(e) {
      pending++;
      void attempt(e).finally(() => pending--);
    },
    pending: () => pending,
    inFlight: () => inFlight,
    async settle(at) {
      deadline = at;
      await settleBy({ pending: () => pending }, at + 20_000);
      // The next scenario's load retries again without a deadline until it settles in turn.
      deadline = Number.POSITIVE_INFINITY;
    },
    async close() {},
  };
}

/**
 * Kafka: one record per send, acks from all in-sync replicas; the acknowledged record's coordinates are the
 * event's source id. A send that fails (broker down) was not accepted and is not retried by the load: a retry
 * would be a new record, hence a new event. At most 50 sends wait at a time; beyond that the load skips.
 */
export function kafkaSource(
  producer: Producer,
  topic: string,
  onAccepted: (a: Accepted) => void,
  onRejected: (uid: string, why: string) => void,
): Source {
  let pending = 0;
  let reconnecting: Promise<void> | undefined;
  const send = async (e: LoadEvent) => {
    try {
      await reconnecting;
      const [meta] = await producer.send({
        topic,
        messages: [{ key: e.uid, value: JSON.stringify(eventBody(e)) }],
      });
      onAccepted({
        uid: e.uid,
        source: 'kafka',
        recipients: e.recipients.length,
        acceptedAt: Date.now(),
        sourceId: `${topic}/${meta!.partition}/${meta!.baseOffset}`,
      });
    } catch (error) {
      onRejected(e.uid, (error as Error).message);
      if (/disconnected/i.test((error as Error).message))
        reconnecting ??= producer
          .connect()
          .catch(() => {})
          .finally(() => {
            reconnecting = undefined;
          });
    }
  };
  return {
    offer(e) {
      if (pending >= 50) return onRejected(e.uid, 'skipped: 50 sends waiting');
      pending++;
      void send(e).finally(() => pending--);
    },
    pending: () => pending,
    settle: (at) => settleBy({ pending: () => pending }, at + 30_000),
    close: () => producer.disconnect(),
  };
}

/**
 * RabbitMQ: a confirm channel; a publish is accepted once the broker confirms it. The message-id is the uid, so
 * a message whose confirm was lost with its connection is published again after a reconnect without making a
 * second event (the product dedupes on queue:message-id).
 */
export function rabbitSource(
  url: string,
  queue: string,
  onAccepted: (a: Accepted) => void,
  onRejected: (uid: string, why: string) => void,
): Source & { reconnects(): number; ready(): Promise<void> } {
  const unconfirmed = new Map<string, LoadEvent>();
  let connection: ChannelModel | undefined;
  let channel: ConfirmChannel | undefined;
  let closed = false;
  let reconnects = 0;

  const publish = (e: LoadEvent) => {
    if (!channel) return;
    const body = Buffer.from(JSON.stringify(eventBody(e)));
    try {
      channel.sendToQueue(queue, body, { messageId: e.uid, persistent: true }, (error) => {
        if (error || !unconfirmed.has(e.uid)) return; // nacked or lost: published again after a reconnect
        unconfirmed.delete(e.uid);
        onAccepted({
          uid: e.uid,
          source: 'rabbitmq',
          recipients: e.recipients.length,
          acceptedAt: Date.now(),
        });
      });
    } catch {
      // the channel is closing: the reconnect publishes it again
    }
  };
  const connect = async (): Promise<void> => {
    while (!closed) {
      try {
        const conn = await amqp.connect(url);
        const ch = await conn.createConfirmChannel();
        conn.on('error', () => {});
        ch.on('error', () => {});
        conn.on('close', () => {
          connection = undefined;
          channel = undefined;
          if (!closed) {
            reconnects++;
            void sleep(300).then(connect);
          }
        });
        connection = conn;
        channel = ch;
        for (const e of unconfirmed.values()) publish(e);
        return;
      } catch {
        await sleep(500);
      }
    }
  };
  let republisher: NodeJS.Timeout | undefined;
  return {
    ready: () => connect(),
    offer(e) {
      unconfirmed.set(e.uid, e);
      publish(e);
      // Nacked messages are published again every few seconds while the connection stands.
      republisher ??= setInterval(() => {
        for (const pendingEvent of unconfirmed.values()) publish(pendingEvent);
      }, 5_000);
    },
    pending: () => unconfirmed.size,
    reconnects: () => reconnects,
    async settle(at) {
      await settleBy({ pending: () => unconfirmed.size }, at + 20_000);
      for (const uid of unconfirmed.keys()) onRejected(uid, 'never confirmed');
      unconfirmed.clear();
    },
    async close() {
      closed = true;
      clearInterval(republisher);
      await connection?.close().catch(() => {});
    },
  };
}
