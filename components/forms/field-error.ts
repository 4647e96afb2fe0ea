import type { FieldErrors } from 'react-hook-form';

/**
 * Reading react-hook-form's nested `errors`. A field's error is `{type, message, ref}` at its path; an object's or
 * a list's own message sits at its path too, or (for a field array checked by the resolver) under `root`.
 */
type ErrorNode = { message?: unknown; root?: { message?: unknown } } & Record<string, unknown>;

const META = new Set(['type', 'message', 'ref', 'types', 'root']);

function at(errors: FieldErrors, name: string): ErrorNode | undefined {
  let node: unknown = errors;
  for (const key of name.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node && typeof node === 'object' ? (node as ErrorNode) : undefined;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** The message for `name` itself (not for what lies below it). */
export function ownError(errors: FieldErrors, name: string): string | undefined {
  const node = at(errors, name);
  return node ? (text(node.message) ?? text(node.root?.message)) : undefined;
}

/**
 * Every message at or below `name`, keyed by the path below it (`''` for its own): for parts a form shows as one
 * block (a step edited as JSON, a list of attachments).
 */
export function errorsUnder(errors: FieldErrors, name: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (node: ErrorNode, path: string) => {
    const own = text(node.message) ?? text(node.root?.message);
    if (own) found[path] ??= own;
    for (const [key, child] of Object.entries(node)) {
      if (META.has(key) || !child || typeof child !== 'object') continue;
      walk(child as ErrorNode, path ? `${path}.${key}` : key);
    }
  };
  const node = at(errors, name);
  if (node) walk(node, '');
  return found;
}
