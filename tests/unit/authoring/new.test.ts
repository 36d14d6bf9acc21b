/**
 * `prasan new <id>` (issue: "scaffolds a valid, commented starter scenario in both languages"): the
 * file it writes passes `check` with no error and no warning, passes `test`, has every text in Thai
 * and English and explains itself in comments; bad ids and existing files are refused.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileScenario, SKILLS } from '../../../src/engine';
import { scenarioStats } from '../../../src/authoring/stats';
import { collectTexts } from '../../../src/engine/texts';
import { removeScratch, run, scratch, STACK_TRACE } from './support';

const THAI = /[\u0E01-\u0E5B]/;

let tmp: ReturnType<typeof scratch>;
let file: string;
let text: string;

beforeAll(async () => {
  vi.stubEnv('PRASAN_LANG', 'en');
  tmp = scratch('new');
  const result = await run('new', 'senate-question', '--dir', tmp.dir);
  expect(result.code, result.err).toBe(0);
  file = join(tmp.dir, 'senate-question.yaml');
  expect(result.out).toBe(`wrote ${file}; check it with: npx prasan check ${file}`);
  text = readFileSync(file, 'utf8');
});
afterAll(() => {
  vi.unstubAllEnvs();
  removeScratch();
});

describe('prasan new: the starter scenario', () => {
  it('writes <dir>/<id>.yaml and nothing else, with the id inside', () => {
    expect(readdirSync(tmp.dir)).toEqual(['senate-question.yaml']);
    expect(text).toMatch(/^id: senate-question\b/m);
  });

  it('passes check with 0 errors and 0 warnings', async () => {
    const result = await run('check', file);
    expect(result.code).toBe(0);
    expect(result.out).toBe('');
    expect(result.err).toBe('1 file(s) checked: 0 error(s), 0 warning(s)');
    // The same through the engine: no diagnostic at all, and a compiled scenario.
    const compiled = compileScenario('senate-question.yaml', text);
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.compiled?.model.id).toBe('senate-question');
  });

  it('passes test: every state has a way on, every ending is reached', async () => {
    const result = await run('test', file, '--seed', '11', '--runs', '50');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/: ok — \d+ states and \d+ transitions explored, 50 random runs with seed 11$/);
    expect(result.err).toBe('');
  });

  it('has every text in both Thai and English, the Thai in Thai script', () => {
    const { compiled } = compileScenario('senate-question.yaml', text);
    const scenario = compiled!.scenario;
    expect(scenario.languages).toEqual(['th', 'en']);
    const sites = collectTexts(scenario);
    // Title, summary, reference, character, meter, trainer, three nodes' texts, choices, feedback, endings.
    expect(sites.length).toBeGreaterThanOrEqual(20);
    for (const site of sites) {
      const th = site.text['th' as keyof typeof site.text] ?? '';
      const en = site.text['en' as keyof typeof site.text] ?? '';
      expect(th, site.key).toMatch(THAI);
      expect(en, site.key).toMatch(/^[\x20-\x7E’…—]+$/);
    }
  });

  it('is commented: whole-line comments and comments after values explain the format', () => {
    const lines = text.split('\n');
    const commentLines = lines.filter((l) => l.startsWith('#'));
    expect(commentLines.length).toBeGreaterThanOrEqual(3);
    // The schema line points at the project's JSON Schema from wherever the file was written.
    const schema = /^# yaml-language-server: \$schema=(.+)$/.exec(commentLines[0] ?? '')?.[1];
    expect(schema).toBeDefined();
    expect(resolve(dirname(file), schema!)).toBe(resolve('scenarios/schema/scenario.schema.json'));
    // Trailing comments name the allowed values where a trainer has to choose one.
    const trailing = lines.filter((l) => /^\s*[a-z-]+:.*\s#\s/.test(l));
    expect(trailing.length).toBeGreaterThanOrEqual(10);
    expect(text).toContain('# introductory | intermediate | advanced');
    expect(text).toContain('# success | partial | failure');
  });

  it('shows each feature a trainer needs: all three node kinds, every ending kind, a timer, a condition', () => {
    const { compiled } = compileScenario('senate-question.yaml', text);
    const model = compiled!.model;
    const kinds = Object.values(model.nodes).map((n) => n.kind);
    expect(new Set(kinds)).toEqual(new Set(['decision', 'branch', 'ending']));
    const stats = scenarioStats(model);
    expect(new Set(Object.values(stats.byEnding).map((e) => e.kind))).toEqual(new Set(['success', 'partial', 'failure']));
    // Every skill is scored somewhere and can be changed in play; every choice is offered in some run.
    expect(stats.neverExercised).toEqual([]);
    expect(stats.neverOffered).toEqual([]);
    expect(Object.values(model.nodes).some((n) => n.kind === 'decision' && n.timeout)).toBe(true);
    expect(Object.values(model.nodes).some((n) => n.kind === 'decision' && n.choices.some((c) => c.when))).toBe(true);
    expect(SKILLS.every((s) => compiled!.exploration.max[s] > 0)).toBe(true);
  });

  it('makes the folder when it does not exist yet', async () => {
    const dir = join(tmp.dir, 'deeper', 'still');
    const result = await run('new', 'budget-debate', '--dir', dir);
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'budget-debate.yaml'))).toBe(true);
    expect(readFileSync(join(dir, 'budget-debate.yaml'), 'utf8')).toMatch(/^id: budget-debate\b/m);
  });
});

describe('prasan new: refusals', () => {
  for (const bad of ['Senate-Question', 'senate_question', 'senate--question', '1st-reading', '-senate', 'senate-', 'สภา', '../escape']) {
    it(`a bad id "${bad}": exit 2, a clear message, nothing written`, async () => {
      const before = readdirSync(tmp.dir).sort();
      // An id starting with '-' has to come after `--` to be read as an id at all.
      const result = await run('new', '--dir', tmp.dir, '--', bad);
      expect(result.code).toBe(2);
      expect(result.out).toBe('');
      expect(result.err).toContain(`"${bad}" is not a valid id`);
      expect(result.err).toContain('lowercase letters, digits and single hyphens');
      expect(result.err).not.toMatch(STACK_TRACE);
      expect(readdirSync(tmp.dir).sort()).toEqual(before);
    });
  }

  it('an existing file: exit 1, the file left exactly as it was', async () => {
    const before = readFileSync(file);
    const result = await run('new', 'senate-question', '--dir', tmp.dir);
    expect(result.code).toBe(1);
    expect(result.err).toBe(`prasan new: ${file} already exists; choose another id`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('an existing file that is not the starter is not touched either', async () => {
    const mine = tmp.write('my-own.yaml', '# my own work\n');
    const result = await run('new', 'my-own', '--dir', tmp.dir);
    expect(result.code).toBe(1);
    expect(readFileSync(mine, 'utf8')).toBe('# my own work\n');
  });

  it('no id, or two: a usage error, exit 2', async () => {
    expect((await run('new', '--dir', tmp.dir)).code).toBe(2);
    const two = await run('new', 'one-id', 'two-id', '--dir', tmp.dir);
    expect(two.code).toBe(2);
    expect(two.err).toContain('usage: prasan new ID');
    expect(existsSync(join(tmp.dir, 'one-id.yaml'))).toBe(false);
  });

  it('a --dir that is a file: exit 2 with a message, no stack trace', async () => {
    const notADir = tmp.write('plain-file', 'x');
    const result = await run('new', 'elsewhere', '--dir', notADir);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^prasan: .*plain-file/);
    expect(result.err).not.toMatch(STACK_TRACE);
  });
});
