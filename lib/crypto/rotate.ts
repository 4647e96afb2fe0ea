import { eq } from 'drizzle-orm';
import { type Db, schema } from '../db';
import type { Keyring } from './keyring';
import { decryptSecret, encryptSecret, needsReencryption } from './secret-box';

/** Returns a copy of `value` with every `sb1:` string re-encrypted under the current key, and how many changed. */
export function reencryptValue(value: unknown, ring: Keyring): { value: unknown; changed: number } {
  if (typeof value === 'string') {
    return needsReencryption(value, ring)
      ? { value: encryptSecret(decryptSecret(value, ring), ring), changed: 1 }
      : { value, changed: 0 };
  }
  if (Array.isArray(value)) {
    let changed = 0;
    const out = value.map((item) => {
      const r = reencryptValue(item, ring);
      changed += r.changed;
      return r.value;
    });
    return { value: out, changed };
  }
  if (value && typeof value === 'object') {
    let changed = 0;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const r = reencryptValue(item, ring);
      changed += r.changed;
      out[key] = r.value;
    }
    return { value: out, changed };
  }
  return { value, changed: 0 };
}

/**
 * Re-encrypts every stored secret (channel and trigger configs) under the current key, row by row in one
 * transaction, so that old keys can then be dropped from ENCRYPTION_KEYS_OLD.
 */
export async function rotateSecrets(database: Db, ring: Keyring): Promise<{ rows: number; secrets: number }> {
  return database.transaction(async (tx) => {
    let rows = 0;
    let secrets = 0;
    for (const table of [schema.channels, schema.triggers]) {
      const all = await tx.select({ id: table.id, config: table.config }).from(table).for('update');
      for (const row of all) {
        const { value, changed } = reencryptValue(row.config, ring);
        if (!changed) continue;
        await tx
          .update(table)
          .set({ config: value as Record<string, unknown> })
          .where(eq(table.id, row.id));
        rows++;
        secrets += changed;
      }
    }
    return { rows, secrets };
  });
}
