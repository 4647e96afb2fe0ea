import { appendFileSync, readFileSync } from 'node:fs';
import type { Secret } from './log-scan';

/**
 * Tests register every secret they create (passwords, API keys, credentials they send) so the log scan at the
 * end of their file (test/security/capture-logs.ts) looks for it. The list is a file under .test-data, one
 * JSON line per secret, removed at the end of the run (test/support/global-setup.ts).
 */
export function registerSecret(kind: string, value: string | null | undefined): void {
  const file = process.env.SB_TEST_SECRETS_FILE;
  if (!file || !value) return;
  appendFileSync(file, `${JSON.stringify({ kind, value })}\n`, { mode: 0o600 });
}

/** Every secret registered into `file`, each value once. */
export function registeredSecrets(file: string): Secret[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const byValue = new Map<string, Secret>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const secret = JSON.parse(line) as Secret;
    byValue.set(secret.value, secret);
  }
  return [...byValue.values()];
}
