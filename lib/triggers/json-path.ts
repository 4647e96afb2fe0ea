import { z } from 'zod';

/**
 * Dotted paths into JSON documents (`payload.event`, `data.items`, `0.id`), as webhook and poll triggers use
 * them to find an event type, the data, the list of items or an item's id. Only own properties are followed,
 * so a path like `__proto__.x` reads nothing instead of the prototype.
 */
export const dottedPathSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, 'must be a dotted path like "payload.event" (no empty segments)');

/** The same, where empty means the document itself. */
export const dottedPathOrRootSchema = z
  .string()
  .trim()
  .max(500)
  .regex(
    /^([^.\s]+(\.[^.\s]+)*)?$/,
    'must be a dotted path like "data.items", or empty for the whole document',
  );

export type PathLookup = { found: true; value: unknown } | { found: false };

/** The value at `path`; an empty path is the document itself. */
export function readPath(document: unknown, path: string): PathLookup {
  let current = document;
  for (const key of path === '' ? [] : path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key))
      return { found: false };
    current = (current as Record<string, unknown>)[key];
  }
  return { found: true, value: current };
}
