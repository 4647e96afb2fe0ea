import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../drizzle/schema';
import type { Db } from '../../lib/db';
import { onCleanup } from './cleanup';

export interface Statement {
  text: string;
  params: unknown[];
}

/**
 * A Drizzle database like the product's (`createDb`: same schema, same casing) over the bench database, whose
 * logger can record the statements a call sends, so they can be explained exactly as the product ran them.
 */
export function recordingDb(url: string): {
  db: Db;
  pool: pg.Pool;
  record(fn: () => Promise<unknown>): Promise<Statement[]>;
} {
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'switchboard-bench-console' });
  pool.on('error', () => {});
  onCleanup('console bench pool', () => pool.end());
  let recording: Statement[] | undefined;
  const logger = { logQuery: (text: string, params: unknown[]) => recording?.push({ text, params }) };
  const db = drizzle({ client: pool, schema, casing: 'snake_case', logger }) as unknown as Db;
  return {
    db,
    pool,
    async record(fn) {
      recording = [];
      try {
        await fn();
        // Transaction control (begin, commit) is not worth explaining; settings (SET LOCAL) are replayed.
        return recording.filter((s) => /^\s*(select|with|set)\b/i.test(s.text));
      } finally {
        recording = undefined;
      }
    },
  };
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Sort Method'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

export interface PlanSummary {
  executionMs: number;
  planningMs: number;
  /** 8 kB pages read from shared buffers or from the OS. */
  buffers: number;
  /** The scans and sorts, e.g. `Index Scan using messages_created_at_idx on messages (51 rows)`. */
  nodes: string[];
}

function collectNodes(node: PlanNode, out: string[]): void {
  const type = node['Node Type'];
  if (/Scan|Sort|Aggregate|Gather|Hash Join|Nested Loop/.test(type) && !/Function Scan|CTE Scan/.test(type)) {
    const on = node['Index Name'] ? ` using ${node['Index Name']}` : '';
    const rel = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
    const sort = node['Sort Method'] ? ` (${node['Sort Method']})` : '';
    const rows = (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1);
    out.push(`${type}${on}${rel}${sort} (${rows.toLocaleString('en')} rows)`);
  }
  for (const child of node.Plans ?? []) collectNodes(child, out);
}

const isSetting = (statement: Statement) => /^\s*set\b/i.test(statement.text);

/**
 * EXPLAIN (ANALYZE, BUFFERS, …) of each recorded query, on one connection in a transaction that first applies the
 * settings the product made before it (the stats' `SET LOCAL jit = off`), then rolled back.
 */
async function explainEach<Row extends pg.QueryResultRow>(
  pool: pg.Pool,
  statements: Statement[],
  options: string,
): Promise<{ statement: Statement; rows: Row[] }[]> {
  const client = await pool.connect();
  const out: { statement: Statement; rows: Row[] }[] = [];
  try {
    await client.query('BEGIN');
    for (const statement of statements) {
      if (isSetting(statement)) await client.query(statement.text, statement.params);
      else {
        const { rows } = await client.query<Row>(`EXPLAIN (${options}) ${statement.text}`, statement.params);
        out.push({ statement, rows });
      }
    }
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
  return out;
}

/** The recorded queries' plans, summarised. */
export async function explainSummaries(pool: pg.Pool, statements: Statement[]): Promise<PlanSummary[]> {
  const explained = await explainEach<{
    'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }];
  }>(pool, statements, 'ANALYZE, BUFFERS, FORMAT JSON');
  return explained.map(({ rows }) => {
    const [top] = rows[0]!['QUERY PLAN'];
    const nodes: string[] = [];
    collectNodes(top.Plan, nodes);
    return {
      executionMs: top['Execution Time'],
      planningMs: top['Planning Time'],
      buffers: (top.Plan['Shared Hit Blocks'] ?? 0) + (top.Plan['Shared Read Blocks'] ?? 0),
      nodes,
    };
  });
}

/** The full text plans of a case's queries, with their SQL and parameters, in `dir/<slug>.txt`. */
export async function savePlans(
  pool: pg.Pool,
  dir: string,
  name: string,
  statements: Statement[],
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const explained = await explainEach<{ 'QUERY PLAN': string }>(pool, statements, 'ANALYZE, BUFFERS');
  const parts = explained.map(
    ({ statement, rows }) =>
      `-- statement\n${statement.text.trim()}\n-- parameters\n${JSON.stringify(statement.params)}\n-- plan\n` +
      rows.map((r) => r['QUERY PLAN']).join('\n'),
  );
  const file = path.join(
    dir,
    `${name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}.txt`,
  );
  writeFileSync(file, `${parts.join('\n\n')}\n`);
  return file;
}
