/**
 * Save and resume: after every step the run is saved as the path it took (and the seed of its order
 * of choices). On load the path is replayed through the scenario's machine; a save that doesn't fit
 * (damaged, or from another version of the scenario) is set aside with a notice, never a crash.
 * Saves made before this format (format 1, an XState snapshot) resume from the path they hold.
 */
import { isTimerSetting, replay, type RunState, type Step, type TimerSetting } from '../engine';
import type { LibraryEntry } from './library';
import { readRaw, removeKey, writeJson } from './storage';
import { isUuid } from './workshop/uuid';

export const SAVE_KEY = 'prasan.save.v1';
export const SET_ASIDE_KEY = 'prasan.save.set-aside';

export interface SavedGame {
  format: 2;
  scenario: string;
  version: number;
  language: string;
  /** The steps taken, in order: the run is their replay. */
  path: Step[];
  startedAt: string;
  stepTimes: string[];
  /** The trainee was reading the feedback of the last step when the page closed. */
  showingFeedback: boolean;
  timer: TimerSetting;
  /** The seed of the run's order of choices (format-1 saves have none). */
  seed?: string;
  /** A workshop run's id: a resumed run reports under it again (and does not start anew). */
  run?: string;
  /** The trainee the run reports as: after leaving and joining as someone else it is not reported. */
  runBy?: string;
}

/** A save that fits its scenario, with the state its path replays to. */
export interface ResumedRun {
  save: SavedGame;
  state: RunState;
}

export type LoadedSave = { kind: 'none' } | { kind: 'set-aside' } | ({ kind: 'ok'; entry: LibraryEntry } & ResumedRun);

export function storeGame(save: SavedGame): void {
  writeJson(SAVE_KEY, save);
}

export function discardGame(): void {
  removeKey(SAVE_KEY);
}

/** The scenario a saved game belongs to, if the save can be read at all (to load it first). */
export function savedScenarioId(): string | undefined {
  try {
    const save = JSON.parse(readRaw(SAVE_KEY) ?? 'null') as { scenario?: unknown } | null;
    return typeof save?.scenario === 'string' ? save.scenario : undefined;
  } catch {
    return undefined;
  }
}

/** How far the saved run has got, read without checking it (to see whether another tab moved it on). */
export function savedProgress(): { scenario: string; startedAt: string; steps: number } | undefined {
  try {
    const save = JSON.parse(readRaw(SAVE_KEY) ?? 'null') as Record<string, unknown> | null;
    const steps = savedPath(save)?.length;
    if (typeof save?.['scenario'] !== 'string' || typeof save['startedAt'] !== 'string' || steps === undefined) return undefined;
    return { scenario: save['scenario'], startedAt: save['startedAt'], steps };
  } catch {
    return undefined;
  }
}

/** The path a save holds: its own (format 2), or its XState snapshot's (format 1). */
function savedPath(save: Record<string, unknown> | null): unknown[] | undefined {
  if (!save) return undefined;
  if (save['format'] === 2) return Array.isArray(save['path']) ? save['path'] : undefined;
  const snapshot = save['snapshot'] as { context?: { path?: unknown } } | undefined;
  return save['format'] === 1 && Array.isArray(snapshot?.context?.path) ? snapshot.context.path : undefined;
}

export function loadGame(library: readonly LibraryEntry[]): LoadedSave {
  const raw = readRaw(SAVE_KEY);
  if (raw === null) return { kind: 'none' };
  const checked = checkSave(raw, library);
  if (checked) return { kind: 'ok', ...checked };
  setAside(raw);
  return { kind: 'set-aside' };
}

function setAside(raw: string): void {
  writeJson(SET_ASIDE_KEY, { at: new Date().toISOString(), raw });
  removeKey(SAVE_KEY);
}

function checkSave(raw: string, library: readonly LibraryEntry[]): { entry: LibraryEntry; save: SavedGame; state: RunState } | undefined {
  let data: Record<string, unknown> | null;
  try {
    data = JSON.parse(raw) as Record<string, unknown> | null;
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const path = savedPath(data);
  if (
    !path?.every(
      (s): s is Step =>
        typeof s === 'object' && s !== null && typeof (s as Step).node === 'string' && typeof (s as Step).choice === 'string',
    )
  )
    return undefined;
  const save = { ...data, format: 2, path } as SavedGame;
  const entry = library.find((e) => e.playable?.model.id === save.scenario);
  const model = entry?.playable?.model;
  if (!entry || !model || model.version !== save.version) return undefined;
  if (!Array.isArray(save.stepTimes) || typeof save.startedAt !== 'string' || Number.isNaN(Date.parse(save.startedAt))) return undefined;
  if (!isTimerSetting(save.timer) || typeof save.showingFeedback !== 'boolean') return undefined;
  if (save.run !== undefined && !isUuid(save.run)) return undefined;
  if (save.runBy !== undefined && typeof save.runBy !== 'string') return undefined;
  if (save.seed !== undefined && (typeof save.seed !== 'string' || save.seed.length > 64)) return undefined;
  // The path must replay through the scenario's machine as it is now.
  const state = replay(model, path)?.at(-1);
  if (!state) return undefined;
  // A run that has ended is saved only while its last feedback is on screen (see PlaySession.persist).
  if (model.nodes[state.node]?.kind === 'ending' && !save.showingFeedback) return undefined;
  return { entry, save, state };
}
