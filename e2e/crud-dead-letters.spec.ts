import { expect, test } from '@playwright/test';
import { openAuditEntry } from './support/audit';
import { withE2eDatabase } from './support/database';
import { signInAsAdmin, uniqueName } from './support/session';

// Discarding a dead letter from the console (the bulk re-drive is in audit-and-dead-letters.spec.ts): tick one
// row, give a reason; it leaves the list, its page says discarded with no retry, and the audit log keeps why.

/** A disabled channel (never reached) and two dead messages through it, to `<name>-0@…` and `<name>-1@…`. */
async function seedDeadLetters(name: string) {
  return withE2eDatabase(async (client) => {
    const channel = await client.query<{ id: string }>(
      `INSERT INTO channels (name, type, provider, config, enabled)
       VALUES ($1, 'webhook', 'webhook', '{"url": "http://127.0.0.1:9/dead", "body_format": "text"}', false)
       RETURNING id`,
      [name],
    );
    const channelId = channel.rows[0]!.id;
    const messages = await client.query<{ id: string; recipient: string }>(
      `INSERT INTO messages (channel_id, recipient, subject, status, idempotency_key, attempt_count, last_error)
       SELECT $1, $2 || '-' || i || '@example.test', 'Dead on arrival', 'dead'::message_status, $2 || '-' || i,
              8, 'connect ECONNREFUSED'
       FROM generate_series(0, 1) AS i
       RETURNING id, recipient`,
      [channelId, name],
    );
    const ids = messages.rows.sort((a, b) => a.recipient.localeCompare(b.recipient)).map((row) => row.id);
    return { channelId, ids };
  });
}

test('dead letters: discard one with a reason', async ({ page }) => {
  await signInAsAdmin(page);
  const name = uniqueName('e2e-discard');
  const { channelId, ids } = await seedDeadLetters(name);

  await page.goto(`/dead-letters?channel_id=${channelId}`);
  const table = page.getByRole('table', { name: 'Dead letters' });
  const rows = table.getByRole('row').filter({ hasText: name });
  await expect(rows).toHaveCount(2);
  await table.getByRole('checkbox', { name: `Select message to ${name}-0@example.test` }).check();
  const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(bar).toContainText('1 selected');
  await bar.getByRole('button', { name: 'Discard' }).click();

  const dialog = page.getByRole('dialog', { name: 'Discard messages' });
  await expect(dialog).toContainText('Discard 1 selected message?');
  const reason = `sent by hand already (${name})`;
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(
    page.getByRole('region', { name: /Notifications/ }).getByText('1 message discarded'),
  ).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(`${name}-1@example.test`);
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(`${name}-1@example.test`);

  // Kept for the record, but final: no retry on its page.
  await page.goto(`/messages/${ids[0]}`);
  await expect(page.getByRole('main').getByText('discarded', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);

  const details = await openAuditEntry(page, ids[0]!, 'message.discard');
  await expect(details).toContainText(reason);
  await expect(page.getByRole('table', { name: 'Audit log' })).toContainText(reason);
});
