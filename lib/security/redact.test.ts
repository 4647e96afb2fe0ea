import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redactApiKeys } from './redact';

describe('redactApiKeys', () => {
  it('keeps only the public prefix of a key in a path or query', () => {
    const key = `sbk_${randomBytes(32).toString('base64url')}`;
    const redacted = redactApiKeys(`/api/v1/api-keys/${key}?api_key=${key}&x=1`);
    expect(redacted).not.toContain(key);
    expect(redacted).toBe(
      `/api/v1/api-keys/${key.slice(0, 10)}…[redacted]?api_key=${key.slice(0, 10)}…[redacted]&x=1`,
    );
  });

  it('leaves paths without a key alone', () => {
    expect(redactApiKeys('/api/v1/channels/6f1c0c9e-1111-4111-8111-111111111111')).toBe(
      '/api/v1/channels/6f1c0c9e-1111-4111-8111-111111111111',
    );
  });
});
