import fc from 'fast-check';

/** One message for a broker, and what must become of it: an accepted event (with its marker) or an invalid one. */
export interface Payload {
  kind: string;
  bytes: Buffer | null;
  expect: 'accepted' | 'invalid';
  /** For valid events: `data.marker`, to find the stored payload. */
  marker?: string;
}

let counter = 0;
const nextMarker = () => `m${process.pid}-${Date.now().toString(36)}-${++counter}`;

const MB = 1024 * 1024;

const eventJson = (marker: string, extra: unknown) =>
  JSON.stringify({ event_type: 'fuzz.valid', data: { marker, extra } });

/** Valid events in the seed's format, UTF-8, with any JSON (and any Unicode) inside `data`. */
const valid: fc.Arbitrary<Payload> = fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }).map((extra) => {
  const marker = nextMarker();
  return { kind: 'valid', bytes: Buffer.from(eventJson(marker, extra)), expect: 'accepted' as const, marker };
});

/** The same event in an encoding that is not UTF-8, or with bytes that are not UTF-8 at all. */
const wrongEncoding: fc.Arbitrary<Payload> = fc
  .tuple(
    fc.constantFrom('utf16le', 'utf16le+bom', 'latin1', 'utf8+invalid-byte', 'utf8+bom', 'cesu8-surrogate'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
  )
  .map(([encoding, text]) => {
    const json = JSON.stringify({ event_type: 'fuzz.encoding', data: { text: `caf\u00e9 ${text}` } });
    const bytes = (() => {
      switch (encoding) {
        case 'utf16le':
          return Buffer.from(json, 'utf16le');
        case 'utf16le+bom':
          return Buffer.from(`\ufeff${json}`, 'utf16le');
        case 'latin1':
          return Buffer.from(json, 'latin1');
        case 'utf8+invalid-byte':
          return Buffer.concat([
            Buffer.from(json.slice(0, -2)),
            Buffer.from([0xff, 0xfe]),
            Buffer.from('"}}'),
          ]);
        case 'utf8+bom':
          return Buffer.from(`\ufeff${json}`);
        default:
          // A UTF-16 surrogate encoded on its own as three bytes (CESU-8): not valid UTF-8.
          return Buffer.concat([
            Buffer.from(json.slice(0, -3)),
            Buffer.from([0xed, 0xa0, 0x80]),
            Buffer.from('"}}'),
          ]);
      }
    })();
    return { kind: `encoding:${encoding}`, bytes, expect: 'invalid' as const };
  });

/** Anything at all, and JSON that is not an event. */
const garbage: fc.Arbitrary<Payload> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 3000 }).map((b) => ({
    kind: 'random-bytes',
    bytes: Buffer.concat([Buffer.from([0xff]), Buffer.from(b)]),
    expect: 'invalid' as const,
  })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({
    kind: 'json-not-an-event',
    bytes: Buffer.from(JSON.stringify({ not_an_event: v })),
    expect: 'invalid' as const,
  })),
  fc
    .constantFrom<[string, Buffer | null]>(
      ['empty', Buffer.alloc(0)],
      ['truncated', Buffer.from('{"event_type":"x","data":{')],
      ['nul-in-string', Buffer.from('{"event_type":"fuzz.nul","data":{"name":"a\\u0000b"}}')],
      ['lone-surrogate', Buffer.from('{"event_type":"fuzz.surrogate","data":{"name":"\\ud800"}}')],
      ['nul-in-type', Buffer.from('{"event_type":"a\\u0000","data":{}}')],
      ['nul-in-key', Buffer.from('{"event_type":"fuzz.key","data":{"\\u0000":"a"}}')],
      ['number', Buffer.from('42')],
    )
    .map(([kind, bytes]) => ({ kind, bytes, expect: 'invalid' as const })),
);

/** Deeply nested JSON: refused like the API refuses it, never a stalled consumer. */
const deep: fc.Arbitrary<Payload> = fc.constantFrom(1_000, 50_000, 200_000).map((depth) => ({
  kind: `nested-${depth}`,
  bytes: Buffer.from(`{"event_type":"fuzz.deep","data":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`),
  expect: 'invalid' as const,
}));

/** Bodies of 1.1 to 5 MB: over the 1 MiB an event may have, so stored as invalid (raw cut to 256 KiB). */
const huge: fc.Arbitrary<Payload> = fc.integer({ min: Math.round(1.1 * MB), max: 5 * MB }).map((size) => ({
  kind: `huge-${size}`,
  bytes: Buffer.from(eventJson(nextMarker(), 'x'.repeat(size))),
  expect: 'invalid' as const,
}));

/** Counterexamples name each payload by kind and size rather than printing megabytes of bytes. */
function named(payload: Payload): Payload {
  return Object.assign(payload, {
    [fc.toStringMethod]: () => `${payload.kind}(${payload.bytes?.length ?? 0} bytes)`,
  });
}

/** A batch as the fuzz run publishes it: valid events interleaved with every kind of bad input. */
export function batchOf(size: number): fc.Arbitrary<Payload[]> {
  return fc
    .array(
      fc.oneof(
        { weight: 10, arbitrary: valid },
        { weight: 4, arbitrary: wrongEncoding },
        { weight: 4, arbitrary: garbage },
        { weight: 1, arbitrary: deep },
        { weight: 1, arbitrary: huge },
      ),
      { minLength: size, maxLength: size },
    )
    .map((payloads) => payloads.map(named));
}

/** One valid event, sent last: if it is stored, the consumer went on after everything before it. */
export function sentinel(): Payload {
  const marker = nextMarker();
  return { kind: 'sentinel', bytes: Buffer.from(eventJson(marker, null)), expect: 'accepted', marker };
}
