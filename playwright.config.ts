import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl)
  throw new Error('E2E_DATABASE_URL is not set: run the e2e tests through `npm test` (scripts/test.ts).');

// The app under test also logs into this file (debug level), which e2e/support/log-scan.ts scans for secrets.
process.env.E2E_LOG_FILE ??= path.resolve('.test-data', 'e2e-logs', `${randomBytes(4).toString('hex')}.log`);

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--no-first-run',
];

/** End-to-end tests in Debian's Chromium (never a downloaded browser) against the built app: web + worker. */
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  globalTeardown: './e2e/support/log-scan.ts',
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS },
  },
  // foundation.spec.ts needs the fresh database (its first test is the setup page), so it runs first; every
  // other spec signs in as the admin it created (or creates it, when run on its own with --no-deps).
  projects: [
    { name: 'foundation', testMatch: 'foundation.spec.ts', use: { browserName: 'chromium' } },
    {
      name: 'chromium',
      testIgnore: 'foundation.spec.ts',
      dependencies: ['foundation'],
      use: { browserName: 'chromium' },
    },
  ],
  webServer: {
    command: 'node --import tsx scripts/start.ts',
    url: `${baseURL}/api/health?probe=live`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    env: {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NEXTAUTH_URL: baseURL,
      DATA_DIR: process.env.E2E_DATA_DIR ?? '.test-data/e2e',
      WORKER_HEARTBEAT_SECONDS: '2',
      // A free port for the worker's metrics/probes, whatever else runs on this machine.
      WORKER_HTTP_PORT: '0',
      // Sinks and provider fakes in the e2e specs listen on loopback.
      OUTBOUND_ALLOWLIST: '127.0.0.1/32',
      LOG_LEVEL: 'warn',
      LOG_FILE: process.env.E2E_LOG_FILE,
      LOG_FILE_LEVEL: 'debug',
    },
  },
});
