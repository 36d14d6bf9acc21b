/**
 * `prasan strings export|import` (issue: a CSV with stable keys, the source and the target text, that
 * a translator fills in a spreadsheet — UTF-8 with a BOM so Excel shows Thai — and the translations
 * spliced back into the YAML by source position, without disturbing comments or layout).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileScenario, hasErrors } from '../../../src/engine';
import { collectTexts } from '../../../src/engine/texts';
import { parseCsv, toCsv, translationRows } from '../../../src/authoring/translation';
import { EXAMPLE, FIXTURES, removeScratch, run, scratch, STACK_TRACE } from './support';

beforeAll(() => vi.stubEnv('PRASAN_LANG', 'en'));
afterAll(() => {
  vi.unstubAllEnvs();
  removeScratch();
});

const TH_ONLY = join(FIXTURES, 'translate-th.yaml');
const TRICKY = 'Say "yes", then\nwait — ก็ได้';

function compiled(file: string, text = readFileSync(file, 'utf8')) {
  const result = compileScenario(file.split('/').pop()!, text);
  if (!result.compiled || hasErrors(result.diagnostics)) throw new Error(`${file} does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.compiled;
}

/** A copy of a fixture in a fresh scratch folder (imports write over their input). */
function copyOf(file: string, name = file.split('/').pop()!): { path: string; dir: string; write: (n: string, c: string) => string } {
  const tmp = scratch('strings');
  const path = join(tmp.dir, name);
  copyFileSync(file, path);
  return { path, ...tmp };
}

/** English for every key: `EN <key>`, and the tricky text for one choice. */
function english(key: string): string {
  return key === 'nodes/count/choices/call-each/text' ? TRICKY : `EN ${key}`;
}

async function exportCsv(file: string, dir: string): Promise<string[][]> {
  const output = join(dir, 'out.csv');
  const result = await run('strings', 'export', file, '--lang', 'en', '-o', output);
  expect(result.code, result.err).toBe(0);
  return parseCsv(readFileSync(output, 'utf8'));
}

/**
 * Lines of `after` set against `before`, in order: the lines kept as they were, those changed in
 * place (before → after), and those inserted. Fails if a line of `before` went missing.
 */
function lineDiff(before: string, after: string) {
  const a = before.split('\n');
  const b = after.split('\n');
  const changed: [string, string][] = [];
  const inserted: { line: string; th: string }[] = [];
  let i = 0;
  for (const [j, line] of b.entries()) {
    if (line === a[i]) i++;
    else if (/^\s*en: "/.test(line) && !/^\s*en: "/.test(a[i] ?? '')) {
      // The sibling `th:` it was added after: the closest line above with that key.
      inserted.push({
        line,
        th:
          b
            .slice(0, j)
            .reverse()
            .find((l) => /(^|\s)th:/.test(l)) ?? '',
      });
    } else changed.push([a[i++] ?? '', line]);
  }
  expect(i, 'every line of the original is accounted for').toBe(a.length);
  return { changed, inserted };
}

const EN_VALUE = /, en: "(?:[^"\\]|\\.)*"/;

