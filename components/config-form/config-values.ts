import type { ConfigField } from '@/lib/channels/schemas';

/**
 * A generated config form (channel providers, trigger types) keeps one value per field, keyed by the field's
 * dotted name (`auth.password`): text as typed, booleans as booleans. These helpers turn a stored config into
 * those values and back.
 */
export type ConfigValues = Record<string, string | boolean>;
export const MASK = '••••';
type Json = Record<string, unknown>;

export function getPath(object: Json, path: string): unknown {
  let current: unknown = object;
  for (const key of path.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function setPath(object: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let current = object;
  for (const key of keys) {
    if (!current[key] || typeof current[key] !== 'object') current[key] = {};
    current = current[key] as Json;
  }
  current[last] = value;
}

/** The stored config's values (secrets stay masked, and are sent back masked to keep them) or the defaults. */
export function initialConfigValues(fields: ConfigField[], config?: Json): ConfigValues {
  const values: ConfigValues = {};
  for (const field of fields) {
    const stored = config ? getPath(config, field.name) : undefined;
    const value = stored ?? field.default;
    if (field.kind === 'boolean') values[field.name] = value === true;
    else if (isMask(value)) values[field.name] = value;
    else if (value === undefined || value === null) values[field.name] = '';
    else values[field.name] = field.kind === 'json' ? JSON.stringify(value, null, 2) : String(value);
  }
  return values;
}

const isMask = (value: unknown): value is string => typeof value === 'string' && value.startsWith(MASK);

/** Rendered as a textarea across the form's width: JSON, templates and multi-line text (keys, certificates). */
export function isMultiline(field: ConfigField): boolean {
  return field.kind === 'json' || field.kind === 'template' || field.kind === 'text';
}

/** A field with `when` shows only while the other field has one of the listed values (auth variants). */
export function isVisible(field: ConfigField, values: ConfigValues): boolean {
  if (!field.when) return true;
  const equals: unknown[] = ([] as unknown[]).concat(field.when.equals);
  return equals.map(String).includes(String(values[field.when.field] ?? ''));
}

/**
 * The `config` object to send. Hidden and empty fields are left out (the provider's schema applies defaults and
 * says what is missing); text that is not a number or not JSON is reported per field instead of being sent.
 */
export function buildConfig(
  fields: ConfigField[],
  values: ConfigValues,
): { config: Json; errors: Record<string, string> } {
  const config: Json = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    if (!isVisible(field, values)) continue;
    const raw = values[field.name];
    if (field.kind === 'boolean') {
      setPath(config, field.name, raw === true);
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    if (!text.trim()) continue;
    if (field.kind === 'number') {
      const number = Number(text);
      if (Number.isFinite(number)) setPath(config, field.name, number);
      else errors[field.name] = 'must be a number';
    } else if (field.kind === 'json' && !isMask(text)) {
      try {
        setPath(config, field.name, JSON.parse(text));
      } catch {
        errors[field.name] = 'is not valid JSON';
      }
    } else setPath(config, field.name, field.kind === 'enum' && isNumericEnum(field) ? Number(text) : text);
  }
  return { config, errors };
}

/** Options arrive as strings; an enum of numbers (`z.literal([10, 5, 1])`) must be sent as a number. */
function isNumericEnum(field: ConfigField): boolean {
  if (field.default !== undefined) return typeof field.default === 'number';
  return Boolean(field.options?.length) && field.options!.every((option) => /^-?\d+(\.\d+)?$/.test(option));
}

/**
 * Problem messages by field name. A message for a whole object (`auth`: "expected object") goes to its first field
 * (`auth.type`), so it still shows next to a control.
 */
export function errorsByField(fields: ConfigField[], errors: Record<string, string>): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = fields.find((f) => f.name === path) ?? fields.find((f) => f.name.startsWith(`${path}.`));
    if (field) byField[field.name] ??= message;
  }
  return byField;
}
