import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Secret } from './log-scan';

/**
 * Every secret an app instance holds: each sealed (`sb1:`) value in any JSON column of its database (channel
 * credentials, trigger signing secrets), decrypted with its keyring, and the session secret and encryption key
 * (from the environment, else generated into its data folder), plus the secrets of the environment.
 * Used by the log scans of the Vitest files (harvest-secrets.ts) and of the e2e run (e2e/support/log-scan.ts).
 */
export async function storedSecrets(opts: {
  databaseUrl?: string;
  dataDir?: string;
  env?: Record<string, string | undefined>;
}): Promise<Secret[]> {
  const env = opts.env ?? process.env;
  // Imported here: the modules load the logger, which reads the environment once (a test file may still set it).
  const { buildKeyring, GENERATED_KEY_FILE } = await import('../../lib/crypto/keyring');
  const { decryptSecret } = await import('../../lib/crypto/secret-box');
  const generated = (name: string) => {
    const file = opts.dataDir && path.join(opts.dataDir, name);
    return file && existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  };
  const secrets: Secret[] = [];
  const add = (kind: string, value: string | undefined) => {
    if (value) secrets.push({ kind, value });
  };
  add('session secret', env.NEXTAUTH_SECRET ?? generated('session.secret'));
  const encryptionKey = env.ENCRYPTION_KEY ?? generated(GENERATED_KEY_FILE);
  add('encryption key', encryptionKey);
  for (const name of ['METRICS_TOKEN', 'S3_SECRET_ACCESS_KEY']) add(`environment secret ${name}`, env[name]);
  if (!encryptionKey || !opts.databaseUrl) return secrets;
  const ring = buildKeyring(encryptionKey, env.ENCRYPTION_KEYS_OLD?.split(',').filter(Boolean));
  for (const sealed of await sealedValues(opts.databaseUrl)) {
    try {
      add('stored credential (channel, trigger or alert config)', decryptSecret(sealed, ring));
    } catch {
      // Sealed under a key rotated away since: it cannot be read, so it cannot be looked for.
    }
  }
  return secrets;
}

/** Every `sb1:` string in every JSON column of the database. */
async function sealedValues(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  const found: string[] = [];
  try {
    await client.connect();
    const { rows: columns } = await client.query<{ table: string; column: string }>(
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('json', 'jsonb')`,
    );
    for (const { table, column } of columns) {
      const { rows } = await client.query<{ value: unknown }>(
        `SELECT "${column}" AS value FROM "${table}" WHERE "${column}"::text LIKE '%"sb1:%'`,
      );
      for (const row of rows) collect(row.value, found);
    }
  } catch {
    // The database is gone or unreachable (a test dropped it): nothing to harvest.
  } finally {
    await client.end().catch(() => {});
  }
  return found;
}

function collect(value: unknown, into: string[]): void {
  if (typeof value === 'string' && value.startsWith('sb1:')) into.push(value);
  else if (Array.isArray(value)) for (const item of value) collect(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) collect(item, into);
}
