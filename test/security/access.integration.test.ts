import path from 'node:path';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeApiKey, makeUser } from '../support/factories';
import {
  type ApiRoute,
  apiRoutes,
  concretePath,
  isPublic,
  MUTATING_METHODS,
  PROBE_ID,
  PUBLIC_ROUTES,
  READ_ONLY_POSTS,
  TRIGGER_KEY_ROUTES,
  triggerKeyMay,
  viewerMay,
} from './route-tree';
import { registerSecret } from './secret-registry';
import { sessionCookie } from './session-cookie';

// Every route handler of the tree, called in-process (test/support/factories.ts `call`), for each method it
// exports. e2e/security.spec.ts repeats the unauthenticated walk against the built, running app.

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROOT = path.resolve(import.meta.dirname, '../..');
const routes = apiRoutes();
const EVIL = 'https://evil.example';

async function handlers(route: ApiRoute): Promise<Record<string, Handler>> {
  return (await import(path.join(ROOT, route.file))) as Record<string, Handler>;
}

/** The params Next.js would pass for the concrete path of `template`. */
function paramsOf(template: string): Record<string, string> {
  const concrete = concretePath(template).split('/');
  const params: Record<string, string> = {};
  template.split('/').forEach((segment, index) => {
    const name = /^\[(?:\.\.\.)?(.+)\]$/.exec(segment)?.[1];
    if (name) params[name] = concrete[index]!;
  });
  return params;
}

/**
 * Calls a route as Next.js does: a NextRequest (its parsed cookies carry the session) and a promise of the
 * params, with an empty JSON body for methods that take one.
 */
async function send(route: ApiRoute, method: string, headers: Record<string, string> = {}) {
  const handler = (await handlers(route))[method]!;
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const req = new NextRequest(`http://localhost${concretePath(route.template)}`, {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...headers },
    body: hasBody ? '{}' : undefined,
  });
  return handler(req, { params: Promise.resolve(paramsOf(route.template)) });
}

const calls = routes.flatMap((route) => route.methods.map((method) => ({ route, method })));
const guarded = calls.filter(({ route, method }) => !isPublic(route.template, method));

describe('the route tree', () => {
  it('finds every route file and the methods each exports, as Next.js sees them', async () => {
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      const exported = Object.keys(await handlers(route)).filter((name) => /^[A-Z]+$/.test(name));
      expect(route.methods, route.file).toEqual(expect.arrayContaining(exported));
      expect(exported, route.file).toEqual(expect.arrayContaining(route.methods));
      expect(route.methods.length, `${route.file} exports no HTTP method`).toBeGreaterThan(0);
    }
  });

  it('lists only routes and methods that exist as public, trigger-key or read-only exceptions', () => {
    const exists = (template: string, method: string) =>
      routes.some((route) => route.template === template && route.methods.includes(method));
    for (const [template, { methods }] of Object.entries(PUBLIC_ROUTES))
      for (const method of methods) expect(exists(template, method), `${method} ${template}`).toBe(true);
    for (const [template, methods] of [
      ...Object.entries(TRIGGER_KEY_ROUTES),
      ...Object.entries(READ_ONLY_POSTS),
    ])
      for (const method of methods) expect(exists(template, method), `${method} ${template}`).toBe(true);
  });
});

