import { expect, type Page } from '@playwright/test';
import { expectSubmitted, fillFields } from './forms';

export interface ChannelDraft {
  name: string;
  /** The provider's label in the Provider select ("Webhook (Standard Webhooks)"). */
  provider: string;
  /** Settings by label, in order. */
  fields: [label: string, value: string][];
  /** Runs after the provider is chosen, before the fields are filled ("Generate VAPID keys"). */
  prepare?: (page: Page) => Promise<void>;
}

/** Creates a channel through the console form; ends on its detail page and returns its id. */
export async function createChannelInConsole(page: Page, draft: ChannelDraft): Promise<string> {
  await page.goto('/channels/new');
  await page.getByLabel('Name', { exact: true }).fill(draft.name);
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: draft.provider });
  await draft.prepare?.(page);
  await fillFields(page, draft.fields);
  await page.getByRole('button', { name: 'Create channel' }).click();
  await expectSubmitted(page, /\/channels\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: draft.name })).toBeVisible();
  return page.url().split('/').at(-1)!;
}

/** "Send test" on the channel page (with the recipient when the provider needs one) succeeds. */
export async function sendTestMessage(page: Page, recipient?: string): Promise<void> {
  if (recipient !== undefined) await page.getByLabel('Recipient', { exact: true }).fill(recipient);
  await page.getByRole('button', { name: 'Send test' }).click();
  // Inside <main>: the toast says the same outside it.
  const sent = page.getByRole('main').getByText('Test message sent');
  // A failed test is an alert with the provider's answer: wait for either, then say which. (Inside <main>:
  // Next.js' route announcer is an alert too.)
  const failed = page.getByRole('main').getByRole('alert');
  await expect(sent.or(failed).first()).toBeVisible();
  const alerts = await failed.allInnerTexts();
  await expect(sent, `the test send failed: ${alerts.join(' | ')}`).toBeVisible({ timeout: 1_000 });
}

/** "Check health" on the channel page answers Healthy. */
export async function expectHealthy(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check health' }).click();
  const status = page.getByRole('status').filter({ hasText: /Healthy|Unhealthy/ });
  await expect(status).toBeVisible();
  await expect(status.getByText('Healthy', { exact: true }), (await status.textContent()) ?? '').toBeVisible({
    timeout: 1_000,
  });
}
