import { type Browser, expect, type Page, test } from '@playwright/test';
import { openAuditEntry } from './support/audit';
import { clickAndConfirm } from './support/confirm';
import { createThroughApi } from './support/rest';
import { signIn, signInAsAdmin, uniqueName } from './support/session';
import { expectToast } from './support/toast';

// Revoking an API key, and changing a user's role, password and access, through the console as an admin (the
// create flows are in foundation.spec.ts): each shows in the list, survives a reload, is in the audit log, and
// changes what the key or the user can do at once.

test('API key: a revoke that succeeds; the key gets 401 from then on', async ({ page, request }) => {
  await signInAsAdmin(page);
  const name = uniqueName('e2e-revoked-key');
  const created = await createThroughApi<{ id: string; key: string }>(page, '/api/v1/api-keys', {
    name,
    scope: 'admin',
  });
  // `request` carries no session cookie: only the key authenticates these calls.
  const callWithKey = () =>
    request.get('/api/v1/api-keys', { headers: { authorization: `Bearer ${created.key}` } });
  expect((await callWithKey()).status()).toBe(200);

  await page.goto('/api-keys');
  const row = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Active');
  await clickAndConfirm(page, row.getByRole('button', { name: 'Revoke' }), name);
  await expectToast(page, 'API key revoked');
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  expect((await callWithKey()).status()).toBe(401);

  await page.reload();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  await openAuditEntry(page, created.id, 'api_key.revoke');
});

/** The user signed in through the sign-in page, in a browser context of their own. */
async function signedInAs(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  return page;
}

async function expectSignInRefused(page: Page, email: string, password: string) {
  await signIn(page, email, password);
  await expect(page.getByRole('alert').filter({ hasText: 'Invalid e-mail or password' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** A new viewer, signed in in a browser context of their own, and the admin's page on their row of the users list. */
async function newUser(page: Page, browser: Browser) {
  await signInAsAdmin(page);
  const email = `${uniqueName('e2e-user')}@example.test`;
  const password = 'first-password-1';
  const user = await createThroughApi(page, '/api/v1/users', { email, password, role: 'viewer' });
  const theirs = await signedInAs(browser, email, password);
  await page.goto('/users');
  const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: email });
  await expect(row.getByText('Active', { exact: true })).toBeVisible();
  return { id: user.id, email, password, theirs, row };
}

test('user: make a viewer an admin, then reset their password', async ({ page, browser }) => {
  const { id, email, password, theirs, row } = await newUser(page, browser);
  const newPassword = 'second-password-2';
  await theirs.goto('/api-keys');
  await expect(theirs.getByText('Viewers can see API keys but cannot create or revoke them.')).toBeVisible();

  await expect(row.getByRole('cell', { name: 'viewer', exact: true })).toBeVisible();
  await row.getByRole('button', { name: 'Make admin' }).click();
  await expectToast(page, 'User is now an admin');
  await expect(row.getByRole('cell', { name: 'admin', exact: true })).toBeVisible();
  await page.reload();
  await expect(row.getByRole('button', { name: 'Make viewer' })).toBeVisible();
  // The role is read on every request: their open session is an admin's at its next page load.
  await theirs.reload();
  await expect(theirs.getByRole('button', { name: 'Create API key' })).toBeVisible();

  await row.getByRole('button', { name: 'Reset password' }).click();
  const dialog = page.getByRole('dialog', { name: `Reset password of ${email}` });
  await dialog.getByLabel('New password').fill(newPassword);
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expectToast(page, 'Password reset');
  await expect(dialog).toBeHidden();
  // Their session ended with the reset; the old password no longer signs in, the new one does.
  await theirs.reload();
  await expect(theirs).toHaveURL(/\/sign-in/);
  await expectSignInRefused(theirs, email, password);
  await signIn(theirs, email, newPassword);
  await expect(theirs.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await theirs.context().close();

  // Newest first: the reset, then the role.
  const reset = await openAuditEntry(page, id, 'user.update', { count: 2, index: 0 });
  await expect(reset).toContainText('password_reset');
  await expect(reset).not.toContainText(newPassword);
  const role = await openAuditEntry(page, id, 'user.update', { count: 2, index: 1 });
  await expect(role.getByRole('row').filter({ hasText: 'role' })).toContainText(/viewer\s*admin/);
});

test('user: disable (they cannot sign in), enable, then delete', async ({ page, browser }) => {
  const { id, email, password, theirs, row } = await newUser(page, browser);

  await clickAndConfirm(page, row.getByRole('button', { name: 'Disable', exact: true }), `Disable ${email}?`);
  await expectToast(page, 'User disabled');
  await expect(row.getByText('Disabled', { exact: true })).toBeVisible();
  await page.reload();
  await expect(row.getByText('Disabled', { exact: true })).toBeVisible();
  // Their open session ended, and signing in again is refused.
  await theirs.reload();
  await expect(theirs).toHaveURL(/\/sign-in/);
  await expectSignInRefused(theirs, email, password);

  await row.getByRole('button', { name: 'Enable', exact: true }).click();
  await expectToast(page, 'User enabled');
  await expect(row.getByText('Active', { exact: true })).toBeVisible();
  await signIn(theirs, email, password);
  await expect(theirs.getByRole('heading', { name: 'Dashboard' })).toBeVisible();

  await clickAndConfirm(page, row.getByRole('button', { name: 'Delete', exact: true }), `Delete ${email}?`);
  await expectToast(page, 'User deleted');
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Users' }).getByRole('row').nth(1)).toBeVisible();
  await expect(row).toHaveCount(0);
  await theirs.reload();
  await expect(theirs).toHaveURL(/\/sign-in/);
  await theirs.context().close();

  // Newest first: the enable, then the disable.
  const disable = await openAuditEntry(page, id, 'user.update', { count: 2, index: 1 });
  await expect(disable.getByRole('row').filter({ hasText: 'disabled' })).toContainText(/false\s*true/);
  await openAuditEntry(page, id, 'user.delete');
});
