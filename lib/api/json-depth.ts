/** How deep JSON from outside may nest (request bodies, broker messages, inbound webhooks). */
export const MAX_JSON_DEPTH = 100;

/**
 * Whether a JSON text nests deeper than `max`, found by counting brackets outside strings, without parsing: a
 * document of 100,000 `[` fits in 1 MiB, and walking it recursively afterwards (zod, the NUL check,
 * JSON.stringify, the jsonb parser) would exhaust the stack.
 */
export function jsonNestingExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
