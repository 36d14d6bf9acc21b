/**
 * The trainers' authoring guide (docs/authoring.md, and docs/authoring.th.md in Thai) stays true:
 * every complete example compiles with no errors and no warnings, every deliberately broken example
 * gives the code it says it gives, every diagnostic code has its own section headed by the message
 * `check` really prints, and the two guides link to each other.
 *
 * The guides mark their YAML blocks:
 *   ```yaml          a complete scenario (file name: <id>.yaml)
 *   ```yaml-snippet  part of a file, shown to explain a field (not compiled)
 *   ```yaml-broken   deliberately wrong; each `# expect: PRSxxx` line names a code it must give, and
 *                    an optional `# file: NAME.yaml` line the file name it is checked under
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/library/files';
import {
  compileScenario,
  formatDiagnostic,
  MAX_FILE_BYTES,
  MAX_NODES,
  MAX_TEXT_LENGTH,
  MESSAGES,
  type DiagnosticCode,
  type MessageLanguage,
} from '../../src/engine';

interface Guide {
  file: string;
  language: MessageLanguage;
  /** The file name of the other guide, which this one must link to near its top. */
  other: string;
}

const GUIDES: Guide[] = [
  { file: 'authoring.md', language: 'en', other: 'authoring.th.md' },
  { file: 'authoring.th.md', language: 'th', other: 'authoring.md' },
];

const KINDS = ['yaml', 'yaml-snippet', 'yaml-broken'] as const;
type Kind = (typeof KINDS)[number];

interface Block {
  kind: Kind;
  body: string;
  /** 1-based line of the opening fence in the guide, for failure messages. */
  line: number;
}

/**
 * Codes no short text can trigger: a file over 1 MiB (PRS001), bytes that are not UTF-8 (PRS002; the
 * guide itself is UTF-8), a file that can't be read (PRS008), a text over 2,000 characters (PRS016)
 * and over 500 nodes (PRS047). The
 * guides describe them in words; this test triggers each one itself instead.
 */
const DESCRIBED_ONLY: DiagnosticCode[] = ['PRS001', 'PRS002', 'PRS008', 'PRS016', 'PRS047'];

const ALL_CODES = Object.keys(MESSAGES) as DiagnosticCode[];

function readGuide(file: string): string {
  return readFileSync(new URL(`../../docs/${file}`, import.meta.url), 'utf8');
}

/** Every fenced block whose language starts with "yaml"; any other yaml-like marker is an error. */
function yamlBlocks(markdown: string, file: string): Block[] {
  const lines = markdown.split('\n');
  const found: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const info = open[1]!;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${file}:${i + 1}: a code block is never closed`);
    if (/^ya?ml/.test(info)) {
      if (!(KINDS as readonly string[]).includes(info))
        throw new Error(`${file}:${i + 1}: unknown block kind "${info}"; use ${KINDS.join(', ')}`);
      found.push({ kind: info as Kind, body: `${lines.slice(i + 1, end).join('\n')}\n`, line: i + 1 });
    }
    i = end;
  }
  return found;
}

const idOf = (body: string) => /^id:\s*([a-z0-9-]+)/m.exec(body)?.[1];
const expectedCodes = (body: string) => [...body.matchAll(/^# expect: (PRS\d{3})\s*$/gm)].map((m) => m[1] as DiagnosticCode);
/** A broken example written as a whole file, rather than a fragment of one. */
const isWholeFile = (body: string) => /^format: 1\s*$/m.test(body) && /^nodes:\s*$/m.test(body);

/** The tiny scenario most broken examples are built on, with `text` as its one decision's text. */
function tinyScenario(text: string): string {
  return [
    'format: 1',
    'id: tiny',
    'languages: [en]',
    'title: { en: "Tiny" }',
    'summary: { en: "A tiny example." }',
    'start: ask',
    'nodes:',
    '  ask:',
    `    text: { en: "${text}" }`,
    '    choices:',
    '      - { id: go, text: { en: "Go" }, next: done }',
    '  done: { ending: success, title: { en: "Done" }, text: { en: "Done." } }',
    '',
  ].join('\n');
}

for (const guide of GUIDES) {
  describe(`docs/${guide.file}`, () => {
    const markdown = readGuide(guide.file);
    const blocks = yamlBlocks(markdown, guide.file);
    const complete = blocks.filter((b) => b.kind === 'yaml');
    const broken = blocks.filter((b) => b.kind === 'yaml-broken');

    it('links to the other language near the top', () => {
      const top = markdown.split('\n').slice(0, 10).join('\n');
      expect(top).toContain(`](${guide.other})`);
    });

    it('has complete examples, snippets and broken examples', () => {
      expect(complete.length).toBeGreaterThanOrEqual(5);
      expect(blocks.some((b) => b.kind === 'yaml-snippet')).toBe(true);
      expect(broken.length).toBeGreaterThan(0);
    });

    describe.each(complete.map((b) => [`line ${b.line}: ${idOf(b.body) ?? '(no id)'}`, b] as const))(
      'complete example at %s',
      (_, block) => {
        const id = idOf(block.body);
        const result = compileScenario(`${id}.yaml`, block.body);

        it('compiles with no errors and no warnings', () => {
          expect(id, 'a complete example needs an id').toBeDefined();
          // No warnings are allowed: an example trainers copy should be as clean as a shipped scenario.
          expect(result.diagnostics.map((d) => formatDiagnostic(d))).toEqual([]);
          expect(result.compiled).toBeDefined();
        });

        it('can reach every ending, never gets stuck, and its attainable scores are exact', () => {
          const { model, exploration } = result.compiled!;
          const endings = Object.values(model.nodes)
            .filter((n) => n.kind === 'ending')
            .map((n) => n.id)
            .sort();
          expect([...exploration.endingsReached].sort()).toEqual(endings);
          expect(exploration.stuckAt).toEqual([]);
          expect(exploration.exact).toBe(true);
        });
      },
    );

    describe.each(broken.filter((b) => expectedCodes(b.body).length > 0).map((b) => [`line ${b.line}`, b] as const))(
      'broken example at %s',
      (_, block) => {
        // One example (PRS064) explores 200,000 states before it gives up, which takes seconds.
        it('gives the code it names', { timeout: 60_000 }, () => {
          const file = /^# file: (\S+\.ya?ml)\s*$/m.exec(block.body)?.[1] ?? `${idOf(block.body) ?? 'example'}.yaml`;
          const result = compileScenario(file, block.body);
          const codes = result.diagnostics.map((d) => d.code);
          const expected = expectedCodes(block.body);
          for (const code of expected)
            expect(codes, `expected ${code}, got:\n${result.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`).toContain(code);
          if (isWholeFile(block.body)) {
            // A whole small file shows one problem on purpose: any other error would confuse the reader.
            const others = result.diagnostics.filter((d) => d.severity === 'error' && !expected.includes(d.code));
            expect(others.map((d) => formatDiagnostic(d))).toEqual([]);
          }
        });
      },
    );

    it('has a section for every diagnostic code, headed by the message check prints', () => {
      for (const code of ALL_CODES) {
        const heading = `#### ${code} — ${MESSAGES[code][guide.language]}`;
        const count = markdown.split('\n').filter((l) => l === heading).length;
        expect(count, `missing or repeated heading: ${heading}`).toBe(1);
      }
      const headed = [...markdown.matchAll(/^#### (PRS\d{3}) /gm)].map((m) => m[1]);
      expect(
        headed.filter((c) => !(c! in MESSAGES)),
        'sections for codes that do not exist',
      ).toEqual([]);
    });

    it('mentions every code, and shows a tested example for each one but those no short text can trigger', () => {
      for (const code of ALL_CODES) expect(markdown, code).toContain(code);
      const shown = new Set(broken.flatMap((b) => expectedCodes(b.body)));
      const missing = ALL_CODES.filter((c) => !shown.has(c) && !DESCRIBED_ONLY.includes(c));
      expect(missing).toEqual([]);
    });
  });
}

