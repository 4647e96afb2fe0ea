import type { PgBoss } from 'pg-boss';
import type { Db } from '../db';
import { env } from '../env';
import type { Logger } from '../logger';
import { type AlertEvaluator, startAlertEvaluator } from './evaluator';

/** The evaluator as a process runs it, configured from the environment (ALERT_EVALUATION_SECONDS, CONSOLE_URL). */
export function startAlertEvaluation(deps: {
  db: Db;
  connectionString: string;
  boss: Pick<PgBoss, 'getQueueStats'>;
  log: Logger;
}): AlertEvaluator {
  const config = env();
  return startAlertEvaluator({
    db: deps.db,
    connectionString: deps.connectionString,
    log: deps.log,
    intervalSeconds: config.ALERT_EVALUATION_SECONDS,
    heartbeatSeconds: config.WORKER_HEARTBEAT_SECONDS,
    consoleUrl: config.CONSOLE_URL ?? config.NEXTAUTH_URL,
    // pg-boss's own counts (kept by its monitor pass, about once a minute), not a scan of its job table.
    queueDepth: async (queue) => (await deps.boss.getQueueStats(queue))[0]?.readyCount ?? 0,
  });
}
