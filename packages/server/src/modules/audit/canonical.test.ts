import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH } from './canonical';
import { storedForm } from './scrub';

describe('canonical JSON', () => {
  it('does not depend on key order at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });
});

describe('entry hash', () => {
  it('is the SHA-256 of the previous hash and the whole entry as canonical JSON, so chains written before stay valid', () => {
    const after = { name: '张三 "引号"', departments: [{ id: 2, isLeader: false }], mobile: '13800000000' };
    const entry = { chain: 'corp-1', seq: 7, at: new Date('2026-11-26T08:00:00.000Z'), actorId: 'a1', actorName: '管理员', action: 'directory.member_update', targetType: 'member', targetId: 'zhangsan', before: null, after, ip: '10.0.0.1', userAgent: null, requestId: 'req-1' };
    const expected = createHash('sha256').update(GENESIS_HASH).update('\n').update(canonicalJson(entry)).digest('hex');
    expect(entryHash(GENESIS_HASH, { ...entry, after: canonicalJson(after) })).toBe(expected);
  });
});

describe('stored form', () => {
  it('hides secret-looking fields at any depth and keeps the rest', () => {
    expect(storedForm({ name: '甲', password: 'x', nested: [{ totpSecret: 'y', code: '123456', creditCode: '9144030071526726XG' }] })).toEqual({
      name: '甲',
      password: '[scrubbed]',
      nested: [{ totpSecret: '[scrubbed]', code: '[scrubbed]', creditCode: '9144030071526726XG' }],
    });
  });

  it('is what a JSON round trip gives back, with keys sorted', () => {
    const value = { z: undefined, b: [1, undefined, Number.NaN, new Date('2026-01-02T03:04:05.000Z')], a: { y: null, x: () => 1, w: 'w' } };
    expect(JSON.stringify(storedForm(value))).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
  });
});
