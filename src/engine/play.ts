/** Plays a list of choice ids through a scenario with no screen, for `prasan play` and for tests. */
import type { ScenarioModel } from './model';
import { isEnded, offeredIds, startRun, step, type RunState } from './run';

export type PlayOutcome =
  | { kind: 'ended'; state: RunState }
  | { kind: 'not-offered'; state: RunState; node: string; choice: string; offered: string[] }
  | { kind: 'ran-out'; state: RunState; node: string; offered: string[] }
  | { kind: 'ended-early'; state: RunState; ending: string; left: string[] };

/**
 * Takes the ids in order (`timeout` lets the node's timer fire).
 *
 * @example
 * const outcome = playChoices(model, ['brief-early']);
 * if (outcome.kind === 'ended') console.log(outcome.state.node); // "good-end"
 */
export function playChoices(model: ScenarioModel, ids: readonly string[]): PlayOutcome {
  let state = startRun(model);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (isEnded(model, state)) return { kind: 'ended-early', state, ending: state.node, left: ids.slice(i) };
    const next = step(model, state, id);
    if (!next) return { kind: 'not-offered', state, node: state.node, choice: id, offered: offeredIds(model, state) };
    state = next;
  }
  if (!isEnded(model, state)) return { kind: 'ran-out', state, node: state.node, offered: offeredIds(model, state) };
  return { kind: 'ended', state };
}
