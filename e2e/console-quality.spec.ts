import { expect, type Page, test } from '@playwright/test';
import { signInAsAdmin, uniqueName } from './support/session';

// The console's cross-cutting behaviour: the theme (system, light, dark), toasts for mutations, and an optimistic
// change that rolls back when the server refuses it.

const htmlClass = (page: Page) => page.evaluate(() => document.documentElement.className);
const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const toasts = (page: Page) => page.getByRole('region', { name: /Notifications/ });

test.describe('theme', () => {
  test.use({ colorScheme: 'dark' });

  test('follows the system setting, and a chosen theme survives a reload', async ({ page }) => {
    await signInAsAdmin(page);
    const theme = page.getByRole('group', { name: 'Theme' });
    await expect(theme.getByRole('radio', { name: 'System' })).toBeChecked();
    expect(await htmlClass(page)).toContain('dark');
    const dark = await bodyBackground(page);

    await theme.getByText('Light', { exact: true }).click();
    await expect.poll(() => htmlClass(page)).toContain('light');
    expect(await bodyBackground(page)).not.toBe(dark);

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    expect(await htmlClass(page)).toContain('light');
    await expect(theme.getByRole('radio', { name: 'Light' })).toBeChecked();

    await theme.getByText('Dark', { exact: true }).click();
    await expect.poll(() => bodyBackground(page)).toBe(dark);
  });

  test('the theme class is on <html> in the first paint, before the console hydrates', async ({ page }) => {
    await signInAsAdmin(page);
    // What the document looked like when parsing ended: next-themes' inline script has run, React has not.
    await page.addInitScript(() => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive')
          (window as unknown as { firstClass: string }).firstClass = document.documentElement.className;
      });
    });
    await page.goto('/channels');
    await expect(page.getByRole('heading', { name: 'Channels' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { firstClass: string }).firstClass)).toContain(
      'dark',
    );
  });
});

test('a mutation toasts its success, and an optimistic revoke rolls back with the API’s problem', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto('/api-keys');
  const name = uniqueName('toast key');
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create API key' }).click();
  await expect(toasts(page).getByText('API key created')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();

  const row = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Active');
  // The server refuses this one revoke: the row shows "Revoked" at once, then goes back, and the toast says why.
  let release: () => void = () => {};
  const answered = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/api-keys/*', async (route) => {
    if (route.request().method() !== 'DELETE') return route.fallback();
    await answered;
    await route.fulfill({
      status: 409,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: 'the key is in use by a deploy',
      }),
    });
  });
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('Revoked');
  release();
  const failure = toasts(page).locator('[data-sonner-toast][data-type="error"]');
  await expect(failure).toContainText('The API key was not revoked');
  await expect(failure).toContainText('the key is in use by a deploy');
  await expect(row).toContainText('Active');
});
