/**
 * Stepping a run, for everything that has no actor of its own (the server, `prasan play`, reviews,
 * replays): each step is the scenario machine's own transition, through XState's pure
 * `initialTransition` and `transition`. A run is the machine's context (`RunState`), plain JSON.
 */
import { initialTransition, transition } from 'xstate';
import { createScenarioMachine, eventFor, GUARDS, machineOf } from './machine';
import type { ChoiceModel, NodeModel, ScenarioModel } from './model';
import { inShownOrder } from './order';
import type { RunState, StartSetup, Step } from './rules';

export { conditionHolds, takenKey, type RunState, type StartSetup, type Step } from './rules';

/**
 * A run's first state: at the start, or where a trainer chose (a node, with meters and flags set by
 * hand). Its `entered` lists the nodes entered to get there (the first, then any branches).
 */
export function startRun(model: ScenarioModel, from?: StartSetup): RunState {
  const machine = from ? createScenarioMachine(model, from) : machineOf(model);
  return initialTransition(machine)[0].context;
}

/** One step: take a choice (or `timeout`) where the run waits. Undefined when it isn't offered there. */
export function step(model: ScenarioModel, state: RunState, choice: string): RunState | undefined {
  const machine = machineOf(model);
  const [next] = transition(machine, machine.resolveState({ value: state.node, context: state }), eventFor(choice));
  return next.context.path.length > state.path.length ? next.context : undefined;
}

/**
 * The state before each recorded step and after the last, replaying a path from where the run
 * began. Undefined when the path does not fit the scenario.
 */
export function replay(model: ScenarioModel, path: readonly Step[], first: RunState = startRun(model)): RunState[] | undefined {
  const states = [first];
  for (const s of path) {
    const before = states[states.length - 1]!;
    const after = before.node === s.node ? step(model, before, s.choice) : undefined;
    if (!after) return undefined;
    states.push(after);
  }
  return states;
}

export function currentNode(model: ScenarioModel, state: RunState): NodeModel {
  return model.nodes[state.node]!;
}

/** The choices offered where the run waits: those whose guard lets them through. */
export function offeredChoices(model: ScenarioModel, state: RunState): ChoiceModel[] {
  const node = currentNode(model, state);
  if (node.kind !== 'decision') return [];
  return node.choices.filter((c) => GUARDS.offered(state, { type: 'user.choose', choice: c.id }, { choice: c.id, when: c.when }));
}

/** The choices offered now, in the order a run with this seed shows them (file order without one). */
export function shownChoices(model: ScenarioModel, state: RunState, seed?: string): ChoiceModel[] {
  const node = currentNode(model, state);
  const offered = offeredChoices(model, state);
  return node.kind === 'decision' && seed !== undefined ? inShownOrder(node, offered, seed) : offered;
}

/** The ids a player may send where the run waits, `timeout` included when it has a timer. */
export function offeredIds(model: ScenarioModel, state: RunState): string[] {
  const node = currentNode(model, state);
  const ids = offeredChoices(model, state).map((c) => c.id);
  return node.kind === 'decision' && node.timeout ? [...ids, 'timeout'] : ids;
}

export function isEnded(model: ScenarioModel, state: RunState): boolean {
  return currentNode(model, state).kind === 'ending';
}

/** A decision node where nothing is offered and no timer runs: the run cannot go on. */
export function isStuck(model: ScenarioModel, state: RunState): boolean {
  const node = currentNode(model, state);
  return node.kind === 'decision' && offeredIds(model, state).length === 0;
}
