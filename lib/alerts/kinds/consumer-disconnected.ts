import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import * as schema from '../../../drizzle/schema';
import { defineAlertKind, figure } from './types';

const { triggers: t, consumerStatus: cs } = schema;

/** Running, or holding on purpose (a poll standby, a partition waiting for the database): connected. */
const CONNECTED = new Set(['running', 'paused']);
/** The trigger types a worker runs a consumer for (RUNTIME_TRIGGER_TYPES; that module is server-only). */
const CONSUMER_TYPES = ['event', 'schedule', 'poll'] as const;
/** A row not written for this long belongs to a worker that stopped (as `consumerIsCurrent` says). */
const CURRENT_MS = 2 * 60_000;

interface ConsumerRow {
  state: string;
  stateSince: Date;
  updatedAt: Date;
}

/**
 * Minutes since a trigger last had a connected consumer in any worker: 0 while one is connected; else since the
 * latest of a disconnected consumer's state change, or a stopped worker's last report while still connected.
 */
export function minutesDisconnected(rows: ConsumerRow[], enabledAt: Date, now: Date): number {
  const current = (row: ConsumerRow) => now.getTime() - row.updatedAt.getTime() < CURRENT_MS;
  if (rows.some((row) => current(row) && CONNECTED.has(row.state))) return 0;
  const lastConnected = rows.map((row) => (CONNECTED.has(row.state) ? row.updatedAt : row.stateSince));
  const since = Math.max(enabledAt.getTime(), ...lastConnected.map((d) => d.getTime()));
  return Math.max(0, (now.getTime() - since) / 60_000);
}

/** A trigger's consumer (Kafka, RabbitMQ, schedule, poll) not connected in any worker for N minutes. */
export const consumerDisconnected = defineAlertKind({
  kind: 'consumer_disconnected',
  label: 'Consumer disconnected',
  description: "A trigger's consumer (or any trigger's) has not been connected in any worker for N minutes.",
  schema: z.strictObject({
    trigger_id: z.uuid().nullable().default(null).describe('The trigger watched; null watches every one.'),
    minutes: z.number().int().min(1).max(1440).describe('Fires once disconnected for this long.'),
  }),
  async evaluate({ db }, params, now) {
    const rows = await db
      .select({ trigger: t, consumer: cs })
      .from(t)
      .leftJoin(cs, eq(cs.triggerId, t.id))
      .where(
        and(
          eq(t.enabled, true),
          inArray(t.type, [...CONSUMER_TYPES]),
          params.trigger_id ? eq(t.id, params.trigger_id) : undefined,
        ),
      );
    const byTrigger = new Map<string, { name: string; since: Date; consumers: ConsumerRow[] }>();
    for (const { trigger, consumer } of rows) {
      const entry = byTrigger.get(trigger.id) ?? {
        name: trigger.name,
        since: trigger.updatedAt,
        consumers: [],
      };
      if (consumer) entry.consumers.push(consumer);
      byTrigger.set(trigger.id, entry);
    }
    const measured = [...byTrigger.values()]
      .map((entry) => ({ ...entry, minutes: minutesDisconnected(entry.consumers, entry.since, now) }))
      .sort((x, y) => y.minutes - x.minutes);
    const down = measured.filter((entry) => entry.minutes >= params.minutes);
    const worst = measured[0];
    const threshold = `threshold ${params.minutes} min`;
    let summary: string;
    if (!worst) {
      summary = params.trigger_id
        ? 'the trigger is disabled, gone, or runs no consumer; nothing to watch'
        : 'no enabled trigger runs a consumer; nothing to watch';
    } else if (down.length) {
      const names = down
        .slice(0, 3)
        .map((entry) => `"${entry.name}" (${figure(entry.minutes)} min)`)
        .join(', ');
      summary = `consumer of trigger ${names}${down.length > 3 ? ` and ${down.length - 3} more` : ''} not connected; ${threshold}`;
    } else if (worst.minutes > 0) {
      summary = `consumer of trigger "${worst.name}" not connected for ${figure(worst.minutes)} min; ${threshold}`;
    } else {
      summary = `every watched consumer is connected; ${threshold}`;
    }
    return {
      firing: down.length > 0,
      value: worst ? worst.minutes : null,
      threshold: params.minutes,
      summary,
      channelIds: [],
    };
  },
});
