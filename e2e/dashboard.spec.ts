import { expect, type Page, test } from '@playwright/test';
import { withE2eDatabase } from './support/database';
import { signInAsAdmin, uniqueName } from './support/session';

// The dashboard's figures come from GET /api/v1/stats. Messages are seeded straight into the e2e database with
// chosen statuses and times; the dashboard must then show exactly that many more than before (other specs may
// have left messages of their own, so each figure is compared with its value before seeding).

interface Seed {
  status: string;
  minutesAgo: number;
}

const SEEDS: Seed[] = [
  ...Array.from({ length: 4 }, () => ({ status: 'sent', minutesAgo: 5 })),
  ...Array.from({ length: 2 }, () => ({ status: 'delivered', minutesAgo: 10 })),
  ...Array.from({ length: 3 }, () => ({ status: 'failed', minutesAgo: 15 })),
  ...Array.from({ length: 2 }, () => ({ status: 'dead', minutesAgo: 20 })),
  { status: 'bounced', minutesAgo: 25 },
  { status: 'queued', minutesAgo: 30 },
  // Three hours ago: inside the last 24 hours, outside the last hour.
  { status: 'dead', minutesAgo: 180 },
];

async function seed(channelName: string): Promise<string> {
  return withE2eDatabase(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO channels (name, type, provider, config)
       VALUES ($1, 'webhook', 'webhook', '{"url": "http://127.0.0.1:9/hook"}') RETURNING id`,
      [channelName],
    );
    const channelId = rows[0]!.id;
    await client.query(
      `INSERT INTO messages (channel_id, recipient, status, idempotency_key, sent_at, created_at, updated_at)
       SELECT $1, 'e2e@example.test', s.status::message_status, 'e2e-dashboard-' || gen_random_uuid(),
              CASE WHEN s.status IN ('sent', 'delivered', 'bounced') THEN now() - s.ago + interval '2 seconds' END,
              now() - s.ago, now() - s.ago
       FROM json_to_recordset($2::json) AS x(status text, minutes_ago int),
            LATERAL (SELECT x.status, x.minutes_ago * interval '1 minute' AS ago) s`,
      [channelId, JSON.stringify(SEEDS.map((s) => ({ status: s.status, minutes_ago: s.minutesAgo })))],
    );
    return channelId;
  });
}

const figures = (page: Page) => page.getByRole('region', { name: /^Deliveries, last / });

/** Picks a range and waits until its figures (not the previous range's, kept while loading) are on screen. */
async function showRange(page: Page, label: '1 hour' | '24 hours' | '7 days') {
  await page.getByRole('radio', { name: label }).check();
  await expect(page.getByRole('heading', { name: `Deliveries, last ${label}` })).toBeVisible();
  await expect(figures(page)).toHaveAttribute('aria-busy', 'false');
}

const tile = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function readTile(page: Page, name: string): Promise<number> {
  const text = await tile(page, name).locator('p').nth(1).textContent();
  const value = Number((text ?? '').replaceAll(',', ''));
  expect(Number.isInteger(value), `${name} shows "${text}"`).toBe(true);
  return value;
}

async function readFigures(page: Page) {
  return {
    sent: await readTile(page, 'Sent'),
    failed: await readTile(page, 'Failed'),
    dead: await readTile(page, 'Dead letters waiting'),
  };
}

async function expectTile(page: Page, name: string, value: number) {
  await expect(tile(page, name).getByText(value.toLocaleString('en-US'), { exact: true })).toBeVisible();
}

test('the dashboard shows the stats endpoint’s figures for seeded messages', async ({ page }) => {
  await signInAsAdmin(page);
  await showRange(page, '1 hour');
  const hourBefore = await readFigures(page);
  await showRange(page, '24 hours');
  const dayBefore = await readFigures(page);

  const channelName = uniqueName('dash-failing');
  const channelId = await seed(channelName);
  await page.reload();

  // 24 hours (the default): 4 sent + 2 delivered; 3 failed + 3 dead + 1 bounced; 3 dead letters waiting.
  await expect(page.getByRole('heading', { name: 'Deliveries, last 24 hours' })).toBeVisible();
  await expectTile(page, 'Sent', dayBefore.sent + 6);
  await expectTile(page, 'Failed', dayBefore.failed + 7);
  await expectTile(page, 'Dead letters waiting', dayBefore.dead + 3);
  const failing = page.getByRole('table', { name: 'Top failing channels' });
  const row = failing.getByRole('row').filter({ hasText: channelName });
  // 7 failures of 13 finished messages.
  await expect(row.getByRole('cell')).toHaveText([channelName, '7', '53.8%']);

  // The last hour leaves out the dead letter of three hours ago, which is still waiting.
  await showRange(page, '1 hour');
  await expectTile(page, 'Sent', hourBefore.sent + 6);
  await expectTile(page, 'Failed', hourBefore.failed + 6);
  await expectTile(page, 'Dead letters waiting', hourBefore.dead + 3);
  await expect(row.getByRole('cell')).toHaveText([channelName, '6', '50.0%']);
  await expect(page.getByRole('figure')).toBeVisible();

  // Each failing channel links to its page.
  await row.getByRole('link', { name: channelName }).click();
  await expect(page).toHaveURL(new RegExp(`/channels/${channelId}$`));
  await expect(page.getByRole('heading', { name: channelName })).toBeVisible();
});

test('the dashboard says so when the figures cannot be loaded', async ({ page }) => {
  await signInAsAdmin(page);
  await page.route('**/api/v1/stats?**', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({ title: 'Service unavailable', status: 503, detail: 'database unavailable' }),
    }),
  );
  await page.reload();
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('Could not load the delivery figures');
  await expect(alert).toContainText('database unavailable');
});
