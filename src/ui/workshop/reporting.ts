/**
 * The events one run sends: `start` when it begins, a `decision` for every step (its index in the
 * path, the node, the choice or `timeout`), and a `result` as soon as it is over — at an ending, or
 * stuck where nothing is offered. Pure: the caller gives the ids and the time.
 */
import { isEnded, isStuck, type RunState, type ScenarioModel, type TimerSetting } from '../../engine';
import type { WorkshopEvent } from '../../workshop/protocol';

export interface ReportedRun {
  run: string;
  scenario: string;
  version: number;
}

/**
 * The run a play reports under: none outside the session's scenarios or for a preview; a new one for
 * a new play; a resumed play's own, if it was begun by the trainee signed in now (after leaving and
 * joining as someone else, the server would refuse it as another's run).
 */
export function reportedRun(
  trainee: string | undefined,
  inSession: boolean,
  saved: { run?: string; runBy?: string } | undefined,
  preview: boolean,
  newId: () => string,
): { id: string; by: string } | undefined {
  if (preview || !trainee || !inSession) return undefined;
  if (!saved) return { id: newId(), by: trainee };
  return saved.run && saved.runBy === trainee ? { id: saved.run, by: trainee } : undefined;
}

export interface EventClock {
  /** A fresh event id (a UUID v4). */
  id(): string;
  /** The time now, ISO 8601. */
  at(): string;
}

function base(run: ReportedRun, clock: EventClock) {
  return { id: clock.id(), run: run.run, scenario: run.scenario, version: run.version, at: clock.at() };
}

/** The result event when the run is over in `state`, else nothing. */
function resultIfOver(run: ReportedRun, model: ScenarioModel, state: RunState, clock: EventClock): WorkshopEvent[] {
  if (isEnded(model, state)) return [{ ...base(run, clock), kind: 'result', steps: state.path.length, ending: state.node }];
  if (isStuck(model, state)) return [{ ...base(run, clock), kind: 'result', steps: state.path.length, ending: null }];
  return [];
}

/** What a new run sends: its start (and its result, in the odd scenario that offers nothing at all). */
export function startEvents(
  run: ReportedRun,
  model: ScenarioModel,
  state: RunState,
  settings: { language: string; timer: TimerSetting },
  clock: EventClock,
): WorkshopEvent[] {
  return [
    { ...base(run, clock), kind: 'start', language: settings.language, timer: settings.timer },
    ...resultIfOver(run, model, state, clock),
  ];
}

/**
 * What the step just taken sends: its decision (with where its choice stood on screen, 1 = first;
 * none for a timer), then the result if the run is over.
 */
export function stepEvents(run: ReportedRun, model: ScenarioModel, state: RunState, clock: EventClock, position?: number): WorkshopEvent[] {
  const seq = state.path.length - 1;
  const last = state.path[seq];
  if (!last) return [];
  const decision: WorkshopEvent = {
    ...base(run, clock),
    kind: 'decision',
    seq,
    node: last.node,
    choice: last.choice,
    ...(position ? { position } : {}),
  };
  return [decision, ...resultIfOver(run, model, state, clock)];
}

/** Whether these events finish the run (the scenario then counts as finished for the trainee). */
export function finishes(events: readonly WorkshopEvent[]): boolean {
  return events.some((e) => e.kind === 'result');
}
