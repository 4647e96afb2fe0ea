import { isOutage } from '../../db/sql';

/**
 * Retries `work` with exponential backoff (1 s doubling to 30 s) until it succeeds or `keepGoing()` turns false.
 * Used where a source must wait for the database rather than skip or drop a message.
 */
export async function untilItSucceeds<T>(
  work: () => Promise<T>,
  options: {
    keepGoing: () => boolean;
    onError: (error: Error, attempt: number) => Promise<void> | void;
    onAttempt?: () => Promise<void>;
  },
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!options.keepGoing()) return undefined;
      await options.onError(error as Error, attempt);
      const delay = Math.min(30_000, 1000 * 2 ** (attempt - 1));
      const until = Date.now() + delay;
      while (Date.now() < until) {
        if (!options.keepGoing()) return undefined;
        await options.onAttempt?.();
        await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
      }
    }
  }
}

/**
 * The consumer status while a batch waits to be stored: an outage says so; anything else (a bug, a row refused
 * for a reason the batch writer does not isolate) is named as it is, since waiting will not end it by itself.
 */
export function notStoredReport(error: Error): { state: 'paused'; lastError: string } {
  // isOutage counts every error without a SQLSTATE as the socket's or the pool's; these are the program's own.
  const bug = [TypeError, ReferenceError, RangeError, SyntaxError].some((kind) => error instanceof kind);
  return {
    state: 'paused',
    lastError:
      isOutage(error) && !bug
        ? `database unavailable, retrying: ${error.message}`
        : `batch could not be stored (not an outage; will not pass by itself), retrying: ${error.message}`,
  };
}
