/**
 * The scenario machine: the one place the rules of play live. Each node is a state; each choice a
 * guarded transition on `user.choose`, a timer one on `timer.expired`; a branch node's rules are
 * eventless transitions taken the moment it is entered; an ending is a final state. The guards and
 * actions are named and implemented once, in `setup()`, with their parameters taken from the file.
 *
 * Everything that steps a run steps this machine: the game's actor, and (through run.ts) XState's
 * pure `transition()` for the server, `prasan play`, the reviews and replays. The explorer, which
 * takes hundreds of thousands of steps, walks the same machine's own transition definitions with the
 * same guard and action functions (see `transitionTable`).
 */
import { assign, setup } from 'xstate';
import type { ScenarioModel } from './model';
import { conditionHolds, enterNode, initialContext, takeOutcome, type RunState, type StartSetup } from './rules';
import type { Condition } from './schema';

export type ScenarioEvent = { type: 'user.choose'; choice: string } | { type: 'timer.expired' };

/** The event that takes a choice id, or lets the timer fire for `timeout`. */
export function eventFor(choice: string): ScenarioEvent {
  return choice === 'timeout' ? { type: 'timer.expired' } : { type: 'user.choose', choice };
}

type OfferedParams = { choice: string; when?: Condition };
type RuleParams = { when?: Condition };
type TakeParams = { node: string; choice: string };
type EnterParams = { node: string };

/** The guards, by the names the machine's transitions use. */
export const GUARDS = {
  /** The event names this choice, and the choice's condition holds. */
  offered: (context: RunState, event: ScenarioEvent, params: OfferedParams) =>
    event.type === 'user.choose' && event.choice === params.choice && conditionHolds(params.when, context),
  /** A branch rule's condition (none: the default rule). */
  ruleHolds: (context: RunState, _event: ScenarioEvent, params: RuleParams) => conditionHolds(params.when, context),
};

/** The actions, by the names the machine's transitions and entries use. */
export function actionsFor(model: ScenarioModel) {
  return {
    take: (context: RunState, params: TakeParams) => takeOutcome(model, context, params.node, params.choice),
    enter: (context: RunState, params: EnterParams) => enterNode(context, params.node),
  };
}

export function createScenarioMachine(model: ScenarioModel, from?: StartSetup) {
  const actions = actionsFor(model);
  const machineSetup = setup({
    types: { context: {} as RunState, events: {} as ScenarioEvent },
    guards: {
      offered: ({ context, event }, params: OfferedParams) => GUARDS.offered(context, event, params),
      ruleHolds: ({ context, event }, params: RuleParams) => GUARDS.ruleHolds(context, event, params),
    },
    actions: {
      take: assign(({ context }, params: TakeParams) => actions.take(context, params)),
      enter: assign(({ context }, params: EnterParams) => actions.enter(context, params)),
    },
  });
  type Config = Parameters<typeof machineSetup.createMachine>[0];
  const states: NonNullable<Config['states']> = {};
  for (const node of Object.values(model.nodes)) {
    const entry = { type: 'enter' as const, params: { node: node.id } };
    if (node.kind === 'ending') {
      states[node.id] = { type: 'final', entry };
    } else if (node.kind === 'branch') {
      states[node.id] = {
        entry,
        always: node.rules.map((rule) => ({
          target: rule.next,
          reenter: true,
          guard: { type: 'ruleHolds' as const, params: { when: rule.when } },
        })),
      };
    } else {
      const take = (choice: string) => ({ type: 'take' as const, params: { node: node.id, choice } });
      states[node.id] = {
        entry,
        on: {
          'user.choose': node.choices.map((choice) => ({
            target: choice.next,
            reenter: true,
            guard: { type: 'offered' as const, params: { choice: choice.id, when: choice.when } },
            actions: take(choice.id),
          })),
          ...(node.timeout ? { 'timer.expired': { target: node.timeout.next, reenter: true, actions: take('timeout') } } : {}),
        },
      };
    }
  }
  return machineSetup.createMachine({ id: model.id, initial: from?.node ?? model.start, context: initialContext(model, from), states });
}

export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;

const machines = new WeakMap<ScenarioModel, ScenarioMachine>();

/** The machine of a model that starts at its start node, made once per model. */
export function machineOf(model: ScenarioModel): ScenarioMachine {
  let machine = machines.get(model);
  if (!machine) {
    machine = createScenarioMachine(model);
    machines.set(model, machine);
  }
  return machine;
}

// ---- the machine's own transitions, as a table ----------------------------------------------

/** A guard or an action as a transition names it, with its parameters. */
export type GuardCall = { type: 'offered'; params: OfferedParams } | { type: 'ruleHolds'; params: RuleParams };
export type ActionCall = { type: 'take'; params: TakeParams } | { type: 'enter'; params: EnterParams };

export interface TableTransition {
  guard?: GuardCall;
  actions: ActionCall[];
  target: string;
}

