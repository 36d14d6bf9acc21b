/**
 * Compiles a scenario model into an XState 5 machine: one state per node, one guarded transition per
 * choice. Guards and actions are implemented once in `setup()` and take their parameters from the
 * scenario, so the machine is plain data that `xstate/graph` can explore and a snapshot can restore.
 */
import { assign, createActor, setup, type Actor, type SnapshotFrom } from 'xstate';
import { outcomeOf, type DecisionModel, type ScenarioModel } from './model';
import { applyOutcome, holds, visit, type RunState } from './runtime';
import type { Condition } from './schema';
import { zeroSkills } from './skills';

export type ScenarioEvent = { type: 'user.choose'; choice: string } | { type: 'timer.expired' };

/** Where a run begins when it doesn't begin at the start: a trainer's "play from here". */
export interface StartPoint {
  node: string;
  context: RunState;
}

export function createScenarioMachine(model: ScenarioModel, from?: StartPoint) {
  const machineSetup = setup({
    types: {
      context: {} as RunState,
      events: {} as ScenarioEvent,
    },
    guards: {
      /** The event names this choice and the choice's condition holds. */
      chosen: ({ context, event }, params: { choice: string; when?: Condition }) =>
        event.type === 'user.choose' && event.choice === params.choice && (!params.when || holds(params.when, context)),
      /** A branch rule's condition (none: the default rule). */
      ruleHolds: ({ context }, params: { when?: Condition }) => !params.when || holds(params.when, context),
    },
    actions: {
      take: assign(({ context }, params: { node: string; choice: string }) => {
        const node = model.nodes[params.node] as DecisionModel;
        return applyOutcome(model, context, params.node, outcomeOf(node, params.choice)!);
      }),
      enterNode: assign(({ context }, params: { node: string }) => visit(context, params.node)),
    },
  });

  const states = Object.fromEntries(
    Object.values(model.nodes).map((node) => {
      const entry = { type: 'enterNode' as const, params: { node: node.id } };
      if (node.kind === 'ending') return [node.id, { type: 'final' as const, entry }];
      if (node.kind === 'branch') {
        return [
          node.id,
          {
            entry,
            always: node.rules.map((rule) => ({
              target: rule.next,
              reenter: true,
              guard: { type: 'ruleHolds' as const, params: { when: rule.when } },
            })),
          },
        ];
      }
      const on: Record<string, unknown> = {
        'user.choose': node.choices.map((choice) => ({
          target: choice.next,
          reenter: true,
          guard: { type: 'chosen' as const, params: { choice: choice.id, when: choice.when } },
          actions: { type: 'take' as const, params: { node: node.id, choice: choice.id } },
        })),
      };
      if (node.timeout) {
        on['timer.expired'] = {
          target: node.timeout.next,
          reenter: true,
          actions: { type: 'take' as const, params: { node: node.id, choice: 'timeout' } },
        };
      }
      return [node.id, { entry, on }];
    }),
  );

  return machineSetup.createMachine({
    id: model.id,
    initial: from?.node ?? model.start,
    context: from?.context ?? {
      node: model.start,
      skills: zeroSkills(),
      meters: Object.fromEntries(Object.entries(model.meters).map(([id, m]) => [id, m.initial])),
      flags: [],
      visited: [],
      taken: [],
      path: [],
    },
    // The states are built from data above; XState's types can't follow that, so they are cast once here.
    states: states as never,
  });
}

export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;
export type ScenarioSnapshot = SnapshotFrom<ScenarioMachine>;
export type ScenarioActor = Actor<ScenarioMachine>;

/** Starts a run, or resumes one from a persisted snapshot (see `restoreSnapshot` for checking it). */
export function startActor(machine: ScenarioMachine, persisted?: unknown): ScenarioActor {
  const actor = persisted
    ? createActor(machine, { snapshot: persisted as ScenarioSnapshot })
    : createActor(machine);
  actor.start();
  return actor;
}
