/**
 * The rules of play, as the scenario machine's guards and actions run them (machine.ts registers
 * these functions in `setup()`; nothing else implements them). Pure functions over a run's context.
 */
import { outcomeOf, type ScenarioModel } from './model';
import type { Condition } from './schema';
import { zeroSkills, type SkillId, type SkillTotals } from './skills';

export interface Step {
  node: string;
  /** The choice id, or `timeout` when the node's timer fired. */
  choice: string;
}

/** Everything a run has accumulated: the machine's context. Plain JSON, so it can be saved. */
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
  /** The nodes the last step entered, in order: its `next`, then each branch passed through. */
  entered: string[];
}

/** Where a trainer's "play from here" begins: a node, with meters and flags set by hand. */
export interface StartSetup {
  node: string;
  meters?: Record<string, number>;
  flags?: string[];
}

export function takenKey(node: string, choice: string): string {
  return `${node}.${choice}`;
}

/** Does a condition hold on this state? No condition always holds. */
export function conditionHolds(condition: Condition | undefined, state: RunState): boolean {
  if (!condition) return true;
  if ('flag' in condition) return state.flags.includes(condition.flag);
  if ('meter' in condition) return compare(state.meters[condition.meter] ?? 0, condition);
  if ('skill' in condition) return compare(state.skills[condition.skill], condition);
  if ('visited' in condition) return state.visited.includes(condition.visited);
  if ('chose' in condition) return state.taken.includes(condition.chose);
  if ('not' in condition) return !conditionHolds(condition.not, state);
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, state));
  return condition.any.some((c) => conditionHolds(c, state));
}

function compare(value: number, bound: { atLeast: number } | { atMost: number }): boolean {
  return 'atLeast' in bound ? value >= bound.atLeast : value <= bound.atMost;
}

/**
 * The context before the first node is entered: skills at zero, meters at their initial values (or,
 * for a trainer's start, the values they chose, clamped; unknown names ignored), flags as chosen.
 */
export function initialContext(model: ScenarioModel, from?: StartSetup): RunState {
  const meters = Object.fromEntries(Object.entries(model.meters).map(([id, m]) => [id, m.initial]));
  for (const [id, value] of Object.entries(from?.meters ?? {})) {
    const meter = model.meters[id];
    if (meter && Number.isFinite(value)) meters[id] = Math.min(meter.max, Math.max(meter.min, Math.round(value)));
  }
  return {
    node: from?.node ?? model.start,
    skills: zeroSkills(),
    meters,
    flags: [...new Set(from?.flags ?? [])].sort(),
    visited: [],
    taken: [],
    path: [],
    entered: [],
  };
}

/** Entering a node: it becomes current, counts as visited, and joins the step's list of nodes entered. */
export function enterNode(state: RunState, node: string): RunState {
  return {
    ...state,
    node,
    visited: state.visited.includes(node) ? state.visited : [...state.visited, node],
    entered: [...state.entered, node],
  };
}

/**
 * Taking a choice or letting a timer fire: its scores count the first time it is taken in the run,
 * its effects every time (each meter then kept within its range), its flags set, then unset.
 */
export function takeOutcome(model: ScenarioModel, state: RunState, node: string, choice: string): RunState {
  const decision = model.nodes[node];
  const outcome = decision?.kind === 'decision' ? outcomeOf(decision, choice) : undefined;
  if (!outcome) return state;
  const key = takenKey(node, choice);
  const firstTime = !state.taken.includes(key);
  // Tables are copied only when the step changes them: the explorer takes hundreds of thousands of steps.
  let skills = state.skills;
  if (firstTime) {
    skills = { ...skills };
    for (const skill in outcome.scores) skills[skill as SkillId] += outcome.scores[skill as SkillId]!;
  }
  let meters = state.meters;
  for (const id in outcome.effects) {
    const meter = model.meters[id];
    if (!meter) continue;
    if (meters === state.meters) meters = { ...meters };
    meters[id] = Math.min(meter.max, Math.max(meter.min, (meters[id] ?? meter.initial) + outcome.effects[id]!));
  }
  let flags = state.flags;
  if (outcome.set.length > 0 || outcome.unset.length > 0) {
    const changed = new Set(flags);
    outcome.set.forEach((f) => changed.add(f));
    outcome.unset.forEach((f) => changed.delete(f));
    flags = [...changed].sort();
  }
  return {
    ...state,
    skills,
    meters,
    flags,
    taken: firstTime ? [...state.taken, key] : state.taken,
    path: [...state.path, { node, choice }],
    entered: [],
  };
}
