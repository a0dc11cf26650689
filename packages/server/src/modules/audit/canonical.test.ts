import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { scrubSecrets } from './scrub';

describe('canonical JSON', () => {
  it('does not depend on key order at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });
});

describe('secret scrubbing', () => {
  it('hides secret-looking fields at any depth and keeps the rest', () => {
    expect(scrubSecrets({ name: '甲', password: 'x', nested: [{ totpSecret: 'y', code: '123456', creditCode: '9144030071526726XG' }] })).toEqual({
      name: '甲',
      password: '[scrubbed]',
      nested: [{ totpSecret: '[scrubbed]', code: '[scrubbed]', creditCode: '9144030071526726XG' }],
    });
  });
});
