/** `npm run cli -- <command>`: automation entry (create admins and API keys, rotate keys, migrate). */

import { parseCommand, UsageError } from '../lib/cli/commands';
import { createDb } from '../lib/db';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { migrateDatabase } from '../lib/db/migrate';
import { dataDir, env } from '../lib/env';
import { AppError } from '../lib/errors';

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommand> | undefined;
  if (argv[0] !== 'db:migrate') parsed = parseCommand(argv);
  const config = env();
  const database = config.DATABASE_URL
    ? { url: config.DATABASE_URL, stop: async () => {} }
    : await startEmbeddedPostgres(dataDir(), config.EMBEDDED_PG_PORT, (line) =>
        process.stderr.write(`${line}\n`),
      );
  try {
    await migrateDatabase(database.url);
    if (!parsed) {
      process.stdout.write('migrations applied\n');
      return 0;
    }
    const db = createDb(database.url, 2);
    try {
      await parsed.command.run(parsed.values, db, (line) => process.stdout.write(`${line}\n`));
    } finally {
      await db.$client.end();
    }
    return 0;
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    const known = error instanceof UsageError || error instanceof AppError || error?.name === 'EnvError';
    process.stderr.write(`error: ${known ? error.message : (error as Error).stack}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
