import { inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, schema } from '../../lib/db';
import { buildOpenApiDocument } from '../../lib/openapi/document';
import { makeApiKey, makeChannel, makeTrigger, makeUser, makeWorkflow } from '../support/factories';
import { pdfBytes } from '../support/files';
import { makeEventRun, makeMessage } from '../support/message-factories';
import { assertAnswered, problemOf } from './support/answers';
import { describeRequest, type RawRequest, send } from './support/http';
import { type OpenApiDocument, type Operation, operationsOf, resourceOf } from './support/operations';
import { type Pools, RAW_ENCODINGS, requestFor, safeComponents } from './support/request-arbitrary';
import { startWebServer, type WebServer } from './support/web-server';

/**
 * Every operation of the OpenAPI document, fuzzed through the production Next.js server (so Next.js's own
 * decoding of paths and bodies is in the loop) as an admin API key: generated paths, queries and bodies, valid
 * and broken, wrong content types and encodings, oversized and deeply nested JSON. Nothing may answer 5xx, every
 * 4xx is problem+json saying what is wrong, the server keeps running, and every event answered 202 is stored.
 */

const document = buildOpenApiDocument() as unknown as OpenApiDocument;
const operations = operationsOf(document);
const components = safeComponents(document.components?.schemas ?? {});
/** Generated requests per operation (FUZZ_RUNS raises it for a longer hunt). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const FILE_MAX_BYTES = 64 * 1024;
const HOOK_MAX_BYTES = 4096;
const MIB = 1024 * 1024;

let server: WebServer;
let apiKey: string;
const pools: Pools = new Map();
const acceptedEvents = new Set<string>();
let requests = 0;
let bigHookId: string;
let smallHookId: string;
let viewerId: string;

const add = (resource: string, ...values: string[]) =>
  pools.set(resource, [...(pools.get(resource) ?? []), ...values]);

async function exchange(request: RawRequest) {
  requests++;
  const response = await send(server.url, request);
  if (!server.alive())
    throw new Error(`the server exited after ${describeRequest(request)}\n${server.output()}`);
  return response;
}

const withKey = (request: RawRequest): RawRequest => ({
  ...request,
  headers: { authorization: `Bearer ${apiKey}`, ...request.headers },
});

/** Ids the run created join the pools, so later requests reach existing resources too. */
function remember(op: Operation, status: number, text: string): void {
  if (status >= 300) return;
  let body: { id?: unknown; key?: unknown; event_id?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return;
  }
  if (typeof body.event_id === 'string' && status === 202) acceptedEvents.add(body.event_id);
  if (op.method !== 'POST' || op.pathParams.length > 0) return;
  const resource = resourceOf(op.template, '');
  if (typeof body.id === 'string') add(resource, body.id);
  // A workflow's key names it in paths; an API key's `key` is its secret and stays out of URLs (and logs).
  if (resource === 'workflows' && typeof body.key === 'string') add(resource, body.key);
}

