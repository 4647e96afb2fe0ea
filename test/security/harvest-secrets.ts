import { afterAll } from 'vitest';
import { registerSecret } from './secret-registry';
import { storedSecrets } from './stored-secrets';

/**
 * The last setup file (vitest.config.ts), so its afterAll runs before test/support/setup-file.ts drops the
 * database: registers, for the log scan, every secret the app holds at the end of the test file, however a
 * test made it (channel credentials, trigger signing secrets, the generated session secret and encryption key).
 */
afterAll(async () => {
  const secrets = await storedSecrets({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR,
  });
  for (const { kind, value } of secrets) registerSecret(kind, value);
});
