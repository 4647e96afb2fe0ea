import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLeaks, findLeaks, scanLogFile } from './log-scan';

const planted = () => `planted-${randomBytes(12).toString('hex')}`;

describe('the log scan', () => {
  it('finds a registered secret in a log line and names file, line and kind, never the secret', () => {
    const secret = planted();
    const text = [
      '{"level":30,"msg":"started"}',
      `{"level":50,"msg":"send failed","err":{"message":"401 for token ${secret}"}}`,
      `{"level":50,"again":"${secret}"}`,
    ].join('\n');
    const leaks = findLeaks(text, 'web.log', [{ kind: 'channel credential', value: secret }]);
    expect(leaks).toEqual([{ file: 'web.log', kind: 'channel credential', line: 2, occurrences: 2 }]);
    expect(describeLeaks(leaks)).toBe('web.log:2: channel credential (2 line(s))');
    expect(describeLeaks(leaks)).not.toContain(secret);
  });

  it('finds a multi-line secret as JSON writes it, and secret shapes nobody registered', () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${randomBytes(24).toString('base64')}\n-----END PRIVATE KEY-----`;
    const apiKey = `sbk_${randomBytes(32).toString('base64url')}`;
    const text = [
      JSON.stringify({ msg: 'config', value: pem }),
      JSON.stringify({ msg: 'auth', header: `Bearer ${apiKey}` }),
      JSON.stringify({ msg: 'user', hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA' }),
    ].join('\n');
    const kinds = findLeaks(text, 'f', [{ kind: 'APNs key', value: pem }]).map((leak) => leak.kind);
    expect(kinds.sort()).toEqual([
      'API key (sbk_…)',
      'APNs key',
      'password hash (argon2)',
      'private key (PEM)',
    ]);
  });

  it('ignores values too short to tell from ordinary text, and clean logs', () => {
    expect(findLeaks('{"msg":"token abc123"}', 'f', [{ kind: 'x', value: 'abc123' }])).toEqual([]);
    const secret = planted();
    expect(findLeaks('{"msg":"fine"}\n{"key":"[redacted]"}', 'f', [{ kind: 'x', value: secret }])).toEqual(
      [],
    );
    // An API key's prefix (what the app logs and shows) is not the key.
    expect(findLeaks('{"prefix":"sbk_AbCdEf"}', 'f', [])).toEqual([]);
  });

  it('reads a log file, and a missing one holds no leak', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'log-scan-'));
    const secret = planted();
    writeFileSync(path.join(dir, 'a.log'), `{"msg":"x"}\n{"password":"${secret}"}\n`);
    expect(scanLogFile(path.join(dir, 'a.log'), [{ kind: 'user password', value: secret }])).toEqual([
      { file: path.join(dir, 'a.log'), kind: 'user password', line: 2, occurrences: 1 },
    ]);
    expect(scanLogFile(path.join(dir, 'missing.log'), [{ kind: 'x', value: secret }])).toEqual([]);
  });

  it('captures this very process: what the logger writes lands in the file the scan reads', async () => {
    const file = process.env.LOG_FILE;
    expect(file, 'test/security/capture-logs.ts sets LOG_FILE for every test file').toBeTruthy();
    const { logger } = await import('../../lib/logger');
    const marker = planted();
    // Not registered, so this file's own end-of-file scan does not count it; redaction still applies.
    logger.debug({ detail: marker, password: marker }, 'log-scan self test');
    const leaks = scanLogFile(file!, [{ kind: 'marker', value: marker }]);
    expect(leaks).toEqual([{ file, kind: 'marker', line: expect.any(Number), occurrences: 1 }]);
  });
});
