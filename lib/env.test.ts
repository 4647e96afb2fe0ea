import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('applies defaults', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('.data');
    expect(env.ENCRYPTION_KEY).toBeUndefined();
  });

  it('accepts a 32-byte base64 key and old keys', () => {
    const key = randomBytes(32).toString('base64');
    const env = parseEnv({
      ENCRYPTION_KEY: key,
      ENCRYPTION_KEYS_OLD: `${randomBytes(32).toString('base64')}, ${key}`,
    });
    expect(env.ENCRYPTION_KEY).toBe(key);
    expect(env.ENCRYPTION_KEYS_OLD).toHaveLength(2);
  });

  it.each([
    ['ENCRYPTION_KEY', randomBytes(16).toString('base64')],
    ['ENCRYPTION_KEY', 'not base64 at all!'],
    ['ENCRYPTION_KEYS_OLD', 'short'],
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['LOG_LEVEL', 'loud'],
  ])('names %s when it is invalid', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('treats an empty value as unset', () => {
    expect(parseEnv({ ENCRYPTION_KEY: '', DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
