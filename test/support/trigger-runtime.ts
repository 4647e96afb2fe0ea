import { eq } from 'drizzle-orm';
import { db, schema } from '../../lib/db';
import type { EngineDeps } from '../../lib/deps';
import { logger } from '../../lib/logger';
import type { RuntimeContext, StatusUpdate } from '../../lib/triggers/runtime/types';
import { openTriggerConfig } from '../../lib/triggers/secrets';

/**
 * What the worker's trigger manager hands a runtime, built from the stored trigger: its config decrypted and,
 * for tests that need a faster clock than the API allows (poll intervals), some config values replaced.
 * Status reports are recorded instead of written.
 */
export async function runtimeContext(
  triggerId: string,
  workerId: string,
  deps: EngineDeps,
  configOverrides: Record<string, unknown> = {},
): Promise<{ ctx: RuntimeContext; reports: StatusUpdate[] }> {
  const [row] = await db().select().from(schema.triggers).where(eq(schema.triggers.id, triggerId));
  if (!row) throw new Error(`no trigger ${triggerId}`);
  const reports: StatusUpdate[] = [];
  const ctx: RuntimeContext = {
    trigger: { ...row, config: { ...openTriggerConfig(row.type, row.config), ...configOverrides } },
    workerId,
    deps,
    log: logger.child({ workerId }),
    report: async (update) => {
      reports.push(update);
    },
  };
  return { ctx, reports };
}

export async function eventsOfTrigger(triggerId: string) {
  return db().select().from(schema.events).where(eq(schema.events.triggerId, triggerId));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
