import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, inject } from 'vitest';
import { createDb, setDb } from '../../lib/db';
import { createDatabase, dropDatabase, randomDatabaseName } from '../support/test-database';

// Set before any product module reads the environment. The worker and web processes inherit these.
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'switchboard-faults-'));
process.env.LOG_LEVEL ??= 'silent';
process.env.OUTBOUND_ALLOWLIST ??= '127.0.0.1/32';

const serverUrl = inject('faultPostgres').serverUrl;
const name = randomDatabaseName('sb_faults');
const url = await createDatabase(serverUrl, name, inject('faultTemplate'));
process.env.DATABASE_URL = url;
setDb(createDb(url, 2));

afterAll(async () => {
  setDb(undefined);
  await dropDatabase(serverUrl, name).catch(() => {});
});
