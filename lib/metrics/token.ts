import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether an Authorization header carries the metrics token. With no token configured the metrics are open
 * (Prometheus on a private network). Both sides are hashed first, so the comparison takes the same time
 * whatever the length or content of the guess.
 */
export function metricsAuthorized(
  authorization: string | null | undefined,
  token: string | undefined,
): boolean {
  if (!token) return true;
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}
