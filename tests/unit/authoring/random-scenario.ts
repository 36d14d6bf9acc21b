/**
 * Random scenarios for property tests: a fast-check arbitrary of small scenario graphs (decisions,
 * branches and endings; choices with scores, effects, flags and conditions; loops), written out as a
 * scenario file, and reference answers computed by brute force over full run states.
 */
import fc from 'fast-check';
import {
  isEnded,
  offeredIds,
  SKILLS,
  startRun,
  step,
  takenKey,
  type RunState,
  type ScenarioModel,
  type SkillId,
} from '../../../src/engine';
import { fullKey } from '../helpers';

export type CondSpec =
  | { flag: number }
  | { meter: 'atLeast' | 'atMost'; n: number }
  | { skill: SkillId; bound: 'atLeast' | 'atMost'; n: number }
  | { visited: number }
  | { chose: [number, number] }
  | { not: CondSpec }
  | { all: CondSpec[] }
  | { any: CondSpec[] };

export interface ChoiceSpec {
  next: number;
  when?: CondSpec;
  scores: Partial<Record<SkillId, number>>;
  effect: number;
  set: number[];
  unset: number[];
}

export type NodeSpec =
  | { kind: 'decision'; choices: ChoiceSpec[]; timeout?: { next: number; score: number } }
  | { kind: 'branch'; rules: { when: CondSpec; next: number }[]; otherwise: number }
  | { kind: 'ending'; ending: 'success' | 'partial' | 'failure' };

export interface ScenarioSpec {
  nodes: NodeSpec[];
}

const FLAGS = 3;

function condition(nodes: number): fc.Arbitrary<CondSpec> {
  const { cond } = fc.letrec<{ cond: CondSpec }>((tie) => ({
    cond: fc.oneof(
      { maxDepth: 2, depthSize: 'small', withCrossShrink: true },
      fc.record({ flag: fc.nat(FLAGS - 1) }),
      fc.record({ meter: fc.constantFrom('atLeast' as const, 'atMost' as const), n: fc.integer({ min: -1, max: 11 }) }),
      fc.record({
        skill: fc.constantFrom(...SKILLS.slice(0, 3)),
        bound: fc.constantFrom('atLeast' as const, 'atMost' as const),
        n: fc.integer({ min: -3, max: 4 }),
      }),
      fc.record({ visited: fc.nat(nodes - 1) }),
      fc.record({ chose: fc.tuple(fc.nat(nodes - 1), fc.nat(3)) }),
      fc.record({ not: tie('cond') }),
      fc.record({ all: fc.array(tie('cond'), { minLength: 1, maxLength: 2 }) }),
      fc.record({ any: fc.array(tie('cond'), { minLength: 1, maxLength: 2 }) }),
    ),
  }));
  return cond;
}

/**
 * Small scenarios: node 0 a decision, at least one success ending, `next`s mostly forward (so most
 * files are valid) with some backward (loops). `loops: false` keeps every `next` forward.
 */
