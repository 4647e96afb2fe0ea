import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, inject } from 'vitest';
import { describeLeaks, scanLogFile } from './log-scan';
import { registeredSecrets } from './secret-registry';

/**
 * The first setup file of every test file (vitest.config.ts): before anything loads the logger, every log line
 * of this file's process and of the processes it starts (they inherit the environment) goes to a log file of its
 * own, at debug level, whatever LOG_LEVEL keeps on stdout. Its afterAll hook runs last (hooks run as a stack):
 * after the test file's own hooks stopped its processes and test/security/harvest-secrets.ts collected the
 * secrets the app stored, it scans the file for every registered secret and fails the test file on a leak,
 * naming the log file, the line and the kind of secret, never the secret.
 */
const runDir = inject('securityRunDir');
const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
const logFile = path.join(runDir, 'logs', `${id}.log`);
const secretsFile = path.join(runDir, 'secrets', `${id}.jsonl`);
mkdirSync(path.dirname(logFile), { recursive: true });
mkdirSync(path.dirname(secretsFile), { recursive: true, mode: 0o700 });
process.env.LOG_FILE = logFile;
process.env.LOG_FILE_LEVEL = 'debug';
process.env.SB_TEST_SECRETS_FILE = secretsFile;

afterAll(() => {
  const leaks = scanLogFile(logFile, registeredSecrets(secretsFile));
  rmSync(secretsFile, { force: true });
  const testFile = path.relative(process.cwd(), expect.getState().testPath ?? 'unknown test file');
  expect(leaks, `secrets in the logs written while ${testFile} ran:\n${describeLeaks(leaks)}`).toEqual([]);
  rmSync(logFile, { force: true });
});
