import { eq, sql } from 'drizzle-orm';
import * as schema from '../../drizzle/schema';
import type { Db } from '../db';
import type { Logger } from '../logger';
import { AdvisoryLock } from '../triggers/runtime/advisory-lock';
import { evaluateRule, type RuleDeps, type RuleOutcome } from './evaluate-rule';

/** The advisory lock's name: whoever holds it evaluates, every other process stands by. */
export const ALERT_LEADER_LOCK = 'switchboard:alert-evaluator';

export interface AlertEvaluatorOptions extends Omit<RuleDeps, 'db'> {
  db: Db;
  connectionString: string;
  intervalSeconds: number;
  log: Logger;
}

export interface AlertEvaluator {
  /** One pass now, if this process leads (tests); resolves with each rule's outcome. */
  runOnce(): Promise<Map<string, RuleOutcome> | null>;
  stop(): Promise<void>;
}

/**
 * Evaluates every enabled rule once per interval, in whichever process holds a PostgreSQL session advisory lock
 * (a connection of its own). Every candidate asks once per interval; the one holding it keeps it for as long
 * as its session lives. When that process dies its session ends, the server frees the lock, and the next
 * candidate to ask takes over within one interval. pg-boss cron would not do: its schedule is by the minute
 * and a crashed worker's job waits for its expiry; the lock needs no job and is exact. The conditional state
 * updates in evaluateRule still guard the moment two processes could both believe they lead (a leader whose
 * connection was cut has not noticed yet): at most one of them notifies.
 */
export function startAlertEvaluator(options: AlertEvaluatorOptions): AlertEvaluator {
  const { db, log, intervalSeconds } = options;
  // The process id in the session's name says which process leads (pg_stat_activity, pg_locks).
  const lock = new AdvisoryLock(
    { connectionString: options.connectionString },
    ALERT_LEADER_LOCK,
    `switchboard-alert-leader:${process.pid}`,
  );
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let leading = false;

  async function pass(): Promise<Map<string, RuleOutcome> | null> {
    const leader = await lock.hold().catch((error) => {
      log.warn({ err: error }, 'alert evaluator: cannot reach the database for the leader lock');
      return false;
    });
    if (leader !== leading)
      log.info({ leader }, leader ? 'alert evaluator: leading' : 'alert evaluator: standing by');
    leading = leader;
    if (!leader || stopped) return null;
    // The database's clock, the one heartbeats and consumer reports are written with.
    const { rows } = await db.$client.query<{ now: Date }>('SELECT now() AS now');
    const now = rows[0]!.now;
    const rules = await db.select().from(schema.alertRules).where(eq(schema.alertRules.enabled, true));
    const outcomes = new Map<string, RuleOutcome>();
    for (const rule of rules) {
      if (stopped) break;
      try {
        outcomes.set(rule.id, await evaluateRule(options, rule, now));
      } catch (error) {
        log.error({ err: error, ruleId: rule.id, kind: rule.kind }, 'alert rule evaluation failed');
        await db
          .update(schema.alertRules)
          .set({ lastEvaluatedAt: now, updatedAt: sql`${schema.alertRules.updatedAt}` })
          .where(eq(schema.alertRules.id, rule.id))
          .catch(() => {});
      }
    }
    return outcomes;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass()
        .catch((error) => log.error({ err: error }, 'alert evaluation pass failed'))
        .finally(schedule);
    }, intervalSeconds * 1000);
    timer.unref();
  }
  schedule();

  return {
    runOnce: () => {
      const next = running.then(pass, pass);
      running = next.catch(() => {});
      return next;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => {});
      await lock.release();
    },
  };
}
