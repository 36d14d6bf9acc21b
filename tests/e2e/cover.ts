/**
 * Walks that show every decision of a scenario, and at each decision the choice with the longest
 * feedback, in few clicks (greedy, on the merged state graph): from where the walk is, go to the
 * nearest decision whose target choice hasn't been taken yet, take it, and so on; when none is left
 * within reach, go to the nearest ending and start a new walk from the start.
 */
import { exploreStates, type ScenarioModel, type StringTable } from '../../src/engine';

export interface Walk {
  /** The choice ids (or `timeout`) to take, from the start. */
  choices: string[];
  /** The steps whose feedback is a target (the longest at its node), by index in `choices`. */
  targets: number[];
}

/**
 * At each decision, the choice whose feedback is longest (both languages together). Timers are off in
 * the walks, so a timer is a target only at a node whose only way on it is.
 */
export function longestFeedback(model: ScenarioModel, strings: StringTable): Map<string, string> {
  const length = (key: string) => Object.values(strings).reduce((sum, table) => sum + (table?.[key]?.length ?? 0), 0);
  const targets = new Map<string, string>();
  for (const node of Object.values(model.nodes)) {
    if (node.kind !== 'decision') continue;
    const ids = node.choices.length > 0 ? node.choices.map((c) => c.id) : ['timeout'];
    const key = (id: string) => (id === 'timeout' ? `nodes/${node.id}/timeout/feedback` : `nodes/${node.id}/choices/${id}/feedback`);
    targets.set(
      node.id,
      ids.reduce((best, id) => (length(key(id)) > length(key(best)) ? id : best)),
    );
  }
  return targets;
}

export function coverWalks(model: ScenarioModel, targets: Map<string, string>): Walk[] {
  const graph = exploreStates(model);
  if (!graph.complete) throw new Error(`${model.id}: too many states to plan walks`);
  const out: { to: number; id: string }[][] = graph.states.map(() => []);
  for (const e of graph.edges) out[e.from]!.push({ to: e.to, id: e.id });
  // With timers off, a timer can be let run out only where nothing else is offered.
  for (const [i, edges] of out.entries()) if (edges.some((e) => e.id !== 'timeout')) out[i] = edges.filter((e) => e.id !== 'timeout');
  const isTarget = (state: number, id: string) => targets.get(graph.states[state]!.node) === id;
  const done = new Set<string>();
  const open = (state: number, id: string) => isTarget(state, id) && !done.has(graph.states[state]!.node);
  const atEnding = (state: number) => model.nodes[graph.states[state]!.node]!.kind === 'ending';

  /** Breadth-first from `from` to the first step `goal` accepts: the steps there, or undefined. */
  const nearest = (from: number, goal: (state: number, id: string, to: number) => boolean) => {
    const back = new Map<number, { prev: number; id: string }>([[from, { prev: -1, id: '' }]]);
    const queue = [from];
    for (let i = 0; i < queue.length; i++) {
      const s = queue[i]!;
      for (const { to, id } of out[s]!) {
        if (goal(s, id, to)) {
          const steps = [{ state: s, id, to }];
          for (let at = s; back.get(at)!.prev >= 0; at = back.get(at)!.prev)
            steps.unshift({ state: back.get(at)!.prev, id: back.get(at)!.id, to: at });
          return steps;
        }
        if (!back.has(to)) {
          back.set(to, { prev: s, id });
          queue.push(to);
        }
      }
    }
    return undefined;
  };

  const walks: Walk[] = [];
  while ([...targets.keys()].some((n) => !done.has(n))) {
    const walk: Walk = { choices: [], targets: [] };
    let at = 0;
    for (;;) {
      const steps = nearest(at, open) ?? nearest(at, (_s, _id, to) => atEnding(to));
      if (!steps) break;
      for (const { state, id, to } of steps) {
        if (open(state, id)) {
          done.add(graph.states[state]!.node);
          walk.targets.push(walk.choices.length);
        }
        walk.choices.push(id);
        at = to;
      }
      if (atEnding(at)) break;
    }
    if (walk.targets.length === 0) {
      throw new Error(`${model.id}: no walk reaches ${[...targets.keys()].filter((n) => !done.has(n)).join(', ')}`);
    }
    walks.push(walk);
  }
  return walks;
}
