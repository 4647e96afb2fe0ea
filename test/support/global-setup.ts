import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { migrateDatabase } from '../../lib/db/migrate';
import { createDatabase, dropDatabase, randomDatabaseName } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    templateDatabase: string;
    /** Where test files write their log files and secret lists (test/security/capture-logs.ts). */
    securityRunDir: string;
  }
}

/**
 * One PostgreSQL server for the run (TEST_DATABASE_URL, else an embedded one under .test-data/), and a
 * migrated template database that every test file clones into a database of its own.
 */
export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stopServer = async () => {};
  if (!serverUrl) {
    const dir = path.resolve('.test-data');
    mkdirSync(dir, { recursive: true });
    const embedded = await startEmbeddedPostgres(
      dir,
      Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339),
      () => {},
    );
    serverUrl = embedded.url;
    stopServer = embedded.stop;
  }
  const template = randomDatabaseName('sb_template');
  const templateUrl = await createDatabase(serverUrl, template);
  await migrateDatabase(templateUrl);
  project.provide('serverUrl', serverUrl);
  project.provide('templateDatabase', template);
  const securityRunDir = path.resolve('.test-data', `security-${randomBytes(4).toString('hex')}`);
  project.provide('securityRunDir', securityRunDir);
  return async () => {
    // The registered secrets go; only the log files that leaked one stay (named in their test file's failure).
    rmSync(path.join(securityRunDir, 'secrets'), { recursive: true, force: true });
    const logs = path.join(securityRunDir, 'logs');
    const kept = (() => {
      try {
        return readdirSync(logs).length;
      } catch {
        return 0;
      }
    })();
    if (kept === 0) rmSync(securityRunDir, { recursive: true, force: true });
    await dropDatabase(serverUrl, template);
    await stopServer();
  };
}
