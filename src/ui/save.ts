/**
 * Save and resume: the running XState snapshot is persisted after every step. On load it is checked
 * against the scenario by replaying its path with the engine; anything that doesn't match (a damaged
 * save, or one from another version of the scenario) is set aside with a notice, never a crash.
 */
import { replay, type RunState, type TimerSetting } from '../engine';
import type { LibraryEntry } from './library';
import { readRaw, removeKey, writeJson } from './storage';
import { isUuid } from './workshop/uuid';

export const SAVE_KEY = 'prasan.save.v1';
export const SET_ASIDE_KEY = 'prasan.save.set-aside';

export interface SavedGame {
  format: 1;
  scenario: string;
  version: number;
  language: string;
  snapshot: { value: string; status: string; context: RunState } & Record<string, unknown>;
  startedAt: string;
  stepTimes: string[];
  /** The trainee was reading the feedback of the last step when the page closed. */
  showingFeedback: boolean;
  timer: TimerSetting;
  /** The seed of the run's order of choices (saves made before choices were shuffled have none). */
  seed?: string;
  /** A workshop run's id: a resumed run reports under it again (and does not start anew). */
  run?: string;
  /** The trainee the run reports as: after leaving and joining as someone else it is not reported. */
  runBy?: string;
}

export type LoadedSave = { kind: 'none' } | { kind: 'set-aside' } | { kind: 'ok'; save: SavedGame; entry: LibraryEntry };

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
    const save = JSON.parse(readRaw(SAVE_KEY) ?? 'null') as Partial<SavedGame> | null;
    const steps = save?.snapshot?.context?.path?.length;
    if (typeof save?.scenario !== 'string' || typeof save.startedAt !== 'string' || typeof steps !== 'number') return undefined;
    return { scenario: save.scenario, startedAt: save.startedAt, steps };
  } catch {
    return undefined;
  }
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

function checkSave(raw: string, library: readonly LibraryEntry[]): { save: SavedGame; entry: LibraryEntry } | undefined {
  let save: SavedGame;
  try {
    save = JSON.parse(raw) as SavedGame;
  } catch {
    return undefined;
  }
  if (typeof save !== 'object' || save === null || save.format !== 1) return undefined;
  const entry = library.find((e) => e.playable?.model.id === save.scenario);
  const model = entry?.playable?.model;
  if (!entry || !model || model.version !== save.version) return undefined;
  const snapshot = save.snapshot;
  if (typeof snapshot !== 'object' || snapshot === null) return undefined;
  if (typeof snapshot.value !== 'string' || !(snapshot.value in model.nodes)) return undefined;
  // A run that has ended is saved only while its last feedback is on screen (see PlaySession.persist).
  const readingLastFeedback = snapshot.status === 'done' && save.showingFeedback === true && model.nodes[snapshot.value]!.kind === 'ending';
  if (snapshot.status !== 'active' && !readingLastFeedback) return undefined;
  if (!Array.isArray(save.stepTimes) || typeof save.startedAt !== 'string' || Number.isNaN(Date.parse(save.startedAt))) {
    return undefined;
  }
  if (!['normal', 'long', 'off'].includes(save.timer)) return undefined;
  if (save.run !== undefined && !isUuid(save.run)) return undefined;
  if (save.runBy !== undefined && typeof save.runBy !== 'string') return undefined;
  if (save.seed !== undefined && (typeof save.seed !== 'string' || save.seed.length > 64)) return undefined;
  const context = snapshot.context;
  if (typeof context !== 'object' || context === null || !Array.isArray(context.path)) return undefined;
  // Replaying the recorded path must land exactly where the snapshot says it is.
  if (!context.path.every((s) => typeof s === 'object' && s !== null && typeof s.node === 'string' && typeof s.choice === 'string')) {
    return undefined;
  }
  const state = replay(model, context.path)?.at(-1);
  if (!state || state.node !== snapshot.value || !sameRun(state, context)) return undefined;
  return { save, entry };
}

const RUN_FIELDS = ['node', 'skills', 'meters', 'flags', 'visited', 'taken', 'path'] as const;

function sameRun(a: RunState, b: RunState): boolean {
  const canonical = (value: unknown): string =>
    JSON.stringify(value, (_, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
    );
  return RUN_FIELDS.every((field) => canonical(a[field]) === canonical(b[field]));
}
