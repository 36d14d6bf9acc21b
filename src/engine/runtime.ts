/**
 * The rules of a run, as pure functions over plain data. The XState machine, the headless player and
 * the explorer that computes attainable scores all call these, so the rules exist once.
 */
import { outcomeOf, type ChoiceModel, type DecisionModel, type NodeModel, type Outcome, type ScenarioModel } from './model';
import { inShownOrder } from './order';
import type { Condition } from './schema';
import { SKILLS, zeroSkills, type SkillTotals } from './skills';

export interface Step {
  node: string;
  /** The choice id, or `timeout` when the node's timer fired. */
  choice: string;
}

/** Everything a run has accumulated. Plain JSON, so an XState snapshot of it can be persisted. */
export interface RunState {
  /** The node the run waits at (a decision) or ended at (an ending). */
  node: string;
  skills: SkillTotals;
  meters: Record<string, number>;
  /** Flags that are on, sorted. */
  flags: string[];
  /** Nodes entered so far, in first-entry order (branch nodes included). */
  visited: string[];
  /** `NODE.CHOICE` for every choice or timer taken so far, in first-taken order. */
  taken: string[];
  path: Step[];
}

export function takenKey(node: string, choice: string): string {
  return `${node}.${choice}`;
}

/** Does a condition hold on this state? */
export function holds(condition: Condition, state: RunState): boolean {
  if ('flag' in condition) return state.flags.includes(condition.flag);
  if ('meter' in condition) return compare(state.meters[condition.meter] ?? 0, condition);
  if ('skill' in condition) return compare(state.skills[condition.skill], condition);
  if ('visited' in condition) return state.visited.includes(condition.visited);
  if ('chose' in condition) return state.taken.includes(condition.chose);
  if ('not' in condition) return !holds(condition.not, state);
  if ('all' in condition) return condition.all.every((c) => holds(c, state));
  return condition.any.some((c) => holds(c, state));
}

function compare(value: number, bound: { atLeast: number } | { atMost: number }): boolean {
  return 'atLeast' in bound ? value >= bound.atLeast : value <= bound.atMost;
}

/** The state before anything is entered; `start` then enters the first node. */
function blankState(model: ScenarioModel): RunState {
  return {
    node: model.start,
    skills: zeroSkills(),
    meters: Object.fromEntries(Object.entries(model.meters).map(([id, m]) => [id, m.initial])),
    flags: [],
    visited: [],
    taken: [],
    path: [],
  };
}

/** Marks a node visited and makes it current (what entering any node does). */
export function visit(state: RunState, node: string): RunState {
  return {
    ...state,
    node,
    visited: state.visited.includes(node) ? state.visited : [...state.visited, node],
  };
}

/** The rule a branch node follows on this state: the first whose `when` holds. */
export function branchTarget(node: NodeModel, state: RunState): string | undefined {
  if (node.kind !== 'branch') return undefined;
  return node.rules.find((rule) => !rule.when || holds(rule.when, state))?.next;
}

/** Enters a node; a branch node is judged at once and the run passes on to where it leads. */
export function enter(model: ScenarioModel, state: RunState, nodeId: string): RunState {
  return enterTracing(model, state, nodeId).state;
}

/** `enter`, also telling every node entered on the way: `nodeId` first, then each branch's target. */
export function enterTracing(model: ScenarioModel, state: RunState, nodeId: string): { state: RunState; entered: string[] } {
  let current = visit(state, nodeId);
  const entered = [nodeId];
  // The checker forbids loops made only of branches; the bound keeps a bad model from hanging.
  for (let hops = 0; hops <= Object.keys(model.nodes).length; hops++) {
    const next = branchTarget(model.nodes[current.node]!, current);
    if (next === undefined) return { state: current, entered };
    current = visit(current, next);
    entered.push(next);
  }
  throw new Error(`branch nodes loop without end at "${current.node}"`);
}

/** Where a trainer's "play from here" begins: a node, with meters and flags set by hand. */
export interface StartSetup {
  node: string;
  meters?: Record<string, number>;
  flags?: string[];
}

export function startRun(model: ScenarioModel): RunState {
  return beginRun(model).state;
}

/**
 * A run that begins at any node with the meters and flags a trainer chose, to test a late branch
 * without playing up to it. Meters are clamped to their ranges; unknown names are ignored.
 */
export function startRunAt(model: ScenarioModel, node: string, setup: Omit<StartSetup, 'node'> = {}): RunState {
  return beginRun(model, { ...setup, node }).state;
}

