import type * as schema from '../../drizzle/schema';
import type { AlertEventView, AlertRuleView, NotificationOutcome } from './schemas';

export type AlertRuleRow = typeof schema.alertRules.$inferSelect;
export type AlertEventRow = typeof schema.alertEvents.$inferSelect;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toAlertRuleView(row: AlertRuleRow): AlertRuleView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as AlertRuleView['kind'],
    params: row.params,
    notify_channel_ids: row.notifyChannelIds,
    notify_to: row.notifyTo,
    cooldown_minutes: row.cooldownMinutes,
    enabled: row.enabled,
    state: row.state as AlertRuleView['state'],
    last_value: row.lastValue,
    last_evaluated_at: iso(row.lastEvaluatedAt),
    firing_since: iso(row.firingSince),
    last_notified_at: iso(row.lastNotifiedAt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toAlertEventView(row: AlertEventRow): AlertEventView {
  return {
    id: row.id,
    rule_id: row.ruleId,
    kind: row.kind as AlertEventView['kind'],
    value: row.value,
    summary: row.summary,
    notifications: row.notifications as unknown as NotificationOutcome[],
    created_at: row.createdAt.toISOString(),
  };
}
