import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import { z } from 'zod';
import { keysetPage, type Page } from '../api/pagination';
import { type Db, db as defaultDb, schema, type Tx } from '../db';
import { AppError } from '../errors';
import type { Step } from './schemas';
import { requireWorkflow } from './service';
import type { WorkflowVersionView } from './version-schemas';

export type VersionRow = typeof schema.workflowVersions.$inferSelect;

/**
 * The workflow's versions, newest first, after the `cursor` version when given; before `before`, oldest first
 * from it up (for `keysetPage`).
 */
export async function listVersions(
  ref: string,
  options: { limit: number; cursor?: number; before?: number },
  database: Db = defaultDb(),
): Promise<VersionRow[]> {
  const workflow = await requireWorkflow(ref, database);
  const { workflowVersions: v } = schema;
  const { cursor, before } = options;
  return database
    .select()
    .from(v)
    .where(
      and(
        eq(v.workflowId, workflow.id),
        before ? gt(v.version, before) : cursor ? lt(v.version, cursor) : undefined,
      ),
    )
    .orderBy(before ? asc(v.version) : desc(v.version))
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
 * A page of versions, `{data, next_cursor, prev_cursor}`. Versions page by number, not by time: concurrent saves
 * can commit in another order than their transactions started, and `created_at` is the start.
 */
export async function versionPage(
  ref: string,
  query: { limit: number; cursor?: string; before?: string },
): Promise<Page<WorkflowVersionView>> {
  const position = {
    cursor: decodeVersionCursor(query.cursor),
    before: decodeVersionCursor(query.before, 'before'),
  };
  if (position.cursor && position.before) {
    throw new AppError('malformed', 'pass either cursor or before, not both', [
      { path: 'query.before', message: 'cannot be combined with cursor' },
    ]);
  }
  const page = await keysetPage(query, position, (request) => listVersions(ref, request), versionCursor);
  return { ...page, data: page.data.map(toVersionView) };
}

const versionCursor = (row: VersionRow) => Buffer.from(JSON.stringify([row.version])).toString('base64url');

function decodeVersionCursor(
  value: string | undefined,
  name: 'cursor' | 'before' = 'cursor',
): number | undefined {
  if (!value) return undefined;
  try {
    const [version] = z
      .tuple([z.number().int().min(1).max(2_147_483_647)])
      .parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return version;
  } catch {
    const from = name === 'cursor' ? 'next_cursor' : 'prev_cursor';
    throw new AppError('malformed', `${name} is not valid; pass ${from} from a previous page`, [
      { path: `query.${name}`, message: 'invalid cursor' },
    ]);
  }
}
