import type { RuntimeContext, StatusUpdate } from './types';

/**
 * `ctx.report` for runtimes that succeed often (a tick a second, a poll every 5 s): a new state or a new error
 * is reported at once, the same again at most every `everyMs`, so the status row stays fresh without a
 * database write per tick.
 */
export function throttledReport(
  ctx: RuntimeContext,
  everyMs = 30_000,
): (update: StatusUpdate) => Promise<void> {
  let last: string | undefined;
  let lastAt = 0;
  return async (update) => {
    const now = Date.now();
    const key = `${update.state}\n${update.lastError ?? ''}`;
    if (key === last && now - lastAt < everyMs) return;
    last = key;
    lastAt = now;
    await ctx.report(update);
  };
}
