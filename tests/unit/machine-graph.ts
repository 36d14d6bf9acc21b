/**
 * Exploring the XState machine with `xstate/graph`: which ending nodes its transitions reach.
 */
import { getShortestPaths } from 'xstate/graph';
import {
  createScenarioMachine,
  type Condition,
  type RunState,
  type ScenarioEvent,
  type ScenarioModel,
  type ScenarioSnapshot,
} from '../../src/engine';

/** The ids of a scenario's ending nodes, sorted. */
export function endings(model: ScenarioModel): string[] {
  return Object.values(model.nodes)
    .filter((n) => n.kind === 'ending')
    .map((n) => n.id)
    .sort();
}

/** The events a snapshot is sent: every choice id its node has (hidden ones too) and `timer.expired`. */
export function eventsAt(model: ScenarioModel, snapshot: ScenarioSnapshot): ScenarioEvent[] {
  const node = model.nodes[String(snapshot.value)];
  if (!node || node.kind !== 'decision') return [];
  return [
    ...node.choices.map((choice): ScenarioEvent => ({ type: 'user.choose', choice: choice.id })),
    ...(node.timeout ? [{ type: 'timer.expired' } as const] : []),
  ];
}

/**
 * The ending nodes `xstate/graph` reaches from the machine's initial state, sending at each node every
 * choice id it has (hidden ones too: the machine's guards must refuse them) and `timer.expired`; each
 * with the events of a path that reaches it, and how many rounds (below) it took.
 *
 * States are keyed on the snapshot value plus the context without its path, reduced to what conditions
 * read. That is done in rounds, coarse to fine, stopping once every ending is found: every path
 * xstate/graph follows is made of real transitions, so an ending found in any round is truly
 * reachable. The last round is exact — the meters, flags, skills, visits and choices that some
 * condition reads, and, for a skill a condition reads, whether each choice that scores it and can come
 * round again was taken (it scores only the first time) — so two states with the same key have the
 * same future, and an ending it misses is unreachable. (Keying on the whole context, every visit and
 * choice taken, gives the same answer but takes about a minute per seed scenario in xstate/graph.)
 */
export function graphEndings(model: ScenarioModel): { found: Map<string, ScenarioEvent[]>; rounds: number } {
  const reads = conditionReads(model);
  const repeatable = repeatableScoring(model, reads.skills);
  const all = endings(model);
  const found = new Map<string, ScenarioEvent[]>();
  const events = (snapshot: ScenarioSnapshot) => eventsAt(model, snapshot);
  const flagsRead = (c: RunState) => c.flags.filter((f) => reads.flags.has(f));
  const visitedRead = (c: RunState) => c.visited.filter((v) => reads.visited.has(v)).sort();
  const chosenRead = (c: RunState) => c.taken.filter((t) => reads.chose.has(t)).sort();
  const metersRead = (c: RunState) => [...reads.meters].map((m) => c.meters[m]);
  const skillsRead = (c: RunState) => [...reads.skills].map((s) => c.skills[s as keyof RunState['skills']]);
  const rounds: ((c: RunState) => unknown[])[] = [
    (c) => [flagsRead(c), visitedRead(c), chosenRead(c)],
    (c) => [flagsRead(c), visitedRead(c), chosenRead(c), metersRead(c)],
    (c) => [flagsRead(c), visitedRead(c), chosenRead(c), metersRead(c), skillsRead(c), c.taken.filter((t) => repeatable.has(t)).sort()],
  ];
  const machine = createScenarioMachine(model);
  let used = 0;
  for (const round of rounds) {
    used += 1;
    const serializeState = (snapshot: ScenarioSnapshot): string => JSON.stringify([snapshot.value, ...round(snapshot.context)]);
    for (const path of getShortestPaths(machine, { serializeState, events })) {
      const value = String(path.state.value);
      if (model.nodes[value]?.kind === 'ending' && !found.has(value)) found.set(value, path.steps.map((s) => s.event).filter(isScenarioEvent));
    }
    if (all.every((e) => found.has(e))) break;
  }
  return { found, rounds: used };
}

/** A step's event, but not the `xstate.init` that starts every path. */
function isScenarioEvent(event: { type: string }): event is ScenarioEvent {
  return event.type === 'user.choose' || event.type === 'timer.expired';
}

export function conditionReads(model: ScenarioModel) {
  const reads = { flags: new Set<string>(), meters: new Set<string>(), skills: new Set<string>(), visited: new Set<string>(), chose: new Set<string>() };
  const read = (c: Condition): void => {
    if ('flag' in c) reads.flags.add(c.flag);
    else if ('meter' in c) reads.meters.add(c.meter);
    else if ('skill' in c) reads.skills.add(c.skill);
    else if ('visited' in c) reads.visited.add(c.visited);
    else if ('chose' in c) reads.chose.add(c.chose);
    else if ('not' in c) read(c.not);
    else if ('all' in c) c.all.forEach(read);
    else c.any.forEach(read);
  };
  for (const node of Object.values(model.nodes)) {
    if (node.kind === 'decision') node.choices.forEach((choice) => choice.when && read(choice.when));
    if (node.kind === 'branch') node.rules.forEach((rule) => rule.when && read(rule.when));
  }
  return reads;
}

/** `NODE.CHOICE` of choices and timers that score a skill in `skills` and whose node can be re-entered after them. */
function repeatableScoring(model: ScenarioModel, skills: Set<string>): Set<string> {
  const successors = (id: string): string[] => {
    const node = model.nodes[id]!;
    if (node.kind === 'decision') return [...node.choices.map((c) => c.next), ...(node.timeout ? [node.timeout.next] : [])];
    if (node.kind === 'branch') return node.rules.map((r) => r.next);
    return [];
  };
  const reaches = (from: string, target: string): boolean => {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === target) return true;
      for (const next of successors(id)) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return false;
  };
  const result = new Set<string>();
  for (const node of Object.values(model.nodes)) {
    if (node.kind !== 'decision') continue;
    for (const outcome of [...node.choices, ...(node.timeout ? [node.timeout] : [])]) {
      const scoresRead = Object.keys(outcome.scores).some((s) => skills.has(s));
      if (scoresRead && reaches(outcome.next, node.id)) result.add(`${node.id}.${outcome.id}`);
    }
  }
  return result;
}
