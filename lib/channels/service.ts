import { eq, sql } from 'drizzle-orm';
import type { RateLimitConfig, RetryPolicy } from '../../drizzle/schema';
import { type PageRequest, pageCondition, pageOrder } from '../api/pagination';
import type { Principal } from '../api/principal';
import { created, deleted } from '../audit/changes';
import { audit } from '../audit/log';
import { changeConfig } from '../cache/config-change';
import { type Db, db as defaultDb, schema } from '../db';
import { AppError } from '../errors';
import type { ChannelUsage } from './activity-schemas';
import { auditableChannel, channelChanges } from './audit-changes';
import { assertValidFallback } from './fallback';
import { findProvider, getProvider } from './registry';
import {
  type ChannelView,
  type CreateChannelInput,
  DEFAULT_RETRY_POLICY,
  type UpdateChannelInput,
} from './schemas';
import { openConfig, sealConfig } from './secrets';
import { type ChannelProvider, DeliveryError } from './types';
import { channelInUse, channelUsage } from './usage';
import { type ChannelRow, toChannelView } from './view';

/** Channel CRUD (each write audit-logged in its own transaction) and loading a channel for delivery. */

const { channels } = schema;

export interface Actor {
  principal: Principal | null;
  requestId?: string;
}

export async function createChannel(
  input: CreateChannelInput,
  actor: Actor,
  database: Db = defaultDb(),
): Promise<ChannelView> {
  const provider = getProvider(input.provider);
  assertType(provider, input.type);
  const config = sealConfig(provider, input.config);
  return changeConfig(database, async (tx) => {
    if (input.fallback_channel_id) await assertValidFallback(tx, null, input.fallback_channel_id);
    const [row] = await tx
      .insert(channels)
      .values({
        name: input.name,
        type: provider.type,
        provider: provider.provider,
        config,
        rateLimit: input.rate_limit ?? null,
        retryPolicy: input.retry_policy ?? null,
        fallbackChannelId: input.fallback_channel_id ?? null,
        enabled: input.enabled,
      })
      .returning();
    const view = toChannelView(row!);
    await audit({ ...entry(actor, 'channel.create', view.id), changes: created(auditableChannel(view)) }, tx);
    return view;
  });
}

/** The rows of a page (`PageRequest`) for `listPage()`: newest first, oldest first before `before`. */
export async function listChannels(options: PageRequest, database: Db = defaultDb()): Promise<ChannelView[]> {
  const rows = await database
    .select()
    .from(channels)
    .where(pageCondition(channels.createdAt, channels.id, options))
    .orderBy(...pageOrder(channels.createdAt, channels.id, options))
    .limit(options.limit);
  return rows.map(toChannelView);
}

export async function getChannel(
  id: string,
  database: Pick<Db, 'select'> = defaultDb(),
): Promise<ChannelView> {
  return toChannelView(await getChannelRow(id, database));
}

export async function getChannelRow(
  id: string,
  database: Pick<Db, 'select'> = defaultDb(),
): Promise<ChannelRow> {
  const [row] = await database.select().from(channels).where(eq(channels.id, id));
  if (!row) throw notFound(id);
  return row;
}

/** Applies a PATCH and bumps `version`. Masked secrets in `config` keep their stored values. */
export async function updateChannel(
  id: string,
  patch: UpdateChannelInput,
  actor: Actor,
  database: Db = defaultDb(),
): Promise<ChannelView> {
  return changeConfig(database, async (tx) => {
    const [current] = await tx.select().from(channels).where(eq(channels.id, id)).for('update');
    if (!current) throw notFound(id);
    const provider = getProvider(patch.provider ?? current.provider);
    const providerChanged = provider.provider !== current.provider;
    if (providerChanged && patch.config === undefined) {
      const message = 'is required when the provider changes';
      throw new AppError('invalid', `config: ${message}`, [{ path: 'config', message }]);
    }
    assertType(provider, patch.type);
    const config =
      patch.config === undefined
        ? current.config
        : sealConfig(provider, patch.config, providerChanged ? null : current.config);
    if (patch.fallback_channel_id) await assertValidFallback(tx, id, patch.fallback_channel_id);
    const [row] = await tx
      .update(channels)
      .set({
        type: provider.type,
        provider: provider.provider,
        config,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.rate_limit !== undefined ? { rateLimit: patch.rate_limit } : {}),
        ...(patch.retry_policy !== undefined ? { retryPolicy: patch.retry_policy } : {}),
        ...(patch.fallback_channel_id !== undefined ? { fallbackChannelId: patch.fallback_channel_id } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        version: sql`${channels.version} + 1`,
      })
      .where(eq(channels.id, id))
      .returning();
    const view = toChannelView(row!);
    const changes = channelChanges(
      toChannelView(current),
      view,
      provider.secretFields,
      current.config,
      config,
    );
    await audit({ ...entry(actor, 'channel.update', id), changes }, tx);
    return view;
  });
}

