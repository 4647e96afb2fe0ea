/**
 * kafkajs 2.2 schedules a timer with a negative delay on every response (requestQueue
 * scheduleCheckPendingRequests), which Node 24 reports as a TimeoutNegativeWarning: harmless (Node uses 1 ms)
 * and noise in the tables. Every other warning is still printed.
 */
export function quietKafkajsTimerWarning(): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name !== 'TimeoutNegativeWarning') console.warn(`(node) ${warning.name}: ${warning.message}`);
  });
}

/** Log lines of that same warning (from the workers' kafkajs), left out of the log report. */
export const KAFKAJS_TIMER_WARNING =
  /TimeoutNegativeWarning|Timeout duration was set to|node --trace-warnings/;
