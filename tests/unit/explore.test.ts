/**
 * Attainable scores (docs: scenario-format.md, "Attainable"): for each skill on its own, the highest
 * (and lowest) total of any run that reaches an ending, with conditions, clamping and first-time
 * scoring applied. The expected numbers are worked out by hand next to each fixture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileScenario,
  ENDING_KINDS,
  explore,
  SKILLS,
  type Condition,
  type NodeModel,
  type Outcome,
  type ScenarioModel,
} from '../../src/engine';
import { seededRandom } from '../../src/authoring/selftest';
import { bruteForce, compileOk, nonZero } from './helpers';

const END = 'end: { ending: success, title: { en: E }, text: { en: E } }';

describe('attainable on small fixtures', () => {
  it('a diamond: the best and worst path for each skill on its own', () => {
    const { model } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: x, text: { en: X }, next: b, scores: { ethics: 2, strategy: -1 } }
          - { id: y, text: { en: Y }, next: b, scores: { ethics: -1, strategy: 2 } }
      b:
        text: { en: B }
        choices:
          - { id: p, text: { en: P }, next: end, scores: { ethics: 1 } }
          - { id: q, text: { en: Q }, next: lose, scores: { ethics: -3 } }
      ${END}
      lose: { ending: failure, title: { en: L }, text: { en: L } }
    `);
    const result = explore(model);
    expect(result.exact).toBe(true);
    // ethics: x + p = 3 at best, y + q = -4 at worst; strategy: y = 2, x = -1.
    expect(nonZero(result.max)).toEqual({ ethics: 3, strategy: 2 });
    expect(nonZero(result.min)).toEqual({ ethics: -4, strategy: -1 });
    expect(result.endingsReached).toEqual(['end', 'lose']);
    expect(result.stuckAt).toEqual([]);
  });

  it('a skill never scored is 0 both ways', () => {
    const { model } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: go, text: { en: Go }, next: end, scores: { ethics: 1 } }
      ${END}
    `);
    const result = explore(model);
    for (const skill of SKILLS.filter((s) => s !== 'ethics')) {
      expect(result.max[skill], skill).toBe(0);
      expect(result.min[skill], skill).toBe(0);
    }
  });

  it('only runs that reach an ending count: points on a path that gets stuck are not attainable', () => {
    const { model } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: greedy, text: { en: G }, next: trap, scores: { strategy: 3 } }
          - { id: careful, text: { en: C }, next: trap, set: [k], scores: { strategy: 1 } }
      trap:
        text: { en: T }
        choices:
          - { id: out, text: { en: O }, when: { flag: k }, next: end }
      ${END}
    `);
    const result = explore(model);
    // greedy leads to `trap` with k off: stuck, never an ending. careful (1) is the best that ends.
    expect(result.max.strategy).toBe(1);
    expect(result.min.strategy).toBe(1);
    expect(result.stuckAt).toEqual(['trap']);
  });

  it('loops: a looping choice counts once, so the maximum is finite and exact', () => {
    const { model } = compileOk(
      `
      hub:
        text: { en: Hub }
        timeout: { seconds: 5, next: hub, scores: { observation: -1 } }
        choices:
          - { id: praise, text: { en: P }, next: hub, scores: { ethics: 2 } }
          - { id: snipe, text: { en: S }, next: hub, scores: { ethics: -1 } }
          - { id: out, text: { en: O }, next: side, scores: { networking: 3 } }
          - { id: done, text: { en: D }, next: end }
      side:
        text: { en: Side }
        choices:
          - { id: back, text: { en: B }, next: hub, scores: { networking: -1 } }
          - { id: finish, text: { en: F }, next: end }
      ${END}
    `,
      { start: 'hub' },
    );
    const result = explore(model);
    expect(result.exact).toBe(true);
    // ethics: praise once = 2 (however often); snipe once = -1 (praise never). networking: out then
    // finish = 3; least is 0 (never go out: out-and-back is 3 - 1 = 2). observation: the timer, once: -1.
    expect(nonZero(result.max)).toEqual({ ethics: 2, networking: 3 });
    expect(nonZero(result.min)).toEqual({ ethics: -1, observation: -1 });
  });

  it('a skill condition: a bonus only offered to those who earned ethics first', () => {
    const model = skillGate();
    const result = explore(model);
    // strategy: greedy (3) then plain = 3, or honest (0) then bonus (2) = 2; greedy + bonus (5) is
    // impossible because bonus needs ethics ≥ 2. ethics: honest = 2.
    expect(result.exact).toBe(true);
    expect(nonZero(result.max)).toEqual({ ethics: 2, strategy: 3 });
    expect(nonZero(result.min)).toEqual({});
    expect(result.takeable.has('b.bonus')).toBe(true);
  });

  it('clamping: conditions on a clamped meter reach values that unclamped arithmetic never would', () => {
    const { model } = compileOk(
      `
      a:
        text: { en: A }
        choices:
          - { id: pump, text: { en: P }, next: a, effects: { m: 4 } }
          - { id: drain, text: { en: D }, next: a, effects: { m: -4 } }
          - { id: top, text: { en: T }, when: { meter: m, atLeast: 10 }, next: end, scores: { ethics: 3 } }
          - { id: two, text: { en: T }, when: { all: [{ meter: m, atLeast: 2 }, { meter: m, atMost: 2 }] }, next: end, scores: { strategy: 3 } }
          - { id: leave, text: { en: L }, next: end }
      ${END}
    `,
      { meters: 'm: { label: { en: M }, initial: 5, min: 0, max: 10 }' },
    );
    // Unclamped, m is always 5 + 4k: never 10, never 2. Clamped: 5 → 9 → 10 (top), 10 → 6 → 2 (two).
    const result = explore(model);
    expect(nonZero(result.max)).toEqual({ ethics: 3, strategy: 3 });
    expect(result.takeable.has('a.top')).toBe(true);
    expect(result.takeable.has('a.two')).toBe(true);
  });

  it('clamping can also make a condition unreachable: a choice that is never offered is not takeable', () => {
    const { model } = compileOk(
      `
      a:
        text: { en: A }
        choices:
          - { id: pump, text: { en: P }, next: a, effects: { m: 4 } }
          - { id: never, text: { en: N }, when: { meter: m, atLeast: 11 }, next: gold, scores: { ethics: 3 } }
          - { id: leave, text: { en: L }, next: end }
      gold: { ending: success, title: { en: G }, text: { en: G } }
      ${END}
    `,
      { meters: 'm: { label: { en: M }, initial: 5, min: 0, max: 10 }' },
    );
    const result = explore(model);
    expect(result.max.ethics).toBe(0);
    expect(result.takeable.has('a.never')).toBe(false);
    expect(result.takeable.has('a.pump')).toBe(true);
    expect(result.endingsReached).toEqual(['end']);
  });

  it('flags: a choice hidden until a flag is set later in the run, and unset again', () => {
    const { model } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: arm, text: { en: Arm }, next: b, set: [armed], scores: { strategy: -1 } }
          - { id: skip, text: { en: Skip }, next: b }
      b:
        text: { en: B }
        choices:
          - { id: disarm, text: { en: Disarm }, next: c, unset: [armed] }
          - { id: keep, text: { en: Keep }, next: c }
      c:
        text: { en: C }
        choices:
          - { id: fire, text: { en: Fire }, when: { flag: armed }, next: end, scores: { strategy: 3 } }
          - { id: stop, text: { en: Stop }, next: end }
      ${END}
    `);
    const result = explore(model);
    // strategy: arm (-1) + keep + fire (3) = 2 at best; arm and then stop = -1 at worst.
    expect(result.max.strategy).toBe(2);
    expect(result.min.strategy).toBe(-1);
  });
});

describe('the fallback when states are too many', () => {
  it('with a tiny state limit, exact is false and the bound ignores conditions (≥ the exact maximum)', () => {
    const model = skillGate();
    const exact = explore(model);
    const bound = explore(model, 2);
    expect(bound.exact).toBe(false);
    // Ignoring the condition, greedy (3) + bonus (2) = 5.
    expect(bound.max.strategy).toBe(5);
    for (const skill of SKILLS) {
      expect(bound.max[skill], skill).toBeGreaterThanOrEqual(exact.max[skill]);
      expect(bound.min[skill], skill).toBeLessThanOrEqual(exact.min[skill]);
    }
  });

  it('on a scenario with loops, the bound still holds for every skill', () => {
    const model = council();
    const exact = explore(model);
    const bound = explore(model, 2);
    expect(exact.exact).toBe(true);
    expect(bound.exact).toBe(false);
    for (const skill of SKILLS) {
      expect(bound.max[skill], skill).toBeGreaterThanOrEqual(exact.max[skill]);
      expect(bound.min[skill], skill).toBeLessThanOrEqual(exact.min[skill]);
    }
  });
});

describe('the explorer against brute force over full states', () => {
  it('council-loop (loops, timers, every condition kind): the same maxima, minima, endings and takeable choices', () => {
    const model = council();
    const result = explore(model);
    const reference = bruteForce(model, 50_000);
    expect(result.exact).toBe(true);
    expect(result.max).toEqual(reference.max);
    expect(result.min).toEqual(reference.min);
    expect(result.endingsReached).toEqual(reference.endingsReached);
    expect(result.stuckAt).toEqual(reference.stuckAt);
    expect([...result.takeable].sort()).toEqual([...reference.takeable].sort());
    // By hand, for two of them: ethics at most calm (1) + decline (1) = 2 (reaching `crisis` costs -3
    // and gives back at most 1); networking at most call (2) = 2.
    expect(result.max.ethics).toBe(2);
    expect(result.max.networking).toBe(2);
  });
});

describe('the explorer against brute force on random small scenarios', () => {
  // Random graphs with loops, branches, timers, a clamped meter, two flags and every kind of condition
  // (skill conditions included, so first-time scoring and merging states both matter).
  const base = compileOk('end: { ending: success, title: { en: E }, text: { en: E } }', { start: 'end' }).model;
  const seeds = Array.from({ length: 400 }, (_, i) => i + 1);

  it('400 seeded scenarios: the same maxima, minima, endings, stuck nodes and takeable choices', () => {
    const mismatches: string[] = [];
    let withLoops = 0;
    let withStuck = 0;
    for (const seed of seeds) {
      const model = randomModel(seed, base);
      const result = explore(model);
      const reference = bruteForce(model, 100_000);
      const same =
        result.exact &&
        JSON.stringify([result.max, result.min, result.endingsReached, result.stuckAt, [...result.takeable].sort()]) ===
          JSON.stringify([reference.max, reference.min, reference.endingsReached, reference.stuckAt, [...reference.takeable].sort()]);
      if (!same)
        mismatches.push(
          `seed ${seed}: explore ${JSON.stringify([result.max, result.min])} vs brute force ${JSON.stringify([reference.max, reference.min])}`,
        );
      if (reference.states > 2 * Object.keys(model.nodes).length) withLoops += 1;
      if (reference.stuckAt.length > 0) withStuck += 1;
    }
    expect(mismatches).toEqual([]);
    // The generator really makes the hard cases.
    expect(withLoops).toBeGreaterThan(50);
    expect(withStuck).toBeGreaterThan(10);
  }, 60_000);
});

function randomModel(seed: number, base: ScenarioModel): ScenarioModel {
  // The engine's seeded generator, so each seed gives the same scenario on every run.
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const skills = ['ethics', 'strategy'] as const;
  const decisions = Array.from({ length: int(1, 4) }, (_, i) => `d${i}`);
  const branches = Array.from({ length: int(0, 2) }, (_, i) => `b${i}`);
  const endings = Array.from({ length: int(1, 3) }, (_, i) => `e${i}`);
  const all = [...decisions, ...branches, ...endings];
  const choiceIds = Object.fromEntries(decisions.map((d) => [d, Array.from({ length: int(1, 3) }, (_, i) => `c${i}`)]));
  const timed = Object.fromEntries(decisions.map((d) => [d, random() < 0.3]));
  const chosen = decisions.flatMap((d) => [...choiceIds[d]!.map((c) => `${d}.${c}`), ...(timed[d] ? [`${d}.timeout`] : [])]);

  const condition = (depth: number): Condition => {
    switch (int(0, depth >= 2 ? 4 : 7)) {
      case 0:
        return { flag: pick(['f', 'g']) };
      case 1:
        return random() < 0.5 ? { meter: 'm', atLeast: int(0, 4) } : { meter: 'm', atMost: int(0, 4) };
      case 2:
        return random() < 0.5 ? { skill: pick(skills), atLeast: int(-2, 3) } : { skill: pick(skills), atMost: int(-3, 2) };
      case 3:
        return { visited: pick(all) };
      case 4:
        return { chose: pick(chosen) };
      case 5:
        return { not: condition(depth + 1) };
      case 6:
        return { all: [condition(depth + 1), condition(depth + 1)] };
      default:
        return { any: [condition(depth + 1), condition(depth + 1)] };
    }
  };
  const outcome = (id: string): Outcome => {
    const flag = pick(['f', 'g']);
    const roll = random();
    return {
      id,
      next: pick(all),
      scores: Object.fromEntries(skills.filter(() => random() < 0.6).map((s) => [s, int(-3, 3)])),
      effects: random() < 0.6 ? { m: int(-3, 3) } : {},
      set: roll < 0.3 ? [flag] : [],
      unset: roll > 0.8 ? [flag] : [],
      refs: [],
    };
  };
  const nodes: Record<string, NodeModel> = {};
  for (const d of decisions) {
    nodes[d] = {
      kind: 'decision',
      id: d,
      choices: choiceIds[d]!.map((c) => ({ ...outcome(c), ...(random() < 0.4 ? { when: condition(0) } : {}) })),
      ...(timed[d] ? { timeout: { ...outcome('timeout'), seconds: 5 } } : {}),
    };
  }
  // Branch rules lead to decisions and endings only, so there is never a loop of branches alone.
  for (const b of branches) {
    const rules = Array.from({ length: int(0, 2) }, () => ({ when: condition(0), next: pick([...decisions, ...endings]) }));
    nodes[b] = { kind: 'branch', id: b, rules: [...rules, { next: pick([...decisions, ...endings]) }] };
  }
  for (const e of endings) nodes[e] = { kind: 'ending', id: e, ending: pick(ENDING_KINDS), refs: [] };
  return {
    ...base,
    id: `random-${seed}`,
    start: pick([...decisions, ...branches]),
    meters: { m: { initial: int(0, 4), min: 0, max: 4 } },
    nodes,
  };
}

function skillGate(): ScenarioModel {
  return compileOk(`
    a:
      text: { en: A }
      choices:
        - { id: greedy, text: { en: G }, next: b, scores: { strategy: 3 } }
        - { id: honest, text: { en: H }, next: b, scores: { ethics: 2 } }
    b:
      text: { en: B }
      choices:
        - { id: bonus, text: { en: B }, when: { skill: ethics, atLeast: 2 }, next: end, scores: { strategy: 2 } }
        - { id: plain, text: { en: P }, next: end }
    ${END}
  `).model;
}

function council(): ScenarioModel {
  const text = readFileSync(new URL('../fixtures/engine/council-loop.yaml', import.meta.url), 'utf8');
  const result = compileScenario('council-loop.yaml', text);
  if (!result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled.model;
}
