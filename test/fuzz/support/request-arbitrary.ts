import fc from 'fast-check';
import type { RawRequest } from './http';
import { type Operation, resourceOf } from './operations';
import { bodyFor, type Components, fromSchema, type JsonSchema } from './schema-arbitrary';

/** Ids and keys of resources that exist, by resource (`channels`), filled as the fuzz run creates more. */
export type Pools = Map<string, string[]>;

/** Path segments and query values sent raw: broken or hostile percent-encoding as a client may write it. */
export const RAW_ENCODINGS = [
  '%ED%A0%80', // a UTF-16 surrogate encoded as UTF-8: not valid UTF-8
  '%00',
  'a%00b',
  '%C0%AF', // overlong encoding of '/'
  '%FF',
  '%E2%82', // truncated sequence
  '%',
  '%zz',
  '%2F',
  '%2e%2e',
  '%25',
];

/** Loopback URLs on closed ports, URLs the SSRF guard refuses, and non-URLs: no request leaves the machine. */
const URLS = [
  'http://127.0.0.1:9/hook',
  'https://127.0.0.1:1/x?y=1',
  'http://[::1]:9/',
  'http://169.254.169.254/latest/meta-data',
  'ftp://127.0.0.1/file',
  'not a url',
  'http://',
];

function fromPool(pools: Pools, resource: string): fc.Arbitrary<string> {
  // Read at generation time: ids created earlier in the run are used by later requests.
  return fc.nat().map((i) => {
    const pool = pools.get(resource) ?? [];
    return pool.length ? pool[i % pool.length]! : '00000000-0000-4000-8000-000000000000';
  });
}

const encode = (value: string) => encodeURIComponent(value);

function segment(pools: Pools, resource: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fromPool(pools, resource).map(encode) },
    { weight: 2, arbitrary: fc.uuid().map(encode) },
    {
      weight: 2,
      arbitrary: fc
        .string({ unit: 'binary', minLength: 1, maxLength: 40 })
        .filter((s) => s !== '.' && s !== '..')
        .map(encode),
    },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_ENCODINGS) },
    { weight: 1, arbitrary: fc.nat({ max: 6000 }).map((n) => `k${'x'.repeat(n)}`) },
  );
}

/** The URL and SSRF-safe stand-ins for `format: uri` fields (fast-check's webUrl makes up public hosts). */
function safeSchema(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema || typeof schema !== 'object') return schema;
  if (schema.format === 'uri' || schema.format === 'url') return { enum: URLS };
  const copy: Record<string, unknown> = { ...schema };
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object') {
      copy.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [
          k,
          /url|endpoint|host/i.test(k) && (v.type === 'string' || !v.type) && !v.enum
            ? { enum: [...URLS, '127.0.0.1', 'localhost'] }
            : safeSchema(v),
        ]),
      );
    } else if (Array.isArray(value)) copy[key] = value.map((v) => safeSchema(v as JsonSchema));
    else if (value && typeof value === 'object' && key !== 'enum' && key !== 'const' && key !== 'default')
      copy[key] = safeSchema(value as JsonSchema);
  }
  return copy as JsonSchema;
}

export function safeComponents(components: Components): Components {
  return Object.fromEntries(Object.entries(components).map(([k, v]) => [k, safeSchema(v)!]));
}

/** Query values that stay quick: `?wait=` would hold a request open for up to 30 s without a worker. */
const QUERY_OVERRIDES: Record<string, fc.Arbitrary<string>> = {
  wait: fc.constantFrom('0', '1', '-1', '31', 'abc', '1e3', ''),
};

function queryValue(name: string, schema: JsonSchema, components: Components): fc.Arbitrary<string> {
  const typed =
    QUERY_OVERRIDES[name] ??
    fromSchema(safeSchema(schema), components).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return fc.oneof(
    { weight: 4, arbitrary: typed.map(encode) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_ENCODINGS) },
  );
}

