import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import * as schema from '../../drizzle/schema';
import type { Db } from '../db';
import { findAlertKind } from './kinds';
import type { Evaluation, EvaluationContext } from './kinds/types';
import { consoleLink, type Notice } from './message';
import { sendNotice } from './notify';
import type { NotificationOutcome } from './schemas';
import type { AlertRuleRow } from './view';

const { alertRules: r, alertEvents } = schema;

export interface RuleDeps extends EvaluationContext {
  /** CONSOLE_URL, else NEXTAUTH_URL: the base of the link in each notification. */
  consoleUrl?: string;
}

export type RuleOutcome = 'ok' | 'firing' | 'fired' | 'reminded' | 'suppressed' | 'resolved' | 'lost';

/**
 * Evaluates one rule and moves it on. Each transition is one conditional UPDATE on the state read before
 * (`WHERE state = 'ok'`, `WHERE firing_since = …`, `WHERE last_notified_at = …`): of two evaluators that
 * read the same state only one wins it, and only the winner notifies (`lost` for the other). Notifying comes
 * after the winning UPDATE, so a crash in between loses that notice rather than sending it twice; a rule still
 * firing is reminded after its cooldown.
 */
export async function evaluateRule(deps: RuleDeps, rule: AlertRuleRow, now: Date): Promise<RuleOutcome> {
  const definition = findAlertKind(rule.kind);
  if (!definition) throw new Error(`unknown alert kind "${rule.kind}"`);
  const evaluation = await definition.evaluate(deps, definition.schema.parse(rule.params), now);
  const reading = { lastValue: evaluation.value, lastEvaluatedAt: now };
  const cooldownMs = rule.cooldownMinutes * 60_000;
  const since = (date: Date | null) => (date ? now.getTime() - date.getTime() : Number.POSITIVE_INFINITY);

  if (rule.state !== 'firing') {
    if (!evaluation.firing) {
      await claim(deps.db, rule, eq(r.state, 'ok'), reading);
      return 'ok';
    }
    // Fired again within the cooldown of the last notification (a flapping condition): recorded, not sent.
    const quiet = since(rule.lastNotifiedAt) < cooldownMs;
    const won = await claim(
      deps.db,
      rule,
      and(eq(r.state, 'ok'), sameAs(r.lastNotifiedAt, rule.lastNotifiedAt)),
      {
        ...reading,
        state: 'firing',
        firingSince: now,
        ...(quiet ? {} : { lastNotifiedAt: now }),
      },
    );
    if (!won) return 'lost';
    if (quiet) {
      const summary = `${evaluation.summary} (fired again within the ${rule.cooldownMinutes} min cooldown: not sent)`;
      await record(deps.db, rule, 'suppressed', evaluation.value, summary, []);
      return 'suppressed';
    }
    await notifyAndRecord(deps, rule, evaluation, 'firing', false, now);
    return 'fired';
  }

  if (evaluation.firing) {
    if (since(rule.lastNotifiedAt) < cooldownMs) {
      await claim(deps.db, rule, eq(r.state, 'firing'), reading);
      return 'firing';
    }
    const won = await claim(
      deps.db,
      rule,
      and(eq(r.state, 'firing'), sameAs(r.lastNotifiedAt, rule.lastNotifiedAt)),
      { ...reading, lastNotifiedAt: now },
    );
    if (!won) return 'lost';
    // Nobody was told of this episode yet (its start was suppressed): this is its first notice, not a reminder.
    const told = Boolean(rule.lastNotifiedAt && rule.firingSince && rule.lastNotifiedAt >= rule.firingSince);
    await notifyAndRecord(deps, rule, evaluation, 'firing', told, now);
    return 'reminded';
  }

  const won = await claim(
    deps.db,
    rule,
    and(eq(r.state, 'firing'), sameAs(r.firingSince, rule.firingSince)),
    {
      ...reading,
      state: 'ok',
      firingSince: null,
    },
  );
  if (!won) return 'lost';
  const told = Boolean(rule.lastNotifiedAt && rule.firingSince && rule.lastNotifiedAt >= rule.firingSince);
  if (told) await notifyAndRecord(deps, rule, evaluation, 'resolved', false, now);
  else {
    const summary = `${evaluation.summary} (its firing was within the cooldown and not sent, so neither is this)`;
    await record(deps.db, rule, 'resolved', evaluation.value, summary, []);
  }
  return 'resolved';
}

/** The conditional UPDATE: true when this evaluator's view of the rule was still current. */
async function claim(
  database: Db,
  rule: AlertRuleRow,
  condition: SQL | undefined,
  set: Partial<typeof r.$inferInsert>,
): Promise<boolean> {
  const rows = await database
    .update(r)
    // updated_at is the configuration's: the evaluator's writes keep it.
    .set({ ...set, updatedAt: sql`${r.updatedAt}` })
    .where(and(eq(r.id, rule.id), eq(r.enabled, true), condition))
    .returning({ id: r.id });
  return rows.length === 1;
}

function sameAs(column: typeof r.lastNotifiedAt | typeof r.firingSince, value: Date | null): SQL {
  return value ? eq(column, value) : isNull(column);
}

async function notifyAndRecord(
  deps: RuleDeps,
  rule: AlertRuleRow,
  evaluation: Evaluation,
  status: 'firing' | 'resolved',
  reminder: boolean,
  now: Date,
): Promise<void> {
  const notice: Notice = {
    rule: { id: rule.id, name: rule.name, kind: rule.kind },
    status,
    reminder,
    evaluation,
    link: consoleLink(deps.consoleUrl, rule.id),
    at: now,
  };
  const outcomes = await sendNotice(deps.db, notice, rule.notifyChannelIds, rule.notifyTo);
  const prefix = status === 'resolved' ? 'Resolved' : reminder ? 'Still firing' : 'Firing';
  await record(deps.db, rule, status, evaluation.value, `${prefix}: ${evaluation.summary}`, outcomes);
}

async function record(
  database: Db,
  rule: AlertRuleRow,
  kind: 'firing' | 'resolved' | 'suppressed',
  value: number | null,
  summary: string,
  notifications: NotificationOutcome[],
): Promise<void> {
  await database.insert(alertEvents).values({ ruleId: rule.id, kind, value, summary, notifications });
}
