/**
 * The client address for rate limiting. `next start` fills X-Forwarded-For with the socket address when the
 * request has none; behind a reverse proxy, the proxy's value is used. The first entry is the original client.
 */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get('x-forwarded-for') : headers['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.split(',')[0]?.trim() || 'unknown';
}
