/**
 * The build's scenario library (src/tooling/vite-scenarios.ts) as the development server makes it:
 * trainers' drafts (drafts/) are listed beside the shipped scenarios and marked as drafts, so on a
 * shared screen nobody takes one for a shipped scenario; a build for trainees has no drafts at all.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import type { LibraryEntry } from '../../src/library/entry';
import { LIBRARY_MODULE, scenarioLibrary } from '../../src/tooling/vite-scenarios';

const root = mkdtempSync(join(tmpdir(), 'prasan-plugin-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'scenarios'));
mkdirSync(join(root, 'drafts'));
const example = new URL('../fixtures/quick-question.yaml', import.meta.url);
copyFileSync(example, join(root, 'scenarios', 'quick-question.yaml'));
writeFileSync(join(root, 'drafts', 'my-draft.yaml'), readFileSync(example, 'utf8').replace(/^id: quick-question$/m, 'id: my-draft'));

/** The menu's index the plugin gives for a mode: the entries, without their loaders. */
function index(mode: string, command: 'serve' | 'build' = 'serve'): LibraryEntry[] {
  const plugin = scenarioLibrary(['scenarios'], { development: ['drafts'] }) as Plugin & {
    configResolved: (config: unknown) => void;
    resolveId: (id: string) => string;
    load: (this: unknown, id: string) => string;
  };
  plugin.configResolved({ root, command, mode });
  const code = plugin.load.call({ addWatchFile: () => {} }, plugin.resolveId(LIBRARY_MODULE));
  const literal = /const index = JSON\.parse\(("(?:[^"\\]|\\.)*")\);/.exec(code)![1]!;
  return JSON.parse(JSON.parse(literal) as string) as LibraryEntry[];
}

describe("the library's drafts", () => {
  it('are listed by the development server, marked as drafts; shipped scenarios are not marked', () => {
    const entries = index('development');
    expect(entries.map((e) => [e.id, e.draft ?? false])).toEqual([
      ['quick-question', false],
      ['my-draft', true],
    ]);
  });

  it('are not in a build for trainees', () => {
    expect(index('production', 'build').map((e) => e.id)).toEqual(['quick-question']);
  });
});
