/**
 * The loader against bad input (issue: a file that is not YAML, not UTF-8, too large, an alias bomb, or
 * a scenario with a cycle and no exit each gets a clear diagnostic quickly; none hangs or prints a
 * stack trace; fuzz the loader over at least 10,000 generated and mutated files).
 *
 * Every input goes through `compileScenario`, which must return — never throw — within a time bound,
 * with diagnostics that have a known code, its severity, a 1-based position inside the text, and every
 * parameter their message needs. Valid ones also go through `stats` and `test`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileScenario, formatDiagnostic, hasErrors, MESSAGES, SKILLS, type CompileResult } from '../../../src/engine';
import { scenarioStats } from '../../../src/authoring/stats';
import { testScenario } from '../../../src/authoring/selftest';
import { MAX_ALIASES, MAX_NESTING } from '../../../src/engine/yaml-source';
import { scenarioYaml } from '../helpers';
import { renderScenario, scenarioSpec } from './random-scenario';
import { EXAMPLE, FIXTURES, removeScratch, ROOT, run, scratch, STACK_TRACE } from './support';

beforeAll(() => vi.stubEnv('PRASAN_LANG', 'en'));
afterAll(() => {
  vi.unstubAllEnvs();
  removeScratch();
});

/** Explore at most this many states per file: enough for small files, quick for big mutated ones. */
const STATE_LIMIT = 2_000;
/** Each compile must finish within this (the machine running the tests may be busy). */
const PER_INPUT_MS = 2_000;

let inputs = 0;
let slowest = 0;

/** Compiles one text and checks the result is well formed; returns it. */
function compileChecked(text: string, name = 'fuzz.yaml'): CompileResult {
  const started = performance.now();
  let result: CompileResult;
  try {
    result = compileScenario(name, text, { stateLimit: STATE_LIMIT });
  } catch (error) {
    throw new Error(`compileScenario threw on ${JSON.stringify(text.slice(0, 300))}: ${String(error)}`);
  }
  const elapsed = performance.now() - started;
  slowest = Math.max(slowest, elapsed);
  inputs++;
  expect(elapsed, `took ${elapsed.toFixed(0)} ms: ${JSON.stringify(text.slice(0, 200))}`).toBeLessThan(PER_INPUT_MS);
  expect(result.file).toBe(name);
  const lines = text.split('\n');
  for (const d of result.diagnostics) {
    const where = `${d.code} at ${d.line}:${d.column} in ${JSON.stringify(text.slice(0, 200))}`;
    expect(d.code in MESSAGES, where).toBe(true);
    expect(d.severity, where).toBe(MESSAGES[d.code].severity);
    expect(d.file).toBe(name);
    expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines.length, where).toBe(true);
    // Columns count characters; one past the end of the line is where something missing would go.
    expect(Number.isInteger(d.column) && d.column >= 1 && d.column <= [...(lines[d.line - 1] ?? '')].length + 1, where).toBe(true);
    // Every {placeholder} of the message has its parameter.
    // A value said differently per language comes as `name_th` and `name_en` (see formatMessage).
    for (const [, name] of MESSAGES[d.code].en.matchAll(/\{(\w+)\}/g)) {
      if (!(name! in d.params)) for (const lang of ['th', 'en']) expect(d.params, where).toHaveProperty(`${name!}_${lang}`);
    }
    const line = formatDiagnostic(d);
    expect(line.startsWith(`${name}:${d.line}:${d.column}: ${d.severity}: `), where).toBe(true);
    expect(line.endsWith(` [${d.code}]`), where).toBe(true);
  }
  // Compiled means no errors; not compiled means at least one.
  expect(result.compiled !== undefined).toBe(!hasErrors(result.diagnostics));
  return result;
}

