import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../app/api/v1/messages/route';
import { db, schema } from '../lib/db';
import type { MessageView } from '../lib/messages/schemas';
import { call, makeApiKey, makeChannel, makeWorkflow } from './support/factories';

// 60 messages, three to each created_at (ties the keyset must break by id), over two channels and two workflows,
// every status (some queued and retrying ones claimed, which the API shows as `sending`), three kinds of text.
const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const STATUSES = ['delivered', 'sent', 'dead', 'failed', 'queued', 'retrying'] as const;

type Row = typeof schema.messages.$inferSelect;
let key: string;
let rows: Row[] = [];
const ids = { a: '', b: '', w1: '', w2: '' };

const shown = (r: Row) => (r.claimedBy && ['queued', 'retrying'].includes(r.status) ? 'sending' : r.status);
/** The expected answer: rows passing `keep`, newest first, ties by id (uuid order is the text's order). */
const expected = (keep: (r: Row) => boolean) =>
  rows
    .filter(keep)
    .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : -1))
    .map((r) => r.id);

type Page = { data: MessageView[]; next_cursor: string | null; prev_cursor: string | null };

async function page(query: string) {
  const res = await call(GET, { key, path: `/api/v1/messages?${query}` });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}

/**
 * Every page of a query forwards (`next_cursor`), then back from the last one (`prev_cursor` as `before`):
 * both walks must give the same pages, and only the first page has no `prev_cursor`.
 */
async function forthAndBack(query: string, limit: number): Promise<string[][]> {
  const ids = (p: Page) => p.data.map((m) => m.id);
  const forth: Page[] = [await page(`${query}&limit=${limit}`)];
  while (forth.at(-1)!.next_cursor)
    forth.push(await page(`${query}&limit=${limit}&cursor=${forth.at(-1)!.next_cursor}`));
  expect(forth.map((p) => p.prev_cursor === null)).toEqual(forth.map((_, i) => i === 0));
  const back: Page[] = [forth.at(-1)!];
  while (back.at(-1)!.prev_cursor)
    back.push(await page(`${query}&limit=${limit}&before=${back.at(-1)!.prev_cursor}`));
  expect(back.map(ids).reverse()).toEqual(forth.map(ids));
  // A page reached backwards leads forwards again to the page it came from.
  for (const [i, p] of back.entries()) if (i > 0) expect(p.next_cursor).toEqual(expect.any(String));
  return forth.map(ids);
}

/** Every page of a query, `limit` at a time, checking no page repeats an id. */
async function all(query: string, limit = 7): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const body = await page(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(body.data.length).toBeLessThanOrEqual(limit);
    seen.push(...body.data.map((m) => m.id));
    cursor = body.next_cursor;
  } while (cursor);
  expect(new Set(seen).size).toBe(seen.length);
  return seen;
}

beforeAll(async () => {
  key = (await makeApiKey('admin')).key;
  ids.a = (await makeChannel({ name: 'alpha' })).id;
  ids.b = (await makeChannel({ name: 'bravo' })).id;
  ids.w1 = (await makeWorkflow()).id;
  ids.w2 = (await makeWorkflow()).id;
  const texts = [
    (i: number) => ({ subject: `Invoice INV-${i} is due`, body: 'Pay by card or bank transfer.' }),
    (i: number) => ({
      subject: 'Password reset',
      body: `Hi person ${i}, reset the password of your account.`,
    }),
    (i: number) => ({ subject: `Order A${i} shipped`, body: 'Your parcel left our warehouse in Lisbon.' }),
  ];
  rows = await db()
    .insert(schema.messages)
    .values(
      Array.from({ length: 60 }, (_, i) => {
        const status = STATUSES[i % STATUSES.length]!;
        return {
          channelId: i % 2 ? ids.a : ids.b,
          workflowId: i % 3 ? ids.w2 : ids.w1,
          recipient: `person${i}@example.test`,
          ...texts[i % 4 === 0 ? 0 : i % 4 === 1 ? 1 : 2]!(i),
          status,
          claimedBy: (status === 'queued' || status === 'retrying') && i % 4 === 0 ? 'worker-x' : null,
          idempotencyKey: `list-${i}`,
          createdAt: new Date(T0 + Math.floor(i / 3) * 1000),
        };
      }),
    )
    .returning();
});

