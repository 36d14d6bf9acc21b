/**
 * Translation through a spreadsheet: every text of a scenario as a CSV row (stable key, the source
 * text, the target text), and back into the YAML by splicing at each text's source position, so the
 * file's comments and layout stay exactly as the author left them.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { collectTexts, type Path, type Scenario } from '../engine';

export interface TranslationRow {
  key: string;
  source: string;
  target: string;
}

export function translationRows(scenario: Scenario, target: string): TranslationRow[] {
  const from = scenario.languages[0]!;
  return collectTexts(scenario).map((site) => ({
    key: site.key,
    source: site.text[from] ?? '',
    target: (site.text as Record<string, string | undefined>)[target] ?? '',
  }));
}

/** RFC 4180 CSV with a byte-order mark, so Excel opens Thai correctly. */
export function toCsv(rows: TranslationRow[], source: string, target: string): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['key', source, target], ...rows.map((r) => [r.key, r.source, r.target])].map((cells) => cells.map(field).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c !== ''));
}

export interface ImportResult {
  text: string;
  updated: number;
  added: number;
  /** Keys in the CSV that the scenario has no text for. */
  unknown: string[];
}

/**
 * Writes the CSV's target column into the YAML as `lang` texts. Existing texts in that language are
 * replaced; missing ones are added beside the source language. Empty cells are left alone.
 */
export function importTranslations(yamlText: string, scenario: Scenario, csvRows: string[][], lang: string): ImportResult {
  const yamlDoc = parseDocument(yamlText, { keepSourceTokens: false });
  const sites = new Map(collectTexts(scenario).map((s) => [s.key, s.path]));
  const header = csvRows[0] ?? [];
  const column = header.indexOf(lang) >= 0 ? header.indexOf(lang) : 2;
  const edits: { at: number; remove: number; insert: string }[] = [];
  const unknown: string[] = [];
  let updated = 0;
  let added = 0;
  for (const row of csvRows.slice(1)) {
    const key = row[0] ?? '';
    const value = row[column] ?? '';
    if (!key || value === '') continue;
    const path = sites.get(key);
    if (!path) {
      unknown.push(key);
      continue;
    }
    const map = nodeAt(yamlDoc.contents as Node, path);
    if (!isMap(map)) continue;
    const scalar = JSON.stringify(value);
    const existing = map.items.find((p) => isScalar(p.key) && p.key.value === lang);
    if (existing && isScalar(existing.value) && existing.value.range) {
      const [start, end] = existing.value.range;
      if (existing.value.value === value) continue;
      // A block scalar (`|`, `>`) runs on to the start of the next line: keep its line break.
      edits.push({ at: start, remove: trimEnd(yamlText, start, end) - start, insert: scalar });
      updated++;
    } else {
      edits.push(insertion(map, yamlText, lang, scalar));
      added++;
    }
  }
  if ((updated > 0 || added > 0) && !(scenario.languages as string[]).includes(lang))
    edits.push(addLanguage(yamlDoc.contents as Node, yamlText, lang));
  let text = yamlText;
  for (const edit of edits.sort((a, b) => b.at - a.at)) {
    text = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove);
  }
  return { text, updated, added, unknown };
}

/** Adds the language to `languages: [th]` (or its block form), so the new texts are allowed. */
function addLanguage(root: Node, text: string, lang: string): Edit {
  const list = nodeAt(root, ['languages']);
  if (!isSeq(list) || !list.range) throw new Error('the scenario has no languages list');
  const last = list.items[list.items.length - 1] as Node | undefined;
  const end = last?.range?.[1] ?? list.range[1];
  if (list.flow || !last?.range) return { at: end, remove: 0, insert: `, ${lang}` };
  // `  - th` → a new `  - en` line, indented as the last item is.
  const dash = text.lastIndexOf('-', last.range[0]);
  const lineStart = text.lastIndexOf('\n', dash) + 1;
  return lineAfter(text, end, `${text.slice(lineStart, dash)}- ${lang}`);
}

type Edit = { at: number; remove: number; insert: string };

/** The end of a value without the line breaks and spaces its range may end with. */
function trimEnd(text: string, start: number, end: number): number {
  let stop = end;
  while (stop > start && /\s/.test(text[stop - 1]!)) stop--;
  return stop;
}

/**
 * A new line after the one on which a value ends, so a comment after the value stays on its line. A
 * block scalar's range already ends at the start of the next line: the new line goes there.
 */
function lineAfter(text: string, end: number, line: string): Edit {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (end > 0 && text[end - 1] === '\n') return { at: end, remove: 0, insert: `${line}${eol}` };
  const next = text.indexOf('\n', end);
  if (next < 0) return { at: text.length, remove: 0, insert: `${eol}${line}` };
  return { at: text[next - 1] === '\r' ? next - 1 : next, remove: 0, insert: `${eol}${line}` };
}

function nodeAt(root: Node, path: Path): Node | undefined {
  let node: unknown = root;
  for (const segment of path) {
    if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment))?.value;
    else if (node && typeof node === 'object' && 'items' in node && typeof segment === 'number')
      node = (node as { items: unknown[] }).items[segment];
    else return undefined;
  }
  return node as Node | undefined;
}

/** A new `lang: "…"` entry after the map's last pair: on the same line in `{ … }`, else a new line. */
function insertion(map: YAMLMap, text: string, lang: string, scalar: string): Edit {
  const last = map.items[map.items.length - 1] as Pair<Node, Node> | undefined;
  const end = last?.value?.range?.[1] ?? map.range?.[1] ?? 0;
  if (map.flow) return { at: trimEnd(text, 0, end), remove: 0, insert: `, ${lang}: ${scalar}` };
  const keyStart = (map.items[0] as Pair<Node, Node> | undefined)?.key?.range?.[0] ?? end;
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  // As far in as the first key; `- th: …` in a list gives spaces, not a new `- ` item.
  const indent = ' '.repeat([...text.slice(lineStart, keyStart)].length);
  return lineAfter(text, end, `${indent}${lang}: ${scalar}`);
}
