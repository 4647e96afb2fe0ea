import { sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { AppError } from '../errors';
import type { ChannelUsage } from './activity-schemas';

type Reader = Pick<Tx, 'execute'>;

/**
 * What names a channel: workflows' send steps (`channel_id`, `fallback_channel_id`), alert rules (notify channels,
 * or the channel a rule watches) and other channels' fallbacks; and how many of its messages are still to be sent.
 * Workflows and alert rules refuse to be saved with a channel that does not exist, so while they name one it cannot
 * be deleted; a fallback reference is cleared by the foreign key.
 */
export async function channelUsage(id: string, database: Reader): Promise<ChannelUsage> {
  const { rows } = await database.execute<Omit<ChannelUsage, 'deletable'>>(sql`
    SELECT
      (SELECT coalesce(json_agg(w ORDER BY w.name), '[]') FROM (
         SELECT wf.id, wf.key, wf.name, wf.enabled, array_agg(s.ord::int - 1 ORDER BY s.ord) AS steps
         FROM workflows wf CROSS JOIN LATERAL jsonb_array_elements(wf.steps) WITH ORDINALITY AS s(step, ord)
         WHERE s.step->>'type' = 'send'
           AND (s.step->>'channel_id' = ${id} OR s.step->>'fallback_channel_id' = ${id})
         GROUP BY wf.id) w) AS workflows,
      (SELECT coalesce(json_agg(a ORDER BY a.name), '[]') FROM (
         SELECT r.id, r.name FROM alert_rules r
         WHERE r.notify_channel_ids ? ${id} OR r.params->>'channel_id' = ${id}) a) AS alert_rules,
      (SELECT coalesce(json_agg(f ORDER BY f.name), '[]') FROM (
         SELECT c.id, c.name FROM channels c WHERE c.fallback_channel_id = ${id}::uuid) f) AS fallback_for,
      (SELECT count(*)::int FROM messages m
       WHERE m.channel_id = ${id}::uuid AND m.status IN ('queued', 'retrying')) AS in_flight`);
  const usage = rows[0]!;
  return { ...usage, deletable: usage.workflows.length === 0 && usage.alert_rules.length === 0 };
}

/** The refusal to delete a channel that workflows or alert rules still name, naming each of them. */
export function channelInUse(name: string, usage: ChannelUsage): AppError {
  const parts = [
    usage.workflows.length
      ? `workflow(s) ${usage.workflows.map((w) => `"${w.name}" (${w.key})`).join(', ')}`
      : null,
    usage.alert_rules.length
      ? `alert rule(s) ${usage.alert_rules.map((r) => `"${r.name}"`).join(', ')}`
      : null,
  ].filter(Boolean);
  return new AppError(
    'conflict',
    `channel "${name}" is used by ${parts.join(' and ')}: choose another channel in them (or remove it) first, ` +
      'or disable this channel instead of deleting it',
  );
}
