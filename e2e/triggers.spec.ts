import { expect, type Page, test } from '@playwright/test';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { expectSubmitted, fillFields } from './support/forms';
import { signInAsAdmin, uniqueName } from './support/session';

// Event triggers from the console: an inbound webhook that keeps what it could not read, and a Kafka consumer
// that joins its group while enabled and leaves it when disabled. The broker is the one `npm test` runs.
const BROKER = process.env.KAFKA_BROKERS?.split(',')[0] ?? '127.0.0.1:9092';

/** A workflow for the triggers to start; its one step does nothing visible. */
async function createWorkflow(page: Page): Promise<string> {
  const key = uniqueName('e2e-triggers');
  const name = `Triggers ${key}`;
  const res = await page.request.post('/api/v1/workflows', {
    data: { key, name, steps: [{ type: 'condition', filter: {} }] },
  });
  expect(res.status(), await res.text()).toBe(201);
  return `${name} (${key})`;
}

async function newTrigger(page: Page, name: string, type: string, workflow: string) {
  await page.goto('/triggers/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Type', { exact: true }).selectOption({ label: type });
  await page.getByLabel('Workflow', { exact: true }).selectOption({ label: workflow });
}

async function submitTrigger(page: Page) {
  await page.getByRole('button', { name: 'Create trigger' }).click();
  await expectSubmitted(page, /\/triggers\/[0-9a-f-]{36}$/);
}

test('a webhook trigger stores a body it cannot read as an invalid event with its raw payload', async ({
  page,
}) => {
  await signInAsAdmin(page);
  const workflow = await createWorkflow(page);
  await newTrigger(
    page,
    uniqueName('e2e-hook'),
    'Inbound webhook (POST /api/v1/hooks/:trigger_id)',
    workflow,
  );
  await fillFields(page, [
    ['Verification', 'none'],
    ['Event type', 'e2e.hook'],
  ]);
  await submitTrigger(page);
  const triggerId = page.url().split('/').at(-1);
  const inbound = page.getByTestId('inbound-url');
  await expect(inbound).toHaveText(new RegExp(`^https?://[^/]+/api/v1/hooks/${triggerId}$`));

  const body = `${uniqueName('not json')}: <xml/>`;
  const res = await page.request.post((await inbound.textContent())!, {
    data: body,
    headers: { 'content-type': 'text/plain' },
  });
  expect(res.status(), await res.text()).toBe(202);
  expect(await res.json()).toMatchObject({ status: 'invalid' });

  await page.goto('/events');
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Invalid only' });
  await page.getByLabel('Source', { exact: true }).selectOption('webhook');
  // Newest first; nothing else sends webhooks meanwhile, so the first row is this request.
  const row = page.getByRole('row').filter({ hasText: 'body is not JSON' }).first();
  await expect(row.getByText('invalid', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: 'Details' }).click();
  await expect(page.getByText('Raw payload')).toBeVisible();
  await expect(page.getByText(body, { exact: true })).toBeVisible();
});

test.describe('a Kafka trigger', () => {
  let admin: Admin;
  test.beforeAll(async () => {
    admin = new Kafka({ clientId: 'e2e-triggers', brokers: [BROKER], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });
  test.afterAll(() => admin?.disconnect());

  const members = async (group: string) => {
    const { groups } = await admin.describeGroups([group]);
    return groups[0]?.members.length ?? 0;
  };

  test('joins its consumer group while enabled and leaves it once disabled', async ({ page }) => {
    const topic = uniqueName('e2e-orders');
    const group = uniqueName('e2e-group');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await signInAsAdmin(page);
    const workflow = await createWorkflow(page);
    const name = uniqueName('e2e-kafka');
    await newTrigger(page, name, 'Kafka topic', workflow);
    await fillFields(page, [
      ['Brokers', JSON.stringify([BROKER])],
      ['Topic', topic],
      ['Consumer group', group],
    ]);
    await submitTrigger(page);

    // The detail page polls the consumer state every 3 s.
    const consumers = page.getByRole('table', { name: 'Consumers' });
    await expect(consumers.getByText('running', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => members(group), { timeout: 30_000 }).toBeGreaterThan(0);

    await page.goto('/triggers');
    const listed = page.getByRole('row').filter({ hasText: name });
    await expect(listed.getByText('running', { exact: true })).toBeVisible();
    await listed.getByRole('link', { name }).click();

    await page.getByLabel('Enabled', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').getByText('Saved.')).toBeVisible();
    await expect.poll(() => members(group), { timeout: 5_000, intervals: [250] }).toBe(0);
  });
});
