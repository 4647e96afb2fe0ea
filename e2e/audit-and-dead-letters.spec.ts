import { expect, test } from '@playwright/test';
import { withE2eDatabase } from './support/database';
import { signInAsAdmin, uniqueName } from './support/session';

// Dead letters worked in bulk from the console: tick every row, re-drive them with a reason, then find that
// reason, the count and the message ids in the audit log, whose filters live in the URL.

/** A channel (never reached: messages are seeded dead) and `n` dead messages through it. */
async function seedDeadLetters(name: string, n: number) {
  return withE2eDatabase(async (client) => {
    const channel = await client.query<{ id: string }>(
      `INSERT INTO channels (name, type, provider, config, enabled)
       VALUES ($1, 'webhook', 'webhook', '{"url": "http://127.0.0.1:9/dead", "body_format": "text"}', false)
       RETURNING id`,
      [name],
    );
    const channelId = channel.rows[0]!.id;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const row = await client.query<{ id: string }>(
        `INSERT INTO messages (channel_id, recipient, subject, status, idempotency_key, attempt_count, last_error,
                               created_at)
         VALUES ($1, $2, 'Dead on arrival', 'dead', $3, 8, 'connect ECONNREFUSED', now() - make_interval(mins => $4))
         RETURNING id`,
        [channelId, `${name}-${i}@example.test`, `${name}-${i}`, n - i],
      );
      ids.push(row.rows[0]!.id);
    }
    return { channelId, ids };
  });
}

test('bulk re-drive of dead letters with a reason, then the entry in the audit log', async ({ page }) => {
  await signInAsAdmin(page);
  const name = uniqueName('dead-channel');
  const { channelId, ids } = await seedDeadLetters(name, 3);

  await page.goto(`/dead-letters?channel_id=${channelId}`);
  await expect(page.getByRole('heading', { name: 'Dead letters', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Dead letters' });
  await expect(table.getByRole('row').filter({ hasText: name })).toHaveCount(3);

  const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(bar.getByRole('button', { name: 'Re-drive' })).toBeDisabled();
  await table.getByRole('checkbox', { name: 'Select every message on this page' }).check();
  await expect(bar).toContainText('3 selected');
  await bar.getByRole('button', { name: 'Re-drive' }).click();

  const dialog = page.getByRole('dialog', { name: 'Re-drive messages' });
  await expect(dialog).toContainText('Re-drive 3 selected messages?');
  const confirm = dialog.getByRole('button', { name: 'Re-drive' });
  await expect(confirm).toBeDisabled();
  const reason = `provider fixed (${name})`;
  await dialog.getByLabel('Reason').fill(reason);
  await confirm.click();
  await expect(page.getByText('3 messages queued for re-delivery')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole('row').filter({ hasText: name })).toHaveCount(0);

  const statuses = await withE2eDatabase((client) =>
    client.query<{ status: string }>('SELECT status FROM messages WHERE id = ANY($1)', [ids]),
  );
  expect(statuses.rows.every((row) => row.status !== 'dead')).toBe(true);

  await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  await page.getByLabel('Action').fill('message.redrive');
  await expect(page).toHaveURL(/[?&]action=message\.redrive/);
  const log = page.getByRole('table', { name: 'Audit log' });
  const entry = log.getByRole('row').filter({ hasText: reason });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('e2e-admin@example.test');
  await entry.getByRole('button', { name: 'Details' }).click();
  const details = log.getByRole('row').filter({ hasText: 'message_ids' });
  await expect(details).toContainText('count');
  for (const id of ids) await expect(details).toContainText(id);

  // The filter is in the URL: a reload (or a shared link) shows the same list.
  await page.reload();
  await expect(page.getByLabel('Action')).toHaveValue('message.redrive');
  await expect(log.getByRole('row').filter({ hasText: reason })).toHaveCount(1);
});
