import { CronExpressionParser } from 'cron-parser';

/**
 * Cron arithmetic for schedule triggers, by cron-parser (time zones and DST included). Expressions have 5
 * fields, or 6 with seconds first; cron-parser would also pad shorter ones, which would hide typos.
 */

/** Why the expression is not a usable cron schedule, or undefined when it is. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6)
    return `must have 5 fields (minute hour day month weekday) or 6 with seconds first; got ${fields}`;
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
    return undefined;
  } catch (error) {
    return `invalid cron expression: ${(error as Error).message}`;
  }
}

/**
 * Whether `zone` is an IANA time zone name this runtime knows. Intl alone would also take offsets such as
 * "+01:00", which are not zones (they ignore daylight saving time).
 */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The first tick strictly after `after`. */
export function nextTick(expression: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(expression, { currentDate: after, tz: timezone }).next().toDate();
}
