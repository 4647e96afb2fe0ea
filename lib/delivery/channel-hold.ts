import { run, type SqlClient } from '../db/sql';

/**
 * Channels whose provider asked to wait (a 429 with Retry-After, or a throttling error): nothing is sent
 * through them before the hold ends. Holds live in `channel_holds`, so every worker honours them, and in this
 * process's memory, so sends of a batch already under way here stop at once.
 */
const local = new Map<string, number>();

const HELD = {
  name: 'sb_channel_holds',
  text: `SELECT channel_id, until FROM channel_holds WHERE channel_id = ANY($1::uuid[]) AND until > now()`,
};

const HOLD = {
  name: 'sb_channel_hold',
  text: `INSERT INTO channel_holds (channel_id, until) VALUES ($1, $2)
         ON CONFLICT (channel_id) DO UPDATE SET until = greatest(channel_holds.until, excluded.until)`,
};

/** When this process knows the channel is held: the hold's end (epoch ms), else undefined. */
export function localHoldUntil(channelId: string | null, now = Date.now()): number | undefined {
  if (!channelId) return undefined;
  const until = local.get(channelId);
  if (until === undefined) return undefined;
  if (until > now) return until;
  local.delete(channelId);
  return undefined;
}

/** The holds in force on these channels (this process's and the database's), as epoch ms. */
export async function heldChannels(client: SqlClient, channelIds: string[]): Promise<Map<string, number>> {
  const held = new Map<string, number>();
  if (channelIds.length === 0) return held;
  const { rows } = await run<{ channel_id: string; until: Date }>(client, HELD, [channelIds]);
  for (const row of rows) held.set(row.channel_id, row.until.getTime());
  for (const id of channelIds) {
    const until = localHoldUntil(id);
    if (until !== undefined && until > (held.get(id) ?? 0)) held.set(id, until);
  }
  return held;
}

/** Holds the channel until `until` (epoch ms) here at once and, for every other worker, in the database. */
export async function holdChannel(client: SqlClient, channelId: string, until: number): Promise<void> {
  if (until > (local.get(channelId) ?? 0)) local.set(channelId, until);
  await run(client, HOLD, [channelId, new Date(until)]);
}
