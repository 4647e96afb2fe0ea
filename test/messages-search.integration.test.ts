import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../app/api/v1/messages/route';
import { encodeCursor } from '../lib/api/pagination';
import { db } from '../lib/db';
import type { MessageView } from '../lib/messages/schemas';
import { SEARCH_WINDOW } from '../lib/messages/search';
import { call, makeApiKey, makeChannel } from './support/factories';

// More messages than the search's first phase reads (SEARCH_WINDOW newest), one per second, message i created at
// T0 + i s: "campaign" only in the 30 oldest (phase 1 finds none, the GIN phase all), "weekly" in every 100th
// (phase 1 finds some of a page, the GIN phase the rest), "recent" in the newest 80 (phase 1 alone).
const TOTAL = SEARCH_WINDOW + 1000;
const T0 = Date.parse('2026-04-01T00:00:00.000Z');

let key: string;
let channelId: string;

beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  channelId = (await makeChannel()).id;
  await db().execute(sql`
    INSERT INTO messages (channel_id, recipient, subject, body, status, idempotency_key, created_at, updated_at)
    SELECT ${channelId}, 'user' || i || '@example.test', 'Message ' || i,
           concat_ws(' ', 'plain text',
                     CASE WHEN i <= 30 THEN 'campaign' END,
                     CASE WHEN i % 100 = 0 THEN 'weekly' END,
                     CASE WHEN i > ${TOTAL}::int - 80 THEN 'recent' END),
           CASE WHEN i % 2 = 0 THEN 'delivered' ELSE 'dead' END::message_status,
           'search-' || i,
           ${new Date(T0).toISOString()}::timestamptz + i * interval '1 second',
           ${new Date(T0).toISOString()}::timestamptz + i * interval '1 second'
    FROM generate_series(1, ${TOTAL}::int) i`);
  await db().execute(sql`ANALYZE messages`);
});

/** Message numbers (from the subject), newest first. */
const numbers = (rows: MessageView[]) => rows.map((m) => Number(m.subject!.split(' ')[1]));
const newestFirst = (keep: (i: number) => boolean) =>
  Array.from({ length: TOTAL }, (_, k) => TOTAL - k).filter(keep);

async function all(query: string, limit: number): Promise<number[]> {
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const res = await call(GET, {
      key,
      path: `/api/v1/messages?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { data: MessageView[]; next_cursor: string | null };
    seen.push(...numbers(body.data));
    cursor = body.next_cursor;
  } while (cursor);
  return seen;
}

type Page = { data: MessageView[]; next_cursor: string | null; prev_cursor: string | null };

async function page(query: string): Promise<Page> {
  const res = await call(GET, { key, path: `/api/v1/messages?${query}` });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}

/** Every page forwards, then back from the last one with `prev_cursor`: the same pages, in reverse. */
async function forthAndBack(query: string, limit: number): Promise<number[]> {
  const forth = [await page(`${query}&limit=${limit}`)];
  while (forth.at(-1)!.next_cursor)
    forth.push(await page(`${query}&limit=${limit}&cursor=${forth.at(-1)!.next_cursor}`));
  const back = [forth.at(-1)!];
  while (back.at(-1)!.prev_cursor)
    back.push(await page(`${query}&limit=${limit}&before=${back.at(-1)!.prev_cursor}`));
  expect(back.map((p) => numbers(p.data)).reverse()).toEqual(forth.map((p) => numbers(p.data)));
  return forth.flatMap((p) => numbers(p.data));
}

describe('search over more messages than its first phase reads', () => {
  it('finds a word that is only in old messages (none among the newest)', async () => {
    expect(await all('q=campaign', 50)).toEqual(newestFirst((i) => i <= 30));
    expect(await all('q=campaign', 7)).toEqual(newestFirst((i) => i <= 30));
  });

  it('completes a page from both phases, in order, with no gap or repeat', async () => {
    expect(await all('q=weekly', 50)).toEqual(newestFirst((i) => i % 100 === 0));
    expect(await all('q=weekly&status=delivered', 20)).toEqual(newestFirst((i) => i % 100 === 0));
    expect(await all('q=weekly&status=dead', 20)).toEqual([]);
  });

  it('answers from the newest messages alone when they hold the page', async () => {
    expect(await all('q=recent', 25)).toEqual(newestFirst((i) => i > TOTAL - 80));
    expect(await all('q=plain%20text', 200)).toEqual(newestFirst(() => true));
  });

  it('pages back through both phases: the same pages as forwards', async () => {
    expect(await forthAndBack('q=weekly', 7)).toEqual(newestFirst((i) => i % 100 === 0));
    expect(await forthAndBack('q=campaign', 7)).toEqual(newestFirst((i) => i <= 30));
    expect(await forthAndBack('q=recent', 30)).toEqual(newestFirst((i) => i > TOTAL - 80));
  });

  it('finds the matches just newer than an old cursor from the GIN phase when the first phase has none', async () => {
    const { rows } = await db().execute<{ id: string; created_at: string }>(
      sql`SELECT id, created_at FROM messages WHERE subject = 'Message 10'`,
    );
    const before = encodeCursor({ createdAt: new Date(rows[0]!.created_at), id: rows[0]!.id });
    const older = await page(`q=recent&limit=7&before=${before}`);
    // The 7 oldest of the 80 "recent" messages, shown newest first; newer ones remain before them.
    expect(numbers(older.data)).toEqual(newestFirst((i) => i > TOTAL - 80 && i <= TOTAL - 73));
    expect(older.prev_cursor).toEqual(expect.any(String));
    const newer = await page(`q=recent&limit=7&before=${older.prev_cursor}`);
    expect(numbers(newer.data)).toEqual(newestFirst((i) => i > TOTAL - 73 && i <= TOTAL - 66));
  });

  it('finds nothing when nothing matches', async () => {
    expect(await all('q=nowhere', 50)).toEqual([]);
  });
});
