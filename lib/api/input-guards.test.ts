import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { readParams, refuseDeepJson, refuseUnstorable } from './input-guards';
import { jsonNestingExceeds } from './json-depth';

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('readParams', () => {
  it('gives the params Next.js decoded', async () => {
    expect(await readParams({ params: Promise.resolve({ id: 'a' }) })).toEqual({ id: 'a' });
    expect(await readParams(undefined)).toEqual({});
  });

  it('turns a segment that cannot be decoded (URIError) into a 400 naming the path', async () => {
    const params = Promise.resolve().then(() => ({ id: decodeURIComponent('%ED%A0%80') }));
    const error = await refusal(readParams({ params }));
    expect(error.code).toBe('malformed');
    expect(error.errors).toEqual([{ path: 'params', message: 'not valid percent-encoded UTF-8' }]);
  });

  it('leaves other failures alone', async () => {
    await expect(readParams({ params: Promise.reject(new Error('boom')) })).rejects.toThrow('boom');
  });
});

describe('refuseUnstorable', () => {
  it('names the first field holding a NUL or a lone surrogate', () => {
    expect(() => refuseUnstorable({ a: 'ok', b: ['x', 'y\u0000'] }, 'body')).toThrow(
      'body.b.1: contains U+0000 (NUL), which PostgreSQL cannot store',
    );
    expect(() => refuseUnstorable({ q: '\ud800' }, 'query')).toThrow('query.q: contains an unpaired');
    expect(() => refuseUnstorable({ id: 'abc', emoji: '\ud83d\ude00' }, 'params')).not.toThrow();
  });
});

describe('JSON nesting', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonNestingExceeds('[[[1]]]', 3)).toBe(false);
    expect(jsonNestingExceeds('[[[[1]]]]', 3)).toBe(true);
    expect(jsonNestingExceeds(`{"a":"${'['.repeat(500)}"}`, 3)).toBe(false);
    expect(jsonNestingExceeds(`{"a\\"[[[[":[1]}`, 2)).toBe(false);
    expect(jsonNestingExceeds(`${'{"a":'.repeat(4)}1}}}}`, 3)).toBe(true);
  });

  it('refuses a body nested 10,000 levels with a 400', () => {
    expect(() => refuseDeepJson(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)).toThrow(
      'JSON nested deeper than 100 levels',
    );
    expect(() => refuseDeepJson(`${'['.repeat(100)}${']'.repeat(100)}`)).not.toThrow();
  });
});
