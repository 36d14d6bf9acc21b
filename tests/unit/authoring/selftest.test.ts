/**
 * `prasan test` (issue: explores every transition and runs seeded random playthroughs, the seed
 * printed so a failure can be replayed; reports a state with no way forward, a run-time error, or an
 * ending no run reaches; exit 1 on any). Each fixture in tests/fixtures/authoring/test-*.yaml passes
 * `check` (warnings only) and hides exactly one problem only a run can find.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileScenario, hasErrors, type ScenarioModel } from '../../../src/engine';
import { seededRandom, testScenario, type TestReport } from '../../../src/authoring/selftest';
import { compileOk, scenarioYaml } from '../helpers';
import { EXAMPLE, FIXTURES, removeScratch, run, scratch, STACK_TRACE } from './support';

beforeAll(() => vi.stubEnv('PRASAN_LANG', 'en'));
afterAll(() => {
  vi.unstubAllEnvs();
  removeScratch();
});

const STUCK = join(FIXTURES, 'test-stuck.yaml');
const TRAP = join(FIXTURES, 'test-trap.yaml');
const UNREACHED = join(FIXTURES, 'test-unreached.yaml');

function model(path: string): ScenarioModel {
  const result = compileScenario(path.split('/').pop()!, readFileSync(path, 'utf8'));
  if (!result.compiled || hasErrors(result.diagnostics)) throw new Error(`${path} does not compile`);
  return result.compiled.model;
}

describe('the fixtures are valid scenarios: only running them shows the problem', () => {
  for (const file of [STUCK, TRAP, UNREACHED]) {
    it(file.split('/').pop()!, async () => {
      const result = await run('check', file);
      expect(result.code).toBe(0);
      expect(result.err).toMatch(/: 0 error\(s\)/);
    });
  }
});

describe('testScenario finds each problem', () => {
  it('a decision where no choice can be offered and there is no timer: stuck, with the way there', () => {
    const report = testScenario(model(STUCK), { seed: 1, runs: 20 });
    expect(report.problems).toEqual([{ kind: 'stuck', node: 'b', path: ['a.go'] }]);
    expect(report.exhaustive).toBe(true);
  });

  it('a loop whose only exit needs a flag never set on the way: no ending ahead', () => {
    const report = testScenario(model(TRAP), { seed: 1, runs: 20 });
    expect(report.problems).toEqual([{ kind: 'no-ending-ahead', node: 'b', path: ['a.enter'] }]);
    // The random runs that went in were cut off at the step limit, not ended.
    expect(report.longestRun).toBe(500);
  });

  it('a loop the run can never leave at all: every node in it, and the ending no run reaches', () => {
    const { model: trapped } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: on, text: { en: On }, next: b }
      b:
        text: { en: B }
        choices:
          - { id: again, text: { en: Again }, next: a }
          - { id: out, when: { flag: f }, text: { en: Out }, next: c }
      c:
        text: { en: C }
        choices:
          - { id: fin, set: [f], text: { en: Fin }, next: end }
      end: { ending: success, title: { en: E }, text: { en: E } }
    `);
    const report = testScenario(trapped, { seed: 3, runs: 5, maxSteps: 50 });
    expect(report.problems).toEqual([
      { kind: 'no-ending-ahead', node: 'a', path: [] },
      { kind: 'no-ending-ahead', node: 'b', path: ['a.on'] },
      { kind: 'unreached-ending', node: 'end' },
    ]);
  });

  it('an ending in the graph whose rule can never hold: unreached', () => {
    const report = testScenario(model(UNREACHED), { seed: 1, runs: 20 });
    expect(report.problems).toEqual([{ kind: 'unreached-ending', node: 'secret' }]);
  });

  it('good scenarios have no problem', () => {
    for (const file of [EXAMPLE, join(FIXTURES, 'stats-dag.yaml'), join(FIXTURES, 'stats-loop.yaml')]) {
      const report = testScenario(model(file), { seed: 5, runs: 50 });
      expect(report.problems, file).toEqual([]);
      expect(report.runs).toBe(50);
      expect(report.longestRun).toBeGreaterThan(0);
    }
  });

  it('a scenario too big to explore: the states beyond the limit are not called stuck', () => {
    // Four rooms that all lead to each other and out: thousands of states (which choices were taken).
    const rooms = [0, 1, 2, 3].map(
      (i) =>
        `n${i}:\n  text: { en: N }\n  choices:\n` +
        [0, 1, 2, 3]
          .filter((j) => j !== i)
          .map((j) => `    - { id: to${j}, text: { en: T }, next: n${j}, scores: { ethics: 1 } }`)
          .join('\n') +
        '\n    - { id: out, text: { en: O }, next: end }',
    );
    const { model: big } = compileOk([...rooms, 'end: { ending: success, title: { en: E }, text: { en: E } }'].join('\n'), { start: 'n0' });
    const report = testScenario(big, { seed: 1, runs: 10, stateLimit: 300 });
    expect(report.exhaustive).toBe(false);
    expect(report.states).toBeGreaterThan(300);
    // Every node offers `out` at all times: nothing is stuck, whatever was left unexplored.
    expect(report.problems).toEqual([]);
  });
});

describe('seeds', () => {
  it('the same seed gives the same report; the runs count is as asked', () => {
    const m = model(TRAP);
    const a = testScenario(m, { seed: 2024, runs: 37 });
    const b = testScenario(m, { seed: 2024, runs: 37 });
    expect(b).toEqual(a);
    expect(a.runs).toBe(37);
    expect(a.seed).toBe(2024);
  });

  it('the generator is seeded: one seed, one sequence; another seed, another sequence', () => {
    const sequence = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 8 }, () => random());
    };
    expect(sequence(7)).toEqual(sequence(7));
    expect(sequence(7)).not.toEqual(sequence(8));
    for (const x of sequence(123)) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('the random runs follow the seed: a scenario where runs differ gives seed-dependent reports', () => {
    // Three ways on at each of five steps: the longest run differs between seeds, reproducibly.
    const steps = [0, 1, 2, 3, 4].map(
      (i) =>
        `s${i}:\n  text: { en: S }\n  choices:\n    - { id: on, text: { en: On }, next: ${i < 4 ? `s${i + 1}` : 'end'} }\n    - { id: stop, text: { en: Stop }, next: end }`,
    );
    const { model: m } = compileOk([...steps, 'end: { ending: success, title: { en: E }, text: { en: E } }'].join('\n'), { start: 's0' });
    const longest = (seed: number) => testScenario(m, { seed, runs: 1 }).longestRun;
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(seeds.map(longest)).toEqual(seeds.map(longest));
    expect(new Set(seeds.map(longest)).size).toBeGreaterThan(1);
  });
});

describe('prasan test (the command)', () => {
  it('a good file: exit 0, the counts and the seed printed', async () => {
    const result = await run('test', EXAMPLE, '--seed', '123');
    expect(result.code).toBe(0);
    expect(result.out).toBe(`${EXAMPLE}: ok — 4 states and 3 transitions explored, 200 random runs with seed 123`);
    expect(result.err).toBe('');
  });

  it('without --seed a seed is chosen and printed, and replaying it gives the same report', async () => {
    const first = await run('test', TRAP, '--runs', '10');
    const seed = /with seed (\d+)$/m.exec(first.out)?.[1];
    expect(seed).toMatch(/^\d+$/);
    expect(first.err).toBe(`replay with: prasan test ${TRAP} --seed ${seed}`);
    const again = await run('test', TRAP, '--runs', '10', '--seed', seed!);
    expect(again).toEqual(first);
  });

  it('(a) stuck: exit 1, naming the node and how a run gets there', async () => {
    const result = await run('test', STUCK, '--seed', '42', '--runs', '20');
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      `${STUCK}: 1 problem(s) — 4 states and 3 transitions explored, 20 random runs with seed 42`,
      '  node "b" offers nothing and has no timer (reached by a.go)',
    ]);
    expect(result.err).toBe(`replay with: prasan test ${STUCK} --seed 42`);
  });

  it('(b) a loop with no exit: exit 1, naming where no ending can be reached any more', async () => {
    const result = await run('test', TRAP, '--seed', '42', '--runs', '20');
    expect(result.code).toBe(1);
    expect(result.out).toContain('  from node "b" no ending can be reached any more: a loop with no exit (reached by a.enter)');
  });

  it('(c) an ending no run reaches: exit 1, naming it', async () => {
    const result = await run('test', UNREACHED, '--seed', '42', '--runs', '20');
    expect(result.code).toBe(1);
    expect(result.out).toContain('  no run reaches the ending "secret"');
  });

  it('several files: one line each, exit 1 if any has a problem', async () => {
    const result = await run('test', EXAMPLE, UNREACHED, '--seed', '9', '--runs', '5');
    expect(result.code).toBe(1);
    const lines = result.out.split('\n');
    expect(lines[0]).toMatch(/quick-question\.yaml: ok — /);
    expect(lines[1]).toMatch(/test-unreached\.yaml: 1 problem\(s\) — /);
    expect(result.err).toBe(`replay with: prasan test ${EXAMPLE} ${UNREACHED} --seed 9`);
  });

  it('--json: one report per file, with the seed and the runs', async () => {
    const result = await run('test', EXAMPLE, STUCK, '--seed', '77', '--runs', '12', '--json');
    expect(result.code).toBe(1);
    const reports = JSON.parse(result.out) as (TestReport & { file: string })[];
    expect(reports.map((r) => [r.file, r.seed, r.runs, r.problems.length])).toEqual([
      [EXAMPLE, 77, 12, 0],
      [STUCK, 77, 12, 1],
    ]);
    // The same seed, the same JSON.
    expect((await run('test', EXAMPLE, STUCK, '--seed', '77', '--runs', '12', '--json')).out).toBe(result.out);
  });

  it('--runs 0 explores without random runs', async () => {
    const result = await run('test', UNREACHED, '--seed', '1', '--runs', '0');
    expect(result.code).toBe(1);
    expect(result.out).toContain('0 random runs with seed 1');
  });

  it('bad use: exit 2; a file with errors: exit 1 with its errors; neither with a stack trace', async () => {
    expect((await run('test')).code).toBe(2);
    const seed = await run('test', EXAMPLE, '--seed', 'soon');
    expect(seed.code).toBe(2);
    expect(seed.err).toBe('prasan test: --seed and --runs take whole numbers');
    expect((await run('test', EXAMPLE, '--runs', '-3')).code).toBe(2);
    expect((await run('test', join(FIXTURES, 'missing.yaml'))).code).toBe(2);
    const bad = scratch('selftest').write(
      't.yaml',
      scenarioYaml('end: { ending: success, title: { en: E }, text: { en: E } }', { start: 'nowhere' }),
    );
    const result = await run('test', bad, '--seed', '1');
    expect(result.code).toBe(1);
    expect(result.err).toContain('[PRS043]');
    expect(result.err).not.toMatch(STACK_TRACE);
  });
});

describe('test and play speak Thai with --lang th', () => {
  it('prasan test: the verdict, each problem and the replay line', async () => {
    const result = await run('test', join(FIXTURES, 'test-stuck.yaml'), '--seed', '3', '--lang', 'th');
    expect(result.code).toBe(1);
    expect(result.out).toContain('พบปัญหา 1 รายการ');
    expect(result.out).toMatch(/โหนด "b" ไม่มีตัวเลือกให้เลือกและไม่มีการจับเวลา \(ไปถึงได้โดย a\.go\)/);
    expect(result.err).toContain('เล่นซ้ำด้วย: prasan test');
  });

  it('prasan play: a choice not offered names the node and what was offered, in Thai', async () => {
    const result = await run('play', EXAMPLE, '--choices', 'answer', '--lang', 'th');
    expect(result.code).toBe(1);
    expect(result.err).toContain('ที่โหนด "filed" ไม่มีตัวเลือก "answer" ให้เลือก ตัวเลือกที่มีคือ: brief-early, wait, timeout');
  });
});
