/**
 * `prasan test`: explores every transition a scenario allows and plays seeded random runs through a
 * live actor of its machine, as the game does, reporting any state with no way forward, any run-time
 * error, and any ending no run reaches.
 */
import { createActor } from 'xstate';
import { eventFor, exploreStates, isEnded, isStuck, machineOf, offeredIds, type ScenarioModel } from '../engine';

export type Problem =
  | { kind: 'stuck'; node: string; path: string[] }
  | { kind: 'no-ending-ahead'; node: string; path: string[] }
  | { kind: 'unreached-ending'; node: string }
  | { kind: 'runtime-error'; run: number; path: string[]; message: string };

export interface TestReport {
  states: number;
  transitions: number;
  exhaustive: boolean;
  runs: number;
  seed: number;
  longestRun: number;
  problems: Problem[];
}

/** A small seeded generator (mulberry32), so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function testScenario(
  model: ScenarioModel,
  options: { seed: number; runs?: number; maxSteps?: number; stateLimit?: number },
): TestReport {
  const problems: Problem[] = [];
  const graph = exploreStates(model, options.stateLimit);
  const { states, edges } = graph;

  // The shortest way to each state, to show the trainer how to get there.
  const via = Array.from<number | undefined>({ length: states.length });
  const outgoing: number[][] = states.map(() => []);
  const incoming: number[][] = states.map(() => []);
  edges.forEach((e, i) => {
    outgoing[e.from]!.push(i);
    incoming[e.to]!.push(i);
    if (via[e.to] === undefined && e.to !== 0) via[e.to] = i;
  });
  const pathTo = (i: number): string[] => {
    const steps: string[] = [];
    for (let at = i, guard = 0; at !== 0 && via[at] !== undefined && guard < states.length; guard++) {
      const e = edges[via[at]!]!;
      steps.unshift(`${states[e.from]!.node}.${e.id}`);
      at = e.from;
    }
    return steps;
  };

  // States from which some ending can still be reached, walking the steps backwards.
  const canEnd = new Set(states.flatMap((s, i) => (isEnded(model, s) ? [i] : [])));
  const queue = [...canEnd];
  for (let head = 0; head < queue.length; head++) {
    for (const e of incoming[queue[head]!]!) {
      const from = edges[e]!.from;
      if (!canEnd.has(from)) {
        canEnd.add(from);
        queue.push(from);
      }
    }
  }
  const reported = new Set<string>();
  states.forEach((state, i) => {
    if (isEnded(model, state) || reported.has(state.node)) return;
    // A state past the state limit was never expanded: it has no steps yet without being stuck.
    if (outgoing[i]!.length === 0 && isStuck(model, state)) {
      reported.add(state.node);
      problems.push({ kind: 'stuck', node: state.node, path: pathTo(i) });
    } else if (graph.complete && !canEnd.has(i)) {
      reported.add(state.node);
      problems.push({ kind: 'no-ending-ahead', node: state.node, path: pathTo(i) });
    }
  });
  if (graph.complete) {
    const reached = new Set(states.filter((s) => isEnded(model, s)).map((s) => s.node));
    for (const node of Object.values(model.nodes)) {
      if (node.kind === 'ending' && !reached.has(node.id)) problems.push({ kind: 'unreached-ending', node: node.id });
    }
  }

  const runs = options.runs ?? 200;
  const maxSteps = options.maxSteps ?? 500;
  const random = seededRandom(options.seed);
  const machine = machineOf(model);
  let longestRun = 0;
  for (let run = 1; run <= runs; run++) {
    const path: string[] = [];
    try {
      const actor = createActor(machine).start();
      for (let n = 0; n < maxSteps && actor.getSnapshot().status === 'active'; n++) {
        const state = actor.getSnapshot().context;
        const ids = offeredIds(model, state);
        if (ids.length === 0) break;
        const id = ids[Math.floor(random() * ids.length)]!;
        path.push(`${state.node}.${id}`);
        actor.send(eventFor(id));
        if (actor.getSnapshot().context.path.length !== path.length)
          throw new Error(`"${id}" was offered at "${state.node}" but the machine did not take it`);
      }
      longestRun = Math.max(longestRun, path.length);
      actor.stop();
    } catch (error) {
      problems.push({ kind: 'runtime-error', run, path, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { states: states.length, transitions: edges.length, exhaustive: graph.complete, runs, seed: options.seed, longestRun, problems };
}
