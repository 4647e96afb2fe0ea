import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Cursor, newestFirst, olderThan } from '../api/pagination';
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

export async function listApiKeys(
  options: { limit: number; cursor?: Cursor },
  database: Db = defaultDb(),
): Promise<ApiKeyView[]> {
  const { apiKeys } = schema;
  const rows = await database
    .select()
    .from(apiKeys)
    .where(olderThan(apiKeys.createdAt, apiKeys.id, options.cursor))
    .orderBy(...newestFirst(apiKeys.createdAt, apiKeys.id))
    .limit(options.limit);
  return rows.map(toApiKeyView);
}

export async function revokeApiKey(id: string, database: Db = defaultDb()): Promise<ApiKeyView> {
  const [row] = await database
    .update(schema.apiKeys)
    .set({ revokedAt: sql`coalesce(${schema.apiKeys.revokedAt}, now())` })
    .where(eq(schema.apiKeys.id, id))
    .returning();
  if (!row) throw new AppError('not_found', `no API key with id ${id}`);
  return toApiKeyView(row);
}

/** The active key matching a presented secret, or undefined. Updates last_used_at (coarsely). */
export async function authenticateApiKey(
  key: string,
  database: Db = defaultDb(),
): Promise<ApiKeyRow | undefined> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return undefined;
  const [row] = await database
    .select()
    .from(schema.apiKeys)
    .where(and(eq(schema.apiKeys.keyHash, hashApiKey(key)), isNull(schema.apiKeys.revokedAt)));
  if (!row) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await database
      .update(schema.apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(eq(schema.apiKeys.id, row.id));
  }
  return row;
}