/** YAML syntax, scenario words and Thai, as the pieces of generated files. */
const PIECES = [
  ': ',
  ':',
  '- ',
  '-',
  '\n',
  '\n  ',
  '\n    ',
  '  ',
  '\t',
  ' ',
  '{',
  '}',
  '[',
  ']',
  ', ',
  ',',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '<<: ',
  '#',
  '# c',
  '"',
  "'",
  '|',
  '>',
  '|-',
  '? ',
  '!',
  '!!str ',
  '%YAML 1.2',
  '---',
  '...',
  '@',
  '`',
  '~',
  'null',
  'true',
  'no',
  '0',
  '1',
  '-3',
  '3',
  '1e9',
  '0x1F',
  '.inf',
  'format',
  'format: 1',
  'id: t',
  'languages: [en]',
  'title',
  'summary',
  'start',
  'nodes',
  'choices',
  'branch',
  'ending',
  'when',
  'next',
  'text',
  'id',
  'en',
  'th',
  'flag',
  'meter',
  'skill',
  'not',
  'all',
  'any',
  'scores',
  'timeout',
  'communication',
  'success',
  'ไทย',
  'ก',
  'ข',
  'ำ',
  '\u0E48',
  '\u00A0',
  '\uFEFF',
  '\u2028',
  '\r',
  '\r\n',
  '\u0000',
  '\u0085',
  '😀',
  '\\',
  '\\u0041',
  '"\\x"',
];

const HEADER = 'format: 1\nid: fuzz\nlanguages: [en]\ntitle: { en: T }\nsummary: { en: S }\nstart: a\n';

const generated = fc
  .tuple(fc.constantFrom('', '', HEADER, `${HEADER}nodes:\n  a:\n`), fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }))
  .map(([prefix, pieces]) => prefix + pieces.join(''));

type Mutation =
  | { op: 'delete' | 'duplicate' | 'truncate'; at: number }
  | { op: 'swap' | 'copy'; at: number; other: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'indent'; at: number; by: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constantFrom('swap' as const, 'copy' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
  }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }).filter((n) => n !== 0) }),
);

function mutate(text: string, mutations: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    const i = m.at % lines.length;
    const line = lines[i]!;
    switch (m.op) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, line);
        break;
      case 'truncate':
        lines[i] = line.slice(0, m.at % (line.length + 1));
        break;
      case 'swap': {
        const j = m.other % lines.length;
        [lines[i], lines[j]] = [lines[j]!, line];
        break;
      }
      case 'copy':
        lines[i] = lines[m.other % lines.length]!;
        break;
      case 'insert': {
        const at = m.at % (line.length + 1);
        lines[i] = line.slice(0, at) + m.text + line.slice(at);
        break;
      }
      case 'indent':
        lines[i] = m.by > 0 ? ' '.repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), '');
        break;
    }
    if (lines.length === 0) lines = [''];
  }
  return lines.join('\n');
}

const read = (path: string) => readFileSync(path, 'utf8');
const SMALL = [
  EXAMPLE,
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(FIXTURES, f)),
].map(read);
const SHIPPED = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => read(join(ROOT, 'scenarios', f)));

