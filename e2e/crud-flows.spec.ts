import { randomBytes } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { startHttpSink } from '../test/support/http-sink';
import { openAuditEntry } from './support/audit';
import { sendTestMessage } from './support/channels';
import { clickAndConfirm } from './support/confirm';
import { createThroughApi, postEvent } from './support/rest';
import { signInAsAdmin, uniqueName } from './support/session';
import { expectToast } from './support/toast';

// The edit, enable/disable and delete flows of channels, triggers, workflows and alert rules, once each, through
// the console as an admin (their create flows are in delivery, triggers and alerts.spec.ts): each shows the change,
// a reload shows it kept, and the audit log holds the entry. Prerequisites come from the REST API.

interface Workflow {
  id: string;
  key: string;
  name: string;
}

/** A workflow whose one step does nothing visible. */
function createWorkflow(page: Page, name = uniqueName('CRUD')): Promise<Workflow> {
  return createThroughApi<Workflow>(page, '/api/v1/workflows', {
    key: uniqueName('e2e-crud'),
    name,
    steps: [{ type: 'condition', filter: {} }],
  });
}

/** An api trigger matching only `eventType` (an api trigger matching everything would add runs to other specs). */
function createApiTrigger(page: Page, name: string, workflowId: string, eventType: string) {
  return createThroughApi(page, '/api/v1/triggers', {
    name,
    type: 'api',
    workflow_id: workflowId,
    config: { filter: { event_type: eventType } },
  });
}

test('channel: disable it from its page, edit its name and settings, enable it again', async ({ page }) => {
  const sink = await startHttpSink();
  try {
    await signInAsAdmin(page);
    const name = uniqueName('e2e-edit-channel');
    // A secret of our own, to check the receiver can still verify signatures after an edit that left it masked.
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const channel = await createThroughApi(page, '/api/v1/channels', {
      name,
      provider: 'webhook',
      config: { url: `${sink.url}/before`, signing_secret: secret },
    });
    await page.goto(`/channels/${channel.id}`);
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();

    await page.getByRole('button', { name: `Disable ${name}` }).click();
    await expectToast(page, `Disabled “${name}”.`);
    const disabledNotice = page.getByRole('main').getByText('Nothing is sent through this channel');
    await expect(disabledNotice).toBeVisible();
    // The form under the header follows: saving it must not switch the channel back on.
    await expect(page.getByLabel('Enabled', { exact: true })).not.toBeChecked();

    const renamed = `${name} renamed`;
    await page.getByLabel('Name', { exact: true }).fill(renamed);
    await page.getByLabel('URL', { exact: true }).fill(`${sink.url}/after`);
    await page.getByLabel('Timeout (seconds)', { exact: true }).fill('5');
    await page.getByLabel('Max attempts', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').getByText('Saved.', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: renamed, exact: true })).toBeVisible();
    await expect(page.getByRole('main').getByText(/version 3 · updated/)).toBeVisible();
    await expect(disabledNotice).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { name: renamed, exact: true })).toBeVisible();
    await expect(page.getByLabel('URL', { exact: true })).toHaveValue(`${sink.url}/after`);
    await expect(page.getByLabel('Timeout (seconds)', { exact: true })).toHaveValue('5');
    await expect(page.getByLabel('Max attempts', { exact: true })).toHaveValue('3');
    await expect(disabledNotice).toBeVisible();

    await page.getByRole('button', { name: `Enable ${renamed}` }).click();
    await expectToast(page, `Enabled “${renamed}”.`);
    await expect(disabledNotice).toBeHidden();
    await expect(page.getByLabel('Enabled', { exact: true })).toBeChecked();
    // A test send goes to the new URL, signed with the secret the edit left alone.
    await sendTestMessage(page);
    const [request] = sink.requests;
    expect(sink.requests.map((r) => r.path)).toEqual(['/after']);
    expect(() => new Webhook(secret).verify(request!.body, request!.headers)).not.toThrow();

    await page.goto('/channels');
    const row = page.getByRole('table', { name: 'Channels' }).getByRole('row').filter({ hasText: renamed });
    await expect(row.getByRole('button', { name: `Disable ${renamed}` })).toBeVisible();

    // Three updates, newest first: the enable, the edit, the disable.
    const details = await openAuditEntry(page, channel.id, 'channel.update', { count: 3, index: 1 });
    const fields = details.getByRole('table', { name: 'Changed fields' });
    const nameRow = fields
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'name', exact: true }) });
    await expect(nameRow).toContainText(name);
    await expect(nameRow).toContainText(renamed);
    await expect(fields).toContainText(`${sink.url}/after`);
    await expect(details).not.toContainText('secrets_changed');
  } finally {
    await sink.close();
  }
});

