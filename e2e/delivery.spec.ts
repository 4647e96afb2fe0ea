import { expect, type Page, test } from '@playwright/test';
import { type HttpSink, startHttpSink } from '../test/support/http-sink';
import { createChannelInConsole, sendTestMessage } from './support/channels';
import { expectSubmitted } from './support/forms';
import { signInAsAdmin, uniqueName } from './support/session';

// The delivery pipeline end to end, driven from the console: channel → workflow → api trigger → event →
// message sent; then a dead letter retried once the receiver is back.
let sink: HttpSink;
test.beforeAll(async () => {
  sink = await startHttpSink();
});
test.afterAll(() => sink?.close());

const WEBHOOK = 'Webhook (Standard Webhooks)';

async function createWorkflow(page: Page, key: string, name: string, channelLabel: string) {
  await page.goto('/workflows/new');
  await page.getByLabel('Key', { exact: true }).fill(key);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.getByLabel('Channel', { exact: true }).selectOption({ label: channelLabel });
  // A webhook channel sends the rendered body as the JSON request body.
  await page
    .getByLabel('Body', { exact: true })
    .fill('{"order": "{{ data.order_id }}", "status": "confirmed"}');
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await expectSubmitted(page, /\/workflows\/[^/]+$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

async function createApiTrigger(page: Page, name: string, workflowLabel: string, eventType: string) {
  await page.goto('/triggers/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page
    .getByLabel('Type', { exact: true })
    .selectOption({ label: 'REST API events (POST /api/v1/events)' });
  await page.getByLabel('Workflow', { exact: true }).selectOption({ label: workflowLabel });
  await page.getByLabel('Filter (JSON)').fill(JSON.stringify({ event_type: eventType }));
  await page.getByLabel('Sample event (JSON)').fill(JSON.stringify({ event_type: eventType, data: {} }));
  await page.getByRole('button', { name: 'Test filter' }).click();
  await expect(page.getByRole('status').getByText('Matches', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Create trigger' }).click();
  await expectSubmitted(page, /\/triggers\/[0-9a-f-]{36}$/);
}

/** An admin key from the API keys page, as a service posting events would hold it. */
async function createApiKey(page: Page): Promise<string> {
  await page.goto('/api-keys');
  await page.getByLabel('Name', { exact: true }).fill(uniqueName('e2e-delivery'));
  await page.getByLabel('Scope').selectOption('admin');
  await page.getByRole('button', { name: 'Create API key' }).click();
  const key = (await page.getByTestId('new-api-key').textContent())?.trim() ?? '';
  expect(key).toMatch(/^sbk_/);
  await page.getByRole('button', { name: 'Done' }).click();
  return key;
}

async function postEvent(page: Page, key: string, eventType: string, orderId: string) {
  const res = await page.request.post('/api/v1/events', {
    headers: { authorization: `Bearer ${key}` },
    data: { event_type: eventType, data: { order_id: orderId } },
  });
  expect(res.status(), await res.text()).toBe(202);
  const { runs } = (await res.json()) as { runs: unknown[] };
  expect(runs).toHaveLength(1);
}

/** The Messages page (refreshing every 3 s) shows the channel's message with this status. */
async function expectMessageStatus(page: Page, channelName: string, status: string) {
  await page.goto('/messages');
  const row = page.getByRole('row').filter({ hasText: channelName });
  await expect(row.getByText(status, { exact: true })).toBeVisible({ timeout: 30_000 });
}

test('an event posted to an api trigger is delivered through a webhook channel', async ({ page }) => {
  sink.respondWith(() => ({
    status: 200,
    body: '{"ok":true}',
    headers: { 'content-type': 'application/json' },
  }));
  await signInAsAdmin(page);
  const channel = uniqueName('e2e-hook');
  await createChannelInConsole(page, {
    name: channel,
    provider: WEBHOOK,
    fields: [['URL', `${sink.url}/orders`]],
  });
  await sendTestMessage(page);

  const key = uniqueName('e2e-orders');
  await createWorkflow(page, key, `Orders ${key}`, `${channel} (webhook)`);
  await createApiTrigger(page, uniqueName('e2e-orders-trigger'), `Orders ${key} (${key})`, 'e2e.order');

  const apiKey = await createApiKey(page);
  const before = sink.requests.length;
  await postEvent(page, apiKey, 'e2e.order', 'A-1042');
  await expectMessageStatus(page, channel, 'sent');
  const delivered = sink.requests.slice(before).filter((r) => r.path === '/orders');
  expect(delivered.map((r) => JSON.parse(r.body))).toEqual([{ order: 'A-1042', status: 'confirmed' }]);
});

test('a message that used up its attempts is a dead letter until retried', async ({ page }) => {
  sink.respondWith(() => ({ status: 503, body: 'down for maintenance' }));
  await signInAsAdmin(page);
  const channel = uniqueName('e2e-flaky');
  await createChannelInConsole(page, {
    name: channel,
    provider: WEBHOOK,
    fields: [
      ['URL', `${sink.url}/flaky`],
      ['Max attempts', '1'],
    ],
  });

  const key = uniqueName('e2e-flaky');
  await createWorkflow(page, key, `Flaky ${key}`, `${channel} (webhook)`);
  await createApiTrigger(page, uniqueName('e2e-flaky-trigger'), `Flaky ${key} (${key})`, 'e2e.order.flaky');
  await postEvent(page, await createApiKey(page), 'e2e.order.flaky', 'B-7');

  await page.goto('/dead-letters');
  const row = page.getByRole('row').filter({ hasText: channel });
  await expect(row.getByText('dead', { exact: true })).toBeVisible({ timeout: 30_000 });

  sink.respondWith(() => ({
    status: 200,
    body: '{"ok":true}',
    headers: { 'content-type': 'application/json' },
  }));
  await row.getByRole('button', { name: 'Retry' }).click();
  await expectMessageStatus(page, channel, 'sent');
});
