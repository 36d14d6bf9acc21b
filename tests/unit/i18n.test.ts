import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/locales/en/translation.json';
import th from '../../src/i18n/locales/th/translation.json';
import dashboardEn from '../../src/dashboard/locales/en.json';
import dashboardTh from '../../src/dashboard/locales/th.json';

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

/** The game's strings (src/, but the dashboard) and the trainer dashboard's own (src/dashboard/). */
const STRING_SETS = [
  { name: 'game', th: th as Tree, en: en as Tree, sources: sourceFiles('src').filter((f) => !f.startsWith(join('src', 'dashboard'))) },
  { name: 'dashboard', th: dashboardTh as Tree, en: dashboardEn as Tree, sources: sourceFiles(join('src', 'dashboard')) },
];
const gameThai = leaves(th);

/**
 * Keys without their plural suffix: English has `x_one` and `x_other`, Thai (no grammatical number)
 * only `x_other` or plain `x`; i18next picks whichever the language's plural rules ask for.
 */
function unplural(strings: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of strings) {
    const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
    out.set(base, [...(out.get(base) ?? []), value]);
  }
  return out;
}

describe.each(STRING_SETS)('UI strings: $name', ({ th: thTree, en: enTree, sources }) => {
  const thai = unplural(leaves(thTree));
  const english = unplural(leaves(enTree));
  /** A key the code asks for (`game:` keys are the game's own, shared by the dashboard). */
  const exists = (key: string) => (key.startsWith('game:') ? gameThai.has(key.slice(5)) : thai.has(key));

  it('Thai and English have exactly the same keys', () => {
    expect([...thai.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english.keys()].filter((k) => !thai.has(k))).toEqual([]);
  });

  it('no string is empty, and the Thai ones are in Thai', () => {
    for (const [key, values] of [...thai, ...english]) for (const value of values) expect(value.trim(), key).not.toBe('');
    // Names of file formats (CSV (Excel), JSON, xAPI) are the same in both languages.
    const untranslated = [...thai].filter(
      ([key, values]) =>
        values.some((v) => !/[\u0E00-\u0E7F]/.test(v) && !/^[A-Za-z]{2,5}( \([A-Za-z]+\))?$/.test(v)) &&
        !/^(menu\.languageName|play\.speakerRole|app\.brand)/.test(key),
    );
    expect(untranslated.map(([k]) => k)).toEqual([]);
  });

  it('both languages use the same {{placeholders}} in each string', () => {
    const names = (values: string[]) => [...new Set(values.flatMap((s) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!)))].sort();
    for (const [key, values] of thai) expect(names(values), key).toEqual(names(english.get(key) ?? []));
  });

  it('every key the code asks for exists (literal t("…") calls)', () => {
    const used = sources.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'((?:game:)?[a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((key) => !exists(key))).toEqual([]);
  });
});