function queryString(op: Operation, components: Components): fc.Arbitrary<string> {
  const pairs = op.query.map((q) =>
    fc.option(
      queryValue(q.name, q.schema, components).map((v) => `${encode(q.name)}=${v}`),
      { nil: undefined, freq: q.required ? 10 : 2 },
    ),
  );
  const extra = fc.option(
    fc
      .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }), fc.constantFrom('x', '%00', '%FF'))
      .map(([k, v]) => `${encode(k)}=${v}`),
    { nil: undefined, freq: 4 },
  );
  return fc.tuple(fc.tuple(...pairs), extra).map(([given, more]) => {
    const parts = [...given, more].filter((p): p is string => p !== undefined);
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

/** The same JSON, sent under a content type or in an encoding the route does not take. */
const WRONG_ENCODINGS: [string, (json: string) => Buffer][] = [
  ['text/plain', (j) => Buffer.from(j)],
  ['application/x-www-form-urlencoded', (j) => Buffer.from(`body=${encodeURIComponent(j)}`)],
  ['multipart/form-data; boundary=zz', (j) => Buffer.from(`--zz\r\n\r\n${j}\r\n--zz--`)],
  ['application/json; charset=utf-16', (j) => Buffer.from(`\ufeff${j}`, 'utf16le')],
  [
    'application/json; charset=latin1',
    (j) => Buffer.from(`${j.slice(0, -1)}, "\u00e9": "\u00e9"}`, 'latin1'),
  ],
  ['application/json', (j) => Buffer.concat([Buffer.from(j.slice(0, -1)), Buffer.from([0xff, 0xfe, 0x7d])])],
  ['application/json', (j) => Buffer.from(j.slice(0, Math.floor(j.length / 2)))],
  ['application/xml', () => Buffer.from('<?xml version="1.0"?><a/>')],
  ['', (j) => Buffer.from(j)],
];

type Body = Pick<RawRequest, 'headers' | 'body'>;

function jsonBody(schema: JsonSchema, components: Components): fc.Arbitrary<Body> {
  const value = bodyFor(safeSchema(schema), components).map((v) => JSON.stringify(v) ?? 'null');
  const asJson: fc.Arbitrary<Body> = value.map((body) => ({
    headers: { 'content-type': 'application/json' },
    body,
  }));
  const misencoded: fc.Arbitrary<Body> = fc.tuple(fc.constantFrom(...WRONG_ENCODINGS), value).map(
    ([[type, encodeAs], json]): Body => ({
      headers: type ? { 'content-type': type } : {},
      body: encodeAs(json),
    }),
  );
  const bytes: fc.Arbitrary<Body> = fc.uint8Array({ maxLength: 200 }).map((b) => ({
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(b),
  }));
  return fc.oneof(
    { weight: 8, arbitrary: asJson },
    { weight: 2, arbitrary: misencoded },
    { weight: 1, arbitrary: bytes },
  );
}

/** multipart/form-data uploads: random bytes, other field names, broken framing, no file part at all. */
function multipartBody(): fc.Arbitrary<Body> {
  const part = (name: string, filename: string, type: string, bytes: Uint8Array) =>
    Buffer.concat([
      Buffer.from(
        `--fz\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      Buffer.from(bytes),
      Buffer.from('\r\n'),
    ]);
  return fc
    .tuple(
      fc.constantFrom('file', 'other', 'file'),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom('application/pdf', 'text/plain', 'application/octet-stream', '', 'image/png'),
      fc.uint8Array({ maxLength: 3000 }),
      fc.constantFrom('--fz--\r\n', '', '--fz', '--other--\r\n'),
      fc.constantFrom(
        'multipart/form-data; boundary=fz',
        'multipart/form-data',
        'multipart/form-data; boundary=',
      ),
    )
    .map(([name, filename, type, bytes, end, contentType]) => ({
      headers: { 'content-type': contentType },
      body: Buffer.concat([part(name, filename.replace(/["\r\n]/g, ''), type, bytes), Buffer.from(end)]),
    }));
}

/** A request to `op` as a client that read the document might send it, valid or broken in one place. */
export function requestFor(
  op: Operation,
  components: Components,
  pools: Pools,
  apiKey: string,
): fc.Arbitrary<RawRequest> {
  const segments = op.pathParams.map((p) => segment(pools, resourceOf(op.template, p)));
  const body: fc.Arbitrary<Body> = !op.body
    ? fc.constant({})
    : op.body.contentType.startsWith('multipart/')
      ? multipartBody()
      : jsonBody(op.body.schema, components);
  return fc
    .tuple(fc.tuple(...segments), queryString(op, components), body, fc.boolean())
    .map(([values, query, { headers, body: payload }, chunked]) => {
      let i = 0;
      const path = op.template.replace(/\{\w+\}/g, () => values[i++]!);
      return {
        method: op.method,
        path: `${path}${query}`,
        headers: { authorization: `Bearer ${apiKey}`, ...headers },
        ...(payload !== undefined ? { body: payload, chunked } : {}),
      };
    });
}
