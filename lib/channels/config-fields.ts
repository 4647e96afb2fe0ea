import { z } from 'zod';
import type { ConfigField } from './schemas';

/**
 * Reads a provider's zod config schema (through `z.toJSONSchema`, input side, so defaults make fields optional)
 * into the flat field list the console form renders, and the list of secret paths. The schema stays the only
 * description of a provider's settings; `.meta({ label, description, secret, kind })` on a field adds the rest
 * (`kind: 'text'` for multi-line text such as PEM keys, `kind: 'template'` for Liquid templates).
 * A discriminated union of objects (webhook `auth`) becomes its discriminator as an enum field plus each
 * variant's fields, shown `when` the discriminator has that value.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  label?: string;
  secret?: boolean;
  kind?: string;
};

const KINDS = new Set<ConfigField['kind']>([
  'string',
  'number',
  'boolean',
  'enum',
  'json',
  'template',
  'text',
]);

export function describeConfig(schema: z.ZodType): ConfigField[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return fieldsOf(json, '', undefined);
}

/** Dotted paths of every field marked `.meta({ secret: true })`. */
export function secretPaths(schema: z.ZodType): string[] {
  return describeConfig(schema)
    .filter((field) => field.secret)
    .map((field) => field.name)
    .filter((name, index, all) => all.indexOf(name) === index);
}

function fieldsOf(node: JsonSchema, prefix: string, when: ConfigField['when']): ConfigField[] {
  const required = new Set(node.required ?? []);
  const fields: ConfigField[] = [];
  for (const [key, property] of Object.entries(node.properties ?? {})) {
    const name = prefix ? `${prefix}.${key}` : key;
    const isRequired = required.has(key) && property.default === undefined;
    const union = discriminatedVariants(property);
    if (union) fields.push(...unionFields(name, property, union, isRequired, when));
    else if (property.properties && !property.kind) {
      // A plain nested object: its fields, required only where the object itself is.
      for (const field of fieldsOf(property, name, when))
        fields.push({ ...field, required: field.required && isRequired });
    } else fields.push(leaf(name, key, unwrapNullable(property), isRequired, when));
  }
  return fields;
}

function leaf(
  name: string,
  key: string,
  node: JsonSchema,
  required: boolean,
  when: ConfigField['when'],
): ConfigField {
  const options = node.enum?.map(String) ?? (node.const !== undefined ? [String(node.const)] : undefined);
  return {
    name,
    label: node.label ?? humanize(key),
    kind: kindOf(node, options),
    required,
    secret: node.secret === true,
    ...(options ? { options } : {}),
    ...(node.default !== undefined ? { default: node.default } : {}),
    ...(node.description ? { description: node.description } : {}),
    ...(when ? { when } : {}),
  };
}

function kindOf(node: JsonSchema, options: string[] | undefined): ConfigField['kind'] {
  if (node.kind && KINDS.has(node.kind as ConfigField['kind'])) return node.kind as ConfigField['kind'];
  if (options) return 'enum';
  if (node.type === 'string') return 'string';
  if (node.type === 'integer' || node.type === 'number') return 'number';
  if (node.type === 'boolean') return 'boolean';
  return 'json';
}

interface Variants {
  discriminator: string;
  variants: { value: string; schema: JsonSchema }[];
}

/** `oneOf`/`anyOf` of objects that all carry a constant in one shared property. */
function discriminatedVariants(node: JsonSchema): Variants | undefined {
  const members = node.oneOf ?? node.anyOf;
  if (!members?.length || !members.every((member) => member.properties)) return undefined;
  const [first] = members;
  const discriminator = Object.keys(first?.properties ?? {}).find((key) =>
    members.every((member) => member.properties?.[key]?.const !== undefined),
  );
  if (!discriminator) return undefined;
  return {
    discriminator,
    variants: members.map((schema) => ({ value: String(schema.properties?.[discriminator]?.const), schema })),
  };
}

function unionFields(
  name: string,
  node: JsonSchema,
  { discriminator, variants }: Variants,
  required: boolean,
  when: ConfigField['when'],
): ConfigField[] {
  const selector = `${name}.${discriminator}`;
  const defaultValue = (node.default as Record<string, unknown> | undefined)?.[discriminator];
  const fields: ConfigField[] = [
    {
      name: selector,
      label: node.label ?? humanize(name.split('.').at(-1) ?? name),
      kind: 'enum',
      required,
      secret: false,
      options: variants.map((variant) => variant.value),
      ...(defaultValue !== undefined ? { default: defaultValue } : {}),
      ...(node.description ? { description: node.description } : {}),
      ...(when ? { when } : {}),
    },
  ];
  for (const { value, schema } of variants) {
    const { [discriminator]: _, ...rest } = schema.properties ?? {};
    for (const field of fieldsOf({ ...schema, properties: rest }, name, {
      field: selector,
      equals: [value],
    })) {
      const seen = fields.find((existing) => existing.name === field.name);
      // Each field owns its `when`: fields of one variant share the object passed to fieldsOf above.
      if (seen?.when) seen.when = { ...seen.when, equals: [...seen.when.equals, value] };
      else
        fields.push(
          field.when ? { ...field, when: { ...field.when, equals: [...field.when.equals] } } : field,
        );
    }
  }
  return fields;
}

function unwrapNullable(node: JsonSchema): JsonSchema {
  const members = node.anyOf ?? node.oneOf;
  if (members?.length !== 2) return node;
  const other = members.find((member) => member.type !== 'null');
  return other && members.some((member) => member.type === 'null') ? { ...other, ...pick(node) } : node;
}

function pick({ default: value, description, label, secret, kind }: JsonSchema): JsonSchema {
  return Object.fromEntries(
    Object.entries({ default: value, description, label, secret, kind }).filter(([, v]) => v !== undefined),
  );
}

function humanize(key: string): string {
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
