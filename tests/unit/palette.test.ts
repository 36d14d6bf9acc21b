/**
 * One palette: the colours the stylesheet names (web/base.css) are those of src/palette.ts, and the
 * stage and the scenario maps take theirs from it rather than writing them again.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PALETTE } from '../../src/palette';

const css = readFileSync('src/web/base.css', 'utf8');
const custom = Object.fromEntries([...css.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
/** `navy2` is `--navy-2`, `goldDark` is `--gold-dark`. */
const cssName = (key: string) => key.replace(/([A-Z0-9])/g, (c) => `-${c.toLowerCase()}`);

describe('one palette', () => {
  it('every colour base.css names is the palette colour of that name', () => {
    expect(Object.keys(custom).length).toBeGreaterThan(10);
    for (const [name, value] of Object.entries(custom)) {
      const key = Object.keys(PALETTE).find((k) => cssName(k) === name);
      expect(key, `--${name} is not in src/palette.ts`).toBeDefined();
      expect(value, `--${name}`).toBe(PALETTE[key as keyof typeof PALETTE]);
    }
  });

  it.each(['src/scenes/art.ts', 'src/authoring/graph.ts', 'src/dashboard/dashboard.css', 'src/styles.css'])(
    '%s writes no palette colour out again',
    (file) => {
      const text = readFileSync(file, 'utf8').toLowerCase();
      const written = Object.entries(PALETTE).filter(([, hex]) => text.includes(hex) || text.includes(`0x${hex.slice(1)}`));
      expect(written.map(([name]) => name)).toEqual([]);
    },
  );
});
