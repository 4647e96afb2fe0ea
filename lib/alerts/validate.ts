import { inArray } from 'drizzle-orm';
import * as schema from '../../drizzle/schema';
import type { Db } from '../db';
import { AppError, type FieldError, fieldErrors } from '../errors';
import { findAlertKind } from './kinds';

/** A kind's params, parsed by its schema (defaults applied); errors are named `params.<field>`. */
export function parseParams(kind: string, params: unknown): Record<string, unknown> {
  const definition = findAlertKind(kind);
  if (!definition)
    throw new AppError('invalid', `kind: unknown kind "${kind}"`, [{ path: 'kind', message: 'unknown' }]);
  const result = definition.schema.safeParse(params);
  if (result.success) return result.data as Record<string, unknown>;
  const errors = fieldErrors(result.error, 'params');
  throw new AppError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

/** Every channel and trigger the rule names must exist: a typo would otherwise alert nobody, silently. */
export async function assertReferencesExist(
  database: Pick<Db, 'select'>,
  rule: { notify_channel_ids: string[]; params: Record<string, unknown> },
): Promise<void> {
  const channelId = typeof rule.params.channel_id === 'string' ? rule.params.channel_id : null;
  const triggerId = typeof rule.params.trigger_id === 'string' ? rule.params.trigger_id : null;
  const wanted = [...new Set([...rule.notify_channel_ids, ...(channelId ? [channelId] : [])])];
  const found = new Set(
    wanted.length
      ? (
          await database
            .select({ id: schema.channels.id })
            .from(schema.channels)
            .where(inArray(schema.channels.id, wanted))
        ).map((row) => row.id)
      : [],
  );
  const errors: FieldError[] = rule.notify_channel_ids
    .map((id, index) => ({ id, path: `notify_channel_ids.${index}` }))
    .concat(channelId ? [{ id: channelId, path: 'params.channel_id' }] : [])
    .filter(({ id }) => !found.has(id))
    .map(({ id, path }) => ({ path, message: `no channel with id ${id}` }));
  if (triggerId) {
    const [trigger] = await database
      .select({ id: schema.triggers.id })
      .from(schema.triggers)
      .where(inArray(schema.triggers.id, [triggerId]));
    if (!trigger) errors.push({ path: 'params.trigger_id', message: `no trigger with id ${triggerId}` });
  }
  if (errors.length) {
    throw new AppError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
}
