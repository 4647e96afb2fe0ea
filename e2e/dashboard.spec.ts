import { expect, type Page, test } from '@playwright/test';
import { type HttpSink, startHttpSink } from '../test/support/http-sink';
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
  await row.getByRole('link', { name: channelName, exact: true }).click();
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

test('the range lives in the URL: reload, the back button and a custom range keep it', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/?range=1h');
  await expect(page.getByRole('heading', { name: 'Deliveries, last 1 hour' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '1 hour' })).toBeChecked();

  await page.getByRole('radio', { name: '7 days' }).check();
  await expect(page).toHaveURL(/\?range=7d$/);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Deliveries, last 7 days' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '7 days' })).toBeChecked();

  await page.goBack();
  await expect(page).toHaveURL(/\?range=1h$/);
  await expect(page.getByRole('heading', { name: 'Deliveries, last 1 hour' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '1 hour' })).toBeChecked();

  // A custom range: from/to in the URL, the figures of exactly that window.
  await page.getByRole('radio', { name: 'Custom' }).check();
  const custom = page.getByRole('form', { name: 'Custom range' });
  await custom.getByLabel('From').fill('2026-01-01T00:00');
  await custom.getByLabel('To').fill('2025-12-31T00:00');
  await custom.getByRole('button', { name: 'Apply' }).click();
  await expect(custom).toContainText('The end of the range must be after its start.');
  await expect(page).toHaveURL(/\?range=1h$/);
  await custom.getByLabel('To').fill('2026-01-03T12:00');
  const asked = page.waitForRequest((req) => req.url().includes('/api/v1/stats?'));
  await custom.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/\?from=.+&to=/);
  const url = new URL(page.url());
  expect(new Date(url.searchParams.get('from')!).getTime()).toBe(new Date('2026-01-01T00:00').getTime());
  expect(new Date(url.searchParams.get('to')!).getTime()).toBe(new Date('2026-01-03T12:00').getTime());
  const request = new URL((await asked).url());
  expect(request.searchParams.get('from')).toBe(url.searchParams.get('from'));
  expect(request.searchParams.get('to')).toBe(url.searchParams.get('to'));
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Custom' })).toBeChecked();
  await expect(page.getByRole('form', { name: 'Custom range' }).getByLabel('From')).toHaveValue(
    '2026-01-01T00:00',
  );
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Deliveries, last 1 hour' })).toBeVisible();

  // A range the page does not know is said so, and the default is shown.
  await page.goto('/?range=2w');
  await expect(page.getByRole('main')).toContainText('Unknown range “2w”');
  await expect(page.getByRole('heading', { name: 'Deliveries, last 24 hours' })).toBeVisible();
});

test.describe('real deliveries', () => {
  let sink: HttpSink;
  test.beforeAll(async () => {
    sink = await startHttpSink();
  });
  test.afterAll(() => sink?.close());

  test('tiles show the messages just sent, with their latency, and each leads to its list', async ({
    page,
  }) => {
    await signInAsAdmin(page);
    await page.goto('/?range=1h');
    await expect(figures(page)).toHaveAttribute('aria-busy', 'false');
    const before = { messages: await readTile(page, 'Messages'), sent: await readTile(page, 'Sent') };

    const post = async (path: string, data: unknown) => {
      const res = await page.request.post(path, { data });
      expect([201, 202], await res.text()).toContain(res.status());
      return res.json();
    };
    const channel = await post('/api/v1/channels', {
      name: uniqueName('dash-live'),
      provider: 'webhook',
      config: { url: `${sink.url}/dash`, body_format: 'text' },
    });
    const eventType = uniqueName('dash.sent');
    const workflow = await post('/api/v1/workflows', {
      key: uniqueName('dash-live'),
      name: uniqueName('Dashboard live'),
      steps: [{ type: 'send', channel_id: channel.id, template: { body: 'order {{ data.n }}' } }],
    });
    await post('/api/v1/triggers', {
      name: uniqueName('dash-live'),
      type: 'api',
      workflow_id: workflow.id,
      config: { filter: { event_type: eventType } },
    });
    for (let n = 0; n < 5; n++) await post('/api/v1/events', { event_type: eventType, data: { n } });
    await expect
      .poll(
        async () =>
          (await (await page.request.get(`/api/v1/messages?workflow_id=${workflow.id}&status=sent`)).json())
            .data.length,
        { timeout: 30_000 },
      )
      .toBe(5);

    await page.reload();
    await expect(figures(page)).toHaveAttribute('aria-busy', 'false');
    await expectTile(page, 'Messages', before.messages + 5);
    await expectTile(page, 'Sent', before.sent + 5);
    await expect(tile(page, 'Latency p50').locator('p').nth(1)).toHaveText(/^\d+(\.\d)? (ms|s)$/);
    await expect(tile(page, 'Success rate').locator('p').nth(1)).toHaveText(/%$/);

    // Each tile is a link to the list behind it, filtered like the figure.
    const href = async (name: string) => tile(page, name).getByRole('link').getAttribute('href');
    const failed = new URL((await href('Failed'))!, 'http://x');
    expect(failed.pathname).toBe('/messages');
    expect(failed.searchParams.get('status')).toBe('failed,dead,bounced,discarded');
    expect(failed.searchParams.get('from')).toBeTruthy();
    expect(await href('Dead letters waiting')).toBe('/dead-letters');
    expect(await href('Open alerts')).toBe('/alerts');
    expect(await href('Consumer lag')).toBe('/triggers');
    expect(await href('Queue depth')).toBe('/health');
    await tile(page, 'Sent').getByRole('link').click();
    await expect(page).toHaveURL(/\/messages\?status=sent%2Cdelivered&from=/);
  });
});

test('auto-refresh pauses while the tab is hidden and catches up when it shows again', async ({ page }) => {
  await signInAsAdmin(page);
  await page.clock.install();
  let requests = 0;
  page.on('request', (req) => {
    if (req.url().includes('/api/v1/stats?')) requests++;
  });
  await page.goto('/?range=1h');
  await expect(figures(page)).toHaveAttribute('aria-busy', 'false');
  const setHidden = (hidden: boolean) =>
    page.evaluate(
      (value) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      },
      hidden ? 'hidden' : 'visible',
    );

  const visible = requests;
  await page.clock.runFor(31_000);
  await expect.poll(() => requests).toBe(visible + 1);

  await setHidden(true);
  const hidden = requests;
  await page.clock.runFor(95_000);
  // Three intervals passed; give a stray request the time to show up before counting.
  await page.waitForTimeout(500);
  expect(requests).toBe(hidden);

  await setHidden(false);
  await expect.poll(() => requests).toBe(hidden + 1);
});
