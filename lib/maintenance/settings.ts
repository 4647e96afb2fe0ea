import { env } from '../env';

export interface RetentionSettings {
  /** Events received longer ago than this many days are deleted; undefined keeps them forever. */
  eventsDays?: number;
  /** Messages in a final state created longer ago are deleted (with their attempts); undefined keeps them. */
  messagesDays?: number;
  /** Rows per DELETE statement. */
  batchSize: number;
  /** Pause between two batches, so deliveries and other writers get the tables and the disk in between. */
  pauseMs: number;
}

export function retentionSettings(): RetentionSettings {
  const config = env();
  return {
    eventsDays: config.EVENTS_RETENTION_DAYS,
    messagesDays: config.MESSAGES_RETENTION_DAYS,
    batchSize: config.RETENTION_BATCH_SIZE,
    pauseMs: 100,
  };
}

export const retentionEnabled = (settings: RetentionSettings) =>
  settings.eventsDays !== undefined || settings.messagesDays !== undefined;
