import { loadOrCreateDataSecret } from '../data-secrets';
import { env } from '../env';

let cached: string | undefined;

/** Signs session cookies: `NEXTAUTH_SECRET` when set, else a secret generated once into the data folder. */
export function sessionSecret(): string {
  cached ??= env().NEXTAUTH_SECRET ?? loadOrCreateDataSecret('session.secret', 48);
  return cached;
}
