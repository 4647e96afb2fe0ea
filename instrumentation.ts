/**
 * Runs once when the Next.js server starts, before it serves requests: validate the environment,
 * load the encryption keys (warning if generated) and apply pending migrations.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  process.env.SWITCHBOARD_PROCESS ??= 'web';
  const { startWeb } = await import('./lib/web-start');
  await startWeb();
}
