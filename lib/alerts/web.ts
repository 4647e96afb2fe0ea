import { databaseUrl, db } from '../db';
import { logger } from '../logger';
import { queueClient } from '../queue/boss';
import { startAlertEvaluation } from './start';

const holder = globalThis as typeof globalThis & { __switchboardAlerts?: boolean };

/**
 * The web process stands by for the evaluator's lock as well as the workers: a `no_live_worker` rule must be
 * evaluated by someone when every worker is down. Once per process (Next.js dev may register twice).
 */
export function standByForAlerts(): void {
  if (holder.__switchboardAlerts) return;
  holder.__switchboardAlerts = true;
  const url = databaseUrl();
  startAlertEvaluation({
    db: db(),
    connectionString: url,
    boss: { getQueueStats: async (queue) => (await queueClient(url)).getQueueStats(queue) },
    log: logger,
  });
}
