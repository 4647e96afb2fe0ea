import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { logger } from '../logger';
import type { Role } from '../users/schemas';
import { findUserByEmail, recordLogin } from '../users/service';
import { clientIp } from './client-ip';
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from './login-limiter';
import { burnPasswordCheck, verifyPassword } from './password';
import { sessionSecret } from './session-secret';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(256),
});

export const INVALID_CREDENTIALS = 'Invalid e-mail or password.';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name?: string | null; role: Role };
  }
  interface User {
    role: Role;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: Role;
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
        if (user) token.role = user.role;
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.sub ?? '',
          email: token.email ?? '',
          name: token.name,
          role: token.role ?? 'viewer',
        };
        return session;
      },
    },
  };
}
