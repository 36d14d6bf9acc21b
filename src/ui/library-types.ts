/** The library as the game receives it: compiled at build time, one entry per file. */
import type { Diagnostic, ScenarioModel, SkillTotals, StringTable } from '../engine';

export interface PlayableScenario {
  model: ScenarioModel;
  strings: StringTable;
  /** The highest total per skill a run can reach (the debrief's outline). */
  attainable: SkillTotals;
  lowest: SkillTotals;
}

export interface LibraryEntry {
  /** The file name, e.g. `no-confidence-motion.yaml`. */
  file: string;
  /** The scenario id, or the file name's stem when the file doesn't compile. */
  id: string;
  /** Present when the file has no errors. */
  playable?: PlayableScenario;
  diagnostics: Diagnostic[];
  /** Opened by a trainer from their own computer during this visit (not bundled with the game). */
  fromDisk?: boolean;
}
