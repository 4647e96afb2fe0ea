import { expect, type Locator, type Page } from '@playwright/test';
import { ADMIN } from './admin';

/**
 * Opens the audit log filtered to one resource and action (the filters live in the URL, as a shared link would
 * carry them), expects `count` entries (newest first), all by the shared admin, and returns the expanded details
 * of the one at `index`.
 */
export async function openAuditEntry(
  page: Page,
  resourceId: string,
  action: string,
  { count = 1, index = 0 }: { count?: number; index?: number } = {},
): Promise<Locator> {
  await page.goto(`/audit-log?${new URLSearchParams({ resource_id: resourceId, action })}`);
  const entries = page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: action });
  await expect(entries).toHaveCount(count);
  for (let i = 0; i < count; i++) await expect(entries.nth(i)).toContainText(ADMIN.email);
  const toggle = entries.nth(index).getByRole('button', { name: 'Details' });
  const detailsId = await toggle.getAttribute('aria-controls');
  await toggle.click();
  const details = page.locator(`[id="${detailsId}"]`);
  await expect(details).toBeVisible();
  return details;
}
