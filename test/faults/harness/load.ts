import type { Accepted, LoadEvent, Source } from './load-sources';

export interface LoadResult {
  offered: number;
  accepted: Accepted[];
  rejected: { uid: string; why: string }[];
  /** Events per second actually offered, over the load's duration. */
  rate: number;
  seconds: number;
}

export interface RunningLoad {
  accepted: Accepted[];
  rejected: { uid: string; why: string }[];
  /** Stops offering new events, lets the sources settle (retries, confirms) until `graceMs`, then reports. */
  stop(graceMs?: number): Promise<LoadResult>;
}

export interface LoadSources {
  api: Source;
  kafka: Source;
  rabbitmq: Source;
}

/**
 * A steady load: `perSecond` events in total, round-robin over REST, Kafka and RabbitMQ, every 100 ms a tick.
 * Event n of the scenario has uid `<prefix>-<n>` and 1–3 recipients, so it must end with exactly that many
 * messages.
 */
export function startLoad(
  prefix: string,
  perSecond: number,
  sources: LoadSources,
  sink: { accepted: Accepted[]; rejected: { uid: string; why: string }[] },
): RunningLoad {
  const order: Source[] = [sources.api, sources.kafka, sources.rabbitmq];
  const started = Date.now();
  let offered = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * perSecond);
    while (offered < due) {
      const n = offered++;
      const event: LoadEvent = {
        uid: `${prefix}-${n}`,
        // 1–3 recipients, cycling independently of the source (n % 3 picks the source).
        recipients: Array.from({ length: 1 + (Math.floor(n / 3) % 3) }, (_, i) => `r${i}`),
      };
      order[n % order.length]!.offer(event);
    }
  }, 100);
  return {
    accepted: sink.accepted,
    rejected: sink.rejected,
    async stop(graceMs = 30_000) {
      clearInterval(timer);
      const seconds = (Date.now() - started) / 1000;
      const deadline = Date.now() + graceMs;
      await Promise.all(order.map((s) => s.settle(deadline)));
      return {
        offered,
        accepted: sink.accepted,
        rejected: sink.rejected,
        rate: offered / seconds,
        seconds,
      };
    },
  };
}
