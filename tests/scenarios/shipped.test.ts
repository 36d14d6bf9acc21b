/**
 * Every scenario in scenarios/*.yaml (found when the tests run, so a new file is checked as soon as it
 * lands): it loads cleanly, every run can end, every ending and choice is reachable, the attainable
 * scores agree with a brute-force walk over full states, and every path ends. (Golden playthroughs:
 * plans.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileScenario,
  ENDING_KINDS,
  formatDiagnostic,
  SKILLS,
  textKey,
  type CompileResult,
  type CompiledScenario,
  type ScenarioModel,
} from '../../src/engine';
import { bruteForce, type BruteForce } from '../unit/helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS = join(ROOT, 'scenarios');
/** The seed scenarios the product requires (checked further when present). */
const SEEDS = ['no-confidence-motion', 'money-bill-certification'];
/** Full states the brute-force walk may visit per scenario before the test fails. */
const FULL_STATE_LIMIT = 1_000_000;
const SLOW = 180_000;

const files = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

it('there is at least one shipped scenario in scenarios/', () => {
  expect(files.length).toBeGreaterThan(0);
});

describe.each(files)('scenarios/%s', (name) => {
  const id = name.replace(/\.yaml$/, '');
  let result: CompileResult;
  let brute: BruteForce | undefined;

  beforeAll(() => {
    const path = join(SCENARIOS, name);
    result = compileScenario(path, readFileSync(path, 'utf8'));
  });

  /** The compiled scenario, or a failure that lists the file's problems. */
  function compiled(): CompiledScenario {
    if (!result.compiled) {
      throw new Error(`scenarios/${name} does not compile:\n${result.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`);
    }
    return result.compiled;
  }

  function fullWalk(): BruteForce {
    brute ??= bruteForce(compiled().model, FULL_STATE_LIMIT);
    return brute;
  }

  it('compiles with no errors and no warnings', () => {
    expect(result.diagnostics.map((d) => formatDiagnostic(d))).toEqual([]);
    expect(result.compiled).toBeDefined();
  });

  it('its id matches the file name', () => {
    expect(compiled().model.id).toBe(id);
  });

  it('the exploration is exact (not the fallback bound)', () => {
    expect(compiled().exploration.exact).toBe(true);
  });

  it('no run can get stuck (no decision node ever offers nothing)', () => {
    expect(compiled().exploration.stuckAt).toEqual([]);
  });

  it('every ending is reached by some run', () => {
    const { model, exploration } = compiled();
    const endings = Object.values(model.nodes)
      .flatMap((n) => (n.kind === 'ending' ? [n.id] : []))
      .sort();
    expect(exploration.endingsReached).toEqual(endings);
  });

  it('every choice and timer can be taken in some run (none is never offered)', () => {
    const { model, exploration } = compiled();
    const never = allOutcomes(model).filter((key) => !exploration.takeable.has(key));
    expect(never).toEqual([]);
  });

  it(
    'a brute-force walk over full states finds the same per-skill max and min at endings',
    () => {
      const { exploration } = compiled();
      const walk = fullWalk();
      expect(walk.states).toBeGreaterThan(0);
      expect(exploration.max).toEqual(walk.max);
      expect(exploration.min).toEqual(walk.min);
      expect(exploration.endingsReached).toEqual(walk.endingsReached);
      expect(exploration.stuckAt).toEqual(walk.stuckAt);
      expect([...exploration.takeable].sort()).toEqual([...walk.takeable].sort());
    },
    SLOW,
  );

  it(
    'every path ends: from every reachable full state some ending can still be reached',
    () => {
      expect(fullWalk().deadEnds).toEqual([]);
    },
    SLOW,
  );

  if (SEEDS.includes(id)) {
    describe('the product requirements for a seed scenario', () => {
      it('has at least 12 decision nodes', () => {
        const decisions = Object.values(compiled().model.nodes).filter((n) => n.kind === 'decision');
        expect(decisions.length).toBeGreaterThanOrEqual(12);
      });

      it('has a branch node with conditions', () => {
        const branches = Object.values(compiled().model.nodes).filter((n) => n.kind === 'branch' && n.rules.some((r) => r.when));
        expect(branches.length).toBeGreaterThan(0);
      });

      it('has at least 3 endings, covering success, partial and failure', () => {
        const { model } = compiled();
        const kinds = Object.values(model.nodes).flatMap((n) => (n.kind === 'ending' ? [n.ending] : []));
        expect(kinds.length).toBeGreaterThanOrEqual(3);
        expect([...new Set(kinds)].sort()).toEqual([...ENDING_KINDS].sort());
      });

      it('has a timeout', () => {
        expect(Object.values(compiled().model.nodes).some((n) => n.kind === 'decision' && n.timeout)).toBe(true);
      });

      it('every skill is both earned (> 0) and lost (< 0) on some choice or timer', () => {
        const { model } = compiled();
        const scores = Object.values(model.nodes).flatMap((n) =>
          n.kind === 'decision' ? [...n.choices, ...(n.timeout ? [n.timeout] : [])].map((o) => o.scores) : [],
        );
        const missing = SKILLS.flatMap((s) => [
          ...(scores.some((x) => (x[s] ?? 0) > 0) ? [] : [`${s} is never earned`]),
          ...(scores.some((x) => (x[s] ?? 0) < 0) ? [] : [`${s} is never lost`]),
        ]);
        expect(missing).toEqual([]);
      });

      it('every choice has feedback, in Thai and English', () => {
        const { model, strings } = compiled();
        const lacking = Object.values(model.nodes).flatMap((n) =>
          n.kind === 'decision'
            ? n.choices
                .filter((c) => !strings.th?.[textKey.feedback(n.id, c.id)]?.trim() || !strings.en?.[textKey.feedback(n.id, c.id)]?.trim())
                .map((c) => `${n.id}.${c.id}`)
            : [],
        );
        expect(lacking).toEqual([]);
      });

      it('every text is in Thai and English (the same texts, none empty)', () => {
        const { model, strings } = compiled();
        expect([...model.languages].sort()).toEqual(['en', 'th']);
        const th = strings.th ?? {};
        const en = strings.en ?? {};
        expect(Object.keys(th).sort()).toEqual(Object.keys(en).sort());
        expect(Object.keys(th).length).toBeGreaterThan(0);
        const empty = [...Object.entries(th), ...Object.entries(en)].filter(([, v]) => v.trim() === '').map(([k]) => k);
        expect(empty).toEqual([]);
      });
    });
  }
});

/** `NODE.CHOICE` for every choice, and `NODE.timeout` for every timer. */
function allOutcomes(model: ScenarioModel): string[] {
  return Object.values(model.nodes).flatMap((n) =>
    n.kind === 'decision' ? [...n.choices.map((c) => `${n.id}.${c.id}`), ...(n.timeout ? [`${n.id}.timeout`] : [])] : [],
  );
}
