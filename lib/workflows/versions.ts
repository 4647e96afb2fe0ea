import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, db as defaultDb, schema, type Tx } from '../db';
import { AppError } from '../errors';
import type { Step } from './schemas';
import { requireWorkflow } from './service';
import type { WorkflowVersionView } from './version-schemas';

export type VersionRow = typeof schema.workflowVersions.$inferSelect;

/** The workflow's versions, newest first, after the `cursor` version when given. */
export async function listVersions(
  ref: string,
  options: { limit: number; cursor?: number },
  database: Db = defaultDb(),
): Promise<VersionRow[]> {
  const workflow = await requireWorkflow(ref, database);
  const { workflowVersions: v } = schema;
  return database
    .select()
    .from(v)
    .where(and(eq(v.workflowId, workflow.id), options.cursor ? lt(v.version, options.cursor) : undefined))
    .orderBy(desc(v.version))
    .limit(options.limit);
}

export async function getVersion(
  ref: string,
  version: number,
  database: Db | Tx = defaultDb(),
): Promise<VersionRow> {
  const workflow = await requireWorkflow(ref, database);
  const { workflowVersions: v } = schema;
  const [row] = await database
    .select()
    .from(v)
    .where(and(eq(v.workflowId, workflow.id), eq(v.version, version)));
  if (!row) throw new AppError('not_found', `workflow "${workflow.key}" has no version ${version}`);
  return row;
}

export function toVersionView(row: VersionRow): WorkflowVersionView {
  return {
    workflow_id: row.workflowId,
    version: row.version,
    name: row.name,
    description: row.description,
    steps: row.steps as Step[],
    enabled: row.enabled,
    restored_from: row.restoredFrom,
    created_by: {
      type: row.actorType as WorkflowVersionView['created_by']['type'],
      id: row.actorId,
      label: row.actorLabel,
    },
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * `{data, next_cursor}` from `limit + 1` rows. Versions page by number, not by time: concurrent saves can
 * commit in another order than their transactions started, and `created_at` is the start.
 */
export function versionPage(rows: VersionRow[], limit: number) {
  const data = rows.slice(0, limit).map(toVersionView);
  const last = data.at(-1);
  return {
    data,
    next_cursor:
      rows.length > limit && last ? Buffer.from(JSON.stringify([last.version])).toString('base64url') : null,
  };
}

export function decodeVersionCursor(value: string | undefined): number | undefined {
  if (!value) return undefined;
  try {
    const [version] = z
      .tuple([z.number().int().min(1).max(2_147_483_647)])
      .parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return version;
  } catch {
    throw new AppError('malformed', 'cursor is not valid; pass next_cursor from a previous page', [
      { path: 'query.cursor', message: 'invalid cursor' },
    ]);
  }
}
