import { expect, type Page, test } from '@playwright/test';
import { ADMIN as admin } from './support/admin';
import { signIn } from './support/session';

// One story, in order: a fresh database, the first admin, sign-in/out, API keys, a viewer's limits. It runs
// before every other spec (the "foundation" project in playwright.config.ts), so the database is still fresh.
test.describe.configure({ mode: 'serial' });

const viewer = { email: `viewer-${Date.now()}@example.test`, password: 'viewer-password-1' };

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test('a fresh install sends visitors to create the first admin', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup/);
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Name').fill(admin.name);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Create admin' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByText(admin.email, { exact: true })).toBeVisible();

  // The one-time page is closed now.
  await page.goto('/setup');
  await expect(page).not.toHaveURL(/\/setup/);
});

test('wrong password shows an error; sign-in and sign-out work', async ({ page }) => {
  await signIn(page, admin.email, 'not-the-password');
  await expect(page.getByRole('alert').filter({ hasText: 'Invalid e-mail or password' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, admin.email, admin.password);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await signOut(page);
  await page.goto('/api-keys');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an admin creates an API key (shown once) that authenticates the REST API', async ({
  page,
  request,
}) => {
  await signIn(page, admin.email, admin.password);
  await page.getByRole('link', { name: 'API keys' }).click();
  await page.getByLabel('Name').fill('e2e deploy bot');
  await page.getByLabel('Scope').selectOption('admin');
  await page.getByRole('button', { name: 'Create API key' }).click();
  await expect(page.getByText('Copy this key now. It will not be shown again.')).toBeVisible();
  const key = (await page.getByTestId('new-api-key').textContent())?.trim() ?? '';
  expect(key).toMatch(/^sbk_/);

  const res = await request.get('/api/v1/api-keys', { headers: { authorization: `Bearer ${key}` } });
  expect(res.status()).toBe(200);
  const names = ((await res.json()) as { data: { name: string }[] }).data.map((k) => k.name);
  expect(names).toContain('e2e deploy bot');

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('new-api-key')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('cell', { name: 'e2e deploy bot' })).toBeVisible();
  await expect(page.getByText(key)).toHaveCount(0);
});

test('an admin adds a viewer; the viewer reads but cannot create an API key', async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('E-mail', { exact: true }).fill(viewer.email);
  await page.getByLabel('Password', { exact: true }).fill(viewer.password);
  await page.getByLabel('Role', { exact: true }).selectOption('viewer');
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('cell', { name: viewer.email })).toBeVisible();
  await signOut(page);

  await signIn(page, viewer.email, viewer.password);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await page.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('cell', { name: 'e2e deploy bot' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create API key' })).toHaveCount(0);
  await expect(page.getByText('Viewers can see API keys but cannot create or revoke them.')).toBeVisible();

  // The server enforces it too, whatever the page shows: the viewer's own session gets 403.
  const status = await page.evaluate(async () => {
    const res = await fetch('/api/v1/api-keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sneaky', scope: 'admin' }),
    });
    return res.status;
  });
  expect(status).toBe(403);
});

test('the health page shows the database, the queue and a live worker', async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.getByRole('link', { name: 'Health' }).click();
  await expect(page.getByRole('heading', { name: 'Health' })).toBeVisible();
  await expect(page.getByText('Ready', { exact: true })).toBeVisible({ timeout: 30_000 });
});
