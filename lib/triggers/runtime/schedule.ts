import { ingestTriggerBatch } from '../../events/ingest-trigger';
import { nextTick } from '../cron';
import type { ScheduleTriggerConfig } from '../types/schedule';
import { untilItSucceeds } from './retry';
import { throttledReport } from './throttled-report';
import type { RuntimeContext, StartRuntime, StatusUpdate } from './types';

// setTimeout takes at most a signed 32-bit delay; a longer one would fire at once. Longer waits re-arm.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A `schedule` trigger in one worker. Every worker runs this timer; each tick is stored with the source id
 * `<trigger id>@<tick ISO time>`, which is unique, so exactly one event exists per tick however many workers
 * fire it. Each tick gets its own setTimeout to its computed time (no interval, so no drift), ticks are only
 * computed after the last one handled (never twice), and a (re)started runtime begins at the next tick from
 * now: ticks missed while no worker ran are not made up.
 */
export const startScheduleRuntime: StartRuntime = async (ctx) => {
  const config = ctx.trigger.config as ScheduleTriggerConfig;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let last = new Date();
  const report = throttledReport(ctx);

  const arm = () => {
    if (stopped) return;
    // Ticks that passed while the previous one was being stored are skipped, as cron does: another worker
    // most likely stored them, and a burst of stale ticks helps nobody.
    const tick = nextTick(config.cron, config.timezone, new Date(Math.max(last.getTime(), Date.now())));
    wait(tick);
  };
  const wait = (tick: Date) => {
    timer = setTimeout(
      () => {
        // Timers can wake a little early, and long waits are split: only a tick that is due is emitted.
        if (Date.now() < tick.getTime()) return wait(tick);
        last = tick;
        inFlight = emit(ctx, report, config, tick, () => stopped)
          .catch((error) => ctx.log.error({ err: error, triggerId: ctx.trigger.id }, 'schedule tick failed'))
          .finally(arm);
      },
      Math.min(MAX_TIMER_MS, Math.max(0, tick.getTime() - Date.now())),
    );
  };

  await report({ state: 'running', lastError: null });
  arm();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      await ctx.report({ state: 'stopped' });
    },
  };
};

/** Stores one tick, retrying while the database is unavailable, but only until the next tick is due. */
async function emit(
  ctx: RuntimeContext,
  report: (update: StatusUpdate) => Promise<void>,
  config: ScheduleTriggerConfig,
  tick: Date,
  isStopped: () => boolean,
): Promise<void> {
  const at = tick.toISOString();
  const item = {
    sourceId: `${ctx.trigger.id}@${at}`,
    body: { event_type: config.event_type, timestamp: at, data: { ...config.data, scheduled_at: at } },
  };
  const giveUpAt = nextTick(config.cron, config.timezone, tick).getTime();
  const stored = await untilItSucceeds(() => ingestTriggerBatch(ctx.trigger, 'schedule', [item], ctx.deps), {
    keepGoing: () => !isStopped() && Date.now() < giveUpAt,
    onError: async (error) => {
      ctx.log.warn({ err: error, triggerId: ctx.trigger.id, tick: at }, 'schedule tick not stored; retrying');
      await report({ state: 'error', lastError: `tick ${at} not stored: ${error.message}` });
    },
  });
  if (stored) await report({ state: 'running', lastMessageAt: tick, lastError: null });
  else if (!isStopped()) ctx.log.error({ triggerId: ctx.trigger.id, tick: at }, 'schedule tick given up');
}
