import type pg from 'pg';
import type { Db } from '../../lib/db';

/**
 * What bench:console times: the Messages list as GET /api/v1/messages runs it (the same zod parse, cursor decode
 * and `listMessages` call as the route, limit 50 + 1) and the stats as GET /api/v1/stats runs them (`getStats`),
 * each against the bench database. The filters are the ones the console offers; their values are looked up in
 * the seeded data (a channel, a person's address, cursors deep in the list).
 */
export interface Case {
  group: 'list' | 'stats';
  name: string;
  /** Runs the product's code once; answers how many rows (list) or messages (stats) it returned. */
  run(): Promise<number>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function one<T extends pg.QueryResultRow>(pool: pg.Pool, text: string, params: unknown[] = []) {
  const { rows } = await pool.query<T>(text, params);
  if (!rows[0]) throw new Error(`bench:console: the seeded data has no answer to ${text}`);
  return rows[0];
}

/** The cursor the API would hand out after the `offset`-th row of a filter (base64url of [created_at, id]). */
async function cursorAt(pool: pg.Pool, where: string, params: unknown[], offset: number): Promise<string> {
  const row = await one<{ at: Date; id: string }>(
    pool,
    `SELECT created_at AS at, id FROM messages WHERE ${where} ORDER BY created_at DESC, id DESC OFFSET ${offset} LIMIT 1`,
    params,
  );
  return Buffer.from(JSON.stringify([row.at.toISOString(), row.id])).toString('base64url');
}

/** `messages` scales the offsets (they are for a million: a cursor 500,000 deep is half-way). */
export async function buildCases(db: Db, pool: pg.Pool, end: Date, messages: number): Promise<Case[]> {
  const { listMessagesQuery } = await import('../../lib/messages/schemas');
  const { listMessages } = await import('../../lib/messages/service');
  const { decodeCursor } = await import('../../lib/api/pagination');
  const { statsQuerySchema } = await import('../../lib/stats/schemas');
  const { getStats } = await import('../../lib/stats/service');

  const at = (offset: number) => Math.floor((offset * messages) / 1_000_000);
  const channel = async (name: string) =>
    (await one<{ id: string }>(pool, 'SELECT id FROM channels WHERE name = $1', [name])).id;
  const smsFallback = await channel('SMS fallback');
  const email = await channel('Transactional email');
  const invoice = (await one<{ id: string }>(pool, `SELECT id FROM workflows WHERE key = 'invoice-due'`)).id;
  const person = (
    await one<{ r: string }>(
      pool,
      `SELECT recipient AS r FROM messages WHERE recipient LIKE '%@%' OFFSET ${at(5000)} LIMIT 1`,
    )
  ).r;
  const order = (
    await one<{ s: string }>(
      pool,
      `SELECT subject AS s FROM messages WHERE subject LIKE 'Your order %' OFFSET ${at(20_000)} LIMIT 1`,
    )
  ).s.split(' ')[2]!;
  const iso = (ms: number) => new Date(end.getTime() - ms).toISOString();
  const deep = await cursorAt(pool, 'true', [], at(500_000));
  const deepDelivered = await cursorAt(pool, `status = 'delivered'`, [], at(200_000));
  const deepSearch = await cursorAt(
    pool,
    `search @@ websearch_to_tsquery('simple', 'password')`,
    [],
    at(50_000),
  );

  const list = (name: string, query: Record<string, string>): Case => ({
    group: 'list',
    name,
    async run() {
      const { limit, cursor, before: _, ...filter } = listMessagesQuery.parse(query);
      return (await listMessages(filter, { limit: limit + 1, cursor: decodeCursor(cursor) }, db)).length;
    },
  });
  const stats = (name: string, span: number): Case => ({
    group: 'stats',
    name,
    async run() {
      const query = statsQuerySchema.parse({ from: iso(span), to: end.toISOString() });
      return (await getStats(query, db, end.getTime())).totals.messages;
    },
  });

  return [
    list('newest first, no filter', {}),
    list('status dead', { status: 'dead' }),
    list('status failed,dead', { status: 'failed,dead' }),
    list('status sending (claimed)', { status: 'sending' }),
    list('status delivered', { status: 'delivered' }),
    list('channel (3 % of messages)', { channel_id: smsFallback }),
    list('channel + status failed', { channel_id: email, status: 'failed' }),
    list('workflow', { workflow_id: invoice }),
    list('time range: one day, 10 days ago', { from: iso(10 * DAY), to: iso(9 * DAY) }),
    list('time range 7 d + status dead', { from: iso(7 * DAY), to: end.toISOString(), status: 'dead' }),
    list('q common word ("password", 1/4)', { q: 'password' }),
    list('q city ("lisbon", ~2 %)', { q: 'lisbon' }),
    list(`q order number ("${order}", 1 run)`, { q: order }),
    list('q recipient address', { q: person }),
    list('q two words ("lisbon headphones")', { q: 'lisbon headphones' }),
    list('q no match', { q: 'nonexistentword' }),
    list('q campaign word, only 20-25 days ago', { q: 'percent' }),
    list('q common + status dead', { q: 'password', status: 'dead' }),
    list('q city + channel + last 7 d', { q: 'lisbon', channel_id: email, from: iso(7 * DAY) }),
    list('page 10,001 (cursor 500,000 deep)', { cursor: deep }),
    list('status delivered, cursor 200,000 deep', { status: 'delivered', cursor: deepDelivered }),
    list('q common, cursor 50,000 deep', { q: 'password', cursor: deepSearch }),
    stats('stats 1 h', HOUR),
    stats('stats 24 h', DAY),
    stats('stats 7 d', 7 * DAY),
    stats('stats 30 d (whole seed)', 30 * DAY),
  ];
}
