import type { ConfigField } from '@/lib/channels/schemas';

/**
 * A generated config form (channel providers, trigger types, alert kinds) keeps its values nested like the config
 * itself (`{auth: {password}}`, so problem paths such as `config.auth.password` name the field): text as typed,
 * booleans as booleans. These helpers turn a stored config into those values and back.
 */
export type ConfigValues = Record<string, unknown>;
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

const isMask = (value: unknown): value is string => typeof value === 'string' && value.startsWith(MASK);

/** The stored config's values (secrets stay masked, and are sent back masked to keep them) or the defaults. */
export function initialConfigValues(fields: ConfigField[], config?: Json): ConfigValues {
  const values: ConfigValues = {};
  for (const field of fields) {
    const stored = config ? getPath(config, field.name) : undefined;
    const value = stored ?? field.default;
    let text: string | boolean;
    if (field.kind === 'boolean') text = value === true;
    else if (isMask(value)) text = value;
    else if (value === undefined || value === null) text = '';
    else text = field.kind === 'json' ? JSON.stringify(value, null, 2) : String(value);
    setPath(values, field.name, text);
  }
  return values;
}

/** Rendered as a textarea across the form's width: JSON, templates and multi-line text (keys, certificates). */
export function isMultiline(field: ConfigField): boolean {
  return field.kind === 'json' || field.kind === 'template' || field.kind === 'text';
}

/** A field with `when` shows only while the other field has one of the listed values (auth variants). */
export function isVisible(field: ConfigField, values: ConfigValues): boolean {
  if (!field.when) return true;
  const equals: unknown[] = ([] as unknown[]).concat(field.when.equals);
  return equals.map(String).includes(String(getPath(values, field.when.field) ?? ''));
}

/**
 * The `config` object to send. Hidden and empty fields are left out (the schema applies defaults); a required
 * field left empty, and text that is not a number or not JSON, are reported per field instead of being sent.
 */
export function buildConfig(
  fields: ConfigField[],
  values: ConfigValues,
): { config: Json; errors: Record<string, string> } {
  const config: Json = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    if (!isVisible(field, values)) continue;
    const raw = getPath(values, field.name);
    if (field.kind === 'boolean') {
      setPath(config, field.name, raw === true);
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    if (!text.trim()) {
      if (field.required) errors[field.name] = 'is required';
      continue;
    }
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
 * The field a message about `path` (relative to the config) belongs to: the field itself, the field holding it
 * (`brokers.0` → the JSON field `brokers`), or for a whole object its first field (`auth` → `auth.type`), so the
 * message shows next to a control. Undefined when no field matches.
 */
export function configFieldFor(fields: ConfigField[], path: string): string | undefined {
  const field =
    fields.find((f) => f.name === path) ??
    fields.find((f) => path.startsWith(`${f.name}.`)) ??
    fields.find((f) => f.name.startsWith(`${path}.`));
  return field?.name;
}