describe('fuzzing the loader', () => {
  it('(a) 5,100 generated YAML-ish texts', () => {
    fc.assert(
      fc.property(generated, (text) => {
        compileChecked(text);
      }),
      { numRuns: 5_100, seed: 1 },
    );
  }, 60_000);

  it('(b) 2,500 mutations of the example file and the small fixtures', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.constantFrom(...SMALL), fc.array(mutation, { minLength: 1, maxLength: 4 }), (base, mutations) => {
        if (compileChecked(mutate(base, mutations)).compiled) valid++;
      }),
      { numRuns: 2_500, seed: 2 },
    );
    // Some mutations (a changed text, an indented comment) leave a valid file: those go all the way.
    expect(valid).toBeGreaterThan(100);
  }, 60_000);

  it('(b) 200 mutations of the shipped scenarios', () => {
    expect(SHIPPED.length).toBeGreaterThanOrEqual(2);
    fc.assert(
      fc.property(fc.constantFrom(...SHIPPED), fc.array(mutation, { minLength: 1, maxLength: 3 }), (base, mutations) => {
        compileChecked(mutate(base, mutations));
      }),
      { numRuns: 200, seed: 3 },
    );
  }, 60_000);

  it('(c) 2,200 structurally valid scenarios with random graphs; the valid ones through stats and test', () => {
    let compiled = 0;
    fc.assert(
      fc.property(scenarioSpec({ maxNodes: 8 }), fc.nat(), (spec, seed) => {
        const result = compileChecked(renderScenario(spec));
        if (!result.compiled) return;
        compiled++;
        const { model, exploration } = result.compiled;
        const stats = scenarioStats(model, STATE_LIMIT);
        if (stats.exact) for (const s of SKILLS) expect(stats.skills[s].high).toBe(exploration.max[s]);
        const report = testScenario(model, { seed, runs: 3, maxSteps: 50, stateLimit: STATE_LIMIT });
        expect(report.problems.filter((p) => p.kind === 'runtime-error')).toEqual([]);
      }),
      { numRuns: 2_200, seed: 4 },
    );
    expect(compiled).toBeGreaterThan(400);
  }, 90_000);

  it('at least 10,000 inputs in all, none slow', () => {
    expect(inputs).toBeGreaterThanOrEqual(10_000);
    expect(slowest).toBeLessThan(PER_INPUT_MS);
    console.info(`fuzz: ${inputs} inputs, the slowest compiled in ${slowest.toFixed(0)} ms`);
  });
});

/** `prasan check FILE`: exit 1, the code on stdout, no stack trace anywhere, within `ms`. */
async function checkFails(file: string, code: string, ms: number) {
  const started = performance.now();
  const result = await run('check', file);
  const elapsed = performance.now() - started;
  expect(result.code).toBe(1);
  expect(result.out).toMatch(new RegExp(`: error: .+ \\[${code}\\]`));
  expect(result.out).not.toMatch(STACK_TRACE);
  expect(result.err).not.toMatch(STACK_TRACE);
  expect(elapsed).toBeLessThan(ms);
  return result;
}

