/**
 * What public/ serves as is: the icon and a web app manifest a tablet can add to its home screen
 * with, both linked from the game's page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('public/', () => {
  it('has a manifest with a name, a start address, standalone display and an icon that exists', () => {
    const manifest = JSON.parse(readFileSync('public/manifest.webmanifest', 'utf8')) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      icons: { src: string }[];
    };
    expect(manifest.short_name).toBe('ประสาน');
    expect(manifest.start_url).toBe('./');
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.length).toBeGreaterThan(0);
    for (const icon of manifest.icons) expect(existsSync(`public/${icon.src}`), icon.src).toBe(true);
  });

  it('the game links the icon and the manifest; the dashboard the icon', () => {
    const game = readFileSync('index.html', 'utf8');
    expect(game).toContain('<link rel="manifest" href="./manifest.webmanifest" />');
    expect(game).toContain('<link rel="icon" href="./icon.svg"');
    expect(readFileSync('dashboard.html', 'utf8')).toContain('<link rel="icon" href="./icon.svg"');
  });
});
