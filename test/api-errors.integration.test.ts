import { describe, expect, it } from 'vitest';
import * as collection from '../app/api/v1/api-keys/route';
import * as users from '../app/api/v1/users/[id]/route';
import { call, makeApiKey } from './support/factories';

type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  request_id: string;
  errors?: { path: string; message: string }[];
};

describe('problem+json errors', () => {
  it('malformed JSON is a 400 naming the problem', async () => {
    const { key } = await makeApiKey('admin');
    const res = await call(collection.POST, { method: 'POST', key, rawBody: '{"name": "x",' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(problem.status).toBe(400);
    expect(problem.detail).toMatch(/^malformed JSON/);
    expect(problem.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('a body failing its schema is a 422 naming each field', async () => {
    const { key } = await makeApiKey('admin');
    const res = await call(collection.POST, { method: 'POST', key, body: { name: 42, scope: 'root' } });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['body.name', 'body.scope']);
  });

  it('unknown fields are rejected by strict schemas', async () => {
    const { key } = await makeApiKey('admin');
    const res = await call(collection.POST, {
      method: 'POST',
      key,
      body: { name: 'x', scope: 'admin', colour: 'red' },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as Problem).errors?.[0]?.message).toContain('colour');
  });

  it('wrong content type, empty and oversized bodies are refused clearly', async () => {
    const { key } = await makeApiKey('admin');
    const text = await call(collection.POST, {
      method: 'POST',
      key,
      rawBody: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.status).toBe(415);
    const empty = await call(collection.POST, { method: 'POST', key, rawBody: '' });
    expect(empty.status).toBe(400);
    const huge = await call(collection.POST, {
      method: 'POST',
      key,
      body: { name: 'x'.repeat(2 * 1024 * 1024), scope: 'admin' },
    });
    expect(huge.status).toBe(413);
  });

  it('a bad path parameter and a bad cursor are client errors, not 500s', async () => {
    const { key } = await makeApiKey('admin');
    const badId = await call(users.PATCH, {
      method: 'PATCH',
      key,
      params: { id: 'not-a-uuid' },
      body: { role: 'viewer' },
    });
    expect(badId.status).toBe(422);
    expect(((await badId.json()) as Problem).errors?.[0]?.path).toBe('params.id');
    const badCursor = await call(collection.GET, { key, path: '/api/v1/api-keys?cursor=zzz' });
    expect(badCursor.status).toBe(400);
    const badLimit = await call(collection.GET, { key, path: '/api/v1/api-keys?limit=abc' });
    expect(badLimit.status).toBe(422);
  });

  it('a missing resource is a 404', async () => {
    const { key } = await makeApiKey('admin');
    const res = await call(users.PATCH, {
      method: 'PATCH',
      key,
      params: { id: '00000000-0000-4000-8000-000000000000' },
      body: { role: 'viewer' },
    });
    expect(res.status).toBe(404);
  });
});
