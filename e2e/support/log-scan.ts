import { existsSync, rmSync, statSync } from 'node:fs';
import { describeLeaks, scanLogFile } from '../../test/security/log-scan';
import { storedSecrets } from '../../test/security/stored-secrets';
import { ADMIN } from './admin';

/**
 * Playwright's global teardown: the app under test logged every line (debug level) into E2E_LOG_FILE
 * (playwright.config.ts). Scans it for each secret the app holds at the end of the run (channel and trigger
 * credentials, session secret, encryption key), the shared admin's password, and anything shaped like an API
 * key, a private key or a password hash; a leak fails the run, naming the file, line and kind, never the secret.
 */
export default async function scanE2eLogs(): Promise<void> {
  const logFile = process.env.E2E_LOG_FILE;
  if (!logFile) return;
  // An empty or missing file would make the scan pass without looking at anything.
  if (!existsSync(logFile) || statSync(logFile).size === 0)
    throw new Error(`the app under test wrote nothing into ${logFile}: LOG_FILE did not reach it`);
  const secrets = await storedSecrets({
    databaseUrl: process.env.E2E_DATABASE_URL,
    dataDir: process.env.E2E_DATA_DIR ?? '.test-data/e2e',
    env: {},
  });
  const leaks = scanLogFile(logFile, [...secrets, { kind: 'admin password', value: ADMIN.password }]);
  if (leaks.length > 0) throw new Error(`secrets in the e2e app's logs:\n${describeLeaks(leaks)}`);
  rmSync(logFile, { force: true });
}