export function scenarioSpec(options: { maxNodes?: number; loops?: boolean } = {}): fc.Arbitrary<ScenarioSpec> {
  const maxNodes = options.maxNodes ?? 7;
  return fc.integer({ min: 2, max: maxNodes }).chain((count) => {
    const target = (from: number) =>
      options.loops === false || from === count - 1
        ? fc.integer({ min: Math.min(from + 1, count - 1), max: count - 1 })
        : fc.oneof({ weight: 4, arbitrary: fc.integer({ min: from + 1, max: count - 1 }) }, { weight: 1, arbitrary: fc.nat(count - 1) });
    const cond = condition(count);
    const scores = fc.dictionary(fc.constantFrom(...SKILLS.slice(0, 4)), fc.integer({ min: -3, max: 3 }), { maxKeys: 2 }) as fc.Arbitrary<
      Partial<Record<SkillId, number>>
    >;
    const choice = (from: number): fc.Arbitrary<ChoiceSpec> =>
      fc.record({
        next: target(from),
        when: fc.option(cond, { nil: undefined, freq: 3 }),
        scores,
        effect: fc.integer({ min: -6, max: 6 }),
        set: fc.uniqueArray(fc.nat(FLAGS - 1), { maxLength: 1 }),
        unset: fc.uniqueArray(fc.nat(FLAGS - 1), { maxLength: 1 }),
      });
    const node = (i: number): fc.Arbitrary<NodeSpec> => {
      const decision = fc.record({
        kind: fc.constant('decision' as const),
        choices: fc.array(choice(i), { minLength: 1, maxLength: 3 }),
        timeout: fc.option(fc.record({ next: target(i), score: fc.integer({ min: -2, max: 2 }) }), { nil: undefined, freq: 4 }),
      });
      const branch = fc.record({
        kind: fc.constant('branch' as const),
        rules: fc.array(fc.record({ when: cond, next: target(i) }), { minLength: 1, maxLength: 2 }),
        otherwise: target(i),
      });
      const ending = fc.record({
        kind: fc.constant('ending' as const),
        ending: fc.constantFrom('success' as const, 'partial' as const, 'failure' as const),
      });
      if (i === 0) return decision;
      if (i === count - 1) return fc.constant({ kind: 'ending', ending: 'success' } as const);
      return fc.oneof({ weight: 4, arbitrary: decision }, { weight: 1, arbitrary: branch }, { weight: 2, arbitrary: ending });
    };
    return fc.tuple(...Array.from({ length: count }, (_, i) => node(i))).map((nodes) => ({ nodes }));
  });
}

const SHORT: Record<string, string> = { atLeast: 'atLeast', atMost: 'atMost' };

function renderCondition(c: CondSpec, spec: ScenarioSpec): string {
  if ('flag' in c) return `{ flag: f${c.flag} }`;
  if ('meter' in c) return `{ meter: m, ${SHORT[c.meter]}: ${c.n} }`;
  if ('skill' in c) return `{ skill: ${c.skill}, ${c.bound}: ${c.n} }`;
  if ('visited' in c) return `{ visited: n${c.visited} }`;
  if ('chose' in c) {
    const [node, choice] = c.chose;
    const target = spec.nodes[node];
    // Only a real choice can be named: otherwise ask whether the node was visited.
    if (target?.kind !== 'decision') return `{ visited: n${node} }`;
    return choice < target.choices.length
      ? `{ chose: n${node}.c${choice} }`
      : target.timeout
        ? `{ chose: n${node}.timeout }`
        : `{ visited: n${node} }`;
  }
  if ('not' in c) return `{ not: ${renderCondition(c.not, spec)} }`;
  if ('all' in c) return `{ all: [${c.all.map((x) => renderCondition(x, spec)).join(', ')}] }`;
  return `{ any: [${c.any.map((x) => renderCondition(x, spec)).join(', ')}] }`;
}

