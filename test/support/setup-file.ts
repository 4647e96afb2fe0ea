import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, inject } from 'vitest';
import { createDb, setDb } from '../../lib/db';
import { createDatabase, dropDatabase, randomDatabaseName } from './test-database';

// Each test file gets its own data folder (generated keys) and its own database cloned from the template.
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'switchboard-test-'));
process.env.LOG_LEVEL ??= 'silent';
// Sinks and SMTP servers in tests listen on loopback, which the SSRF guard refuses unless allow-listed.
process.env.OUTBOUND_ALLOWLIST ??= '127.0.0.1/32';

const serverUrl = inject('serverUrl');
const name = randomDatabaseName('sb_test');
const url = await createDatabase(serverUrl, name, inject('templateDatabase'));
process.env.DATABASE_URL = url;
setDb(createDb(url, 4));

afterAll(async () => {
  // Imported here, not above: its logger reads the environment, which must be set first (see the top).
  const { stopConfigListener } = await import('../../lib/cache/config-cache');
  await stopConfigListener();
  setDb(undefined);
  await dropDatabase(serverUrl, name);
});
