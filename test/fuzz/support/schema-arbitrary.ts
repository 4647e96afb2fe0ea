import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document holds it (OpenAPI 3.1: JSON Schema 2020-12). */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
};

export type Components = Record<string, JsonSchema>;

const MAX_DEPTH = 4;
const text = fc.string({ maxLength: 24, unit: 'binary' });

/**
 * Values a schema describes, as a client that read the document would send them: mostly valid, at the edges
 * of each constraint, with optional fields sometimes left out. Deeper than MAX_DEPTH it gives small values of
 * any kind. Invalid values come from `mutated()` on top of these.
 */
export function fromSchema(
  schema: JsonSchema | undefined,
  components: Components,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > MAX_DEPTH) return fc.jsonValue({ maxDepth: 1 });
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return fromSchema(components[name], components, depth + 1);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => fromSchema(s, components, depth + 1)));
  if (schema.allOf?.length) return fromSchema(mergeAll(schema.allOf, components), components, depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => fromSchema({ ...schema, type }, components, depth)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: lowest(schema) ?? -1_000_000, max: highest(schema) ?? 1_000_000 });
    case 'number':
      return fc.double({
        min: lowest(schema) ?? -1e9,
        max: highest(schema) ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'string':
      return stringFor(schema);
    case 'array':
      return fc.array(fromSchema(schema.items, components, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, Math.max(schema.minItems ?? 0, 3)),
      });
    case 'object':
      return objectFor(schema, components, depth);
    default:
      return schema.properties ? objectFor(schema, components, depth) : fc.jsonValue({ maxDepth: 2 });
  }
}

function lowest(schema: JsonSchema): number | undefined {
  return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
}

function highest(schema: JsonSchema): number | undefined {
  return schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : undefined);
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= 200);
    } catch {
      // a pattern JavaScript cannot compile (the document is checked elsewhere): any string
    }
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 24, 64));
  return fc.string({ minLength, maxLength, unit: 'binary' });
}

function objectFor(schema: JsonSchema, components: Components, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, s]) => [key, fromSchema(s, components, depth + 1)]),
  );
  const record = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
  const extra = schema.additionalProperties;
  if (!extra || Object.keys(properties).length > 0) return record;
  const values = extra === true ? fc.jsonValue({ maxDepth: 2 }) : fromSchema(extra, components, depth + 1);
  return fc.dictionary(text, values, { maxKeys: 4 });
}

function mergeAll(schemas: JsonSchema[], components: Components): JsonSchema {
  const resolved = schemas.map((s) =>
    s.$ref ? (components[s.$ref.replace('#/components/schemas/', '')] ?? {}) : s,
  );
  return {
    type: 'object',
    properties: Object.assign({}, ...resolved.map((s) => s.properties ?? {})),
    required: resolved.flatMap((s) => s.required ?? []),
  };
}

/** Strings a careless or hostile client sends: NUL, lone surrogates, huge, control characters, markup. */
export const nastyString = fc.oneof(
  fc.constantFrom(
    'a\u0000',
    '\u0000',
    '\ud800',
    'x\udfffy',
    '\uffff',
    '',
    ' ',
    '\u202e',
    '../../etc/passwd',
    "'; DROP TABLE users; --",
    '{{ 7 * 7 }}',
    '<script>alert(1)</script>',
    '%00',
    '9'.repeat(400),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.nat({ max: 300_000 }).map((n) => 'x'.repeat(n)),
);

type Mutation = 'nul' | 'surrogate' | 'type' | 'drop' | 'extra' | 'nasty' | 'null';

/**
 * A value with one defect put in at one place: a string leaf made unstorable, a leaf of the wrong type, a key
 * dropped or added, the whole value replaced. `at` picks the place among the value's nodes.
 */
export function mutate(value: unknown, mutation: Mutation, at: number, replacement: unknown): unknown {
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    for (const [key, child] of Object.entries(v)) {
      nodes.push({ parent: v as Record<string, unknown>, key: Array.isArray(v) ? Number(key) : key });
      walk(child);
    }
  };
  const copy = structuredClone(value);
  walk(copy);
  if (nodes.length === 0) {
    if (mutation === 'nul') return typeof copy === 'string' ? `${copy}\u0000` : '\u0000';
    return replacement;
  }
  const { parent, key } = nodes[at % nodes.length]!;
  const target = parent as Record<string | number, unknown>;
  const current = target[key];
  switch (mutation) {
    case 'nul':
      target[key] = typeof current === 'string' ? `${current}\u0000` : 'a\u0000';
      break;
    case 'surrogate':
      target[key] = typeof current === 'string' ? `${current}\ud83d` : '\udc00';
      break;
    case 'type':
      // JSON.stringify, not String(): objects without a prototype have no toString.
      target[key] = typeof current === 'string' ? 12345 : (JSON.stringify(current) ?? 'undefined');
      break;
    case 'drop':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete target[key];
      break;
    case 'extra':
      if (!Array.isArray(parent)) target.unexpected_field = replacement;
      else parent.push(replacement);
      break;
    case 'nasty':
    case 'null':
      target[key] = mutation === 'null' ? null : replacement;
      break;
  }
  return copy;
}

/** A value from the schema, then (half the time) one defect put in. */
export function bodyFor(schema: JsonSchema | undefined, components: Components): fc.Arbitrary<unknown> {
  const valid = fromSchema(schema, components);
  const broken = fc
    .tuple(
      valid,
      fc.constantFrom<Mutation>('nul', 'surrogate', 'type', 'drop', 'extra', 'nasty', 'null'),
      fc.nat(),
      nastyString,
    )
    .map(([value, mutation, at, replacement]) => mutate(value, mutation, at, replacement));
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 4, arbitrary: broken },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}