describe('GET /api/v1/messages at the SQL level', () => {
  it('pages through every message newest first, with no gap or repeat where created_at ties', async () => {
    expect(await all('')).toEqual(expected(() => true));
    expect(await all('', 3)).toEqual(expected(() => true));
  });

  it.each([
    ['status=dead', (r: Row) => r.status === 'dead'],
    ['status=failed,dead', (r: Row) => r.status === 'failed' || r.status === 'dead'],
    ['status=sending', (r: Row) => shown(r) === 'sending'],
    ['status=queued', (r: Row) => shown(r) === 'queued'],
    ['status=retrying,sending', (r: Row) => ['retrying', 'sending'].includes(shown(r))],
  ])('filters by %s, paging included', async (query, keep) => {
    const want = expected(keep);
    expect(want.length).toBeGreaterThan(0);
    expect(await all(query, 4)).toEqual(want);
  });

  it('filters by channel, workflow and time range (from inclusive, to exclusive), together', async () => {
    const from = new Date(T0 + 5000);
    const to = new Date(T0 + 15_000);
    expect(await all(`channel_id=${ids.a}`)).toEqual(expected((r) => r.channelId === ids.a));
    expect(await all(`workflow_id=${ids.w1}`)).toEqual(expected((r) => r.workflowId === ids.w1));
    const inRange = (r: Row) => r.createdAt >= from && r.createdAt < to;
    expect(await all(`from=${from.toISOString()}&to=${to.toISOString()}`, 4)).toEqual(expected(inRange));
    expect(
      await all(`channel_id=${ids.b}&workflow_id=${ids.w2}&status=sent&from=${from.toISOString()}`, 2),
    ).toEqual(
      expected(
        (r) => r.channelId === ids.b && r.workflowId === ids.w2 && r.status === 'sent' && r.createdAt >= from,
      ),
    );
  });

  it('searches whole words in recipient, subject and body, case-insensitively', async () => {
    const text = (r: Row) => `${r.recipient} ${r.subject} ${r.body}`.toLowerCase();
    expect(await all('q=PASSWORD')).toEqual(expected((r) => text(r).includes('password')));
    // Words are ANDed, in any order.
    expect(await all('q=lisbon%20order')).toEqual(expected((r) => text(r).includes('lisbon')));
    // An e-mail address is one word: person7 does not find person70.
    expect(await all('q=person7@example.test')).toEqual(
      expected((r) => r.recipient === 'person7@example.test'),
    );
    expect(await all('q=invoice%20or%20password')).toEqual(
      expected((r) => text(r).includes('invoice') || text(r).includes('password')),
    );
    expect(await all('q=lisbon%20-shipped')).toEqual([]);
    expect(await all('q=%22reset%20the%20password%22')).toEqual(
      expected((r) => text(r).includes('reset the')),
    );
  });

  it('searches within the other filters, paging included', async () => {
    expect(await all(`q=invoice&status=dead,delivered&channel_id=${ids.b}`, 2)).toEqual(
      expected(
        (r) =>
          !!r.subject?.startsWith('Invoice') &&
          ['dead', 'delivered'].includes(r.status) &&
          r.channelId === ids.b,
      ),
    );
  });

  it('pages back with prev_cursor through the same pages, ties included, filtered or not', async () => {
    expect((await forthAndBack('', 4)).flat()).toEqual(expected(() => true));
    expect((await forthAndBack('', 7)).flat()).toEqual(expected(() => true));
    expect((await forthAndBack('status=failed,dead', 4)).flat()).toEqual(
      expected((r) => r.status === 'failed' || r.status === 'dead'),
    );
    expect((await forthAndBack('q=password', 3)).flat()).toEqual(
      expected((r) => r.subject === 'Password reset'),
    );
  });

  it('ends Previous on a full first page when fewer than a page are newer', async () => {
    const want = expected(() => true);
    const second = await page(`limit=4&cursor=${(await page('limit=2')).next_cursor}`);
    expect(second.data.map((m) => m.id)).toEqual(want.slice(2, 6));
    const first = await page(`limit=4&before=${second.prev_cursor}`);
    expect(first.data.map((m) => m.id)).toEqual(want.slice(0, 4));
    expect(first.prev_cursor).toBeNull();
    expect(first.next_cursor).toEqual(expect.any(String));
  });

  it('refuses cursor and before together, and a before it did not hand out', async () => {
    const { next_cursor, data } = await page('limit=2');
    const both = await call(GET, {
      key,
      path: `/api/v1/messages?cursor=${next_cursor}&before=${next_cursor}`,
    });
    expect(both.status).toBe(400);
    const bad = await call(GET, { key, path: '/api/v1/messages?before=zzz' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('query.before');
    expect(data).toHaveLength(2);
  });

  it('starts after the cursor it handed out, also in the middle of a group of ties', async () => {
    const want = expected(() => true);
    const first = await page('limit=4');
    // The 4th row shares its created_at with the 5th and 6th: the next page must start exactly at the 5th.
    expect(rows.find((r) => r.id === want[3])!.createdAt).toEqual(
      rows.find((r) => r.id === want[4])!.createdAt,
    );
    const next = await page(`limit=4&cursor=${first.next_cursor}`);
    expect(next.data.map((m) => m.id)).toEqual(want.slice(4, 8));
  });
});
