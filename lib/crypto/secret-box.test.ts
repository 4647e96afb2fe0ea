import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildKeyring } from './keyring';
import { reencryptValue } from './rotate';
import { DecryptionError, decryptSecret, encryptSecret, isEncrypted, needsReencryption } from './secret-box';

const newKey = () => randomBytes(32).toString('base64');

describe('secret box', () => {
  const ring = buildKeyring(newKey());

  it('round-trips and never contains the clear text', () => {
    const sealed = encryptSecret('SG.super-secret-value', ring);
    expect(isEncrypted(sealed)).toBe(true);
    expect(sealed).not.toContain('super-secret');
    expect(sealed.split(':')[1]).toBe(ring.current.id);
    expect(decryptSecret(sealed, ring)).toBe('SG.super-secret-value');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret('same', ring)).not.toBe(encryptSecret('same', ring));
  });

  it('rejects tampered ciphertext', () => {
    const parts = encryptSecret('value', ring).split(':');
    const ct = Buffer.from(parts[4]!, 'base64url');
    ct[0]! ^= 0xff;
    parts[4] = ct.toString('base64url');
    expect(() => decryptSecret(parts.join(':'), ring)).toThrow(DecryptionError);
  });

  it('names the missing key when the ciphertext was made with an unknown key', () => {
    const other = buildKeyring(newKey());
    const sealed = encryptSecret('value', other);
    expect(() => decryptSecret(sealed, ring)).toThrow(new RegExp(`key ${other.current.id}`));
  });

  it('decrypts with old keys and re-encrypts nested values under the current key', () => {
    const oldKey = newKey();
    const oldRing = buildKeyring(oldKey);
    const config = {
      auth: { password: encryptSecret('p@ss', oldRing) },
      list: [encryptSecret('t0k', oldRing)],
      plain: 'x',
    };
    const rotated = buildKeyring(newKey(), [oldKey]);
    expect(needsReencryption(config.auth.password, rotated)).toBe(true);
    const { value, changed } = reencryptValue(config, rotated);
    expect(changed).toBe(2);
    const onlyNew = buildKeyring(Buffer.from(rotated.current.key).toString('base64'));
    const v = value as typeof config;
    expect(decryptSecret(v.auth.password, onlyNew)).toBe('p@ss');
    expect(decryptSecret(v.list[0]!, onlyNew)).toBe('t0k');
    expect(v.plain).toBe('x');
  });
});
