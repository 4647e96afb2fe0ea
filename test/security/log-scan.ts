import { readFileSync } from 'node:fs';

/** A secret a test created or the app generated, and what kind it is (the kind is reported, never the value). */
export interface Secret {
  kind: string;
  value: string;
}

export interface Leak {
  file: string;
  kind: string;
  /** 1-based line of the first occurrence. */
  line: number;
  occurrences: number;
}

/** Shorter values are too likely to be ordinary text ("secret", an id fragment) to tell a leak. */
export const MIN_SECRET_LENGTH = 8;

/** Secrets recognisable by their shape, whether or not any test registered them. */
const PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: 'API key (sbk_…)', pattern: /\bsbk_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/ },
  { kind: 'private key (PEM)', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { kind: 'password hash (argon2)', pattern: /\$argon2(?:id|i|d)\$v=\d+\$/ },
];

/**
 * Every secret (by kind) and secret-shaped string found in a log text. A value is looked for as written and
 * as it appears inside a JSON string (a PEM key's newlines become `\n`).
 */
export function findLeaks(text: string, file: string, secrets: Secret[]): Leak[] {
  const needles = secrets
    .filter((secret) => secret.value.length >= MIN_SECRET_LENGTH)
    .flatMap((secret) => {
      const escaped = JSON.stringify(secret.value).slice(1, -1);
      return escaped === secret.value ? [secret] : [secret, { kind: secret.kind, value: escaped }];
    });
  const found = new Map<string, Leak>();
  const note = (kind: string, line: number) => {
    const leak = found.get(kind);
    if (leak) leak.occurrences += 1;
    else found.set(kind, { file, kind, line, occurrences: 1 });
  };
  text.split('\n').forEach((content, index) => {
    const seen = new Set<string>();
    for (const needle of needles) {
      if (!seen.has(needle.kind) && content.includes(needle.value)) {
        seen.add(needle.kind);
        note(needle.kind, index + 1);
      }
    }
    for (const { kind, pattern } of PATTERNS) if (pattern.test(content)) note(kind, index + 1);
  });
  return [...found.values()];
}

export function scanLogFile(file: string, secrets: Secret[]): Leak[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return findLeaks(text, file, secrets);
}

/** A failure message that names files, kinds and lines, never a secret. */
export function describeLeaks(leaks: Leak[]): string {
  return leaks
    .map((leak) => `${leak.file}:${leak.line}: ${leak.kind} (${leak.occurrences} line(s))`)
    .join('\n');
}
