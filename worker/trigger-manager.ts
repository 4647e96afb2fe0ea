import { and, eq, inArray } from 'drizzle-orm';
import pLimit from 'p-limit';
import pg from 'pg';
import { schema } from '../lib/db';
import type { EngineDeps } from '../lib/deps';
import type { Logger } from '../lib/logger';
import { RUNTIME_TRIGGER_TYPES, runtimeFor } from '../lib/triggers/runtime';
import { reportConsumerStatus } from '../lib/triggers/runtime/status';
import type { TriggerRow, TriggerRuntime } from '../lib/triggers/runtime/types';
import { openTriggerConfig } from '../lib/triggers/secrets';

export const TRIGGERS_CHANNEL = 'switchboard_triggers';
const RECONCILE_MS = 2_000;
/** Runtimes starting (and, apart, stopping) at once: a slow broker takes one slot, not the whole worker. */
export const TRIGGER_START_CONCURRENCY = 8;
/**
 * A start that takes longer counts as failed: reported as the consumer's error, abandoned (its `signal` aborts; a
 * runtime that still comes up is stopped) and tried again on a later pass. Longer than a healthy start can take:
 * a Kafka consumer's start includes joining its group, which waits for the group's other members to rejoin (up
 * to kafkajs's rebalance timeout, 60 s; a member that died unannounced holds it for its 30 s session timeout).
 */
export const TRIGGER_START_TIMEOUT_MS = 75_000;
/** How long shutdown waits for starts it abandoned to end. */
const SHUTDOWN_WAIT_MS = 12_000;

interface Running {
  version: number;
  runtime: TriggerRuntime;
}

interface Starting {
  version: number;
  abort: AbortController;
  /** The start returned or threw. */
  settled: boolean;
  timedOut: boolean;
  /** The timeout's report, which the start's own outcome follows (never overwritten by it). */
  timeoutReported: Promise<void>;
  /** Settles once the start has, and a runtime that came up too late is stopped. */
  done: Promise<void>;
}

/**
 * Runs one consumer / timer / poller per enabled trigger in this worker and keeps them in step with the
 * database: a trigger created, edited (version bump), disabled or deleted is started, restarted or stopped
 * within seconds. Changes arrive by NOTIFY (sent by the trigger service in the same transaction) and, as a
 * backstop, by reconciling every 2 s. A pass only decides: starts and stops run beside it, a few at a time, so
 * one trigger whose broker hangs delays neither the others nor the next pass.
 */
