import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { ADMIN } from './admin';

/** Creates the shared admin unless setup is already done (201 or 409, nothing else). */
export async function ensureAdmin(request: APIRequestContext): Promise<void> {
  const res = await request.post('/api/setup', {
    data: { email: ADMIN.email, name: ADMIN.name, password: ADMIN.password },
  });
  expect([201, 409], await res.text()).toContain(res.status());
}

/** Signs in through the sign-in page; the page's `request` then carries the session cookie too. */
export async function signIn(page: Page, email: string = ADMIN.email, password: string = ADMIN.password) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The shared admin, signed in and on the dashboard. */
export async function signInAsAdmin(page: Page): Promise<void> {
  await ensureAdmin(page.request);
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

/** A name no other spec or earlier run uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}