describe('the two guides', () => {
  const [en, th] = GUIDES.map((g) => yamlBlocks(readGuide(g.file), g.file));

  it('carry the same complete examples', () => {
    const ids = (blocks: Block[]) => blocks.filter((b) => b.kind === 'yaml').map((b) => idOf(b.body));
    expect(ids(th!)).toEqual(ids(en!));
  });

  it('show broken examples for the same codes', () => {
    const codes = (blocks: Block[]) => [...new Set(blocks.flatMap((b) => (b.kind === 'yaml-broken' ? expectedCodes(b.body) : [])))].sort();
    expect(codes(th!)).toEqual(codes(en!));
  });
});

describe('the codes the guides describe without an example', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'prasan-guide-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const codes = (text: string, file = 'tiny.yaml') => compileScenario(file, text).diagnostics.map((d) => d.code);

  it('the tiny scenario they build on is valid', () => {
    expect(compileScenario('tiny.yaml', tinyScenario('What now?')).compiled).toBeDefined();
  });

  it('PRS001: a file over 1 MiB', () => {
    expect(codes(`# ${'x'.repeat(MAX_FILE_BYTES)}\n${tinyScenario('What now?')}`)).toContain('PRS001');
  });

  it('PRS002: a file that is not UTF-8', () => {
    const path = join(dir, 'tiny.yaml');
    // "ไทย" in Windows-874 (TIS-620), as an older Thai program might save it.
    writeFileSync(path, Buffer.concat([Buffer.from(tinyScenario('What now?').replace('What now?', '')), Buffer.from([0xe4, 0xb7, 0xc2])]));
    const loaded = loadScenarioFile(path);
    expect(loaded.kind).toBe('compiled');
    if (loaded.kind === 'compiled') expect(loaded.result.diagnostics.map((d) => d.code)).toContain('PRS002');
  });

  it('PRS016: a text over 2,000 characters', () => {
    expect(codes(tinyScenario('x'.repeat(MAX_TEXT_LENGTH + 1)))).toContain('PRS016');
  });

  it('PRS047: more than 500 nodes', () => {
    const chain = Array.from({ length: MAX_NODES }, (_, i) =>
      [
        `  n${i}:`,
        '    text: { en: "Next?" }',
        '    choices:',
        `      - { id: go, text: { en: "Go" }, next: ${i + 1 < MAX_NODES ? `n${i + 1}` : 'done'} }`,
      ].join('\n'),
    );
    const text = tinyScenario('What now?')
      .replace('next: done }', 'next: n0 }')
      .replace('  done:', `${chain.join('\n')}\n  done:`);
    expect(codes(text)).toContain('PRS047');
  });
});