describe('strings export', () => {
  it('a CSV with a BOM, the header key,th,en, CRLF rows and Thai intact', async () => {
    const { dir } = scratch('export');
    const output = join(dir, 'qq.csv');
    const result = await run('strings', 'export', EXAMPLE, '--lang', 'en', '-o', output);
    expect(result.code).toBe(0);
    const bytes = readFileSync(output);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFFkey,th,en\r\n')).toBe(true);
    expect(text).toContain('\r\ntitle,กระทู้ถามสดถึงนายกรัฐมนตรี,An immediate question to the Prime Minister\r\n');
    expect(text).toContain('\r\nnodes/filed/choices/brief-early/text,สรุปประเด็นให้นายกฯ ทันที,Brief the PM at once\r\n');
    // "Constitution … B.E. 2560 (2017), section 150" has a comma: quoted.
    expect(text).toContain('"Constitution of the Kingdom of Thailand B.E. 2560 (2017), section 150"');
    expect(result.out).toBe(`wrote ${output}: ${collectTexts(compiled(EXAMPLE).scenario).length} texts, 0 without "en" yet`);
  });

  it('stable keys from node and choice ids, one per text, in file order, the same on every export', async () => {
    const { dir } = scratch('export-keys');
    const rows = await exportCsv(EXAMPLE, dir);
    const keys = rows.slice(1).map((r) => r[0]);
    expect(keys).toEqual([
      'title',
      'summary',
      'references/s150/label',
      'references/s150/summary',
      'characters/aide/name',
      'characters/aide/role',
      'meters/trust/label',
      'trainer/objectives',
      'trainer/questions/0',
      'nodes/filed/text',
      'nodes/filed/choices/brief-early/text',
      'nodes/filed/choices/brief-early/feedback',
      'nodes/filed/choices/wait/text',
      'nodes/filed/choices/wait/feedback',
      'nodes/missed/title',
      'nodes/missed/text',
      'nodes/good-end/title',
      'nodes/good-end/text',
      'nodes/weak-end/title',
      'nodes/weak-end/text',
    ]);
    expect(await exportCsv(EXAMPLE, dir)).toEqual(rows);
    // Each row: the key, the Thai source and the English already there.
    const { strings } = compiled(EXAMPLE);
    for (const [key, th, en] of rows.slice(1)) {
      expect(th).toBe(strings.th![key!]);
      expect(en).toBe(strings.en![key!]);
    }
  });

  it('a Thai-only file: empty targets, counted as missing; a multi-line text survives the CSV', async () => {
    const { dir } = scratch('export-th');
    const output = join(dir, 'th.csv');
    const result = await run('strings', 'export', TH_ONLY, '--lang', 'en', '-o', output);
    expect(result.out).toBe(`wrote ${output}: 20 texts, 20 without "en" yet`);
    const rows = parseCsv(readFileSync(output, 'utf8'));
    expect(rows[0]).toEqual(['key', 'th', 'en']);
    expect(rows.slice(1).every((r) => r.length === 3 && r[2] === '')).toBe(true);
    const body = rows.find((r) => r[0] === 'nodes/count/text')!;
    expect(body[1]).toBe('วิปแจ้งว่าเหลือเวลาอีกหนึ่งชั่วโมงก่อนการลงมติ\n\nยังมีสมาชิกสามคนที่ยังไม่ตัดสินใจ\n');
  });

  it('the default output sits beside the scenario, and never over it', async () => {
    const copy = copyOf(TH_ONLY);
    expect((await run('strings', 'export', copy.path, '--lang', 'en')).out).toContain(`wrote ${join(copy.dir, 'translate-th.en.csv')}:`);
    // A scenario file not named .yaml keeps its name; the CSV gets its own.
    const odd = copyOf(TH_ONLY, 'translate-th.txt');
    const before = readFileSync(odd.path, 'utf8');
    const result = await run('strings', 'export', odd.path, '--lang', 'en');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`wrote ${odd.path}.en.csv:`);
    expect(readFileSync(odd.path, 'utf8')).toBe(before);
  });
});

