import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringifyWith } from '../../../server/lib/raw-json.ts';

describe('stringifyWith: pre-serialised fields spliced into an object', () => {
  it('writes what JSON.stringify writes for the object with the fields parsed in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()), (value, extra) => {
        const fields = Object.fromEntries(Object.entries(extra).filter(([k]) => !(k in value) && k !== '__proto__').map(([k, v]) => [k, JSON.stringify(v)]));
        const text = stringifyWith(value, fields);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify({ ...value, ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, JSON.parse(v)])) })));
      }),
    );
    expect(stringifyWith({}, { a: '[1]' })).toBe('{"a":[1]}');
    expect(stringifyWith({ b: 2 }, {})).toBe('{"b":2}');
  });

  it('refuses a field the object already has', () => {
    expect(() => stringifyWith({ a: 1 }, { a: '2' })).toThrow(/already a field/);
  });
});
