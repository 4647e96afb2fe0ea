import type { PgBoss } from 'pg-boss';
import { QUEUES } from '../queue/queues';
import { type RetentionSettings, retentionEnabled, retentionSettings } from './settings';

/** Every day at 03:17 UTC: off the hour, when most installations are quiet. */
export const RETENTION_CRON = '17 3 * * *';

/**
 * Registers the daily retention job with pg-boss's scheduler when a limit is set (and removes it when none is).
 * Every worker calls this at start; the schedule is one row, and pg-boss sends each occurrence once, so one
 * worker runs it.
 */
export async function scheduleRetention(boss: PgBoss, settings: RetentionSettings = retentionSettings()) {
  if (retentionEnabled(settings)) await boss.schedule(QUEUES.retention, RETENTION_CRON, {}, { tz: 'UTC' });
  else await boss.unschedule(QUEUES.retention);
}
