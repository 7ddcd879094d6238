import { canonicalHash, canonicalJson } from './canonical-hash.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: 'é' }, z: undefined })).toBe(
      '{"a":{"c":"é","d":[2,{"x":2,"y":1}]},"b":1}',
    );
  });

  it('writes bigints as decimal strings, beyond 2^53 intact', () => {
    expect(canonicalJson({ amount_minor: 9_007_199_254_740_993n })).toBe('{"amount_minor":"9007199254740993"}');
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
  });
});

describe('canonicalHash', () => {
  it('is the same for the same meaning whatever the key order', () => {
    expect(canonicalHash({ a: 1, b: [1, 2] })).toBe(canonicalHash({ b: [1, 2], a: 1 }));
  });

  it('changes with any value, including array order', () => {
    expect(canonicalHash({ a: [1, 2] })).not.toBe(canonicalHash({ a: [2, 1] }));
    expect(canonicalHash({ a: '1' })).not.toBe(canonicalHash({ a: 1 }));
  });

  it('is lowercase hex SHA-256 of the canonical bytes', () => {
    // sha256('{}') published in every SHA-256 test list
    expect(canonicalHash({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
});