export async function startTriggerManager(options: {
  connectionString: string;
  deps: EngineDeps;
  workerId: string;
  log: Logger;
  /** Defaults to TRIGGER_START_TIMEOUT_MS; tests use a shorter one. */
  startTimeoutMs?: number;
  /** Starts at once, and stops at once; defaults to TRIGGER_START_CONCURRENCY. */
  concurrency?: number;
}) {
  const { deps, workerId, log } = options;
  const startTimeoutMs = options.startTimeoutMs ?? TRIGGER_START_TIMEOUT_MS;
  const startLimit = pLimit(options.concurrency ?? TRIGGER_START_CONCURRENCY);
  const stopLimit = pLimit(options.concurrency ?? TRIGGER_START_CONCURRENCY);
  const running = new Map<string, Running>();
  // At most one start or stop per trigger at a time: a trigger in either map is left alone by later passes.
  const starting = new Map<string, Starting>();
  const stopping = new Map<string, Promise<void>>();
  let stopped = false;
  let pass = Promise.resolve();
  const report = (id: string, update: Parameters<typeof reportConsumerStatus>[3]) =>
    reportConsumerStatus(deps.db, id, workerId, update);

  const stopRuntime = async (id: string, runtime: TriggerRuntime) => {
    await runtime
      .stop()
      .catch((error) => log.warn({ err: error, triggerId: id }, 'trigger runtime did not stop cleanly'));
  };
  const stopOne = (id: string) => {
    const entry = running.get(id);
    if (!entry) return;
    running.delete(id);
    const done = stopLimit(() => stopRuntime(id, entry.runtime)).finally(() => {
      stopping.delete(id);
      if (!stopped) void schedule(); // an edited trigger starts again at once
    });
    stopping.set(id, done);
  };

  const timedOutMessage = () => `did not start within ${Math.round(startTimeoutMs / 1000)} s`;

  /**
   * Starts one runtime. Returns once the start settled or timed out, which frees the slot; `ended` settles when
   * the start itself has (a start given up on may still come up, and is then stopped).
   */
  const attempt = async (row: TriggerRow, entry: Starting): Promise<{ ended: Promise<void> }> => {
    const id = row.id;
    // Paused, edited or shutting down while it waited for a slot.
    if (entry.abort.signal.aborted) return { ended: Promise.resolve() };
    let begun: Promise<TriggerRuntime>;
    try {
      const trigger = { ...row, config: openTriggerConfig(row.type, row.config) };
      begun = runtimeFor(trigger)!({
        trigger,
        workerId,
        deps,
        log: log.child({ triggerId: id }),
        report: (update) => report(id, update),
        signal: entry.abort.signal,
      });
    } catch (error) {
      begun = Promise.reject(error);
    }
    const ended = begun.then(
      async (runtime) => {
        entry.settled = true;
        if (!stopped && !entry.abort.signal.aborted && !entry.timedOut) {
          running.set(id, { version: entry.version, runtime });
          log.info({ triggerId: id, type: row.type }, 'trigger runtime started');
          return;
        }
        // Came up after it was given up on (too slow, paused or edited meanwhile, worker stopping): never kept.
        await stopRuntime(id, runtime);
        await entry.timeoutReported;
        if (entry.timedOut)
          await report(id, { state: 'error', lastError: `${timedOutMessage()}; trying again` });
      },
      async (error: Error) => {
        entry.settled = true;
        await entry.timeoutReported;
        // Abandoned on purpose (paused, edited or deleted meanwhile, worker stopping): nothing failed.
        if (entry.abort.signal.aborted && !entry.timedOut) return report(id, { state: 'stopped' });
        // Left out of `running`: a later pass tries again (broker down at start-up, bad credentials fixed later).
        log.warn({ err: error, triggerId: id }, 'trigger runtime failed to start; will retry');
        await report(id, {
          state: 'error',
          lastError: entry.timedOut ? `${timedOutMessage()}: ${error.message}` : error.message,
        });
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), startTimeoutMs);
    });
    await Promise.race([ended, late]);
    clearTimeout(timer);
    if (!entry.settled) {
      entry.timedOut = true;
      log.warn(
        { triggerId: id, type: row.type, timeoutMs: startTimeoutMs },
        'trigger runtime start timed out',
      );
      entry.timeoutReported = report(id, { state: 'error', lastError: `${timedOutMessage()}; trying again` });
      await entry.timeoutReported;
      entry.abort.abort(new Error(timedOutMessage()));
    }
    return { ended };
  };

  const launch = (row: TriggerRow) => {
    const entry: Starting = {
      version: row.version,
      abort: new AbortController(),
      settled: false,
      timedOut: false,
      timeoutReported: Promise.resolve(),
      done: Promise.resolve(),
    };
    starting.set(row.id, entry);
    entry.done = startLimit(() => attempt(row, entry))
      .then(({ ended }) => ended)
      .catch((error) => log.error({ err: error, triggerId: row.id }, 'trigger runtime start went wrong'))
      .finally(() => {
        if (starting.get(row.id) === entry) starting.delete(row.id);
      });
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
    if (stopped) return;
    const wanted = new Map(rows.filter((row) => runtimeFor(row)).map((row) => [row.id, row]));
    for (const [id, entry] of running) {
      if (wanted.get(id)?.version !== entry.version) stopOne(id);
    }
    for (const [id, entry] of starting) {
      // Paused, edited or deleted while starting: the start is abandoned and its runtime stopped if it comes up.
      if (wanted.get(id)?.version !== entry.version)
        entry.abort.abort(new Error('trigger changed while starting'));
    }
    for (const [id, row] of wanted) {
      if (!running.has(id) && !starting.has(id) && !stopping.has(id)) launch(row);
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
      const starts = [...starting.values()];
      for (const entry of starts) entry.abort.abort(new Error('worker stopping'));
      // Starts give up on their signal (Kafka within its retry interval); one that does not is not waited for
      // long, and stops its runtime itself if it still comes up.
      await Promise.race([
        Promise.all(starts.map((entry) => entry.done)),
        new Promise((resolve) => setTimeout(resolve, Math.min(startTimeoutMs, SHUTDOWN_WAIT_MS)).unref()),
      ]);
      for (const id of [...running.keys()]) stopOne(id);
      await Promise.all(stopping.values());
      await listener.end().catch(() => {});
    },
  };
}
