/**
 * PostgreSQL cannot store some strings that are valid JSON: U+0000 (NUL) in `text` or `jsonb`, and UTF-16 halves
 * without their other half. What a client sends is refused with the field named (`findUnstorable`); what a
 * provider answers is stored with them made visible instead (`storableText`, `storableJson`), since a delivery
 * that happened must be recorded whatever the provider said.
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

/** `value` with every string and key made storable (`storableText`); `value` is plain JSON. */
function storable(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [storableText(key), storable(child)]),
  );
}

/**
 * What `JSON.stringify` writes for a NUL or a lone surrogate (and, rarely, for text that only looks like one:
 * an escaped backslash followed by `u0000`, which just takes the slower path).
 */
const ESCAPED_UNSTORABLE = /\\u0000|\\ud[89a-f]/i;

/**
 * JSON text for a `json`/`jsonb` parameter that PostgreSQL can store: NULs written as their escape's text,
 * lone surrogates as U+FFFD. The common case costs one scan of the text; only a value that holds such a string
 * is rebuilt.
 */
export function storableJson(value: unknown): string {
  const text = JSON.stringify(value);
  return ESCAPED_UNSTORABLE.test(text) ? JSON.stringify(storable(JSON.parse(text))) : text;
}
