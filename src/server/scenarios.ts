/**
 * The scenarios a workshop can use: the shipped library, compiled once at start, and the files
 * trainers add to a session, compiled in a worker thread when added (and again after a restart, from
 * the stored text, before a request needs them: see `ready`). The server needs the models to check
 * each decision a trainee sends and to score finished runs.
 */
import { compileLibrary } from '../library/files';
import type { SessionScenarioRow, Store } from './db';
import { UploadCompiler, type ReadyScenario, type UploadLimits, type UploadResult } from './upload-compiler';

export type { ReadyScenario };

const UPLOADS_KEPT = 16;

interface KeptSessions {
  bySession: Map<number, Map<string, ReadyScenario>>;
  /** Which session each code named when its scenarios were kept, for `sessionChanged`. */
  sessionIds: Map<string, number>;
}

export class ScenarioCatalog {
  private readonly shipped = new Map<string, ReadyScenario>();
  /**
   * Trainers' files by their text, compiled or refused: the same file added to two sessions compiles
   * once, and a stored file that no longer compiles isn't tried again on every request.
   */
  private readonly uploaded = new Map<string, UploadResult>();
  private readonly compiler: UploadCompiler;

  constructor(dirs: readonly string[], uploadLimits?: UploadLimits) {
    for (const entry of compileLibrary(dirs)) {
      if (entry.info && entry.playable) this.shipped.set(entry.id, entry as ReadyScenario);
    }
    this.compiler = new UploadCompiler(uploadLimits);
  }

  get library(): ReadyScenario[] {
    return [...this.shipped.values()];
  }

  shippedScenario(id: string): ReadyScenario | undefined {
    return this.shipped.get(id);
  }

  /**
   * Checks a trainer's file in the worker; the diagnostics say what is wrong when it can't be used.
   * Rejects with UploadTooLarge when the file passes the time or memory limit.
   */
  async compileUpload(file: string, text: string): Promise<UploadResult> {
    const known = this.uploaded.get(text);
    if (known) return known;
    const result = await this.compiler.compile(file, text);
    // Trainers' files are few; a few dozen compiled ones is plenty to keep (one is about 3 MB).
    if (this.uploaded.size >= UPLOADS_KEPT) this.uploaded.delete(this.uploaded.keys().next().value!);
    this.uploaded.set(text, result);
    return result;
  }

  /**
   * Compiles, in the worker, any of a session's own files not compiled since the server started (or
   * let go since): afterwards `ofSession` has them all. Every route that reads a session's scenarios
   * waits for this first. A file that can't be compiled any more is left out, as before.
   */
  async ready(store: Store, session: { id: number; code: string }): Promise<void> {
    if (this.keptFor(store).bySession.has(session.id)) return;
    for (const row of store.scenarios(session)) {
      if (row.source === null || this.uploaded.has(row.source)) continue;
      await this.compileUpload(row.file ?? `${row.scenario_id}.yaml`, row.source).catch((error: unknown) => {
        console.error(`A trainer's file ${row.file ?? row.scenario_id} could not be compiled again:`, error);
      });
    }
  }

  /**
   * Each session's scenarios, kept between requests: a batch of events needn't look them up again.
   * Keyed by the session's id, not its join code: the trainer may give a session a new code, and an
   * old code may later be another session's.
   */
  private readonly kept = new WeakMap<Store, KeptSessions>();

  /** What is kept of one data file's sessions (a catalog may serve several: one per test server). */
  private keptFor(store: Store): KeptSessions {
    let kept = this.kept.get(store);
    if (!kept) this.kept.set(store, (kept = { bySession: new Map(), sessionIds: new Map() }));
    return kept;
  }

  /**
   * A session's scenarios by id (a row whose scenario can't be had is left out, and so is a trainer's
   * file not compiled yet: `ready` compiles those).
   */
  ofSession(store: Store, session: { id: number; code: string }): Map<string, ReadyScenario> {
    const kept = this.keptFor(store);
    let scenarios = kept.bySession.get(session.id);
    if (!scenarios) {
      const rows = store.scenarios(session);
      scenarios = new Map(
        rows.flatMap((row) => {
          const scenario = this.forSession(row);
          return scenario ? [[row.scenario_id, scenario] as const] : [];
        }),
      );
      // Kept only once every file has been tried: until then `ready` has work to do.
      if (rows.every((row) => row.source === null || this.uploaded.has(row.source))) {
        kept.bySession.set(session.id, scenarios);
        kept.sessionIds.set(session.code, session.id);
      }
    }
    return scenarios;
  }

  /** A session's scenarios changed (a file added) or the session is gone. */
  sessionChanged(store: Store, code: string): void {
    const kept = this.keptFor(store);
    const id = kept.sessionIds.get(code);
    if (id !== undefined) kept.bySession.delete(id);
    kept.sessionIds.delete(code);
  }

  /** The scenario a session row names: its own file when a trainer added one, else the shipped one. */
  private forSession(row: SessionScenarioRow): ReadyScenario | undefined {
    if (row.source !== null) return this.uploaded.get(row.source)?.scenario;
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
