/**
 * The one administrator every spec signs in as. foundation.spec.ts creates it through the setup page on the
 * fresh database; the other specs create it through POST /api/setup when they run first or alone.
 */
export const ADMIN = {
  email: 'e2e-admin@example.test',
  name: 'First Admin',
  password: 'admin-password-1',
} as const;