test('trigger: pause it, rename it and change its filter, resume it, then delete it', async ({ page }) => {
  await signInAsAdmin(page);
  const workflow = await createWorkflow(page);
  const name = uniqueName('e2e-edit-trigger');
  const [before, after] = [uniqueName('e2e.crud.before'), uniqueName('e2e.crud.after')];
  const trigger = await createApiTrigger(page, name, workflow.id, before);
  expect(await postEvent(page, before)).toBe(1);

  await page.goto(`/triggers/${trigger.id}`);
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  // Paused from the header while being edited: the form follows, and its save keeps the trigger paused.
  await page.getByRole('button', { name: `Pause ${name}` }).click();
  const paused = page.getByRole('main').getByText('Paused', { exact: true });
  await expect(paused).toBeVisible();
  await expect(page.getByLabel('Enabled', { exact: true })).not.toBeChecked();
  expect(await postEvent(page, before)).toBe(0);

  const renamed = `${name} renamed`;
  await page.getByLabel('Name', { exact: true }).fill(renamed);
  await page.getByLabel('Filter (JSON)').fill(JSON.stringify({ event_type: after }));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').getByText('Saved.', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: renamed, exact: true })).toBeVisible();
  await expect(paused).toBeVisible();
  expect(await postEvent(page, after)).toBe(0);

  await page.getByRole('button', { name: `Resume ${renamed}` }).click();
  await expect(paused).toBeHidden();
  await expect(page.getByLabel('Enabled', { exact: true })).toBeChecked();
  // The new filter is the one events meet now.
  expect(await postEvent(page, before)).toBe(0);
  expect(await postEvent(page, after)).toBe(1);

  await page.reload();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(renamed);
  await expect(page.getByLabel('Filter (JSON)')).toHaveValue(new RegExp(after.replaceAll('.', '\\.')));
  // Newest first: the resume, the edit, the pause.
  const details = await openAuditEntry(page, trigger.id, 'trigger.update', { count: 3, index: 1 });
  await expect(details).toContainText(after);
  await expect(details).toContainText(renamed);

  await page.goto('/triggers');
  const row = page.getByRole('table', { name: 'Triggers' }).getByRole('row').filter({ hasText: renamed });
  await expect(row).toContainText(after);
  await row.getByRole('link', { name: renamed }).click();
  await clickAndConfirm(page, page.getByRole('button', { name: 'Delete', exact: true }), renamed);
  await expect(page).toHaveURL(/\/triggers$/);
  await expectToast(page, 'Trigger deleted');
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Triggers' }).getByRole('row').nth(1)).toBeVisible();
  await expect(row).toHaveCount(0);
  expect((await page.request.get(`/api/v1/triggers/${trigger.id}`)).status()).toBe(404);
  expect(await postEvent(page, after)).toBe(0);
  await openAuditEntry(page, trigger.id, 'trigger.delete');
});