/** The first state of a run, at the start or where a trainer chose, and the nodes entered to get there. */
export function beginRun(model: ScenarioModel, from?: StartSetup): { state: RunState; entered: string[] } {
  const base = blankState(model);
  if (!from) return enterTracing(model, base, model.start);
  const meters = { ...base.meters };
  for (const [id, value] of Object.entries(from.meters ?? {})) {
    const meter = model.meters[id];
    if (meter && Number.isFinite(value)) meters[id] = Math.min(meter.max, Math.max(meter.min, Math.round(value)));
  }
  return enterTracing(model, { ...base, node: from.node, meters, flags: [...new Set(from.flags ?? [])].sort() }, from.node);
}

/** Applies a choice's or timer's scores (first time only), effects (clamped), and flags. */
export function applyOutcome(model: ScenarioModel, state: RunState, node: string, outcome: Outcome): RunState {
  const key = takenKey(node, outcome.id);
  const firstTime = !state.taken.includes(key);
  const skills = { ...state.skills };
  if (firstTime) {
    for (const skill of SKILLS) skills[skill] += outcome.scores[skill] ?? 0;
  }
  const meters = { ...state.meters };
  for (const [id, delta] of Object.entries(outcome.effects)) {
    const meter = model.meters[id];
    if (!meter) continue;
    meters[id] = Math.min(meter.max, Math.max(meter.min, (meters[id] ?? meter.initial) + delta));
  }
  const flags = new Set(state.flags);
  outcome.set.forEach((f) => flags.add(f));
  outcome.unset.forEach((f) => flags.delete(f));
  return {
    ...state,
    skills,
    meters,
    flags: [...flags].sort(),
    taken: firstTime ? [...state.taken, key] : state.taken,
    path: [...state.path, { node, choice: outcome.id }],
  };
}

export function currentNode(model: ScenarioModel, state: RunState): NodeModel {
  return model.nodes[state.node]!;
}

/** The choices offered at the current node: those whose `when` holds. */
export function offeredChoices(model: ScenarioModel, state: RunState): ChoiceModel[] {
  const node = currentNode(model, state);
  if (node.kind !== 'decision') return [];
  return node.choices.filter((c) => !c.when || holds(c.when, state));
}

/** The choices offered now, in the order a run with this seed shows them (file order without one). */
export function shownChoices(model: ScenarioModel, state: RunState, seed?: string): ChoiceModel[] {
  const node = currentNode(model, state);
  const offered = offeredChoices(model, state);
  return node.kind === 'decision' && seed !== undefined ? inShownOrder(node, offered, seed) : offered;
}

/** The ids a player may send at the current node, `timeout` included when it has a timer. */
export function offeredIds(model: ScenarioModel, state: RunState): string[] {
  const node = currentNode(model, state);
  const ids = offeredChoices(model, state).map((c) => c.id);
  return node.kind === 'decision' && node.timeout ? [...ids, 'timeout'] : ids;
}

export function isOffered(model: ScenarioModel, state: RunState, id: string): boolean {
  return offeredIds(model, state).includes(id);
}

/** One step: take a choice (or `timeout`) at the current decision node. Undefined if not offered. */
export function step(model: ScenarioModel, state: RunState, id: string): RunState | undefined {
  const node = currentNode(model, state);
  if (node.kind !== 'decision' || !isOffered(model, state, id)) return undefined;
  const outcome = outcomeOf(node as DecisionModel, id)!;
  return enter(model, applyOutcome(model, state, node.id, outcome), outcome.next);
}

export function isEnded(model: ScenarioModel, state: RunState): boolean {
  return currentNode(model, state).kind === 'ending';
}

/** A decision node where nothing is offered and no timer runs: the run cannot go on. */
export function isStuck(model: ScenarioModel, state: RunState): boolean {
  const node = currentNode(model, state);
  return node.kind === 'decision' && offeredIds(model, state).length === 0;
}

/**
 * The state before each recorded step and after the last, by replaying a path from the start.
 * Undefined when the path does not fit the scenario.
 */
export function replay(model: ScenarioModel, path: readonly Step[], first: RunState = startRun(model)): RunState[] | undefined {
  const states = [first];
  for (const s of path) {
    const before = states[states.length - 1]!;
    if (before.node !== s.node) return undefined;
    const after = step(model, before, s.choice);
    if (!after) return undefined;
    states.push(after);
  }
  return states;
}

/** What one step changed: skill points gained (first time only) and meter movements. */
export function difference(before: RunState, after: RunState): { skills: SkillTotals; meters: Record<string, number> } {
  const skills = zeroSkills();
  for (const s of SKILLS) skills[s] = after.skills[s] - before.skills[s];
  const meters = Object.fromEntries(Object.keys(after.meters).map((m) => [m, (after.meters[m] ?? 0) - (before.meters[m] ?? 0)]));
  return { skills, meters };
}