describe('authentication and roles on every route', () => {
  let triggerKey: string;
  let viewer: string;
  let admin: string;

  beforeAll(async () => {
    triggerKey = (await makeApiKey('trigger')).key;
    const viewerUser = await makeUser('viewer');
    viewer = await sessionCookie(viewerUser.id, viewerUser.email);
    const adminUser = await makeUser('admin');
    admin = await sessionCookie(adminUser.id, adminUser.email);
  });

  it.each(guarded.map(({ route, method }) => [`${method} ${route.template}`, route, method] as const))(
    '%s answers 401 problem+json without credentials',
    async (_name, route, method) => {
      const res = await send(route, method);
      expect(res.status, await res.clone().text()).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    },
  );

  it.each(
    guarded
      .filter(({ route, method }) => !triggerKeyMay(route.template, method))
      .map(({ route, method }) => [`${method} ${route.template}`, route, method] as const),
  )('%s answers 403 to a trigger-scope key', async (_name, route, method) => {
    const res = await send(route, method, { authorization: `Bearer ${triggerKey}` });
    expect(res.status, await res.clone().text()).toBe(403);
  });

  it('lets a trigger-scope key start work', async () => {
    for (const { route, method } of guarded.filter(({ route, method }) =>
      triggerKeyMay(route.template, method),
    )) {
      const res = await send(route, method, { authorization: `Bearer ${triggerKey}` });
      expect([401, 403], `${method} ${route.template}`).not.toContain(res.status);
    }
  });

  it.each(
    guarded
      .filter(({ route, method }) => !viewerMay(route.template, method))
      .map(({ route, method }) => [`${method} ${route.template}`, route, method] as const),
  )('%s answers 403 to a viewer', async (_name, route, method) => {
    const res = await send(route, method, { cookie: viewer });
    expect(res.status, await res.clone().text()).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/viewer .* may not do this/);
  });

  it.each(
    guarded
      .filter(({ method }) => MUTATING_METHODS.has(method))
      .map(({ route, method }) => [`${method} ${route.template}`, route, method] as const),
  )('%s refuses a session-authenticated request from another origin', async (_name, route, method) => {
    const foreign: Record<string, string>[] = [
      { origin: EVIL },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ];
    for (const headers of foreign) {
      const res = await send(route, method, { cookie: admin, host: 'localhost', ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/^cross-site request refused: /);
    }
  });
});

describe('cross-site request refusal', () => {
  const keys = apiRoutes().find((route) => route.template === '/api/v1/api-keys')!;
  const create = async (headers: Record<string, string>) => {
    const { POST } = await handlers(keys);
    const req = new NextRequest('http://switchboard.internal:3000/api/v1/api-keys', {
      method: 'POST',
      headers: { host: 'switchboard.internal:3000', 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ name: `csrf-${PROBE_ID.slice(0, 4)}`, scope: 'trigger' }),
    });
    const res = await POST!(req, { params: Promise.resolve({}) });
    if (res.status === 201) registerSecret('API key', ((await res.clone().json()) as { key: string }).key);
    return res;
  };

  it('lets the console change things from its own origin, addressed or configured', async () => {
    const user = await makeUser('admin');
    const cookie = await sessionCookie(user.id, user.email);
    const sameOrigin = await create({ cookie, origin: 'http://switchboard.internal:3000' });
    expect(sameOrigin.status, await sameOrigin.clone().text()).toBe(201);
    const fetchMetadata = await create({ cookie, 'sec-fetch-site': 'same-origin' });
    expect(fetchMetadata.status).toBe(201);
    // Behind a proxy that rewrites Host, the browser's origin is the forwarded host.
    const proxied = await create({
      cookie,
      origin: 'https://notify.example.com',
      'x-forwarded-host': 'notify.example.com',
    });
    expect(proxied.status).toBe(201);
    // A request without Origin or Sec-Fetch-Site does not come from a web page (curl, scripts).
    expect((await create({ cookie })).status).toBe(201);
  });

  it('refuses another origin, even another port of the same host, and names the reason', async () => {
    const user = await makeUser('admin');
    const cookie = await sessionCookie(user.id, user.email);
    const otherPort = await create({ cookie, origin: 'http://switchboard.internal:4000' });
    expect(otherPort.status).toBe(403);
    expect(((await otherPort.json()) as { detail: string }).detail).toBe(
      "cross-site request refused: Origin http://switchboard.internal:4000 is not this app's origin; changes with a session must come from the console itself",
    );
    const sameSite = await create({ cookie, 'sec-fetch-site': 'same-site' });
    expect(((await sameSite.json()) as { detail: string }).detail).toMatch(/Sec-Fetch-Site is same-site/);
  });

  it('leaves API-key requests alone: a key is no ambient credential', async () => {
    const { key } = await makeApiKey('admin');
    const res = await create({
      authorization: `Bearer ${key}`,
      origin: EVIL,
      'sec-fetch-site': 'cross-site',
    });
    expect(res.status).toBe(201);
  });
});
