import type { Gauge } from 'prom-client';
import { gauge } from './define';

/** What the state gauges show, read from the database when Prometheus scrapes. */
export interface StateSnapshot {
  /** Jobs per pg-boss queue and state (created, retry, active), zeros included. */
  queues: { queue: string; state: string; jobs: number }[];
  /** Current consumers (recently reporting) per trigger and state, with their summed lag where reported. */
  consumers: { triggerId: string; state: string; consumers: number; lag: number | null }[];
  /** Workers heartbeating and running, by the health check's rule. */
  liveWorkers: number;
}

export interface ReplicaState {
  /** A name for the replica that holds no credentials (host:port/database). */
  replica: string;
  up: boolean;
  lagSeconds: number | null;
}

/** A scrape storm reads the database at most once per this many milliseconds. */
const CACHE_MS = 2000;

interface Source<T> {
  read?: () => Promise<T>;
  at: number;
  value?: Promise<T | undefined>;
}

const holder = globalThis as {
  __switchboardState?: { state: Source<StateSnapshot>; replicas: Source<ReplicaState[]> };
};
holder.__switchboardState ??= { state: { at: 0 }, replicas: { at: 0 } };
const sources = holder.__switchboardState;

function cached<T>(source: Source<T>): Promise<T | undefined> {
  if (!source.read) return Promise.resolve(undefined);
  const now = Date.now();
  if (!source.value || now - source.at > CACHE_MS) {
    source.at = now;
    // A failed read shows as switchboard_state_up 0 and no state gauges, never as a failed scrape.
    source.value = source.read().catch(() => undefined);
  }
  return source.value;
}

/** Sets where the state gauges read from (the process wires it up; lib/metrics knows no database). */
export function setStateSource(read: () => Promise<StateSnapshot>): void {
  sources.state.read = read;
  sources.state.value = undefined;
}

/**
 * The hook for replica routing: a function giving each read replica's state and lag. Until one is set,
 * the replica gauges are absent.
 */
export function setReplicaStateSource(read: () => Promise<ReplicaState[]>): void {
  sources.replicas.read = read;
  sources.replicas.value = undefined;
}

/** A gauge recomputed at scrape time from the cached snapshot; old label sets are dropped first. */
function stateGauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  fill: (g: Gauge<L>, s: StateSnapshot) => void,
): void {
  gauge({
    name,
    help,
    labelNames,
    async collect() {
      const snapshot = await cached(sources.state);
      this.reset();
      if (snapshot) fill(this, snapshot);
    },
  });
}

/** Registers the state gauges (idempotent). Call it in processes that serve metrics. */
export function registerStateMetrics(): void {
  gauge({
    name: 'switchboard_state_up',
    help: '1 when the last read of queue, consumer and worker state from the database succeeded, else 0.',
    labelNames: [],
    async collect() {
      this.set((await cached(sources.state)) ? 1 : 0);
    },
  });
  stateGauge(
    'switchboard_queue_jobs',
    'Jobs waiting or running per pg-boss queue and state (created, retry, active).',
    ['queue', 'state'],
    (g, s) => {
      for (const q of s.queues) g.set({ queue: q.queue, state: q.state }, q.jobs);
    },
  );
  stateGauge(
    'switchboard_consumer_lag_messages',
    'Messages a trigger consumer has yet to read at its source (summed over its current consumers).',
    ['trigger_id'],
    (g, s) => {
      const lag = new Map<string, number>();
      for (const c of s.consumers) {
        if (c.lag !== null) lag.set(c.triggerId, (lag.get(c.triggerId) ?? 0) + c.lag);
      }
      for (const [triggerId, value] of lag) g.set({ trigger_id: triggerId }, value);
    },
  );
  stateGauge(
    'switchboard_consumers',
    'Trigger consumers currently reporting, per trigger and state (connecting, running, paused, error, stopped).',
    ['trigger_id', 'state'],
    (g, s) => {
      for (const c of s.consumers) g.set({ trigger_id: c.triggerId, state: c.state }, c.consumers);
    },
  );
  stateGauge('switchboard_workers_live', 'Workers running with a fresh heartbeat.', [], (g, s) =>
    g.set(s.liveWorkers),
  );
  gauge({
    name: 'switchboard_db_replica_up',
    help: '1 while a read replica is used (reachable and within REPLICA_MAX_LAG_SECONDS), else 0.',
    labelNames: ['replica'],
    async collect() {
      const replicas = await cached(sources.replicas);
      this.reset();
      for (const r of replicas ?? []) this.set({ replica: r.replica }, r.up ? 1 : 0);
    },
  });
  gauge({
    name: 'switchboard_db_replica_lag_seconds',
    help: 'How far a read replica is behind the primary, in seconds.',
    labelNames: ['replica'],
    async collect() {
      const replicas = await cached(sources.replicas);
      this.reset();
      for (const r of replicas ?? [])
        if (r.lagSeconds !== null) this.set({ replica: r.replica }, r.lagSeconds);
    },
  });
}