export interface TableNode {
  entry: ActionCall[];
  /** By event type, in the order the machine tries them. */
  on: Map<string, TableTransition[]>;
  always: TableTransition[];
}

/** XState keeps guards and actions as plain `{ type, params }` objects: read back those the machine names. */
function actionCall(action: unknown): ActionCall {
  const { type, params } = action as { type: unknown; params: unknown };
  if (type === 'take') return { type, params: params as TakeParams };
  if (type === 'enter') return { type, params: params as EnterParams };
  throw new Error(`the scenario machine has no action "${String(type)}"`);
}

function guardCall(guard: unknown): GuardCall {
  const { type, params } = guard as { type: unknown; params: unknown };
  if (type === 'offered') return { type, params: params as OfferedParams };
  if (type === 'ruleHolds') return { type, params: params as RuleParams };
  throw new Error(`the scenario machine has no guard "${String(type)}"`);
}

function tableTransition(t: { guard?: unknown; actions: readonly unknown[]; target?: readonly { key: string }[] }): TableTransition {
  return { ...(t.guard ? { guard: guardCall(t.guard) } : {}), actions: t.actions.map(actionCall), target: t.target![0]!.key };
}

/**
 * The machine's states with their transitions, read from the machine itself (its state nodes'
 * definitions), for the explorer to walk with the machine's own guard and action functions.
 */
export function transitionTable(machine: ScenarioMachine): Map<string, TableNode> {
  const table = new Map<string, TableNode>();
  for (const [id, node] of Object.entries(machine.root.states)) {
    table.set(id, {
      entry: node.entry.map(actionCall),
      on: new Map([...node.transitions].map(([event, list]) => [event, list.map(tableTransition)])),
      always: (node.always ?? []).map(tableTransition),
    });
  }
  return table;
}

/** A run's moves over the machine's transition table (see `tableStepper`). */
export interface TableStepper {
  /** The state after taking a choice (or `timeout`), or undefined when the machine refuses it. */
  step: (state: RunState, choice: string) => RunState | undefined;
  /** Every choice the machine takes from this state, in file order, the timer last, with the state it leads to. */
  successors: (state: RunState) => { choice: string; next: RunState }[];
}

/**
 * Steps over the machine's transition table: the same transitions, guards and actions as XState
 * runs, without building a snapshot for every step (the explorer takes hundreds of thousands).
 * Picks the first transition whose guard holds, runs its actions, enters its target, and follows the
 * target's eventless transitions as XState does.
 */
export function tableStepper(model: ScenarioModel): TableStepper {
  const table = transitionTable(machineOf(model));
  const actions = actionsFor(model);
  const guardHolds = (guard: GuardCall | undefined, state: RunState, event: ScenarioEvent): boolean => {
    if (!guard) return true;
    return guard.type === 'offered' ? GUARDS.offered(state, event, guard.params) : GUARDS.ruleHolds(state, event, guard.params);
  };
  const run = (state: RunState, calls: readonly ActionCall[]): RunState =>
    calls.reduce((s, call) => (call.type === 'take' ? actions.take(s, call.params) : actions.enter(s, call.params)), state);
  /** Takes a transition chosen for the event: its actions, its target's entry, then the target's eventless ones. */
  const follow = (state: RunState, chosen: TableTransition, event: ScenarioEvent): RunState => {
    let transition: TableTransition | undefined = chosen;
    let next = run(state, transition.actions);
    for (let hops = 0; transition; hops++) {
      // The checker forbids loops made only of branches; the bound keeps a bad model from hanging.
      if (hops > table.size) throw new Error(`branch nodes loop without end at "${transition.target}"`);
      const target: TableNode = table.get(transition.target)!;
      next = run(next, target.entry);
      const current: RunState = next;
      transition = target.always.find((t) => guardHolds(t.guard, current, event));
      if (transition) next = run(next, transition.actions);
    }
    return next;
  };
  const step = (state: RunState, choice: string): RunState | undefined => {
    const event = eventFor(choice);
    const transition = table
      .get(state.node)
      ?.on.get(event.type)
      ?.find((t) => guardHolds(t.guard, state, event));
    return transition && follow(state, transition, event);
  };
  const successors = (state: RunState): { choice: string; next: RunState }[] => {
    const node = table.get(state.node);
    const found: { choice: string; next: RunState }[] = [];
    // Each choice's transition is the only one its event can take (choice ids are unique in a node).
    for (const transition of node?.on.get('user.choose') ?? []) {
      const choice = transition.guard?.type === 'offered' ? transition.guard.params.choice : undefined;
      if (choice === undefined) continue;
      const event = eventFor(choice);
      if (guardHolds(transition.guard, state, event)) found.push({ choice, next: follow(state, transition, event) });
    }
    const timer = eventFor('timeout');
    const expired = node?.on.get(timer.type)?.find((t) => guardHolds(t.guard, state, timer));
    if (expired) found.push({ choice: 'timeout', next: follow(state, expired, timer) });
    return found;
  };
  return { step, successors };
}
