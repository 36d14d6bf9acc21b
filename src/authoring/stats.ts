/**
 * A scenario's numbers for its author: how many nodes of each kind, the lowest and highest total each
 * skill can reach, the range of totals that lead to each ending, skills never exercised, choices that
 * are never offered, and how many different runs there are.
 */
import {
  exploreStates,
  isEnded,
  relax,
  relaxPlan,
  type ScenarioModel,
  type SkillId,
  SKILLS,
  type StateGraph,
  stronglyConnected,
  takenKey,
  topologicalOrder,
} from '../engine';

export type Range = { low: number; high: number };

export interface ScenarioStats {
  nodes: number;
  decisions: number;
  branches: number;
  endings: number;
  /** Lowest and highest total each skill can have at an ending. */
  skills: Record<SkillId, Range>;
  /** For each ending reached: per skill, and for the sum of all seven, the totals runs arrive with. */
  byEnding: Record<string, { kind: string; skills: Record<SkillId, Range>; total: Range }>;
  /** Skills that no offered choice or timer ever changes. */
  neverExercised: SkillId[];
  /** `NODE.CHOICE` that no run is ever offered. */
  neverOffered: string[];
  /** Runs from start to an ending in which no choice is taken twice; `atLeast` when it passed the cap. */
  runs: { count: number; atLeast: boolean };
  /** False when the scenario was too large to explore exactly; the ranges are then missing. */
  exact: boolean;
}

const RUN_COUNT_CAP = 10_000_000;

export function scenarioStats(model: ScenarioModel, stateLimit?: number): ScenarioStats {
  const nodes = Object.values(model.nodes);
  const graph = exploreStates(model, stateLimit);
  const { states, edges } = graph;
  const endingStates = states.flatMap((s, i) => (isEnded(model, s) ? [i] : []));

  // One pass per measure from the start gives the best and worst arrival at every state; each
  // ending then takes the extremes over its own states.
  type Measure = SkillId | 'total';
  const gainOf = (m: Measure) => (e: StateGraph['edges'][number]) =>
    m === 'total' ? SKILLS.reduce((sum, s) => sum + e.gain[s], 0) : e.gain[m];
  const passes = new Map<Measure, { high: (number | undefined)[]; low: (number | undefined)[] }>();
  const plan = relaxPlan(states.length, edges);
  for (const m of [...SKILLS, 'total' as const]) {
    passes.set(m, { high: relax(plan, edges, gainOf(m), 1), low: relax(plan, edges, gainOf(m), -1) });
  }
  const range = (m: Measure, at: number[]): Range => {
    const { high, low } = passes.get(m)!;
    const reached = at.filter((i) => high[i] !== undefined);
    if (reached.length === 0) return { low: 0, high: 0 };
    return {
      low: reached.reduce((v, i) => Math.min(v, low[i]!), Infinity),
      high: reached.reduce((v, i) => Math.max(v, high[i]!), -Infinity),
    };
  };
  const skillRanges = (at: number[]) => Object.fromEntries(SKILLS.map((s) => [s, range(s, at)])) as Record<SkillId, Range>;

  const byEnding: ScenarioStats['byEnding'] = {};
  for (const node of nodes) {
    if (node.kind !== 'ending') continue;
    const at = endingStates.filter((i) => states[i]!.node === node.id);
    if (at.length === 0) continue;
    byEnding[node.id] = { kind: node.ending, skills: skillRanges(at), total: range('total', at) };
  }

  const offered = new Set(edges.map((e) => takenKey(states[e.from]!.node, e.id)));
  const allChoices = nodes.flatMap((n) => (n.kind === 'decision' ? n.choices.map((c) => takenKey(n.id, c.id)) : []));
  const exercised = new Set(edges.flatMap((e) => SKILLS.filter((s) => e.gain[s] !== 0)));

  return {
    nodes: nodes.length,
    decisions: nodes.filter((n) => n.kind === 'decision').length,
    branches: nodes.filter((n) => n.kind === 'branch').length,
    endings: nodes.filter((n) => n.kind === 'ending').length,
    skills: skillRanges(endingStates),
    byEnding,
    neverExercised: graph.complete ? SKILLS.filter((s) => !exercised.has(s)) : [],
    neverOffered: graph.complete ? allChoices.filter((c) => !offered.has(c)) : [],
    runs: countRuns(model, graph),
    exact: graph.complete,
  };
}

/**
 * Runs in which no choice is taken twice. Each run is one path through the merged state graph; where
 * that graph has no loop, paths are counted by adding up over states, else they are walked to a cap.
 */
function countRuns(model: ScenarioModel, graph: StateGraph): { count: number; atLeast: boolean } {
  const { states, edges } = graph;
  const out: number[][] = states.map(() => []);
  edges.forEach((e, i) => out[e.from]!.push(i));
  // Without loops in the scenario no choice can come twice, so every path counts: add them up.
  const loops = new Set(stronglyConnected(model).values()).size < Object.keys(model.nodes).length || selfLoop(model);
  const order = loops ? undefined : topologicalOrder(states.length, edges, out);
  if (order && graph.complete) {
    const paths = new Array<number>(states.length).fill(0);
    for (const i of [...order].reverse()) {
      paths[i] = isEnded(model, states[i]!) ? 1 : out[i]!.reduce((sum, e) => sum + paths[edges[e]!.to]!, 0);
    }
    const count = paths[0] ?? 0;
    return count > RUN_COUNT_CAP ? { count: RUN_COUNT_CAP, atLeast: true } : { count, atLeast: false };
  }
  // Loops: a run may come back to a node but takes no choice twice. A state's key records which of
  // the looping choices ahead were taken, and a choice that leaves its loop can't come twice, so the
  // runs from a state depend on the state alone; and steps that take a new choice never lead back to
  // a state (each adds to what the key records). Add up over those steps, as above. (Walking every
  // run instead took time in proportion to the runs, and without bound when they led nowhere.)
  const fresh = edges.filter((e) => !states[e.from]!.taken.includes(takenKey(states[e.from]!.node, e.id)));
  const onward: number[][] = states.map(() => []);
  fresh.forEach((e, i) => onward[e.from]!.push(i));
  const freshOrder = topologicalOrder(states.length, fresh, onward);
  if (!freshOrder) return { count: 0, atLeast: true };
  const runs = new Array<number>(states.length).fill(0);
  for (const i of [...freshOrder].reverse()) {
    runs[i] = isEnded(model, states[i]!)
      ? 1
      : Math.min(
          RUN_COUNT_CAP + 1,
          onward[i]!.reduce((sum, e) => sum + runs[fresh[e]!.to]!, 0),
        );
  }
  const count = runs[0] ?? 0;
  return count > RUN_COUNT_CAP ? { count: RUN_COUNT_CAP, atLeast: true } : { count, atLeast: !graph.complete };
}

function selfLoop(model: ScenarioModel): boolean {
  return Object.values(model.nodes).some((n) =>
    n.kind === 'decision'
      ? [...n.choices, ...(n.timeout ? [n.timeout] : [])].some((o) => o.next === n.id)
      : n.kind === 'branch' && n.rules.some((r) => r.next === n.id),
  );
}
