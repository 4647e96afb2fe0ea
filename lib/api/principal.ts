import type { ApiKeyScope } from '../api-keys/schemas';
import type { Role } from '../users/schemas';

export type Principal =
  | { kind: 'user'; id: string; email: string; role: Role }
  | { kind: 'api_key'; id: string; name: string; scope: ApiKeyScope };

/**
 * What a route needs: `read` (any signed-in user or admin key), `trigger` (start work: admins and
 * trigger keys), `admin` (change configuration). Viewers read everything and change nothing.
 */
export type Access = 'read' | 'trigger' | 'admin';

export function canAccess(principal: Principal, access: Access): boolean {
  if (principal.kind === 'user') return principal.role === 'admin' || access === 'read';
  if (principal.scope === 'admin') return true;
  return access === 'trigger';
}

export function describePrincipal(principal: Principal): string {
  return principal.kind === 'user'
    ? `${principal.role} ${principal.email}`
    : `${principal.scope} API key "${principal.name}"`;
}
