import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import {
  apiRoutes,
  concretePath,
  isPublic,
  PROBE_ID,
  PUBLIC_PAGES,
  pageTemplates,
  triggerKeyMay,
  viewerMay,
} from '../test/security/route-tree';
import { ensureAdmin, signIn, signInAsAdmin, uniqueName } from './support/session';

// The built app as `npm start` runs it, walked route by route from the file tree (test/security/route-tree.ts):
// a route file that is not listed as public and answers without credentials fails here.

const calls = apiRoutes().flatMap((route) => route.methods.map((method) => ({ route, method })));
const guarded = calls.filter(({ route, method }) => !isPublic(route.template, method));

async function send(request: APIRequestContext, method: string, template: string, headers = {}) {
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return request.fetch(concretePath(template), {
    method,
    headers,
    maxRedirects: 0,
    ...(hasBody ? { data: {} } : {}),
  });
}

async function newApiKey(page: Page, scope: 'admin' | 'trigger'): Promise<string> {
  const res = await page.request.post('/api/v1/api-keys', { data: { name: uniqueName('security'), scope } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { key: string }).key;
}

test('every API route answers 401 without credentials, except the listed public ones', async ({
  request,
}) => {
  await ensureAdmin(request);
  const answered: string[] = [];
  for (const { route, method } of guarded) {
    const res = await send(request, method, route.template);
    if (res.status() !== 401 || !res.headers()['content-type']?.startsWith('application/problem+json'))
      answered.push(`${method} ${route.template} → ${res.status()}`);
  }
  expect(answered).toEqual([]);
  expect(guarded.length).toBeGreaterThan(40);
});

test('the public routes answer without credentials, and change nothing unsigned', async ({ request }) => {
  await ensureAdmin(request);
  expect((await request.get('/api/health?probe=live')).status()).toBe(200);
  expect((await request.get('/api/v1/openapi.json')).status()).toBe(200);
  expect((await request.delete('/api/v1/no-such-route')).status()).toBe(404);
  expect(await (await request.get('/api/auth/session')).json()).toEqual({});
  expect(await (await request.get('/api/setup')).json()).toEqual({ needs_setup: false });
  const setup = await request.post('/api/setup', {
    data: { email: `${uniqueName('intruder')}@example.test`, password: 'a-long-password-1' },
  });
  expect(setup.status()).toBe(409);
  // Unknown (or unsigned) webhooks are refused before anything is stored.
  for (const path of [`/api/v1/hooks/${PROBE_ID}`, `/api/v1/hooks/status/${PROBE_ID}`]) {
    const res = await request.post(path, { data: { event_type: 'x' } });
    expect([401, 404], `${path} → ${res.status()}`).toContain(res.status());
  }
});

test('every console page redirects to sign-in without a session', async ({ request }) => {
  const pages = pageTemplates().filter((template) => !PUBLIC_PAGES.has(template));
  expect(pages.length).toBeGreaterThan(15);
  const open: string[] = [];
  for (const template of pages) {
    const res = await request.get(concretePath(template), { maxRedirects: 0 });
    const location = res.headers().location ?? '';
    if (![303, 307, 308].includes(res.status()) || !/\/sign-in(\?|$)/.test(location))
      open.push(`${template} → ${res.status()} ${location}`);
  }
  expect(open).toEqual([]);
  for (const template of PUBLIC_PAGES) expect((await request.get(template)).status(), template).toBe(200);
});

test('a trigger-scope key gets 403 everywhere but where it starts work; a viewer cannot change anything', async ({
  page,
  browser,
}) => {
  await signInAsAdmin(page);
  const triggerKey = await newApiKey(page, 'trigger');
  const viewer = { email: `${uniqueName('viewer')}@example.test`, password: 'viewer-password-1' };
  const created = await page.request.post('/api/v1/users', { data: { ...viewer, role: 'viewer' } });
  expect(created.status()).toBe(201);

  const wrong: string[] = [];
  for (const { route, method } of guarded) {
    const res = await send(page.request, method, route.template, { authorization: `Bearer ${triggerKey}` });
    const allowed = triggerKeyMay(route.template, method);
    if (allowed ? [401, 403].includes(res.status()) : res.status() !== 403)
      wrong.push(`trigger key: ${method} ${route.template} → ${res.status()}`);
  }

  const context = await browser.newContext();
  const viewerPage = await context.newPage();
  await signIn(viewerPage, viewer.email, viewer.password);
  await expect(viewerPage.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  for (const { route, method } of guarded.filter(({ route, method }) => !viewerMay(route.template, method))) {
    const res = await send(viewerPage.request, method, route.template);
    if (res.status() !== 403) wrong.push(`viewer: ${method} ${route.template} → ${res.status()}`);
  }
  expect(wrong).toEqual([]);
  await context.close();
});

test('session-authenticated changes from another origin are refused; the console and API keys work', async ({
  page,
  baseURL,
}) => {
  await signInAsAdmin(page);
  const before = (await (await page.request.get('/api/v1/api-keys?limit=100')).json()) as { data: unknown[] };

  // A page served by another app on this host (another port) is same-site: the browser sends the session
  // cookie along with its requests.
  const elsewhere = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  const { port } = elsewhere.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/`);
  const forged = page.waitForResponse((res) => res.url().endsWith('/api/v1/api-keys'), { timeout: 15_000 });
  await page.evaluate(
    (target) =>
      fetch(`${target}/api/v1/api-keys`, {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'include',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ name: 'forged', scope: 'admin' }),
      }).catch(() => undefined),
    baseURL!,
  );
  expect((await forged).status()).toBe(403);
  elsewhere.close();

  const refused = await page.request.post('/api/v1/api-keys', {
    headers: { origin: 'https://evil.example' },
    data: { name: uniqueName('forged'), scope: 'admin' },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { detail: string }).detail).toMatch(
    /^cross-site request refused: Origin https:\/\/evil\.example is not this app's origin/,
  );
  const after = (await (await page.request.get('/api/v1/api-keys?limit=100')).json()) as { data: unknown[] };
  expect(after.data.length).toBe(before.data.length);

  // The console itself (same origin, in the browser) and API keys from anywhere keep working.
  await page.goto('/');
  const own = await page.evaluate(async () => {
    const res = await fetch('/api/v1/api-keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `own-${Date.now()}`, scope: 'trigger' }),
    });
    return res.status;
  });
  expect(own).toBe(201);
  const adminKey = await newApiKey(page, 'admin');
  const withKey = await page.request.post('/api/v1/api-keys', {
    headers: { origin: 'https://evil.example', authorization: `Bearer ${adminKey}` },
    data: { name: uniqueName('by-key'), scope: 'trigger' },
  });
  expect(withKey.status()).toBe(201);
});

test('console pages and API answers carry the security headers, and the console runs under its CSP', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text()))
      violations.push(message.text());
  });
  await signInAsAdmin(page);
  for (const path of [
    '/',
    '/sign-in',
    '/api/v1/channels',
    '/api/v1/openapi.json',
    '/api/health?probe=live',
  ]) {
    const headers = (await page.request.get(path, { maxRedirects: 0 })).headers();
    const csp = headers['content-security-policy'] ?? '';
    if (path.startsWith('/api/')) {
      // Data, never a document: nothing in it may load, run or be framed.
      expect(csp, path).toContain("default-src 'none'");
    } else {
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
    }
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).not.toContain('unsafe-eval');
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy'], path).toContain('camera=()');
  }
  for (const path of ['/channels/new', '/workflows/new', '/api-reference']) {
    await page.goto(path);
    await expect(page.getByRole('main')).toBeVisible();
  }
  // Scalar (the largest client bundle, with its own styles) rendered the document under the policy.
  await expect
    .poll(async () => violations.length === 0 && (await page.getByText('Switchboard API').count()) > 0, {
      timeout: 30_000,
    })
    .toBe(true);
  expect(violations).toEqual([]);
});
