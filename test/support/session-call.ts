import { NextRequest } from 'next/server';
import { sessionCookie } from '../security/session-cookie';
import { makeUser } from './factories';

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * Calls a route handler as the console does for a signed-in user: a NextRequest (next-auth reads its cookies)
 * carrying the session cookie. `asUser('viewer')` returns a caller for a fresh viewer.
 */
export async function asUser(role: 'admin' | 'viewer') {
  const user = await makeUser(role);
  const cookie = await sessionCookie(user.id, user.email);
  return (
    handler: Handler,
    init: { method?: string; path?: string; body?: unknown; params?: Record<string, string> } = {},
  ): Promise<Response> => {
    const headers: Record<string, string> = { cookie };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const req = new NextRequest(`http://localhost${init.path ?? '/'}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return handler(req, { params: Promise.resolve(init.params ?? {}) });
  };
}
