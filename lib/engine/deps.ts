import { databaseUrl, db } from '../db';
import { queueClient } from '../queue/boss';
import { bossQueue, type EngineDeps } from './ports';

/** Engine dependencies for the web process and the CLI: the shared pool and an enqueue-only pg-boss. */
export async function engineDeps(): Promise<EngineDeps> {
  return { db: db(), queue: bossQueue(await queueClient(databaseUrl())) };
}
