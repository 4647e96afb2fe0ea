import { encode } from 'next-auth/jwt';
import { sessionSecret } from '../../lib/auth/session-secret';

/**
 * The Cookie header a browser sends after signing in as `userId`: a next-auth JWT signed with the app's session
 * secret, as the sign-in flow sets it (`next-auth.session-token` over plain HTTP).
 */
export async function sessionCookie(userId: string, email: string): Promise<string> {
  const token = await encode({ token: { sub: userId, email }, secret: sessionSecret() });
  return `next-auth.session-token=${token}`;
}
