/**
 * The scenarios shipped in `scenarios/`, compiled at build time by the Vite plugin in
 * src/tooling/vite-scenarios.ts. A file with errors stays in the list with its diagnostics, so one
 * broken file never hides the others.
 */
import library from 'virtual:prasan-library';
import { registerScenarioStrings } from '../i18n';
import type { LibraryEntry } from './library-types';

export type { LibraryEntry, PlayableScenario } from './library-types';

export function loadLibrary(): LibraryEntry[] {
  for (const entry of library) {
    if (entry.playable) registerScenarioStrings(entry.playable.model.id, entry.playable.strings);
  }
  return library;
}
