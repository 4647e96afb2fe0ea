import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildKeyring } from '../lib/crypto/keyring';
import { decryptSecret, encryptSecret } from '../lib/crypto/secret-box';
import { db, schema } from '../lib/db';
import { runTs } from './support/processes';

describe('credentials at rest', () => {
  it('are unreadable in the row; keys:rotate then dropping the old key still decrypts them', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const secret = `smtp-password-${randomBytes(4).toString('hex')}`;
    const [channel] = await db()
      .insert(schema.channels)
      .values({
        name: 'mail',
        type: 'email',
        provider: 'smtp',
        config: { host: 'mail.example.test', password: encryptSecret(secret, buildKeyring(oldKey)) },
      })
      .returning();

    const raw = await db().$client.query('SELECT config::text AS config FROM channels WHERE id = $1', [
      channel!.id,
    ]);
    expect(raw.rows[0].config).not.toContain(secret);
    expect(raw.rows[0].config).toContain('mail.example.test');

    const rotate = await runTs('scripts/cli.ts', ['keys:rotate'], {
      ENCRYPTION_KEY: newKey,
      ENCRYPTION_KEYS_OLD: oldKey,
    });
    expect(rotate.code, rotate.stderr).toBe(0);
    expect(rotate.stdout).toMatch(/re-encrypted 1 secret\(s\) in 1 row/);
    expect(`${rotate.stdout}${rotate.stderr}`).not.toContain(secret);

    const after = await db().$client.query('SELECT config FROM channels WHERE id = $1', [channel!.id]);
    const onlyNewKey = buildKeyring(newKey);
    expect(decryptSecret(after.rows[0].config.password, onlyNewKey)).toBe(secret);
    expect(() => decryptSecret(after.rows[0].config.password, buildKeyring(oldKey))).toThrow();

    // Rotating again with nothing left to do changes nothing.
    const again = await runTs('scripts/cli.ts', ['keys:rotate'], { ENCRYPTION_KEY: newKey });
    expect(again.stdout).toMatch(/re-encrypted 0 secret/);
  });
});
