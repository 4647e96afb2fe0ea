import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { startAlertEvaluation } from '../lib/alerts/start';
import { closeProviders } from '../lib/channels/registry';
import { keyring } from '../lib/crypto/keyring';
import { closeDb, databaseUrl, db } from '../lib/db';
import { migrateDatabase } from '../lib/db/migrate';
import { startReclaimer } from '../lib/delivery/reclaim';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { scheduleRetention } from '../lib/maintenance/schedule';
import { createBoss, startBoss } from '../lib/queue/boss';
import { bossQueue } from '../lib/queue/job-queue';
import { startHeartbeat } from '../lib/worker/heartbeat';
import { startWorkerHttp } from '../lib/worker/http-server';
import { checkWorkerReadiness } from '../lib/worker/readiness';
import { registerJobs } from './register-jobs';
import { startTriggerManager } from './trigger-manager';

const DRAIN_TIMEOUT_MS = 30_000;

/**
 * The worker process: applies migrations, starts pg-boss, registers job handlers and consumers, and
 * heartbeats. SIGTERM/SIGINT drain in-flight jobs (up to 30 s) before exiting.
 */
async function main(): Promise<void> {
  const config = env();
  keyring();
  const url = databaseUrl();
  // Listening first, so liveness answers (and readiness says not yet) while migrations run.
  const readiness = { queueStarted: false, draining: false };
  const http = await startWorkerHttp({
    host: config.WORKER_HTTP_HOST,
    port: config.WORKER_HTTP_PORT,
    ready: () => checkWorkerReadiness(db(), readiness),
    onError: (error) => logger.error({ err: error }, 'worker HTTP request failed'),
  });
  logger.info({ host: http.host, port: http.port }, `worker HTTP on http://${http.host}:${http.port}`);
  await migrateDatabase(url);

  const boss = await startBoss(createBoss(url, 'worker'));
  readiness.queueStarted = true;
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // The heartbeat comes first: deliveries this worker claims are its as long as the heartbeat is fresh.
  const heartbeat = await startHeartbeat(
    db(),
    workerId,
    config.WORKER_HEARTBEAT_SECONDS,
    process.env.npm_package_version,
    { http: { host: http.host, port: http.port } },
  );
  const stopping = new AbortController();
  const deps = { db: db(), queue: bossQueue(boss), workerId, stopping: stopping.signal };
  await registerJobs(boss, deps, logger);
  await scheduleRetention(boss);
  const reclaimer = startReclaimer(deps);
  const triggers = await startTriggerManager({ connectionString: url, deps, workerId, log: logger });
  const alerts = startAlertEvaluation({ db: db(), connectionString: url, boss, log: logger });
  logger.info({ workerId }, 'worker started');

  const shutdown = async (signal: string) => {
    if (stopping.signal.aborted) return;
    stopping.abort();
    readiness.draining = true;
    logger.info({ signal }, 'worker draining');
    await heartbeat.setState('draining').catch(() => {});
    // Sources first (they finish storing what they hold and commit offsets / ack), then the job queue.
    reclaimer.stop();
    await alerts.stop();
    await triggers.stop();
    await boss.stop({ graceful: true, timeout: DRAIN_TIMEOUT_MS, close: true });
    await closeProviders();
    await heartbeat.stop();
    await http.close();
    await closeDb();
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  logger.fatal({ err: error }, `worker failed to start: ${(error as Error).message}`);
  process.exit(1);
});
