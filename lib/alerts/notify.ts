import { inArray } from 'drizzle-orm';
import * as schema from '../../drizzle/schema';
import { deliver } from '../channels/deliver';
import { prepareForSend } from '../channels/service';
import { DeliveryError } from '../channels/types';
import type { Db } from '../db';
import { type Notice, noticeMessage } from './message';
import type { NotificationOutcome } from './schemas';

/** One notification never holds up the evaluation of the other rules for longer than this. */
export const NOTIFY_TIMEOUT_MS = 10_000;

interface Target {
  channelId: string;
  /** Why this channel: set for a fallback standing in for the channel the alert is about. */
  note?: string;
}

/**
 * Which channels a notice goes through. An alert about channel C (it is failing) is never sent through C: C is
 * skipped among the rule's channels; when C was the only one, C's fallback channel stands in, if it has one.
 */
export async function chooseTargets(
  database: Pick<Db, 'select'>,
  notifyChannelIds: string[],
  aboutChannelIds: string[],
): Promise<{ targets: Target[]; skipped: NotificationOutcome[] }> {
  const about = new Set(aboutChannelIds);
  const excluded = notifyChannelIds.filter((id) => about.has(id));
  const targets: Target[] = notifyChannelIds
    .filter((id) => !about.has(id))
    .map((channelId) => ({ channelId }));
  const skipped: NotificationOutcome[] = [];
  const fallbacks = new Map<string, string | null>();
  if (excluded.length && !targets.length) {
    const rows = await database
      .select({ id: schema.channels.id, fallback: schema.channels.fallbackChannelId })
      .from(schema.channels)
      .where(inArray(schema.channels.id, excluded));
    for (const row of rows) fallbacks.set(row.id, row.fallback);
  }
  for (const id of excluded) {
    const fallback = fallbacks.get(id);
    const usable = fallback && !about.has(fallback) && !targets.some((t) => t.channelId === fallback);
    if (usable) targets.push({ channelId: fallback, note: `fallback of channel ${id}` });
    skipped.push({
      channel_id: id,
      status: 'skipped',
      detail: usable
        ? `the alert is about this channel; sent through its fallback channel ${fallback} instead`
        : targets.length
          ? 'the alert is about this channel; sent through the other channels'
          : 'the alert is about this channel and it has no usable fallback channel: not sent',
    });
  }
  return { targets, skipped };
}

/** Sends the notice through each chosen channel at once (bounded in time) and says how each one went. */
export async function sendNotice(
  database: Pick<Db, 'select'>,
  notice: Notice,
  notifyChannelIds: string[],
  notifyTo: string | null,
): Promise<NotificationOutcome[]> {
  const { targets, skipped } = await chooseTargets(database, notifyChannelIds, notice.evaluation.channelIds);
  const rows = targets.length
    ? await database
        .select()
        .from(schema.channels)
        .where(
          inArray(
            schema.channels.id,
            targets.map((t) => t.channelId),
          ),
        )
    : [];
  const sent = await Promise.all(
    targets.map(async ({ channelId, note }): Promise<NotificationOutcome> => {
      const outcome = (status: NotificationOutcome['status'], detail: string) => ({
        channel_id: channelId,
        status,
        detail: note ? `${detail} (${note})` : detail,
      });
      const row = rows.find((r) => r.id === channelId);
      if (!row) return outcome('skipped', 'the channel no longer exists');
      if (!row.enabled) return outcome('skipped', `channel "${row.name}" is disabled`);
      try {
        const loaded = prepareForSend(row);
        if (loaded.provider.requiresRecipient && !notifyTo) {
          return outcome('skipped', `a ${row.provider} channel needs a recipient: set the rule's notify_to`);
        }
        const message = noticeMessage(notice, loaded.provider.type, notifyTo ?? '');
        const result = await deliver(loaded, message, {
          signal: AbortSignal.timeout(NOTIFY_TIMEOUT_MS),
          timeoutMs: NOTIFY_TIMEOUT_MS,
        });
        const code = result.responseCode ? ` (${result.responseCode})` : '';
        return outcome('sent', `sent through "${row.name}"${code}`);
      } catch (error) {
        // deliver() scrubs the channel's secrets from its errors; prepareForSend's name no secret.
        const reason = error instanceof DeliveryError ? error.message : 'unexpected error';
        return outcome('failed', reason);
      }
    }),
  );
  return [...skipped, ...sent];
}