beforeAll(async () => {
  server = await startWebServer({ FILE_MAX_BYTES: String(FILE_MAX_BYTES) });
  const admin = await makeApiKey('admin');
  apiKey = admin.key;
  const channel = await makeChannel();
  const workflow = await makeWorkflow();
  const apiTrigger = await makeTrigger(workflow.id);
  const hookTrigger = await makeTrigger(workflow.id, {
    type: 'webhook',
    config: { verification: { type: 'none' }, event_type: 'fuzz.hook', max_body_bytes: HOOK_MAX_BYTES },
  } as never);
  // These two and their workflow stay out of the pools, so the fuzz run cannot delete them before the size
  // tests use them.
  const ownWorkflow = await makeWorkflow();
  const bigHook = await makeTrigger(ownWorkflow.id, {
    type: 'webhook',
    config: { verification: { type: 'none' }, event_type: 'fuzz.big', max_body_bytes: 2 * MIB },
  } as never);
  bigHookId = bigHook.id;
  smallHookId = (
    await makeTrigger(ownWorkflow.id, {
      type: 'webhook',
      config: { verification: { type: 'none' }, event_type: 'fuzz.small', max_body_bytes: HOOK_MAX_BYTES },
    } as never)
  ).id;
  const { run } = await makeEventRun(workflow.id, new Date());
  const message = await makeMessage({
    channelId: channel.id,
    status: 'dead',
    createdAt: new Date(),
    runId: run.id,
  });
  const viewer = await makeUser('viewer');
  viewerId = viewer.id;
  const otherKey = await makeApiKey('trigger');
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(pdfBytes('fuzz'))], { type: 'application/pdf' }), 'a.pdf');
  const uploaded = await fetch(`${server.url}/api/v1/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}` },
    body: form,
  });
  expect(uploaded.status).toBe(201);
  add('channels', channel.id);
  add('workflows', workflow.id, workflow.key);
  add('triggers', apiTrigger.id, hookTrigger.id);
  add('messages', (message as { id: string }).id);
  add('users', viewer.id);
  add('api-keys', otherKey.id);
  add('files', ((await uploaded.json()) as { id: string }).id);
}, 900_000);

afterAll(async () => {
  await server?.stop();
  if (process.env.FUZZ_SERVER_LOG)
    (await import('node:fs')).writeFileSync(process.env.FUZZ_SERVER_LOG, server?.output() ?? '');
  process.stdout.write(`api fuzz: ${requests} requests to ${operations.length} operations\n`);
});

const withPathParams = operations.filter((op) => op.pathParams.length > 0);
const withJsonBody = operations.filter((op) => op.body?.contentType === 'application/json');
const samplePath = (op: Operation, value: string) => op.template.replace(/\{\w+\}/g, value);

describe('the document fuzzed', () => {
  it('is the one the server serves', async () => {
    const served = await exchange({ method: 'GET', path: '/api/v1/openapi.json' });
    expect(served.status).toBe(200);
    const ids = operationsOf(JSON.parse(served.text) as OpenApiDocument).map((op) => op.id);
    expect(ids).toEqual(operations.map((op) => op.id));
    expect(operations.length).toBeGreaterThan(40);
  });
});

