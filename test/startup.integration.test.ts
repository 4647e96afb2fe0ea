import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTs } from './support/processes';

describe('start-up configuration', () => {
  it.each(['worker/index.ts', 'scripts/start.ts', 'scripts/cli.ts'])(
    '%s stops on an ENCRYPTION_KEY of the wrong length, naming it',
    async (script) => {
      const args = script === 'scripts/cli.ts' ? ['apikey:list'] : [];
      const result = await runTs(script, args, { ENCRYPTION_KEY: randomBytes(16).toString('base64') });
      expect(result.code).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toMatch(
        /ENCRYPTION_KEY: must be the base64 encoding of exactly 32/,
      );
    },
  );

  it('generates a key into the data folder once (mode 0600), reuses it and warns on every start', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-keys-'));
    const env = { DATA_DIR: dataDir, ENCRYPTION_KEY: '' };
    const first = await runTs('scripts/cli.ts', ['keys:rotate'], env);
    expect(first.code, first.stderr).toBe(0);
    const keyFile = path.join(dataDir, 'encryption.key');
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8');
    expect(`${first.stdout}${first.stderr}`).toContain('ENCRYPTION_KEY is not set');

    const second = await runTs('scripts/cli.ts', ['keys:rotate'], env);
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    expect(`${second.stdout}${second.stderr}`).toContain('ENCRYPTION_KEY is not set');
    expect(`${second.stdout}${second.stderr}`).not.toContain(key.trim());
  });
});

describe('CLI arguments', () => {
  it.each([
    [['nope'], /unknown command "nope"/],
    [[], /usage: npm run cli/],
    [
      ['apikey:create', '--name', 'x', '--scope', 'root'],
      /--scope: Invalid option: expected one of "admin"\|"trigger"/,
    ],
    [['apikey:create', '--name', 'x'], /--scope/],
    [
      ['admin:create', '--email', 'not-an-email', '--password', 'long-enough-pw'],
      /--email: must be an e-mail address/,
    ],
    [
      ['admin:create', '--email', 'a@b.test', '--password', 'short'],
      /--password: must be at least 10 characters/,
    ],
    [['apikey:create', '--nme', 'x'], /Unknown option '--nme'/],
  ])('%j fails with a clear message and exit code 2', async (args, message) => {
    const result = await runTs('scripts/cli.ts', args as string[], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message as RegExp);
  });

  it('admin:create makes an admin who can then be found', async () => {
    const email = `cli-${randomBytes(3).toString('hex')}@example.test`;
    const result = await runTs(
      'scripts/cli.ts',
      ['admin:create', '--email', email, '--password', 'cli-password-1'],
      {},
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`created admin ${email}`);
    const again = await runTs(
      'scripts/cli.ts',
      ['admin:create', '--email', email, '--password', 'cli-password-1'],
      {},
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
});