describe('specific bad files through prasan check', () => {
  const { write } = scratch('fuzz');

  it('not YAML: PRS003 at the place it goes wrong', async () => {
    const result = await checkFails(write('not-yaml.yaml', 'format: 1\nid: [unclosed\n'), 'PRS003', 1_000);
    expect(result.out).toMatch(/not-yaml\.yaml:\d+:\d+: error: not valid YAML: /);
    await checkFails(write('tabs.yaml', `${HEADER}nodes:\n\ta: 1\n`), 'PRS003', 1_000);
    await checkFails(write('binary.yaml', '\u0000\u0001\u0002 : : ] ['), 'PRS003', 1_000);
  });

  it('not UTF-8 (Latin-1, and UTF-16 as Windows Notepad saves it): PRS002', async () => {
    const latin1 = write('latin1.yaml', Buffer.concat([Buffer.from('title: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]));
    expect((await checkFails(latin1, 'PRS002', 1_000)).out).toContain('latin1.yaml:1:1: error: the file is not UTF-8 text [PRS002]');
    const utf16 = write('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(EXAMPLE, 'utf8'), 'utf16le')]));
    await checkFails(utf16, 'PRS002', 1_000);
  });

  it('a UTF-8 byte-order mark is fine', async () => {
    const file = write('quick-question.yaml', `\uFEFF${readFileSync(EXAMPLE, 'utf8')}`);
    const result = await run('check', file);
    expect(result.code).toBe(0);
  });

  it('too large: PRS001, without reading it as YAML', async () => {
    const file = write('huge.yaml', `${HEADER}# ${'ประสาน '.repeat(60_000)}\n`);
    const result = await checkFails(file, 'PRS001', 1_000);
    expect(result.out).toMatch(/huge\.yaml:1:1: error: the file is \d+ bytes; the limit is 1048576 \[PRS001\]/);
    // The engine says the same of the text (counted in UTF-8 bytes, not characters).
    expect(compileScenario('huge.yaml', readFileSync(file, 'utf8')).diagnostics.map((d) => d.code)).toEqual(['PRS001']);
  });

  it('an alias bomb: PRS006 in well under a second', async () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const file = write('bomb.yaml', `${levels.join('\n')}\n`);
    const result = await checkFails(file, 'PRS006', 1_000);
    expect(result.out).toContain(`too many aliases (more than ${MAX_ALIASES})`);
  });

  it('a self-referencing alias does not loop', async () => {
    const result = compileChecked('a: &x [1, *x]\n');
    expect(hasErrors(result.diagnostics)).toBe(true);
  });

  it('a cycle with no exit: PRS045 for each node in it', async () => {
    const file = write(
      'cycle.yaml',
      scenarioYaml(`
        a:
          text: { en: A }
          choices:
            - { id: go, text: { en: Go }, next: b }
            - { id: win, text: { en: Win }, next: end }
        b:
          text: { en: B }
          choices:
            - { id: on, text: { en: On }, next: c }
        c:
          text: { en: C }
          choices:
            - { id: back, text: { en: Back }, next: b }
        end: { ending: success, title: { en: E }, text: { en: E } }
      `),
    );
    const result = await checkFails(file, 'PRS045', 1_000);
    expect(result.out).toContain('error: no ending can be reached from node "b" [PRS045]');
    expect(result.out).toContain('error: no ending can be reached from node "c" [PRS045]');
    expect(result.out).not.toContain('from node "a"');
  });

  it('collections nested hundreds deep: PRS003 at once, however often the file is read', async () => {
    // Deep enough to exhaust the YAML parser's stack; reading such a file twice once aborted Node.
    const texts = [
      '- '.repeat(1_000) + 'x',
      '['.repeat(5_000),
      '{a: '.repeat(2_000),
      '? '.repeat(1_000) + 'x',
      Array.from({ length: 700 }, (_, i) => `${' '.repeat(2 * i)}- k:`).join('\n'),
    ];
    for (const [i, text] of texts.entries()) {
      const file = write(`deep-${i}.yaml`, text);
      for (let again = 0; again < 3; again++) {
        const result = await checkFails(file, 'PRS003', 1_000);
        expect(result.out).toContain(`collections nest more than ${MAX_NESTING} levels deep`);
      }
    }
    // Honest nesting (a condition inside a condition inside a choice…) is far below the limit.
    const nested = `{ not: ${'{ all: [ '.repeat(12)}{ flag: f }${' ] }'.repeat(12)} }`;
    const result = compileChecked(
      scenarioYaml(`
        a:
          text: { en: A }
          choices:
            - { id: go, set: [f], text: { en: Go }, next: b }
        b:
          text: { en: B }
          choices:
            - { id: ok, when: ${nested}, text: { en: Ok }, next: end }
            - { id: other, text: { en: Other }, next: end }
        end: { ending: success, title: { en: E }, text: { en: E } }
      `),
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('odd but harmless files: empty, only comments, a list, two documents, format 2 — each an error, none a crash', async () => {
    for (const [name, text] of [
      ['empty.yaml', ''],
      ['comments.yaml', '# nothing here\n'],
      ['list.yaml', '- format: 1\n'],
      ['two.yaml', `${HEADER}---\n${HEADER}`],
      ['format2.yaml', readFileSync(EXAMPLE, 'utf8').replace('format: 1', 'format: 2')],
    ] as const) {
      const result = await run('check', write(name, text));
      expect(result.code, name).toBe(1);
      expect(result.out, name).toMatch(/: error: .+ \[PRS\d{3}\]/);
      expect(result.out + result.err, name).not.toMatch(STACK_TRACE);
      compileChecked(text);
    }
  });
});