describe('defects found by fuzzing: each was a 500', () => {
  it.each(withPathParams.map((op) => [`${op.method} ${op.template}`, op] as const))(
    '%s with a path segment that is not UTF-8 (ED A0 80 percent-encoded) is a 400 naming the path',
    async (_, op) => {
      const request = withKey({
        method: op.method,
        path: samplePath(op, '%ED%A0%80'),
        ...(op.body ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
      });
      const response = await exchange(request);
      expect(response.status, `${describeRequest(request)} → ${response.text}`).toBe(400);
      assertAnswered(request, response);
      expect(problemOf(response)?.detail).toMatch(/percent-encoded UTF-8/);
    },
  );

  it('POST /api/v1/events with U+0000 in a key of data is a 422, kept as an invalid event', async () => {
    const request = withKey({
      method: 'POST',
      path: '/api/v1/events',
      headers: { 'content-type': 'application/json' },
      body: '{"event_type":"nul.key","data":{"\\u0000":"a"}}',
    });
    const response = await exchange(request);
    expect(response.status, response.text).toBe(422);
    expect(problemOf(response)?.detail).toMatch(/key contains U\+0000 \(NUL\).*kept as invalid event/);
  });

  it('PATCH /api/v1/users/{id} with an empty body changes nothing and answers the user', async () => {
    const request = withKey({
      method: 'PATCH',
      path: `/api/v1/users/${viewerId}`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const response = await exchange(request);
    expect(response.status, response.text).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ id: viewerId, role: 'viewer' });
  });

  it.each([
    ['GET', '/api/v1/workflows/a%00b', 'params.key'],
    ['GET', '/api/v1/channels/%00', 'params.id'],
    ['GET', '/api/v1/messages?q=%00', 'query.q'],
    ['GET', '/api/v1/events?event_type=a%00', 'query.event_type'],
  ])('%s %s (a NUL) is a 422 naming %s', async (method, path, field) => {
    const request = withKey({ method, path });
    const response = await exchange(request);
    expect(response.status, response.text).toBe(422);
    expect(problemOf(response)?.errors).toContainEqual({
      path: field,
      message: 'contains U+0000 (NUL), which PostgreSQL cannot store',
    });
  });

  it.each([
    ['/api/v1/channels', { name: 'a\u0000', provider: 'webhook', config: { url: 'http://127.0.0.1:9/x' } }],
    ['/api/v1/api-keys', { name: 'a\u0000', scope: 'admin' }],
    ['/api/v1/workflows', { key: 'nul-wf', name: 'a\u0000', steps: [{ type: 'condition', filter: {} }] }],
    ['/api/v1/events', { event_type: 'nul.test', data: { name: 'a\u0000' } }],
  ])('POST %s with a NUL in a JSON string is a 422 naming the field', async (path, body) => {
    const request = withKey({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const response = await exchange(request);
    expect(response.status, response.text).toBe(422);
    const field = path.endsWith('events') ? 'body.data.name' : 'body.name';
    expect(problemOf(response)?.errors).toContainEqual({
      path: field,
      message: 'contains U+0000 (NUL), which PostgreSQL cannot store',
    });
  });
});

describe('fuzz: every operation of the document', () => {
  it.each(operations.map((op) => [`${op.method} ${op.template}`, op] as const))(
    '%s',
    async (_, op) => {
      await fc.assert(
        fc.asyncProperty(requestFor(op, components, pools, apiKey), async (request) => {
          const response = await exchange(request);
          assertAnswered(request, response);
          remember(op, response.status, response.text);
        }),
        { numRuns: RUNS },
      );
    },
    120_000,
  );

  it('every event answered 202 is stored', async () => {
    const ids = [...acceptedEvents];
    const stored = ids.length
      ? await db().select({ id: schema.events.id }).from(schema.events).where(inArray(schema.events.id, ids))
      : [];
    expect(stored.map((r) => r.id).sort()).toEqual(ids.sort());
  });
});

describe('oversized and deeply nested bodies', () => {
  const someId = (op: Operation) =>
    op.pathParams.length
      ? (pools.get(resourceOf(op.template, op.pathParams[0]!))?.[0] ?? '00000000-0000-4000-8000-000000000000')
      : '';

  it.each(withJsonBody.map((op) => [`${op.method} ${op.template}`, op] as const))(
    '%s: a body over 1 MiB is a 413, declared or streamed',
    async (_, op) => {
      const body = `{"name":"${'a'.repeat(MIB)}"}`;
      for (const chunked of [false, true]) {
        const request = withKey({
          method: op.method,
          path: samplePath(op, someId(op)),
          headers: { 'content-type': 'application/json' },
          body,
          chunked,
        });
        const response = await exchange(request);
        expect(response.status, `${chunked ? 'chunked' : 'declared'}: ${response.text}`).toBe(413);
        assertAnswered(request, response);
      }
    },
  );

  it.each(withJsonBody.map((op) => [`${op.method} ${op.template}`, op] as const))(
    '%s: JSON nested 10,000 and 150,000 levels deep is a 4xx',
    async (_, op) => {
      for (const depth of [10_000, 150_000]) {
        for (const [open, close] of [
          ['[', ']'],
          ['{"a":', '}'],
        ] as const) {
          const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
          const request = withKey({
            method: op.method,
            path: samplePath(op, someId(op)),
            headers: { 'content-type': 'application/json' },
            body: op.id.toLowerCase().includes('event') ? `{"event_type":"deep","data":${nested}}` : nested,
          });
          const response = await exchange(request);
          expect(response.status, response.text).toBeGreaterThanOrEqual(400);
          assertAnswered(request, response);
        }
      }
    },
  );

  it('JSON nested 300,000 levels deep to a webhook that takes 2 MiB is kept as an invalid event, not a 500', async () => {
    const response = await exchange({
      method: 'POST',
      path: `/api/v1/hooks/${bigHookId}`,
      headers: { 'content-type': 'application/json' },
      body: `${'{"a":'.repeat(300_000)}1${'}'.repeat(300_000)}`,
    });
    expect(response.status, response.text).toBe(202);
    expect(JSON.parse(response.text)).toMatchObject({
      status: 'invalid',
      error: 'body is JSON nested deeper than 100 levels',
    });
  });

  it('an inbound webhook over its max_body_bytes is a 413; deep JSON within it is stored as an event', async () => {
    const hook = smallHookId;
    const big = withKey({
      method: 'POST',
      path: `/api/v1/hooks/${hook}`,
      headers: { 'content-type': 'application/json' },
      body: `{"a":"${'x'.repeat(HOOK_MAX_BYTES)}"}`,
    });
    for (const chunked of [false, true]) {
      const response = await exchange({ ...big, chunked });
      expect(response.status).toBe(413);
      assertAnswered(big, response);
    }
    const deep = await exchange({
      method: 'POST',
      path: `/api/v1/hooks/${hook}`,
      headers: { 'content-type': 'application/json' },
      body: `${'['.repeat(2000)}${']'.repeat(2000)}`,
    });
    expect(deep.status, deep.text).toBeLessThan(500);
  });

  it('an upload over FILE_MAX_BYTES is a 413, declared or streamed', async () => {
    const body = Buffer.concat([
      Buffer.from('--fz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'),
      Buffer.from('Content-Type: application/pdf\r\n\r\n'),
      pdfBytes(),
      Buffer.alloc(FILE_MAX_BYTES * 3, 0x41),
      Buffer.from('\r\n--fz--\r\n'),
    ]);
    for (const chunked of [false, true]) {
      const request = withKey({
        method: 'POST',
        path: '/api/v1/files',
        headers: { 'content-type': 'multipart/form-data; boundary=fz' },
        body,
        chunked,
      });
      const response = await exchange(request);
      expect(response.status, response.text).toBe(413);
      assertAnswered(request, response);
    }
  });
});

describe('routes outside the document', () => {
  const raw = fc.constantFrom(...RAW_ENCODINGS);

  it('health, metrics, setup and sign-in answer generated input without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          raw.map((v) => ({ method: 'GET', path: `/api/health?probe=${v}` })),
          raw.map((v) => ({ method: 'GET', path: `/api/metrics?x=${v}` })),
          fc.jsonValue({ maxDepth: 2 }).map((v) => ({
            method: 'POST',
            path: '/api/setup',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(v),
          })),
          fc
            .tuple(
              fc.oneof(fc.emailAddress(), fc.string({ unit: 'binary' })),
              fc.constantFrom('a\u0000', 'pw'),
            )
            .map(([email, password]) => ({
              method: 'POST',
              path: '/api/auth/callback/credentials',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ email, password, json: 'true' }).toString(),
            })),
          raw.map((v) => ({ method: 'GET', path: `/api/auth/session?x=${v}` })),
        ),
        async (request: RawRequest) => {
          const response = await exchange(request);
          if (response.status >= 500 && !request.path.startsWith('/api/health'))
            throw new Error(
              `server error: ${describeRequest(request)} → ${response.status} ${response.text}`,
            );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an /api path no route matches is a problem+json 404, not the console page', async () => {
    for (const path of ['/api/v1/nope', '/api/v1/workflows/%2e%2e/preview', '/api/v2/x']) {
      const request = withKey({ method: 'POST', path });
      const response = await exchange(request);
      expect(response.status, path).toBe(404);
      assertAnswered(request, response);
    }
  });

  it('after the whole run the server is still up and answers', async () => {
    expect(server.alive()).toBe(true);
    const live = await exchange({ method: 'GET', path: '/api/health?probe=live' });
    expect(live.status).toBe(200);
  });
});
