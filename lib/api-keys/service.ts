import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type PageRequest, pageCondition, pageOrder } from '../api/pagination';
import { configCache } from '../cache/config-cache';
import { changeConfig } from '../cache/config-change';
import { type Db, db as defaultDb, schema } from '../db';
import { AppError } from '../errors';
import type { ApiKeyScope, ApiKeyView } from './schemas';

const KEY_PREFIX = 'sbk_';
// last_used_at is advisory; writing it at most once a minute keeps hot keys from costing a write per request.
const LAST_USED_RESOLUTION_MS = 60_000;

type ApiKeyRow = typeof schema.apiKeys.$inferSelect;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function toApiKeyView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}

export async function createApiKey(
  input: { name: string; scope: ApiKeyScope; createdBy?: string | null },
  database: Db = defaultDb(),
): Promise<ApiKeyView & { key: string }> {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const [row] = await database
    .insert(schema.apiKeys)
    .values({
      name: input.name,
      scope: input.scope,
      prefix: key.slice(0, KEY_PREFIX.length + 6),
      keyHash: hashApiKey(key),
      createdBy: input.createdBy ?? null,
    })
    .returning();
  return { ...toApiKeyView(row!), key };
}

export async function listApiKeys(options: PageRequest, database: Db = defaultDb()): Promise<ApiKeyView[]> {
  const { apiKeys } = schema;
  const rows = await database
    .select()
    .from(apiKeys)
    .where(pageCondition(apiKeys.createdAt, apiKeys.id, options))
    .orderBy(...pageOrder(apiKeys.createdAt, apiKeys.id, options))
    .limit(options.limit);
  return rows.map(toApiKeyView);
}

export async function revokeApiKey(id: string, database: Db = defaultDb()): Promise<ApiKeyView> {
  const [row] = await changeConfig(database, (tx) =>
    tx
      .update(schema.apiKeys)
      .set({ revokedAt: sql`coalesce(${schema.apiKeys.revokedAt}, now())` })
      .where(eq(schema.apiKeys.id, id))
      .returning(),
  );
  if (!row) throw new AppError('not_found', `no API key with id ${id}`);
  return toApiKeyView(row);
}

const activeKeys = configCache(async (hash: string): Promise<ApiKeyRow | null> => {
  const [row] = await defaultDb()
    .select()
    .from(schema.apiKeys)
    .where(and(eq(schema.apiKeys.keyHash, hash), isNull(schema.apiKeys.revokedAt)));
  return row ?? null;
});
const lastUsedWritten = new Map<string, number>();

/**
 * The active key matching a presented secret, or undefined. Keys are read through the configuration cache (a
 * revocation reaches every process as it commits); last_used_at is written at most once a minute per key.
 */
export async function authenticateApiKey(key: string): Promise<ApiKeyRow | undefined> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return undefined;
  const row = await activeKeys.get(hashApiKey(key));
  if (!row) return undefined;
  const written = lastUsedWritten.get(row.id) ?? row.lastUsedAt?.getTime() ?? 0;
  if (Date.now() - written > LAST_USED_RESOLUTION_MS) {
    lastUsedWritten.set(row.id, Date.now());
    if (lastUsedWritten.size > 10_000) lastUsedWritten.clear();
    await defaultDb()
      .update(schema.apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(eq(schema.apiKeys.id, row.id));
  }
  return row;
}
