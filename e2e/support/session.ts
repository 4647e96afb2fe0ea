import { type APIRequestContext, type Browser, expect, type Page } from '@playwright/test';
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

/**
 * A new viewer, made by `admin` and signed in in a browser context of its own, on the dashboard (close it with
 * `page.context().close()`).
 */
export async function signInAsNewViewer(browser: Browser, admin: Page): Promise<Page> {
  const viewer = { email: `${uniqueName('viewer')}@example.test`, password: 'viewer-password-1' };
  const res = await admin.request.post('/api/v1/users', { data: { ...viewer, role: 'viewer' } });
  expect(res.status(), await res.text()).toBe(201);
  const page = await (await browser.newContext()).newPage();
  await signIn(page, viewer.email, viewer.password);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  return page;
}
