import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/locales/en/translation.json';
import th from '../../src/i18n/locales/th/translation.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const thai = leaves(th as Tree);
const english = leaves(en as Tree);

describe('UI strings', () => {
  it('Thai and English have exactly the same keys', () => {
    expect([...thai.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english.keys()].filter((k) => !thai.has(k))).toEqual([]);
  });

  it('no string is empty, and the Thai ones are in Thai', () => {
    for (const [key, value] of [...thai, ...english]) expect(value.trim(), key).not.toBe('');
    const untranslated = [...thai].filter(([key, value]) => !/[\u0E00-\u0E7F]/.test(value) && !/^(menu\.languageName|play\.speakerRole)/.test(key));
    expect(untranslated.map(([k]) => k)).toEqual([]);
  });

  it('both languages use the same {{placeholders}} in each string', () => {
    const names = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of thai) expect(names(value), key).toEqual(names(english.get(key) ?? ''));
  });

  it('every key the code asks for exists (literal t("…") calls in src/)', () => {
    const used = sourceFiles('src').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((key) => !thai.has(key))).toEqual([]);
  });
});
