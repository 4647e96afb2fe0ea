import { expect, type Page } from '@playwright/test';

/**
 * Checks a mutation's toast says `text`, then closes it as a user would. Toasts stack at the bottom right, over
 * the action buttons of a table's last rows, and an open one takes the next click there (a user's Delete right
 * after Enable failed in CI on that).
 */
export async function expectToast(page: Page, text: string | RegExp): Promise<void> {
  const shown = page
    .getByRole('region', { name: /Notifications/ })
    .getByRole('listitem')
    .filter({ hasText: text });
  await expect(shown).toBeVisible();
  await shown.getByRole('button', { name: 'Close toast' }).click();
  await expect(shown).toHaveCount(0);
}
