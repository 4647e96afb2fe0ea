import { eq } from 'drizzle-orm';
import { type Db, schema } from '../db';
import { AppError } from '../errors';

const PATH = 'body.fallback_channel_id';

/**
 * A fallback must exist, must not be the channel itself and must not lead back to it: the delivery engine
 * follows fallbacks one after another, and a loop would never end.
 */
export async function assertValidFallback(
  database: Pick<Db, 'select'>,
  channelId: string | null,
  fallbackId: string,
): Promise<void> {
  if (fallbackId === channelId) throw invalid('a channel cannot be its own fallback');
  const chain: string[] = [];
  let current: string | null = fallbackId;
  while (current && !chain.includes(current)) {
    chain.push(current);
    const [row] = await database
      .select({ fallbackChannelId: schema.channels.fallbackChannelId })
      .from(schema.channels)
      .where(eq(schema.channels.id, current));
    if (!row) {
      if (current === fallbackId) throw invalid(`no channel with id ${fallbackId}`);
      return;
    }
    if (channelId && row.fallbackChannelId === channelId) {
      throw invalid(`would make a loop: ${[channelId, ...chain, channelId].join(' -> ')}`);
    }
    current = row.fallbackChannelId;
  }
}

function invalid(message: string): AppError {
  return new AppError('invalid', `fallback_channel_id: ${message}`, [{ path: PATH, message }]);
}
