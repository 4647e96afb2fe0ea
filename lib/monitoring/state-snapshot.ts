import type { Db } from '../db';
import { replicaStatuses } from '../db/replicas';
import { env } from '../env';
import {
  type ReplicaState,
  registerStateMetrics,
  type StateSnapshot,
  setReplicaStateSource,
  setStateSource,
} from '../metrics/state';
import { QUEUES } from '../queue/queues';

/**
 * Queue depth, consumers and live workers in ONE round trip. Consumers count while their row is younger than
 * two minutes (`consumerIsCurrent`); workers are live as in the health check: running, heartbeat younger than
 * three intervals.
 */
const STATE_SQL = `SELECT
  (SELECT coalesce(json_agg(q), '[]') FROM (
     SELECT name AS queue, state::text AS state, count(*)::int AS jobs FROM pgboss.job
     WHERE state IN ('created', 'retry', 'active') GROUP BY 1, 2) q) AS queues,
  (SELECT coalesce(json_agg(c), '[]') FROM (
     SELECT trigger_id AS "triggerId", state, count(*)::int AS consumers, sum(lag)::float8 AS lag
     FROM consumer_status WHERE updated_at > now() - interval '2 minutes' GROUP BY 1, 2) c) AS consumers,
  (SELECT count(*)::int FROM worker_heartbeats
   WHERE state = 'running' AND last_seen_at > now() - make_interval(secs => $1)) AS "liveWorkers"`;

const JOB_STATES = ['created', 'retry', 'active'];

export async function readStateSnapshot(database: Db): Promise<StateSnapshot> {
  const { rows } = await database.$client.query<StateSnapshot>(STATE_SQL, [
    env().WORKER_HEARTBEAT_SECONDS * 3,
  ]);
  const row = rows[0]!;
  // Every queue and state appears, at 0 when empty, so alert expressions never see a missing series.
  const counts = new Map(row.queues.map((q) => [`${q.queue}/${q.state}`, q.jobs]));
  const queues = Object.values(QUEUES).flatMap((queue) =>
    JOB_STATES.map((state) => ({ queue, state, jobs: counts.get(`${queue}/${state}`) ?? 0 })),
  );
  return { ...row, queues };
}

/** A replica's label: host, port and database, never its credentials. */
function replicaName(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'unparsable';
  }
}

/** The replica routing's own view (checked in the background), so a scrape adds no round trip to a replica. */
async function readReplicaStates(): Promise<ReplicaState[]> {
  return replicaStatuses().map((r) => ({
    replica: replicaName(r.url),
    up: r.state === 'up',
    lagSeconds: r.lag_seconds,
  }));
}

/** Makes this process's /metrics show the state gauges, read from `database` and the replica routing. */
export function serveStateMetrics(database: () => Db): void {
  registerStateMetrics();
  setStateSource(() => readStateSnapshot(database()));
  setReplicaStateSource(readReplicaStates);
}
