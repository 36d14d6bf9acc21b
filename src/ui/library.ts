/**
 * The scenarios shipped in `scenarios/`, compiled at build time by the Vite plugin in
 * src/tooling/vite-scenarios.ts. The menu gets a small index; each scenario's content is its own
 * chunk, fetched when it is first played. A file with errors stays in the list with its diagnostics,
 * so one broken file never hides the others.
 */
import library from 'virtual:prasan-library';
import { registerScenarioStrings } from '../i18n';
import type { LibraryEntry, PlayableScenario } from '../library/entry';

export type { LibraryEntry, PlayableScenario } from '../library/entry';

export function loadLibrary(): LibraryEntry[] {
  for (const entry of library) {
    if (entry.info && entry.menuStrings) registerScenarioStrings(entry.info.id, entry.menuStrings);
  }
  return library;
}

/** The entry's full content, fetched once and registered with i18next. */
export async function ensurePlayable(entry: LibraryEntry): Promise<PlayableScenario | undefined> {
  if (!entry.playable && entry.load) {
    const playable = await entry.load();
    registerScenarioStrings(playable.model.id, playable.strings);
    entry.playable = playable;
  }
  return entry.playable;
}
