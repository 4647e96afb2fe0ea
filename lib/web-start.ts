import { standByForAlerts } from './alerts/web';
import { keyring } from './crypto/keyring';
import { databaseUrl } from './db';
import { migrateDatabase } from './db/migrate';
import { env } from './env';
import { logger } from './logger';

export async function startWeb(): Promise<void> {
  try {
    env();
    keyring();
    await migrateDatabase(databaseUrl());
    standByForAlerts();
  } catch (error) {
    logger.fatal(`web failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
}
