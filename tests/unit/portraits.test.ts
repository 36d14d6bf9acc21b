/**
 * Portraits: one SVG file per person with the four expressions as SVG views, the same for the same
 * look on every build, a different face for a different look, and ids that don't collide.
 */
import { describe, expect, it } from 'vitest';
import { EXPRESSIONS, resolveLook } from '../../src/engine';
import { avataaarsOptions } from '../../src/portraits/avataaars';
import { portraitSvg } from '../../src/portraits/render';

const look = resolveLook('gov-whip', { gender: 'man', age: 'senior', dress: 'suit', glasses: true });

describe('a portrait file', () => {
  const svg = portraitSvg('gov-whip', look);

  it('holds a view per expression, side by side, each showing its own face', () => {
    for (const [i, e] of EXPRESSIONS.entries()) expect(svg).toContain(`<view id="${e}" viewBox="${i * 280} 0 280 280"/>`);
    expect(svg.match(/<svg x="\d+" y="0" width="280" height="280"/g)).toHaveLength(4);
  });

  it('gives every element id once, so the four copies of a mask do not point at each other', () => {
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref[1]);
  });

  it("keeps the design's licence in the file, once", () => {
    expect(svg.match(/<metadata/g)).toHaveLength(1);
    expect(svg).toContain('Pablo Stanley');
  });

  it('is the same on every build, and another look is another face', () => {
    expect(portraitSvg('gov-whip', look)).toBe(svg);
    expect(portraitSvg('gov-whip', { ...look, glasses: false })).not.toBe(svg);
    expect(portraitSvg('gov-whip', { ...look, gender: 'woman', hair: 'bun' })).not.toBe(svg);
  });
});

describe('looks and expressions as drawing options', () => {
  it('shows the four expressions with four different faces', () => {
    const faces = EXPRESSIONS.map((e) => JSON.stringify(avataaarsOptions(look, e, 0)));
    expect(new Set(faces).size).toBe(4);
  });

  it('draws what the file says: grey hair for seniors, glasses, a suit, khaki for the uniform', () => {
    const options = avataaarsOptions(look, 'neutral', 0);
    expect(options['accessoriesProbability']).toBe(100);
    expect(options['clothing']).toEqual(['blazerAndShirt']);
    expect(options['hairColor']).not.toEqual(avataaarsOptions({ ...look, age: 'young' }, 'neutral', 0)['hairColor']);
    expect(avataaarsOptions({ ...look, dress: 'uniform' }, 'neutral', 0)['clothing']).toEqual(['collarAndSweater']);
    expect(avataaarsOptions({ ...look, glasses: false }, 'neutral', 0)['accessoriesProbability']).toBe(0);
  });
});
