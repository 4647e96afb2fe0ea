import 'server-only';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { findUserById } from '@/lib/users/service';
import { sessionRevoked } from '@/lib/users/sessions';

/**
 * The signed-in user, or null when there is no session, the account has since been deleted or disabled, or the
 * session was ended by a disable or password reset after it signed in.
 * The console layout and the sign-in page both use it, so a disabled user's leftover session cookie shows
 * the sign-in form instead of bouncing between the two.
 */
export async function signedInUser() {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findUserById(id);
  return user && !user.disabledAt && !sessionRevoked(session.signedInAt, user) ? user : null;
}
