import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The app's route tree as the file system defines it, and who may call what. Both the vitest checks
 * (test/security/route-tree.test.ts) and the checks against the running app (e2e/security.spec.ts) walk it,
 * so a new route file is covered the moment it exists: unless it is listed below, it must answer 401 without
 * credentials, 403 to a trigger-scope key, and 403 to a viewer when it changes anything.
 */

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ApiRoute {
  /** `app/api/v1/channels/[id]/route.ts` */
  file: string;
  /** `/api/v1/channels/[id]` */
  template: string;
  methods: string[];
}

/**
 * Routes and methods that answer without a session or API key, each with the reason. Everything else in
 * `app/api` must answer 401.
 */
export const PUBLIC_ROUTES: Record<string, { methods: string[]; why: string }> = {
  '/api/[...path]': {
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    why: 'the catch-all for /api paths no route matches: a 404 problem, which reveals nothing',
  },
  '/api/health': {
    methods: ['GET'],
    why: 'liveness and readiness probes of load balancers and orchestrators, which carry no credentials',
  },
  '/api/auth/[...nextauth]': {
    methods: ['GET', 'POST'],
    why: 'next-auth itself: the sign-in form posts here (with its own CSRF token) to get a session',
  },
  '/api/setup': {
    methods: ['GET', 'POST'],
    why: 'first run only: creates the first admin while no user exists, 409 once one does',
  },
  '/api/v1/openapi.json': {
    methods: ['GET'],
    why: 'the public API description (no data), for client generators and the API reference page',
  },
  '/api/v1/hooks/[trigger_id]': {
    methods: ['POST'],
    why: "inbound webhooks: the trigger's signature (HMAC or Standard Webhooks) is the authentication",
  },
  '/api/v1/hooks/status/[channel_id]': {
    methods: ['POST'],
    why: "providers' delivery-status callbacks: each provider's signature is the authentication",
  },
};

/**
 * What a trigger-scope API key may call (access `trigger`): start work, nothing else. Every other route
 * answers it 403, reads included (trigger keys are for producers, which have no business reading).
 */
export const TRIGGER_KEY_ROUTES: Record<string, string[]> = {
  '/api/v1/events': ['POST'],
  '/api/v1/workflows/[key]/trigger': ['POST'],
};

/** POSTs that change nothing (computations over a request body), which viewers may therefore call. */
export const READ_ONLY_POSTS: Record<string, string[]> = {
  '/api/v1/workflows/[key]/preview': ['POST'],
};

/** Pages that need no session; every other page under `app/` redirects to /sign-in without one. */
export const PUBLIC_PAGES = new Set(['/sign-in', '/setup']);

const ROOT = path.resolve(import.meta.dirname, '../..');

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, name);
    return entry.name === name ? [full] : [];
  });
}

/** `app/(console)/channels/[id]/page.tsx` → `/channels/[id]`: route groups vanish. */
function templateOf(file: string): string {
  const relative = path.relative(path.join(ROOT, 'app'), path.dirname(file));
  const segments = relative
    .split(path.sep)
    .filter((segment) => segment && !/^\(.*\)$/.test(segment) && segment !== '.');
  return `/${segments.join('/')}`;
}

/** The HTTP methods a route file exports (`export const GET`, `export function GET`, `export { h as GET }`). */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  const declared = /export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/g;
  for (const match of source.matchAll(declared)) found.add(match[1]!);
  for (const block of source.matchAll(/export\s*\{([^}]*)\}/g))
    for (const part of block[1]!.split(','))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .at(-1)!
          .trim(),
      );
  return HTTP_METHODS.filter((method) => found.has(method));
}

export function apiRoutes(): ApiRoute[] {
  return filesNamed(path.join(ROOT, 'app'), 'route.ts')
    .map((file) => ({
      file: path.relative(ROOT, file),
      template: templateOf(file),
      methods: exportedMethods(readFileSync(file, 'utf8')),
    }))
    .sort((a, b) => a.template.localeCompare(b.template));
}

export function pageTemplates(): string[] {
  return filesNamed(path.join(ROOT, 'app'), 'page.tsx')
    .map((file) => templateOf(file))
    .sort();
}

/** A fixed UUID for every `[…id]` segment: valid, so the request gets past parameter parsing. */
export const PROBE_ID = '00000000-0000-4000-8000-000000000000';

/** A concrete path for a template: `[…id]` → a UUID, `[...rest]` → `session`, other `[x]` → `security-probe`. */
export function concretePath(template: string): string {
  return template
    .split('/')
    .map((segment) => {
      if (/^\[\.\.\..+\]$/.test(segment)) return 'session';
      if (/^\[.*id\]$/.test(segment)) return PROBE_ID;
      if (/^\[.+\]$/.test(segment)) return 'security-probe';
      return segment;
    })
    .join('/');
}

export const isPublic = (route: string, method: string) =>
  PUBLIC_ROUTES[route]?.methods.includes(method) ?? false;
export const triggerKeyMay = (route: string, method: string) =>
  TRIGGER_KEY_ROUTES[route]?.includes(method) ?? false;
export const viewerMay = (route: string, method: string) =>
  !MUTATING_METHODS.has(method) || (READ_ONLY_POSTS[route]?.includes(method) ?? false);
