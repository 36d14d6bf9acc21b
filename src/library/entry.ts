/** The library as the game receives it: compiled at build time, one entry per file. */
import type { CompiledScenario, Diagnostic, ScenarioModel, SkillTotals, StringTable } from '../engine';

export interface PlayableScenario {
  model: ScenarioModel;
  strings: StringTable;
  /** The highest total per skill a run can reach (the debrief's outline). */
  attainable: SkillTotals;
  lowest: SkillTotals;
  /** Each character's portrait file (see src/portraits), where the build made one; else the game draws it. */
  portraits?: Record<string, string>;
}

/** What the menu shows of a scenario before its full content is loaded. */
export interface ScenarioInfo {
  id: string;
  version: number;
  languages: ScenarioModel['languages'];
  minutes?: number;
  difficulty?: ScenarioModel['difficulty'];
  tags: string[];
  targets: ScenarioModel['targets'];
}

export interface LibraryEntry {
  /** The file name, e.g. `no-confidence-motion.yaml`. */
  file: string;
  /** The scenario id, or the file name's stem when the file doesn't compile. */
  id: string;
  /** Present when the file has no errors. */
  info?: ScenarioInfo;
  /** The title and summary per language, for the menu. */
  menuStrings?: StringTable;
  /** Present once the scenario's content is loaded (always, for a file opened from disk). */
  playable?: PlayableScenario;
  /** Loads the content of a bundled scenario (its own chunk, fetched when first played). */
  load?: () => Promise<PlayableScenario>;
  diagnostics: Diagnostic[];
  /** Opened by a trainer from their own computer during this visit (not bundled with the game). */
  fromDisk?: boolean;
  /** A trainer's work in progress (drafts/), listed by the development server only. */
  draft?: boolean;
}

export function infoOf(model: ScenarioModel): ScenarioInfo {
  const { id, version, languages, minutes, difficulty, tags, targets } = model;
  return { id, version, languages, minutes, difficulty, tags, targets };
}

/** The library entry of a file that compiled: what the menu lists and what a play needs. */
export function entryOf(
  file: string,
  compiled: CompiledScenario,
  diagnostics: Diagnostic[],
): LibraryEntry & { info: ScenarioInfo; playable: PlayableScenario } {
  const { model, strings, exploration } = compiled;
  const menuStrings = Object.fromEntries(
    Object.entries(strings).map(([lang, table]) => [lang, { title: table['title'] ?? '', summary: table['summary'] ?? '' }]),
  );
  return {
    file,
    id: model.id,
    info: infoOf(model),
    menuStrings,
    playable: { model, strings, attainable: exploration.max, lowest: exploration.min },
    diagnostics,
  };
}
