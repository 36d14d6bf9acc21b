/** Client-made ids and join codes: the game's own patterns stay those of the wire format. */
import { describe, expect, it } from 'vitest';
import { JOIN_CODE, normaliseCode } from '../../../src/ui/workshop/api';
import { isUuid, uuidV4 } from '../../../src/ui/workshop/uuid';
import { Uuid } from '../../../src/workshop/protocol';

describe('run and event ids', () => {
  it('are UUID v4 made from random bytes, with the version and variant bits set', () => {
    expect(uuidV4(() => new Uint8Array(16).fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuidV4(() => new Uint8Array(16))).toBe('00000000-0000-4000-8000-000000000000');
    expect(uuidV4(() => Uint8Array.from({ length: 16 }, (_, i) => i * 17))).toBe('00112233-4455-4677-8899-aabbccddeeff');
  });

  it("match the protocol's Uuid pattern, with crypto.getRandomValues and without randomUUID", () => {
    const ids = new Set(Array.from({ length: 2000 }, () => uuidV4()));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(new RegExp(Uuid.pattern!).test(id), id).toBe(true);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});

describe('join codes', () => {
  it('are read as people type them', () => {
    expect(normaliseCode(' ab3 d-ef ')).toBe('AB3DEF');
    expect(JOIN_CODE.test('AB3DEF')).toBe(true);
    // 0, O, 1, I and L are never in a code: typed, they fail here rather than at the server.
    expect(JOIN_CODE.test('AB0DEF')).toBe(false);
    expect(JOIN_CODE.test('ABCDE')).toBe(false);
  });
});
