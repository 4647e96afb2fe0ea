import { expect, type Page, test } from '@playwright/test';
import { withE2eDatabase } from './support/database';
import { signInAsAdmin, uniqueName } from './support/session';

// The Messages list page by page: Previous/Next over the server's keyset pages, "Page N · rows x–y", and the page
// kept in the URL with the filters, so a reload (a shared link) shows the same page and Back returns to the page
// before.

const TOTAL = 120;

/** A channel (never reached) and TOTAL sent messages through it, "<name> #001" the newest, a minute apart. */
async function seedMessages(name: string): Promise<string> {
  return withE2eDatabase(async (client) => {
    const channel = await client.query<{ id: string }>(
      `INSERT INTO channels (name, type, provider, config, enabled)
       VALUES ($1, 'webhook', 'webhook', '{"url": "http://127.0.0.1:9/paging", "body_format": "text"}', false)
       RETURNING id`,
      [name],
    );
    const channelId = channel.rows[0]!.id;
    await client.query(
      `INSERT INTO messages (channel_id, recipient, subject, status, idempotency_key, created_at)
       SELECT $1, 'reader@example.test', $2 || ' #' || lpad(i::text, 3, '0'), 'sent', $2 || '-' || i,
              now() - make_interval(mins => i)
       FROM generate_series(1, ${TOTAL}) i`,
      [channelId, name],
    );
    return channelId;
  });
}

/** The message numbers the table shows, top to bottom. */
async function shown(page: Page, name: string): Promise<number[]> {
  const cells = page
    .getByRole('table', { name: 'Messages' })
    .getByRole('cell')
    .filter({ hasText: new RegExp(`^${name} #\\d{3}$`) });
  return (await cells.allInnerTexts()).map((text) => Number(text.split('#')[1]));
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('Messages pages forwards and back, the page in the URL for reloads and the Back button', async ({
  page,
}) => {
  await signInAsAdmin(page);
  const name = uniqueName('paging');
  const channelId = await seedMessages(name);

  await page.goto(`/messages?channel_id=${channelId}`);
  const pages = page.getByRole('navigation', { name: 'Messages pages' });
  const previous = pages.getByRole('button', { name: 'Previous page' });
  const next = pages.getByRole('button', { name: 'Next page' });
  await expect(pages).toContainText('Page 1 · rows 1–50');
  await expect.poll(() => shown(page, name)).toEqual(range(1, 50));
  await expect(previous).toBeDisabled();

  await next.click();
  await expect(pages).toContainText('Page 2 · rows 51–100');
  await expect.poll(() => shown(page, name)).toEqual(range(51, 100));
  await expect(page).toHaveURL(/[?&]cursor=[^&]+.*&page=2/);
  expect(new URL(page.url()).searchParams.get('channel_id')).toBe(channelId);

  await next.click();
  await expect(pages).toContainText('Page 3 · rows 101–120');
  await expect.poll(() => shown(page, name)).toEqual(range(101, 120));
  await expect(next).toBeDisabled();

  // Previous asks for the page before this one (`before`), and gets the very page 2 seen before.
  await previous.click();
  await expect(pages).toContainText('Page 2 · rows 51–100');
  await expect.poll(() => shown(page, name)).toEqual(range(51, 100));
  await expect(page).toHaveURL(/[?&]before=[^&]+.*&page=2/);

  // The URL is the page: a reload (or the link, shared) opens it again.
  await page.reload();
  await expect(pages).toContainText('Page 2 · rows 51–100');
  await expect.poll(() => shown(page, name)).toEqual(range(51, 100));

  // Back walks the pages visited: page 3, then page 2 (reached by Next), then page 1.
  await page.goBack();
  await expect(pages).toContainText('Page 3 · rows 101–120');
  await expect.poll(() => shown(page, name)).toEqual(range(101, 120));
  await page.goBack();
  await expect(pages).toContainText('Page 2 · rows 51–100');
  await page.goBack();
  await expect(pages).toContainText('Page 1 · rows 1–50');
  await expect.poll(() => shown(page, name)).toEqual(range(1, 50));
  expect(new URL(page.url()).searchParams.has('cursor')).toBe(false);

  // A new filter starts at its first page.
  await next.click();
  await expect(pages).toContainText('Page 2');
  await page.getByLabel('Search').fill(`"${name}"`);
  await expect(page).not.toHaveURL(/[?&](cursor|before|page)=/);
  await expect(pages).toContainText('Page 1 · rows 1–50');
  await expect.poll(() => shown(page, name)).toEqual(range(1, 50));
});
