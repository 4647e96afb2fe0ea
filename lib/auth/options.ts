import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { logger } from '../logger';
import type { Role } from '../users/schemas';
import { findUserByEmail, recordLogin } from '../users/service';
import { clientIp } from './client-ip';
import { credentialsSchema } from './credentials-schema';
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from './login-limiter';
import { burnPasswordCheck, verifyPassword } from './password';
import { sessionSecret } from './session-secret';

export const INVALID_CREDENTIALS = 'Invalid e-mail or password.';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name?: string | null; role: Role };
    /** When this session signed in (ms since the epoch): sessions older than a disable or reset are refused. */
    signedInAt?: number;
  }
  interface User {
    role: Role;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: Role;
    signedInAt?: number;
  }
}

export function authOptions(): AuthOptions {
  return {
    secret: sessionSecret(),
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/sign-in' },
    logger: {
      error: (code, metadata) => logger.error({ code, err: metadata }, 'next-auth error'),
      warn: (code) => logger.warn({ code }, 'next-auth warning'),
      debug: () => {},
    },
    providers: [
      CredentialsProvider({
        name: 'E-mail and password',
        credentials: {
          email: { label: 'E-mail', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) throw new Error(INVALID_CREDENTIALS);
          const { email, password } = parsed.data;
          const ip = clientIp(req.headers ?? {});
          await assertLoginAllowed(email, ip);
          const user = await findUserByEmail(email);
          const ok =
            user && !user.disabledAt
              ? await verifyPassword(user.passwordHash, password)
              : await burnPasswordCheck(password);
          if (!ok || !user) {
            await recordLoginFailure(email, ip);
            logger.warn({ email, ip }, 'failed sign-in');
            throw new Error(INVALID_CREDENTIALS);
          }
          await Promise.all([recordLoginSuccess(email), recordLogin(user.id)]);
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // `iat` is renewed whenever the session is refreshed; the sign-in time is kept as a claim of its own.
        if (user) {
          token.role = user.role;
          token.signedInAt = Date.now();
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.sub ?? '',
          email: token.email ?? '',
          name: token.name,
          role: token.role ?? 'viewer',
        };
        session.signedInAt = token.signedInAt;
        return session;
      },
    },
  };
}