test('workflow: disable and enable it in its form, then delete it with its trigger', async ({ page }) => {
  await signInAsAdmin(page);
  const workflow = await createWorkflow(page);
  const eventType = uniqueName('e2e.crud.workflow');
  const trigger = await createApiTrigger(page, uniqueName('e2e-workflow-trigger'), workflow.id, eventType);

  await page.goto(`/workflows/${workflow.key}`);
  await expect(page.getByRole('heading', { name: workflow.name, exact: true })).toBeVisible();
  const enabled = page.getByLabel('Enabled', { exact: true });
  await enabled.uncheck();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').getByText('Saved as version 2.', { exact: true })).toBeVisible();
  // A disabled workflow starts no run, whatever its triggers match.
  expect(await postEvent(page, eventType)).toBe(0);
  await page.reload();
  await expect(enabled).not.toBeChecked();
  await page.goto('/workflows');
  const table = page.getByRole('table', { name: 'Workflows' });
  const row = table.getByRole('row').filter({ hasText: workflow.key });
  await expect(row.getByText('Disabled', { exact: true })).toBeVisible();

  await row.getByRole('link', { name: workflow.key }).click();
  await enabled.check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').getByText('Saved as version 3.', { exact: true })).toBeVisible();
  expect(await postEvent(page, eventType)).toBe(1);

  await clickAndConfirm(page, page.getByRole('button', { name: 'Delete', exact: true }), workflow.name);
  await expect(page).toHaveURL(/\/workflows$/);
  await expectToast(page, 'Workflow deleted');
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(row).toHaveCount(0);
  expect((await page.request.get(`/api/v1/workflows/${workflow.key}`)).status()).toBe(404);
  // Its trigger went with it.
  expect((await page.request.get(`/api/v1/triggers/${trigger.id}`)).status()).toBe(404);
  const details = await openAuditEntry(page, workflow.id, 'workflow.delete');
  await expect(details).toContainText(workflow.key);
});

test('alert rule: edit its name, threshold and cooldown, then delete it', async ({ page }) => {
  await signInAsAdmin(page);
  const channel = await createThroughApi(page, '/api/v1/channels', {
    name: uniqueName('e2e-alert-pager'),
    provider: 'webhook',
    config: { url: 'http://127.0.0.1:9/never' },
  });
  const name = uniqueName('e2e-edit-rule');
  // Thresholds no run reaches: the evaluator keeps this rule quiet.
  const rule = await createThroughApi(page, '/api/v1/alert-rules', {
    name,
    kind: 'dead_letters',
    params: { threshold: 100000, window_minutes: 15 },
    notify_channel_ids: [channel.id],
  });

  await page.goto('/alerts');
  const table = page.getByRole('table', { name: 'Alert rules' });
  await table.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  const renamed = `${name} renamed`;
  await page.getByLabel('Name', { exact: true }).fill(renamed);
  await page.getByLabel('Threshold', { exact: true }).fill('200000');
  await page.getByLabel('Cooldown (minutes)').fill('45');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expectToast(page, 'Alert rule saved');
  await expect(page.getByRole('heading', { name: renamed, exact: true })).toBeVisible();
  await expect(page.getByRole('main').getByText('Dead letters · cooldown 45 min')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(renamed);
  await expect(page.getByLabel('Threshold', { exact: true })).toHaveValue('200000');
  await expect(page.getByLabel('Cooldown (minutes)')).toHaveValue('45');
  const details = await openAuditEntry(page, rule.id, 'alert_rule.update');
  await expect(details).toContainText('200000');

  await page.goto(`/alerts/${rule.id}`);
  await clickAndConfirm(page, page.getByRole('button', { name: 'Delete', exact: true }), renamed);
  await expect(page).toHaveURL(/\/alerts$/);
  await expectToast(page, 'Alert rule deleted');
  const row = table.getByRole('row').filter({ hasText: renamed });
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(row).toHaveCount(0);
  expect((await page.request.get(`/api/v1/alert-rules/${rule.id}`)).status()).toBe(404);
  await openAuditEntry(page, rule.id, 'alert_rule.delete');
});