/** What names the channel (workflows, alert rules, fallbacks) and what it still has to send. */
export async function getChannelUsage(id: string, database: Db = defaultDb()): Promise<ChannelUsage> {
  await getChannelRow(id, database);
  return channelUsage(id, database);
}

/**
 * Deletes the channel; channels and messages pointing at it keep a null reference (ON DELETE SET NULL). Refused
 * (409, naming them) while workflows or alert rules name it: they would hold a reference their own validation
 * refuses. The SHARE locks wait for saves of workflows and alert rules in flight and hold new ones back until
 * this commits, so none can start naming the channel between the check and the delete.
 */
export async function deleteChannel(id: string, actor: Actor, database: Db = defaultDb()): Promise<void> {
  await changeConfig(database, async (tx) => {
    await tx.execute(sql`LOCK TABLE workflows, alert_rules IN SHARE MODE`);
    const [current] = await tx.select().from(channels).where(eq(channels.id, id)).for('update');
    if (!current) throw notFound(id);
    const usage = await channelUsage(id, tx);
    if (!usage.deletable) throw channelInUse(current.name, usage);
    const [row] = await tx.delete(channels).where(eq(channels.id, id)).returning();
    if (!row) throw notFound(id);
    await audit(
      { ...entry(actor, 'channel.delete', id), changes: deleted({ name: row.name, provider: row.provider }) },
      tx,
    );
  });
}

/** Everything the delivery engine needs to send through a channel. */
export interface ChannelForSend {
  channel: ChannelRow;
  provider: ChannelProvider;
  /** Secrets decrypted: never log it, never store it. */
  config: Record<string, unknown>;
  retryPolicy: RetryPolicy;
  rateLimit: RateLimitConfig | null;
}

/**
 * Loads a channel for the delivery engine (worker; no framework imports). A channel that is gone, whose provider
 * is unknown or whose secrets cannot be decrypted fails with a permanent DeliveryError. Disabled channels are
 * returned too (`channel.enabled`); skipping them is the engine's decision.
 */
export async function loadChannelForSend(
  channelId: string,
  database: Pick<Db, 'select'> = defaultDb(),
): Promise<ChannelForSend> {
  const [row] = await database.select().from(channels).where(eq(channels.id, channelId));
  if (!row) throw new DeliveryError(`channel ${channelId} no longer exists`, 'permanent');
  return prepareForSend(row);
}

export function prepareForSend(row: ChannelRow): ChannelForSend {
  const provider = findProvider(row.provider);
  if (!provider) {
    throw new DeliveryError(
      `channel "${row.name}" uses provider "${row.provider}", which is not installed`,
      'permanent',
    );
  }
  let config: Record<string, unknown>;
  try {
    config = openConfig(provider, row.config);
  } catch (error) {
    throw new DeliveryError(
      `cannot decrypt the secrets of channel "${row.name}": ${(error as Error).message}`,
      'permanent',
    );
  }
  return {
    channel: row,
    provider,
    config,
    retryPolicy: { ...DEFAULT_RETRY_POLICY, ...row.retryPolicy },
    rateLimit: row.rateLimit ?? null,
  };
}

function assertType(provider: ChannelProvider, type: string | undefined): void {
  if (type === undefined || type === provider.type) return;
  const message = `provider "${provider.provider}" is a ${provider.type} provider, not ${type}`;
  throw new AppError('invalid', `type: ${message}`, [{ path: 'type', message }]);
}

function entry(actor: Actor, action: string, resourceId: string) {
  return {
    principal: actor.principal,
    requestId: actor.requestId,
    action,
    resourceType: 'channel',
    resourceId,
  };
}

function notFound(id: string): AppError {
  return new AppError('not_found', `no channel with id ${id}`);
}
