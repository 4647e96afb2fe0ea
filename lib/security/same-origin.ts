/** Methods that only read: never refused for their origin. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a session-authenticated request must be refused as cross-site (CSRF), or undefined when it may go on.
 *
 * A browser attaches the session cookie to requests another site makes it send, and it also says where they
 * come from: `Sec-Fetch-Site` (every current browser) and `Origin` (on every POST/PUT/PATCH/DELETE). A change
 * passes only when neither names another origin. The app's own origin is the host the browser addressed
 * (`Host`, or `X-Forwarded-Host` behind a proxy; a page on another site cannot set either without a CORS
 * preflight, which this app never grants) or one of the configured public URLs (`NEXTAUTH_URL`,
 * `CONSOLE_URL`). A request with neither header does not come from a browser page, so it is no CSRF.
 * API-key requests carry no ambient credential and are not checked (the caller decides).
 */
export function crossSiteReason(req: Request, publicUrls: (string | undefined)[] = []): string | undefined {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return undefined;
  const fetchSite = req.headers.get('sec-fetch-site')?.toLowerCase();
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none')
    return `Sec-Fetch-Site is ${fetchSite}`;
  const origin = req.headers.get('origin');
  if (origin === null) return undefined;
  if (isOwnOrigin(origin, req, publicUrls)) return undefined;
  return `Origin ${origin === 'null' ? 'null (an opaque origin)' : origin} is not this app's origin`;
}

function isOwnOrigin(origin: string, req: Request, publicUrls: (string | undefined)[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin !== origin.replace(/\/$/, '')) return false;
  for (const url of publicUrls) {
    if (url && safeOrigin(url) === parsed.origin) return true;
  }
  const addressed = [req.headers.get('x-forwarded-host')?.split(',')[0], req.headers.get('host')]
    .map((host) => host?.trim().toLowerCase())
    .filter((host): host is string => Boolean(host));
  return addressed.includes(parsed.host.toLowerCase());
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
