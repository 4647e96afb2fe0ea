/**
 * Whether a session signed in at `signedInAtMs` has been ended since: disabling a user or resetting the password
 * sets `sessionsValidAfter`. A session that does not say when it signed in predates the check and counts as
 * older than any such change.
 */
export function sessionRevoked(
  signedInAtMs: number | undefined,
  user: { sessionsValidAfter: Date | null },
): boolean {
  if (!user.sessionsValidAfter) return false;
  return signedInAtMs === undefined || signedInAtMs < user.sessionsValidAfter.getTime();
}
