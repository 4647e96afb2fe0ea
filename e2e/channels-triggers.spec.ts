import { expect, type Page, test } from '@playwright/test';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { withE2eDatabase } from './support/database';
import { createThroughApi } from './support/rest';
import { signInAsAdmin, signInAsNewViewer, uniqueName } from './support/session';

// The channel list's live figures, deleting a channel that workflows use, and pausing and resuming triggers
// (a Kafka consumer really leaves its group), as admin; and a viewer who sees none of those controls.
const BROKER = process.env.KAFKA_BROKERS?.split(',')[0] ?? '127.0.0.1:9092';

async function createChannel(page: Page, name: string) {
  return createThroughApi(page, '/api/v1/channels', {
    name,
    provider: 'webhook',
    config: { url: 'http://127.0.0.1:9/hook', body_format: 'text' },
  });
}

async function createWorkflow(page: Page, name: string, steps: unknown[]) {
  return createThroughApi<{ id: string; key: string }>(page, '/api/v1/workflows', {
    key: uniqueName('e2e-ct'),
    name,
    steps,
  });
}

/** Three sent and one dead message through the channel, the dead one newest. */
async function seedMessages(channelId: string) {
  await withE2eDatabase((client) =>
    client.query(
      `INSERT INTO messages (channel_id, recipient, status, idempotency_key, last_error, created_at, updated_at)
       SELECT $1, 'e2e@example.test', s.status::message_status, 'e2e-activity-' || gen_random_uuid(), s.error,
              now() - s.ago * interval '1 minute', now() - s.ago * interval '1 minute'
       FROM (VALUES ('sent', NULL, 40), ('sent', NULL, 30), ('delivered', NULL, 20),
                    ('dead', 'HTTP 500 from the receiver', 10)) AS s(status, error, ago)`,
      [channelId],
    ),
  );
}

test('the channel list shows each channel’s health, last error and 24 h success rate', async ({ page }) => {
  await signInAsAdmin(page);
  const name = uniqueName('e2e-activity');
  const { id } = await createChannel(page, name);
  await seedMessages(id);
  await page.goto('/channels');
  const row = page.getByRole('table', { name: 'Channels' }).getByRole('row').filter({ hasText: name });
  await expect(row.getByText('Failing', { exact: true })).toBeVisible();
  await expect(row.getByText('75.0%', { exact: true })).toBeVisible();
  await expect(row).toContainText('HTTP 500 from the receiver');

  // Disabled from the list: the dot says so at once (and after a reload, from the server).
  await row.getByRole('button', { name: `Disable ${name}` }).click();
  await expect(row.getByText('Disabled', { exact: true })).toBeVisible();
  await page.reload();
  await expect(row.getByRole('button', { name: `Enable ${name}` })).toBeVisible();
});

test('deleting a channel names the workflows using it and offers to disable it instead', async ({ page }) => {
  await signInAsAdmin(page);
  const name = uniqueName('e2e-used');
  const { id } = await createChannel(page, name);
  const workflowName = uniqueName('Orders');
  const workflow = await createWorkflow(page, workflowName, [
    { type: 'condition', filter: {} },
    { type: 'send', channel_id: id, template: { body: 'hello' } },
  ]);

  await page.goto(`/channels/${id}`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Delete the channel “${name}”?` });
  await expect(dialog).toContainText('cannot be deleted while these use it');
  await expect(dialog.getByRole('link', { name: workflowName })).toHaveAttribute(
    'href',
    `/workflows/${workflow.key}`,
  );
  await expect(dialog).toContainText('send step 2');
  await expect(dialog.getByRole('button', { name: 'Delete channel' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Disable instead' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: `Enable ${name}` })).toBeVisible();
  expect((await (await page.request.get(`/api/v1/channels/${id}`)).json()).enabled).toBe(false);

  // Once no workflow uses it, the dialog confirms and deletes.
  const res = await page.request.patch(`/api/v1/workflows/${workflow.key}`, {
    data: { steps: [{ type: 'condition', filter: {} }] },
  });
  expect(res.status(), await res.text()).toBe(200);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toContainText('No workflow or alert rule uses it');
  await dialog.getByRole('button', { name: 'Delete channel' }).click();
  await expect(page).toHaveURL(/\/channels$/);
  expect((await page.request.get(`/api/v1/channels/${id}`)).status()).toBe(404);
});

test.describe('pausing a Kafka trigger', () => {
  let admin: Admin;
  test.beforeAll(async () => {
    admin = new Kafka({ clientId: 'e2e-pause', brokers: [BROKER], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });
  test.afterAll(() => admin?.disconnect());
  const members = async (group: string) =>
    (await admin.describeGroups([group])).groups[0]?.members.length ?? 0;

  test('pause from the list stops its consumer; resume from its page starts it again', async ({ page }) => {
    const topic = uniqueName('e2e-pause');
    const group = uniqueName('e2e-pause-group');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await signInAsAdmin(page);
    const workflow = await createWorkflow(page, uniqueName('Paused'), [{ type: 'condition', filter: {} }]);
    const name = uniqueName('e2e-kafka-pause');
    const trigger = await createThroughApi(page, '/api/v1/triggers', {
      name,
      type: 'event',
      workflow_id: workflow.id,
      config: { queue_type: 'kafka', brokers: [BROKER], topic, consumer_group: group, filter: {} },
    });
    await expect.poll(() => members(group), { timeout: 30_000 }).toBeGreaterThan(0);

    await page.goto('/triggers');
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row.getByText('running', { exact: true })).toBeVisible({ timeout: 15_000 });
    await row.getByRole('button', { name: `Pause ${name}` }).click();
    await expect(row.getByText('paused', { exact: true })).toBeVisible();
    await expect.poll(() => members(group), { timeout: 5_000, intervals: [250] }).toBe(0);

    await page.goto(`/triggers/${trigger.id}`);
    await expect(page.getByRole('main').getByText('Paused', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: `Resume ${name}` }).click();
    await expect(page.getByTestId('trigger-state').getByText('running', { exact: true })).toBeVisible({
      timeout: 30_000,
    });
    await expect.poll(() => members(group), { timeout: 30_000 }).toBeGreaterThan(0);
  });
});

test('a viewer sees channels and triggers but no pause, disable or delete control', async ({
  page,
  browser,
}) => {
  await signInAsAdmin(page);
  const channelName = uniqueName('e2e-viewer-ch');
  const channel = await createChannel(page, channelName);
  const workflow = await createWorkflow(page, uniqueName('Viewer'), [{ type: 'condition', filter: {} }]);
  const trigger = await createThroughApi(page, '/api/v1/triggers', {
    name: uniqueName('e2e-viewer-tr'),
    type: 'api',
    workflow_id: workflow.id,
    // Matches no other spec's events: every spec shares this database, and an api trigger matching everything
    // would start a run of its own for each event they post.
    config: { filter: { event_type: 'e2e.viewer-only' } },
  });
  const viewer = await signInAsNewViewer(browser, page);
  for (const path of ['/channels', `/channels/${channel.id}`, '/triggers', `/triggers/${trigger.id}`]) {
    await viewer.goto(path);
    await expect(viewer.getByRole('main').getByRole('heading').first()).toBeVisible();
    await expect(viewer.getByRole('button', { name: /^(Pause|Resume|Enable|Disable|Delete)\b/ })).toHaveCount(
      0,
    );
  }
  await viewer.context().close();
});
