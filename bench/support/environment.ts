import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onCleanup } from './cleanup';

/**
 * The environment shared by the bench process and its web and worker children: one database, one data folder,
 * one encryption key (the bench process seals the channel's signing secret, the worker opens it), webhooks
 * allowed to reach the local sink. Set before any lib module reads `env()` (it is parsed once per process).
 */
export function benchEnvironment(databaseUrl: string): NodeJS.ProcessEnv {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-'));
  onCleanup('bench data folder', () => rmSync(dataDir, { recursive: true, force: true }));
  const vars: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    OUTBOUND_ALLOWLIST: '127.0.0.1/32',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
  };
  Object.assign(process.env, vars);
  return { ...process.env };
}

let logDir: string | undefined;

/** Where the children's output goes; kept after the run (it is small at LOG_LEVEL=warn) for reading errors. */
export function benchLogDir(): string {
  logDir ??= mkdtempSync(path.join(tmpdir(), 'switchboard-bench-logs-'));
  return logDir;
}
