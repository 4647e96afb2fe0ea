import { and, eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { schema } from '../lib/db';
import type { EngineDeps } from '../lib/deps';
import type { Logger } from '../lib/logger';
import { RUNTIME_TRIGGER_TYPES, runtimeFor } from '../lib/triggers/runtime';
import { reportConsumerStatus } from '../lib/triggers/runtime/status';
import type { TriggerRuntime } from '../lib/triggers/runtime/types';
import { openTriggerConfig } from '../lib/triggers/secrets';

export const TRIGGERS_CHANNEL = 'switchboard_triggers';
const RECONCILE_MS = 2_000;

interface Running {
  version: number;
  runtime: TriggerRuntime;
}

/**
 * Runs one consumer / timer / poller per enabled trigger in this worker and keeps them in step with the
 * database: a trigger created, edited (version bump), disabled or deleted is started, restarted or stopped
 * within seconds. Changes arrive by NOTIFY (sent by the trigger service in the same transaction) and, as a
 * backstop, by reconciling every 2 s.
 */
export async function startTriggerManager(options: {
  connectionString: string;
  deps: EngineDeps;
  workerId: string;
  log: Logger;
}) {
  const { deps, workerId, log } = options;
  const running = new Map<string, Running>();
  const starting = new Set<string>();
  let stopped = false;
  let pass = Promise.resolve();

  const stopOne = async (id: string) => {
    const entry = running.get(id);
    running.delete(id);
    await entry?.runtime
      .stop()
      .catch((error) => log.warn({ err: error, triggerId: id }, 'trigger runtime did not stop cleanly'));
  };

  let lastTouch = 0;
  const reconcile = async () => {
    if (stopped) return;
    // Quiet runtimes (an hourly schedule) report rarely; keep their rows current while they run here.
    if (running.size && Date.now() - lastTouch > 30_000) {
      lastTouch = Date.now();
      await deps.db
        .update(schema.consumerStatus)
        .set({ updatedAt: new Date() })
        .where(
          and(
            eq(schema.consumerStatus.workerId, workerId),
            inArray(schema.consumerStatus.triggerId, [...running.keys()]),
          ),
        );
    }
    const rows = await deps.db
      .select()
      .from(schema.triggers)
      .where(
        and(eq(schema.triggers.enabled, true), inArray(schema.triggers.type, [...RUNTIME_TRIGGER_TYPES])),
      );
    const wanted = new Map(rows.filter((row) => runtimeFor(row)).map((row) => [row.id, row]));
    for (const [id, entry] of running) {
      const row = wanted.get(id);
      if (!row || row.version !== entry.version) await stopOne(id);
    }
    for (const [id, row] of wanted) {
      if (running.has(id) || starting.has(id) || stopped) continue;
      starting.add(id);
      try {
        const trigger = { ...row, config: openTriggerConfig(row.type, row.config) };
        const runtime = await runtimeFor(trigger)!({
          trigger,
          workerId,
          deps,
          log: log.child({ triggerId: id }),
          report: (update) => reportConsumerStatus(deps.db, id, workerId, update),
        });
        if (stopped) await runtime.stop();
        else running.set(id, { version: row.version, runtime });
        log.info({ triggerId: id, type: row.type }, 'trigger runtime started');
      } catch (error) {
        // Left out of `running`: the next pass tries again (broker down at start-up, bad credentials fixed later).
        log.warn({ err: error, triggerId: id }, 'trigger runtime failed to start; will retry');
        await reportConsumerStatus(deps.db, id, workerId, {
          state: 'error',
          lastError: (error as Error).message,
        });
      } finally {
        starting.delete(id);
      }
    }
  };
  const schedule = () => {
    pass = pass
      .then(reconcile)
      .catch((error) => log.warn({ err: error }, 'trigger reconcile failed; will retry'));
    return pass;
  };

  const listener = new pg.Client({
    connectionString: options.connectionString,
    application_name: 'switchboard-triggers',
  });
  listener.on('error', (error) =>
    log.warn({ err: error }, 'trigger change listener lost; relying on polling'),
  );
  listener.on('notification', () => void schedule());
  await listener
    .connect()
    .then(() => listener.query(`LISTEN ${TRIGGERS_CHANNEL}`))
    .catch((error) => log.warn({ err: error }, 'LISTEN failed; relying on polling'));
  const timer = setInterval(() => void schedule(), RECONCILE_MS);
  await schedule();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pass;
      await Promise.all([...running.keys()].map(stopOne));
      await listener.end().catch(() => {});
    },
  };
}
