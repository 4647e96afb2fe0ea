/**
 * PostgreSQL cannot store some strings that are valid JSON: U+0000 (NUL) in `text` or `jsonb`, and UTF-16 halves
 * without their other half. Finding them before the insert names the field; the writer still isolates any row
 * the database refuses for a reason not listed here.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSTORABLE = new RegExp(`\\u0000|${LONE_SURROGATE.source}`);

function problemOf(text: string): string | undefined {
  const match = UNSTORABLE.exec(text);
  if (!match) return undefined;
  return match[0] === '\u0000'
    ? 'contains U+0000 (NUL), which PostgreSQL cannot store'
    : 'contains an unpaired UTF-16 surrogate, which is not valid Unicode';
}

/** The first string (or key) in a JSON value PostgreSQL would refuse, with its dotted path under `root`. */
export function findUnstorable(value: unknown, root = ''): { path: string; message: string } | undefined {
  if (typeof value === 'string') {
    const message = problemOf(value);
    return message ? { path: root, message } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const path = root ? `${root}.${key}` : key;
    const keyProblem = problemOf(key);
    if (keyProblem) return { path, message: `key ${keyProblem}` };
    const found = findUnstorable(child, path);
    if (found) return found;
  }
  return undefined;
}

/** Text safe for a `text` column: NUL written as its JSON escape, lone surrogates as U+FFFD. */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\\u0000').replace(LONE_SURROGATE, '\ufffd');
}
