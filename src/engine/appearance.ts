/**
 * A character's look, whole: what the file says, and for anything it leaves out a value derived from
 * the character's id, so the same id looks the same in every scenario and on every machine.
 */
import { APPEARANCE, type Appearance } from './schema';

export type Look = Required<Appearance>;

/** FNV-1a over the id and a salt, then a final mix so that ids differing in their last letter differ everywhere. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function pick<T>(id: string, salt: string, values: readonly T[]): T {
  return values[hash(`${salt}:${id}`) % values.length]!;
}

export function resolveLook(id: string, given: Appearance = {}): Look {
  const gender = given.gender ?? pick(id, 'gender', APPEARANCE.gender);
  const age = given.age ?? pick(id, 'age', APPEARANCE.age);
  const hair =
    given.hair ??
    (gender === 'woman'
      ? pick(id, 'hair', ['long', 'bob', 'bun'] as const)
      : age === 'senior'
        ? pick(id, 'hair', ['short', 'bald'] as const)
        : 'short');
  return {
    gender,
    age,
    skin: given.skin ?? pick(id, 'skin', APPEARANCE.skin),
    dress: given.dress ?? pick(id, 'dress', ['suit', 'suit', 'uniform', 'smart'] as const),
    hair,
    glasses: given.glasses ?? hash(`glasses:${id}`) % 4 === 0,
  };
}
