import { expect, test } from '@playwright/test';
import { startHttpSink } from '../test/support/http-sink';
import { createChannelInConsole } from './support/channels';
import { withE2eDatabase } from './support/database';
import { expectSubmitted } from './support/forms';
import { signInAsAdmin, uniqueName } from './support/session';

// An alert rule made in the console: the form's field errors come from the API, the list shows its state, and
// its page shows the history with each channel's outcome.

test('create an alert rule, see it listed, disable it, open its history', async ({ page }) => {
  const sink = await startHttpSink();
  try {
    await signInAsAdmin(page);
    const channelName = uniqueName('pager');
    const channelId = await createChannelInConsole(page, {
      name: channelName,
      provider: 'Webhook (Standard Webhooks)',
      fields: [['URL', `${sink.url}/alerts`]],
    });

    await page.getByRole('navigation').getByRole('link', { name: 'Alerts' }).click();
    await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'New alert rule' }).click();
    const ruleName = uniqueName('dead letters');
    await page.getByLabel('Name', { exact: true }).fill(ruleName);
    await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Dead letters' });
    await page.getByLabel('Threshold', { exact: true }).fill('5');
    await page.getByLabel('Window minutes', { exact: true }).fill('15');
    // No channel to notify yet: the API's error shows next to the list.
    await page.getByRole('button', { name: 'Create alert rule' }).click();
    await expect(
      page.getByText('name at least one channel to notify through', { exact: true }),
    ).toBeVisible();

    await page.getByLabel(`${channelName} (webhook)`).check();
    await page.getByLabel('Cooldown (minutes)').fill('15');
    await page.getByRole('button', { name: 'Create alert rule' }).click();
    await expectSubmitted(page, /\/alerts\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: ruleName })).toBeVisible();
    const ruleId = page.url().split('/').at(-1)!;

    await page.goto('/alerts');
    const table = page.getByRole('table', { name: 'Alert rules' });
    const row = table.getByRole('row').filter({ hasText: ruleName });
    await expect(row).toContainText('Dead letters');
    await expect(row).toContainText('OK');
    await page.getByRole('button', { name: `Disable ${ruleName}` }).click();
    await expect(row).toContainText('Disabled');
    await page.getByRole('button', { name: `Enable ${ruleName}` }).click();
    await expect(row).toContainText('OK');

    // What the evaluator records when the rule fires (its own tests make it fire for real).
    await withE2eDatabase((client) =>
      client.query(
        `INSERT INTO alert_events (rule_id, kind, value, summary, notifications)
         VALUES ($1, 'firing', 7, 'Firing: 7 dead letter(s) in the last 15 min; threshold 5', $2)`,
        [
          ruleId,
          JSON.stringify([
            { channel_id: channelId, status: 'sent', detail: `sent through "${channelName}" (200)` },
          ]),
        ],
      ),
    );
    await row.getByRole('link', { name: ruleName }).click();
    const history = page.getByRole('table', { name: 'Alert history' });
    await expect(history).toContainText('firing');
    await expect(history).toContainText('Firing: 7 dead letter(s) in the last 15 min; threshold 5');
    const outcomes = history.getByRole('list', { name: 'Per-channel outcomes' });
    await expect(outcomes).toContainText(channelName);
    await expect(outcomes).toContainText('sent');
  } finally {
    await sink.close();
  }
});
