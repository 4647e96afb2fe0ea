import { describe, expect, it } from 'vitest';
import { hasUndecodableSegment, undecodablePathResponse } from './undecodable-path';

describe('hasUndecodableSegment', () => {
  it.each(['/api/v1/workflows/%ED%A0%80', '/api/v1/channels/%FF', '/api/v1/x/%', '/api/v1/%E2%82/y'])(
    '%s cannot be decoded',
    (path) => expect(hasUndecodableSegment(path)).toBe(true),
  );

  it.each(['/api/v1/workflows/a%20b', '/api/v1/channels/%00', '/api/v1/x/%E2%82%AC', '/api/v1/events'])(
    '%s can',
    (path) => expect(hasUndecodableSegment(path)).toBe(false),
  );
});

it('answers a problem+json 400 naming the path', async () => {
  const response = undecodablePathResponse();
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(await response.json()).toMatchObject({
    status: 400,
    detail: 'the URL path holds a segment that is not valid percent-encoded UTF-8',
    errors: [{ path: 'params', message: 'not valid percent-encoded UTF-8' }],
  });
});
