import { inArray } from 'drizzle-orm';
import { type Db, schema, type Tx } from '../db';
import type { FieldError } from '../errors';
import { AppError } from '../errors';
import type { Step } from './schemas';

/**
 * Steps hold channel ids in JSONB, where no foreign key can check them; a typo would only surface when the first
 * event arrives. So every send step's `channel_id` and `fallback_channel_id` must name an existing channel.
 */
export async function assertChannelsExist(steps: Step[], database: Db | Tx, root = 'steps'): Promise<void> {
  const refs = channelRefs(steps, root);
  if (refs.length === 0) return;
  const ids = [...new Set(refs.map((ref) => ref.id))];
  const rows = await database
    .select({ id: schema.channels.id })
    .from(schema.channels)
    .where(inArray(schema.channels.id, ids));
  const known = new Set(rows.map((row) => row.id));
  const errors: FieldError[] = refs
    .filter((ref) => !known.has(ref.id))
    .map((ref) => ({ path: ref.path, message: `no channel with id ${ref.id}` }));
  if (errors.length === 0) return;
  throw new AppError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

/** Every channel the steps name (send `channel_id` and `fallback_channel_id`), with its field path. */
export function channelRefs(steps: Step[], root = 'steps'): { path: string; id: string }[] {
  return steps.flatMap((step, index) => {
    if (step.type !== 'send') return [];
    const found = [{ path: `${root}.${index}.channel_id`, id: step.channel_id }];
    if (step.fallback_channel_id)
      found.push({ path: `${root}.${index}.fallback_channel_id`, id: step.fallback_channel_id });
    return found;
  });
}

/** Name by id of those of `ids` that exist. */
export async function channelNamesById(ids: string[], database: Db | Tx): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await database
    .select({ id: schema.channels.id, name: schema.channels.name })
    .from(schema.channels)
    .where(inArray(schema.channels.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.name]));
}
