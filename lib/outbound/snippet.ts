/** How much of a provider's answer the attempts timeline keeps. */
const SNIPPET_CHARS = 500;

/**
 * The start of a provider's answer, as the timeline and error messages keep it: at most 500 UTF-16 units, and
 * never ending in half of a surrogate pair (an emoji cut in two is text PostgreSQL refuses to store).
 */
export function snippet(text: string, chars = SNIPPET_CHARS): string {
  if (text.length <= chars) return text;
  const end = /[\ud800-\udbff]/.test(text[chars - 1]!) ? chars - 1 : chars;
  return text.slice(0, end);
}
