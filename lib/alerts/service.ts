import { and, eq } from 'drizzle-orm';
import * as schema from '../../drizzle/schema';
import { type PageRequest, pageCondition, pageOrder } from '../api/pagination';
import type { Principal } from '../api/principal';
import { created, deleted, updated } from '../audit/changes';
import { audit } from '../audit/log';
import { type Db, db as defaultDb } from '../db';
import { readDb } from '../db/replicas';
import { AppError } from '../errors';
import type { AlertEventView, AlertRuleView, CreateAlertRuleInput, UpdateAlertRuleInput } from './schemas';
import { assertReferencesExist, parseParams } from './validate';
import { toAlertEventView, toAlertRuleView } from './view';

/**
 * Alert-rule CRUD, each write audit-logged in its own transaction. No configuration cache holds rules: the
 * evaluator reads them afresh on every pass, so a change applies at the next one.
 */

const { alertRules, alertEvents } = schema;

export interface Actor {
  principal: Principal | null;
  requestId?: string;
}

export async function createAlertRule(
  input: CreateAlertRuleInput,
  actor: Actor,
  database: Db = defaultDb(),
): Promise<AlertRuleView> {
  const params = parseParams(input.kind, input.params);
  return database.transaction(async (tx) => {
    await assertReferencesExist(tx, { notify_channel_ids: input.notify_channel_ids, params });
    const [row] = await tx
      .insert(alertRules)
      .values({
        name: input.name,
        kind: input.kind,
        params,
        notifyChannelIds: input.notify_channel_ids,
        notifyTo: input.notify_to ?? null,
        cooldownMinutes: input.cooldown_minutes,
        enabled: input.enabled,
      })
      .returning();
    const view = toAlertRuleView(row!);
    await audit({ ...entry(actor, 'alert_rule.create', view.id), changes: created(auditable(view)) }, tx);
    return view;
  });
}

/** The rows of a page (`PageRequest`) for `listPage()`: newest first, oldest first before `before`. */
export async function listAlertRules(
  options: PageRequest,
  database: Db = readDb(),
): Promise<AlertRuleView[]> {
  const rows = await database
    .select()
    .from(alertRules)
    .where(pageCondition(alertRules.createdAt, alertRules.id, options))
    .orderBy(...pageOrder(alertRules.createdAt, alertRules.id, options))
    .limit(options.limit);
  return rows.map(toAlertRuleView);
}

export async function getAlertRule(id: string, database: Db = readDb()): Promise<AlertRuleView> {
  const [row] = await database.select().from(alertRules).where(eq(alertRules.id, id));
  if (!row) throw notFound(id);
  return toAlertRuleView(row);
}

/**
 * Applies a PATCH. Disabling a rule forgets its state (a rule enabled again starts `ok`, with no resolved
 * notice for a condition nobody watched meanwhile).
 */
export async function updateAlertRule(
  id: string,
  patch: UpdateAlertRuleInput,
  actor: Actor,
  database: Db = defaultDb(),
): Promise<AlertRuleView> {
  return database.transaction(async (tx) => {
    const [current] = await tx.select().from(alertRules).where(eq(alertRules.id, id)).for('update');
    if (!current) throw notFound(id);
    const kind = patch.kind ?? current.kind;
    if (patch.kind !== undefined && patch.kind !== current.kind && patch.params === undefined) {
      const message = 'is required when the kind changes';
      throw new AppError('invalid', `params: ${message}`, [{ path: 'params', message }]);
    }
    const params = patch.params === undefined ? current.params : parseParams(kind, patch.params);
    const notifyChannelIds = patch.notify_channel_ids ?? current.notifyChannelIds;
    await assertReferencesExist(tx, {
      notify_channel_ids: patch.notify_channel_ids ?? [],
      params: patch.params === undefined ? {} : params,
    });
    const disabling = patch.enabled === false && current.enabled;
    const [row] = await tx
      .update(alertRules)
      .set({
        kind,
        params,
        notifyChannelIds,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.notify_to !== undefined ? { notifyTo: patch.notify_to } : {}),
        ...(patch.cooldown_minutes !== undefined ? { cooldownMinutes: patch.cooldown_minutes } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(disabling ? { state: 'ok', firingSince: null } : {}),
      })
      .where(eq(alertRules.id, id))
      .returning();
    const view = toAlertRuleView(row!);
    const changes = updated(auditable(toAlertRuleView(current)), auditable(view));
    await audit({ ...entry(actor, 'alert_rule.update', id), changes }, tx);
    return view;
  });
}

export async function deleteAlertRule(id: string, actor: Actor, database: Db = defaultDb()): Promise<void> {
  await database.transaction(async (tx) => {
    const [row] = await tx.delete(alertRules).where(eq(alertRules.id, id)).returning();
    if (!row) throw notFound(id);
    await audit(
      { ...entry(actor, 'alert_rule.delete', id), changes: deleted({ name: row.name, kind: row.kind }) },
      tx,
    );
  });
}

/** The rule's history: the rows of a page (`PageRequest`) for `listPage()`. */
export async function listAlertEvents(
  ruleId: string,
  options: PageRequest,
  database: Db = readDb(),
): Promise<AlertEventView[]> {
  await getAlertRule(ruleId, database);
  const rows = await database
    .select()
    .from(alertEvents)
    .where(and(eq(alertEvents.ruleId, ruleId), pageCondition(alertEvents.createdAt, alertEvents.id, options)))
    .orderBy(...pageOrder(alertEvents.createdAt, alertEvents.id, options))
    .limit(options.limit);
  return rows.map(toAlertEventView);
}

/** The configuration part of a rule (not the evaluator's state), for the audit log. */
function auditable(view: AlertRuleView): Record<string, unknown> {
  const { name, kind, params, notify_channel_ids, notify_to, cooldown_minutes, enabled } = view;
  return { name, kind, params, notify_channel_ids, notify_to, cooldown_minutes, enabled };
}

function entry(actor: Actor, action: string, resourceId: string) {
  return {
    principal: actor.principal,
    requestId: actor.requestId,
    action,
    resourceType: 'alert_rule',
    resourceId,
  };
}

function notFound(id: string): AppError {
  return new AppError('not_found', `no alert rule with id ${id}`);
}
