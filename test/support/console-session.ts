import { NextRequest } from 'next/server';
import { encode } from 'next-auth/jwt';
import { sessionSecret } from '../../lib/auth/session-secret';

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * The headers of a console session for `user`, signed in at `signedInAt` (ms; now by default) as the sign-in
 * flow sets it, with the Origin a browser sends along.
 */
export async function consoleSession(
  user: { id: string; email: string },
  signedInAt = Date.now(),
): Promise<Record<string, string>> {
  const token = await encode({
    token: { sub: user.id, email: user.email, signedInAt },
    secret: sessionSecret(),
  });
  return { cookie: `next-auth.session-token=${token}`, origin: 'http://localhost', host: 'localhost' };
}

/** Calls a route handler as Next.js does for the console: a NextRequest (its cookies carry the session). */
export function callAs(
  session: Record<string, string>,
  handler: Handler,
  init: { method?: string; path?: string; body?: unknown; params?: Record<string, string> } = {},
): Promise<Response> {
  const hasBody = init.body !== undefined;
  const req = new NextRequest(`http://localhost${init.path ?? '/'}`, {
    method: init.method ?? 'GET',
    headers: { ...session, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    body: hasBody ? JSON.stringify(init.body) : undefined,
  });
  return handler(req, { params: Promise.resolve(init.params ?? {}) });
}
