import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnstorable, storableJson } from './unstorable';

// Strings drawn from all of UTF-16, so NULs and lone surrogates turn up often.
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('a', '\u0000', '\ud800', '\udc00', '\\', 'u', '0') }),
    fc.integer(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 4 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('storableJson', () => {
  it('writes a NUL as the text of its escape and a lone surrogate as U+FFFD, keys included', () => {
    const text = storableJson({ body: 'bad\u0000answer', 'k\u0000': ['\ud800x'], n: 1 });
    expect(JSON.parse(text)).toEqual({ body: 'bad\\u0000answer', 'k\\u0000': ['\ufffdx'], n: 1 });
  });

  it('leaves storable JSON as JSON.stringify writes it, including text that only looks escaped', () => {
    const value = { a: 'C:\\u0000dir', b: '😀', c: [1, null, true], d: new Date(0) };
    expect(storableJson(value)).toBe(JSON.stringify(value));
  });

  it('whatever the strings hold, the result parses to a value PostgreSQL can store', () => {
    fc.assert(
      fc.property(anyJson, (value) => {
        const parsed = JSON.parse(storableJson(value));
        expect(findUnstorable(parsed)).toBeUndefined();
        if (findUnstorable(value) === undefined) expect(parsed).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