describe('strings import into a Thai-only file', () => {
  it('adds every English text, keeps every other byte where it was, and the file checks clean', async () => {
    const copy = copyOf(TH_ONLY);
    const before = readFileSync(copy.path, 'utf8');
    const rows = await exportCsv(copy.path, copy.dir);
    const filled = rows.map((r, i) => (i === 0 ? r : [r[0]!, r[1]!, english(r[0]!)]));
    const csv = copy.write(
      'filled.csv',
      toCsv(
        filled.slice(1).map(([key, source, target]) => ({ key: key!, source: source!, target: target! })),
        'th',
        'en',
      ),
    );
    // The CSV as a spreadsheet would read it back: the tricky cell whole.
    expect(parseCsv(readFileSync(csv, 'utf8')).find((r) => r[0] === 'nodes/count/choices/call-each/text')?.[2]).toBe(TRICKY);

    const result = await run('strings', 'import', copy.path, csv, '--lang', 'en');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toBe(`wrote ${copy.path}: 0 texts updated, 20 added`);
    expect(result.err).toBe('');
    const after = readFileSync(copy.path, 'utf8');

    // It checks with no error, English now a language of the file, every text translated.
    const check = await run('check', copy.path);
    expect(check.code).toBe(0);
    expect(check.out).not.toContain('error');
    const { scenario, strings } = compiled(copy.path, after);
    expect(scenario.languages).toEqual(['th', 'en']);
    for (const site of collectTexts(scenario)) expect(strings.en![site.key], site.key).toBe(english(site.key));
    // The Thai is untouched.
    expect(strings.th).toEqual(compiled(TH_ONLY).strings.th);

    // Layout: flow maps gained `, en: "…"` in place; block maps a line of their own, indented as th.
    const { changed, inserted } = lineDiff(before, after);
    expect(changed[0]).toEqual([
      'languages: [th]                 # English comes with the translation',
      'languages: [th, en]                 # English comes with the translation',
    ]);
    for (const [was, now] of changed.slice(1)) {
      expect(now.replace(EN_VALUE, '')).toBe(was);
      expect(was).toMatch(/\{ th: "[^"]*" \}/);
    }
    expect(changed).toHaveLength(1 + 12);
    expect(inserted).toHaveLength(8);
    for (const { line, th } of inserted) expect(line.indexOf('en:'), line).toBe(th.indexOf('th:'));
    // Every comment, whole-line or after a value, is still there, on the line it was on.
    const comments = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.includes('#'))
        .map((l) => l.replace(EN_VALUE, '').replace('[th, en]', '[th]'));
    expect(comments(after)).toEqual(comments(before));
    expect(after).toContain('      th: "การติดต่อโดยตรงทำให้ได้ข้อมูลที่เชื่อถือได้"   # the best choice\n');
    expect(after).toContain('    text: { th: "ร่างตกไป", en: "EN nodes/lost/text" }   # the last text in the file\n');
    // A block scalar keeps its lines; the English follows it.
    expect(after).toContain('        ยังมีสมาชิกสามคนที่ยังไม่ตัดสินใจ\n      en: "EN nodes/count/text"\n    # The timer');
    // `- th: …` in a list gets its English in the same item, not a new item.
    expect(after).toContain('    - th: "ใครควรรู้ผลการนับเป็นคนแรก"\n      en: "EN trainer/questions/1"\n');
  });

  it('importing the same CSV again changes nothing: 0 updated, 0 added, the same bytes', async () => {
    const copy = copyOf(TH_ONLY);
    const rows = await exportCsv(copy.path, copy.dir);
    const csv = copy.write(
      'filled.csv',
      toCsv(
        rows.slice(1).map(([key, source]) => ({ key: key!, source: source!, target: english(key!) })),
        'th',
        'en',
      ),
    );
    expect((await run('strings', 'import', copy.path, csv, '--lang', 'en')).code).toBe(0);
    const once = readFileSync(copy.path);
    const again = await run('strings', 'import', copy.path, csv, '--lang', 'en');
    expect(again.code).toBe(0);
    expect(again.out).toBe(`wrote ${copy.path}: 0 texts updated, 0 added`);
    expect(readFileSync(copy.path).equals(once)).toBe(true);
  });

  it('a block list of languages, and a file with CRLF line ends, keep their form', async () => {
    const copy = copyOf(TH_ONLY);
    const block = readFileSync(TH_ONLY, 'utf8')
      .replace(
        'languages: [th]                 # English comes with the translation',
        'languages:\n  - th   # so far\n# (a comment after the list)',
      )
      .replace(/\n/g, '\r\n');
    writeFileSync(copy.path, block);
    const rows = await exportCsv(copy.path, copy.dir);
    const csv = copy.write(
      'filled.csv',
      toCsv(
        rows.slice(1).map(([key, source]) => ({ key: key!, source: source!, target: english(key!) })),
        'th',
        'en',
      ),
    );
    const result = await run('strings', 'import', copy.path, csv, '--lang', 'en');
    expect(result.code, result.err).toBe(0);
    const after = readFileSync(copy.path, 'utf8');
    expect(after).toContain('languages:\r\n  - th   # so far\r\n  - en\r\n# (a comment after the list)\r\n');
    // Every line still ends in CRLF.
    expect(after.split('\r\n').some((l) => l.includes('\n'))).toBe(false);
    expect(compiled(copy.path, after).scenario.languages).toEqual(['th', 'en']);
  });

  it('a partly filled CSV would leave texts without English: nothing is written, exit 1', async () => {
    const copy = copyOf(TH_ONLY);
    const before = readFileSync(copy.path, 'utf8');
    const csv = copy.write('partial.csv', toCsv([{ key: 'title', source: '', target: 'Counting votes' }], 'th', 'en'));
    const result = await run('strings', 'import', copy.path, csv, '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.err).toContain('the translated file would not be valid, so nothing was written');
    expect(result.err).toContain('PRS030');
    expect(readFileSync(copy.path, 'utf8')).toBe(before);
  });
});

describe('strings import into a file that has English already', () => {
  it('replaces just the changed texts in place; unchanged rows and empty cells are left alone', async () => {
    const copy = copyOf(EXAMPLE);
    const before = readFileSync(copy.path, 'utf8');
    const rows = await exportCsv(copy.path, copy.dir);
    const edited = rows.slice(1).map(([key, source, target]) => ({
      key: key!,
      source: source!,
      target:
        key === 'nodes/filed/choices/wait/text'
          ? 'Hold, and "watch"'
          : key === 'nodes/missed/text'
            ? ''
            : key === 'title'
              ? 'A question, live'
              : target!,
    }));
    const csv = copy.write('edited.csv', toCsv(edited, 'th', 'en'));
    const result = await run('strings', 'import', copy.path, csv, '--lang', 'en');
    expect(result.code).toBe(0);
    expect(result.out).toBe(`wrote ${copy.path}: 2 texts updated, 0 added`);
    const after = readFileSync(copy.path, 'utf8');
    const { changed, inserted } = lineDiff(before, after);
    expect(inserted).toEqual([]);
    expect(changed).toEqual([
      [
        'title: { th: "กระทู้ถามสดถึงนายกรัฐมนตรี", en: "An immediate question to the Prime Minister" }',
        'title: { th: "กระทู้ถามสดถึงนายกรัฐมนตรี", en: "A question, live" }',
      ],
      ['        text: { th: "รอดูท่าที", en: "Wait and see" }', '        text: { th: "รอดูท่าที", en: "Hold, and \\"watch\\"" }'],
    ]);
    const { strings } = compiled(copy.path, after);
    expect(strings.en!['nodes/filed/choices/wait/text']).toBe('Hold, and "watch"');
    expect(strings.en!['nodes/missed/text']).toBe('The opposition makes the silence the story.');
  });

  it('a block scalar replaced by a quoted text keeps the line that follows it', async () => {
    const copy = copyOf(EXAMPLE);
    const text = readFileSync(EXAMPLE, 'utf8').replace(
      '          en: "Early, complete briefings let the PM answer on facts."\n',
      '          en: |\n            Early, complete briefings\n            let the PM answer on facts.\n',
    );
    expect(text).toContain('          en: |\n');
    writeFileSync(copy.path, text);
    const source = readFileSync(copy.path, 'utf8');
    const rows = translationRows(compiled(copy.path, source).scenario, 'en');
    expect(rows.find((r) => r.key === 'nodes/filed/choices/brief-early/feedback')?.target).toBe(
      'Early, complete briefings\nlet the PM answer on facts.\n',
    );
    const csv = copy.write(
      'one.csv',
      toCsv([{ key: 'nodes/filed/choices/brief-early/feedback', source: '', target: 'Brief early.' }], 'th', 'en'),
    );
    const result = await run('strings', 'import', copy.path, csv, '--lang', 'en');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('1 texts updated, 0 added');
    const after = readFileSync(copy.path, 'utf8');
    expect(after).toContain('          en: "Brief early."\n        refs: [s150]\n');
    expect(compiled(copy.path, after).strings.en!['nodes/filed/choices/brief-early/feedback']).toBe('Brief early.');
  });

  it('rows whose key the scenario lacks are warned about and skipped; the rest are imported', async () => {
    const copy = copyOf(EXAMPLE);
    const csv = copy.write(
      'ghost.csv',
      toCsv(
        [
          { key: 'nodes/ghost/text', source: '', target: 'Boo' },
          { key: 'nodes/filed/choices/teleport/text', source: '', target: 'Zap' },
          { key: 'nodes/weak-end/title', source: '', target: 'Thin' },
        ],
        'th',
        'en',
      ),
    );
    const result = await run('strings', 'import', copy.path, csv, '--lang', 'en');
    expect(result.code).toBe(0);
    expect(result.err.split('\n')).toEqual([
      `${csv}: warning: the scenario has no text "nodes/ghost/text"; row skipped`,
      `${csv}: warning: the scenario has no text "nodes/filed/choices/teleport/text"; row skipped`,
    ]);
    expect(result.out).toContain('1 texts updated, 0 added');
    expect(readFileSync(copy.path, 'utf8')).not.toMatch(/Boo|Zap/);
  });
});

describe('strings: bad use', () => {
  it('usage errors exit 2; a CSV that is not there exits 2 with a message, not a stack trace', async () => {
    expect((await run('strings', 'export', EXAMPLE)).code).toBe(2);
    expect((await run('strings', 'export', EXAMPLE, '--lang', 'fr')).code).toBe(2);
    expect((await run('strings', 'translate', EXAMPLE, '--lang', 'en')).code).toBe(2);
    expect((await run('strings', 'import', EXAMPLE, '--lang', 'en')).code).toBe(2);
    const copy = copyOf(EXAMPLE);
    const result = await run('strings', 'import', copy.path, join(copy.dir, 'nothing.csv'), '--lang', 'en');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^prasan: .*nothing\.csv/);
    expect(result.err).not.toMatch(STACK_TRACE);
  });

  it('a scenario with errors is neither exported nor imported into', async () => {
    const { write } = scratch('strings-bad');
    const bad = write('bad.yaml', 'format: 1\nid: [unclosed\n');
    const result = await run('strings', 'export', bad, '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.err).toContain('[PRS003]');
  });
});

describe('the CSV format', () => {
  it('parseCsv reads quoted commas, doubled quotes, line breaks in cells, CRLF and a BOM', () => {
    const text = '\uFEFFkey,th,en\r\na,"x, y","say ""hi"""\r\nb,"two\r\nlines",\r\n\r\nc,ไทย,"end"';
    expect(parseCsv(text)).toEqual([
      ['key', 'th', 'en'],
      ['a', 'x, y', 'say "hi"'],
      ['b', 'two\r\nlines', ''],
      ['c', 'ไทย', 'end'],
    ]);
  });

  it('toCsv then parseCsv gives back every row, whatever the cells hold', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ก', ',', '"', '\n', '\r', ' ', '\t', '=', '😀', 'ไ') });
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.string({ minLength: 1, unit: fc.constantFrom('k', '/', '-', '1') }), source: cell, target: cell }), {
          maxLength: 8,
        }),
        (rows) => {
          const csv = toCsv(rows, 'th', 'en');
          expect(csv.startsWith('\uFEFFkey,th,en\r\n')).toBe(true);
          expect(parseCsv(csv)).toEqual([['key', 'th', 'en'], ...rows.map((r) => [r.key, r.source, r.target])]);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('strings import: encodings', () => {
  it('refuses a CSV that is not UTF-8 (e.g. saved in a Thai code page) and leaves the YAML alone', async () => {
    const box = scratch('csv-encoding');
    const yaml = box.write('translate-th.yaml', readFileSync(join(FIXTURES, 'translate-th.yaml'), 'utf8'));
    const before = readFileSync(yaml, 'utf8');
    // "key,th,en", then a row whose Thai is in Windows-874 (0xA1 = ก): not valid UTF-8.
    const csv = box.write(
      'tis.csv',
      Buffer.concat([Buffer.from('key,th,en\r\ntitle,'), Buffer.from([0xa1, 0xa2]), Buffer.from(',Title\r\n')]),
    );
    const result = await run('strings', 'import', yaml, csv, '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/not UTF-8/);
    expect(readFileSync(yaml, 'utf8')).toBe(before);
  });
});