function renderScores(scores: Partial<Record<SkillId, number>>): string {
  const entries = Object.entries(scores).filter(([, v]) => v !== 0);
  return entries.length === 0 ? '' : `, scores: { ${entries.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
}

/** The scenario file for a spec (id `r`, one meter `m` 0..10 starting at 5, English only). */
export function renderScenario(spec: ScenarioSpec): string {
  const lines = [
    'format: 1',
    'id: r',
    'languages: [en]',
    'title: { en: R }',
    'summary: { en: S }',
    'start: n0',
    'meters:',
    '  m: { label: { en: M }, initial: 5, min: 0, max: 10 }',
    'nodes:',
  ];
  spec.nodes.forEach((node, i) => {
    lines.push(`  n${i}:`);
    if (node.kind === 'ending') {
      lines.push(`    ending: ${node.ending}`, `    title: { en: "End ${i}" }`, `    text: { en: "Text ${i}" }`);
      return;
    }
    if (node.kind === 'branch') {
      lines.push('    branch:');
      for (const rule of node.rules) lines.push(`      - { when: ${renderCondition(rule.when, spec)}, next: n${rule.next} }`);
      lines.push(`      - { next: n${node.otherwise} }`);
      return;
    }
    lines.push(`    text: { en: "Node ${i}" }`);
    if (node.timeout) {
      const score = node.timeout.score === 0 ? '' : `, scores: { strategy: ${node.timeout.score} }`;
      lines.push(`    timeout: { seconds: 30, next: n${node.timeout.next}${score} }`);
    }
    lines.push('    choices:');
    node.choices.forEach((c, j) => {
      const set = c.set.filter((f) => !c.unset.includes(f));
      const parts = [
        `id: c${j}`,
        `text: { en: "Choice ${j}" }`,
        `next: n${c.next}`,
        ...(c.when ? [`when: ${renderCondition(c.when, spec)}`] : []),
        ...(c.effect !== 0 ? [`effects: { m: ${c.effect} }`] : []),
        ...(set.length > 0 ? [`set: [${set.map((f) => `f${f}`).join(', ')}]`] : []),
        ...(c.unset.length > 0 ? [`unset: [${c.unset.map((f) => `f${f}`).join(', ')}]`] : []),
        `feedback: { en: "F" }`,
      ];
      lines.push(`      - { ${parts.join(', ')}${renderScores(c.scores)} }`);
    });
  });
  return `${lines.join('\n')}\n`;
}

export type Range = { low: number; high: number };

export interface Reference {
  /** Per skill and for the total, the lowest and highest at each ending reached. */
  byEnding: Record<string, { skills: Record<SkillId, Range>; total: Range }>;
  skills: Record<SkillId, Range>;
  /** `NODE.CHOICE` offered in some reachable state (timers excluded). */
  offered: Set<string>;
  /** Skills some step taken in a reachable state changes. */
  exercised: Set<SkillId>;
}

const widen = (r: Range | undefined, v: number): Range =>
  r ? { low: Math.min(r.low, v), high: Math.max(r.high, v) } : { low: v, high: v };

/**
 * The stats a scenario should have, by brute force over full states (nothing merged), or undefined
 * past `limit` states.
 */
export function referenceStats(model: ScenarioModel, limit = 20_000): Reference | undefined {
  const first = startRun(model);
  const seen = new Set([fullKey(first)]);
  const queue: RunState[] = [first];
  const byEnding: Reference['byEnding'] = {};
  const skills = {} as Record<SkillId, Range>;
  const offered = new Set<string>();
  const exercised = new Set<SkillId>();
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    if (isEnded(model, state)) {
      const total = SKILLS.reduce((sum, s) => sum + state.skills[s], 0);
      const entry = (byEnding[state.node] ??= { skills: {} as Record<SkillId, Range>, total: { low: total, high: total } });
      entry.total = widen(entry.total, total);
      for (const s of SKILLS) {
        entry.skills[s] = widen(entry.skills[s], state.skills[s]);
        skills[s] = widen(skills[s], state.skills[s]);
      }
      continue;
    }
    for (const id of offeredIds(model, state)) {
      if (id !== 'timeout') offered.add(takenKey(state.node, id));
      const next = step(model, { ...state, path: [] }, id)!;
      for (const s of SKILLS) if (next.skills[s] !== state.skills[s]) exercised.add(s);
      const key = fullKey(next);
      if (seen.has(key)) continue;
      if (seen.size >= limit) return undefined;
      seen.add(key);
      queue.push(next);
    }
  }
  for (const s of SKILLS) skills[s] ??= { low: 0, high: 0 };
  return { byEnding, skills, offered, exercised };
}

/**
 * Runs from the start to an ending in which no choice (or timer) is taken twice, counted one by one
 * over full states; undefined past `budget` steps.
 */
export function countRunsByWalking(model: ScenarioModel, budget = 200_000): number | undefined {
  let steps = 0;
  let count = 0;
  const walk = (state: RunState, taken: Set<string>): boolean => {
    if (isEnded(model, state)) {
      count++;
      return true;
    }
    for (const id of offeredIds(model, state)) {
      const key = takenKey(state.node, id);
      if (taken.has(key)) continue;
      if (++steps > budget) return false;
      taken.add(key);
      const ok = walk(step(model, state, id)!, taken);
      taken.delete(key);
      if (!ok) return false;
    }
    return true;
  };
  return walk(startRun(model), new Set()) ? count : undefined;
}
