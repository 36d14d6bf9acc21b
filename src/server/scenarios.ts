/**
 * The scenarios a workshop can use: the shipped library, compiled once at start, and the files
 * trainers add to a session, compiled when added (and again after a restart, from the stored text).
 * The server needs the models to check each decision a trainee sends and to score finished runs.
 */
import { compileBytes, type Diagnostic } from '../engine';
import { compileLibrary } from '../library/files';
import { entryOf, type LibraryEntry, type PlayableScenario, type ScenarioInfo } from '../library/entry';
import type { SessionScenarioRow, Store } from './db';

/** A scenario ready to be played and checked: what the game receives for a session's own files. */
export type ReadyScenario = LibraryEntry & { info: ScenarioInfo; playable: PlayableScenario };

const UPLOADS_KEPT = 16;

export class ScenarioCatalog {
  private readonly shipped = new Map<string, ReadyScenario>();
  /** Trainers' files by their text: the same file added to two sessions compiles once. */
  private readonly uploaded = new Map<string, ReadyScenario>();

  constructor(dirs: readonly string[]) {
    for (const entry of compileLibrary(dirs)) {
      if (entry.info && entry.playable) this.shipped.set(entry.id, entry as ReadyScenario);
    }
  }

  get library(): ReadyScenario[] {
    return [...this.shipped.values()];
  }

  shippedScenario(id: string): ReadyScenario | undefined {
    return this.shipped.get(id);
  }

  /** Checks a trainer's file; the diagnostics say what is wrong when it can't be used. */
  compileUpload(file: string, text: string): { scenario?: ReadyScenario; diagnostics: Diagnostic[] } {
    const cached = this.uploaded.get(text);
    if (cached) return { scenario: cached, diagnostics: cached.diagnostics };
    const { compiled, diagnostics } = compileBytes(file, new TextEncoder().encode(text));
    if (!compiled) return { diagnostics };
    const scenario = entryOf(file, compiled, diagnostics);
    // Trainers' files are few; a few dozen compiled ones is plenty to keep (one is about 3 MB).
    if (this.uploaded.size >= UPLOADS_KEPT) this.uploaded.delete(this.uploaded.keys().next().value!);
    this.uploaded.set(text, scenario);
    return { scenario, diagnostics };
  }

  /**
   * Each session's scenarios, kept between requests: a batch of events needn't look them up again.
   * Keyed by the session's id, not its join code: the trainer may give a session a new code, and an
   * old code may later be another session's.
   */
  private readonly bySession = new Map<number, Map<string, ReadyScenario>>();
  /** Which session each code named when its scenarios were kept, for `sessionChanged`. */
  private readonly sessionIds = new Map<string, number>();

  /** A session's scenarios by id (a row whose scenario can't be had is left out). */
  ofSession(store: Store, session: { id: number; code: string }): Map<string, ReadyScenario> {
    let scenarios = this.bySession.get(session.id);
    if (!scenarios) {
      scenarios = new Map(
        store.scenarios(session).flatMap((row) => {
          const scenario = this.forSession(row);
          return scenario ? [[row.scenario_id, scenario] as const] : [];
        }),
      );
      this.bySession.set(session.id, scenarios);
      this.sessionIds.set(session.code, session.id);
    }
    return scenarios;
  }

  /** A session's scenarios changed (a file added) or the session is gone. */
  sessionChanged(code: string): void {
    const id = this.sessionIds.get(code);
    if (id !== undefined) this.bySession.delete(id);
    this.sessionIds.delete(code);
  }

  /** The scenario a session row names: its own file when a trainer added one, else the shipped one. */
  forSession(row: SessionScenarioRow): ReadyScenario | undefined {
    if (row.source !== null) return this.compileUpload(row.file ?? `${row.scenario_id}.yaml`, row.source).scenario;
    return this.shipped.get(row.scenario_id);
  }
}

/**
 * A scenario as a trainee may receive it: without the trainer's objectives, questions and notes
 * (`trainer/…` strings), which are for the trainer's eyes only.
 */
export function forTrainees(scenario: ReadyScenario): ReadyScenario {
  const strings = Object.fromEntries(
    Object.entries(scenario.playable.strings).map(([lang, table]) => [
      lang,
      Object.fromEntries(Object.entries(table ?? {}).filter(([key]) => !key.startsWith('trainer/'))),
    ]),
  );
  return { ...scenario, playable: { ...scenario.playable, strings } };
}
