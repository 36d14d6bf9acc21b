/**
 * The workshop's store: one SQLite file (better-sqlite3, WAL). Every write that the server
 * acknowledges has been committed first, so killing the process loses nothing it said it had.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { RunRecord, SessionSummary, TraineeRecord } from '../workshop/protocol';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retention_days INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS session_scenarios (
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  scenario_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  -- a trainer's own file: its name and text (shipped scenarios have neither)
  file TEXT,
  source TEXT,
  position INTEGER NOT NULL,
  PRIMARY KEY (session_id, scenario_id)
);
CREATE TABLE IF NOT EXISTS trainees (
  id TEXT PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  pseudonym TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  joined_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  trainee_id TEXT NOT NULL REFERENCES trainees(id) ON DELETE CASCADE,
  scenario_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  language TEXT,
  timer TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  ending TEXT,
  ending_kind TEXT,
  skills TEXT
);
CREATE INDEX IF NOT EXISTS runs_by_trainee ON runs(trainee_id);
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  trainee_id TEXT NOT NULL REFERENCES trainees(id) ON DELETE CASCADE,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  seq INTEGER,
  node TEXT,
  choice TEXT,
  at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  body TEXT NOT NULL,
  -- 1 once the organisation's Learning Record Store has accepted its statement
  forwarded INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS one_decision_per_step ON events(run_id, seq) WHERE kind = 'decision';
CREATE UNIQUE INDEX IF NOT EXISTS one_result_per_run ON events(run_id) WHERE kind = 'result';
CREATE INDEX IF NOT EXISTS events_to_forward ON events(forwarded) WHERE forwarded = 0;
-- Every child column of a foreign key has an index: without one, deleting a parent row scans the
-- whole child table once per row (a session of many runs took minutes, freezing the server).
CREATE INDEX IF NOT EXISTS events_by_run ON events(run_id);
CREATE INDEX IF NOT EXISTS events_by_trainee ON events(trainee_id);
CREATE INDEX IF NOT EXISTS trainees_by_session ON trainees(session_id);
-- Sessions being deleted: gone for every request at once, their rows removed a slice at a time
-- (src/server/deletion.ts), and the deletion taken up again after a restart.
CREATE TABLE IF NOT EXISTS deletions (
  session_id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  reason TEXT NOT NULL
);
`;

/** Why a session is being deleted: the trainer asked, or its retention period ran out. */
export type DeletionReason = 'trainer' | 'expired';

export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives the process being killed (not a power cut) and is much quicker than FULL.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  addColumns(db);
  return db;
}

/** The end of the day `at` falls on, by this computer's clock: when a session's join code stops working. */
export function endOfDay(at: Date): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1);
}

/**
 * Columns added after the first workshops, added here to every file (SQLite's ADD COLUMN keeps the
 * rows): a file made by an older server opens as it is, with one schema whatever its age.
 *   sessions.join_until   when the join code stops letting people join (closing joining sets it to now)
 *   sessions.last_pseudonym  the highest pseudonym number given (P07 → 7), never given again
 *   trainees.removed_at   when the trainer removed the trainee (their key stops working; runs are kept)
 */
function addColumns(db: Db): void {
  const has = (table: string, column: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column);
  db.transaction(() => {
    if (!has('sessions', 'join_until')) {
      db.exec('ALTER TABLE sessions ADD COLUMN join_until TEXT');
      // A session made before: its code works until the end of the day it was made, as a new one's does.
      const set = db.prepare('UPDATE sessions SET join_until = ? WHERE id = ?');
      for (const row of db.prepare<[], { id: number; created_at: string }>('SELECT id, created_at FROM sessions').all())
        set.run(endOfDay(new Date(row.created_at)).toISOString(), row.id);
    }
    if (!has('sessions', 'last_pseudonym')) db.exec('ALTER TABLE sessions ADD COLUMN last_pseudonym INTEGER');
    if (!has('trainees', 'removed_at')) db.exec('ALTER TABLE trainees ADD COLUMN removed_at TEXT');
  })();
}

/** Trainee keys are stored hashed: a copied database file can't be used to post as a trainee. */
function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

interface SessionRow {
  id: number;
  code: string;
  title: string;
  created_at: string;
  retention_days: number;
  /** After this time the join code lets no one join (ISO, UTC). */
  join_until: string;
}

export interface SessionScenarioRow {
  scenario_id: string;
  version: number;
  file: string | null;
  source: string | null;
}

export interface TraineeRow {
  id: string;
  session_id: number;
  name: string;
  pseudonym: string;
  joined_at: string;
  last_seen_at: string;
  /** Set when the trainer removed them: their key no longer works. */
  removed_at: string | null;
}

interface RunRow {
  id: string;
  trainee_id: string;
  scenario_id: string;
  version: number;
  language: string | null;
  started_at: string;
  finished_at: string | null;
  ending: string | null;
  ending_kind: string | null;
  skills: string | null;
}

export interface EventRow {
  id: string;
  trainee_id: string;
  run_id: string;
  kind: string;
  seq: number | null;
  node: string | null;
  choice: string | null;
  at: string;
  received_at: string;
  body: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many entries each remembered map may hold before it starts again (the file has them all). */
const REMEMBERED = 10_000;

/** Remembers a value, starting the map afresh when it is full: memory stays bounded whatever is sent. */
function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= REMEMBERED) map.clear();
  map.set(key, value);
  return value;
}

/** A session not being deleted (see the deletions table). */
const LIVE = 'id NOT IN (SELECT session_id FROM deletions)';

function prepareQueries(db: Db) {
  return {
    sessionByCode: db.prepare<[string], SessionRow>(`SELECT * FROM sessions WHERE code = ? AND ${LIVE}`),
    sessionById: db.prepare<[number], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
    sessions: db.prepare<[], SessionRow>(`SELECT * FROM sessions WHERE ${LIVE} ORDER BY created_at DESC, id DESC`),
    insertSession: db.prepare('INSERT INTO sessions (code, title, created_at, retention_days, join_until) VALUES (?, ?, ?, ?, ?)'),
    setJoinUntil: db.prepare('UPDATE sessions SET join_until = ? WHERE id = ?'),
    setCode: db.prepare('UPDATE sessions SET code = ? WHERE id = ?'),
    codeTaken: db.prepare<[string], { id: number }>('SELECT id FROM sessions WHERE code = ?'),
    setRetention: db.prepare('UPDATE sessions SET retention_days = ? WHERE id = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    scenarios: db.prepare<[number], SessionScenarioRow>(
      'SELECT scenario_id, version, file, source FROM session_scenarios WHERE session_id = ? ORDER BY position',
    ),
    upsertScenario: db.prepare(
      `INSERT INTO session_scenarios (session_id, scenario_id, version, file, source, position)
       VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM session_scenarios WHERE session_id = ?))
       ON CONFLICT (session_id, scenario_id) DO UPDATE SET version = excluded.version, file = excluded.file, source = excluded.source`,
    ),
    traineeCount: db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM trainees WHERE session_id = ? AND removed_at IS NULL'),
    // Pseudonyms go on from the highest ever given (remembered on the session, since a trainee whose
    // data was deleted has no row), so an old export's P07 is never someone else.
    lastPseudonym: db.prepare<[number], { n: number }>(
      `SELECT MAX(COALESCE(last_pseudonym, 0),
        COALESCE((SELECT MAX(CAST(substr(pseudonym, 2) AS INTEGER)) FROM trainees WHERE session_id = sessions.id), 0)) AS n
       FROM sessions WHERE id = ?`,
    ),
    setLastPseudonym: db.prepare('UPDATE sessions SET last_pseudonym = ? WHERE id = ?'),
    insertTrainee: db.prepare(
      'INSERT INTO trainees (id, session_id, name, pseudonym, key_hash, joined_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    traineeByKey: db.prepare<[string], TraineeRow>(
      'SELECT * FROM trainees WHERE key_hash = ? AND removed_at IS NULL AND session_id NOT IN (SELECT session_id FROM deletions)',
    ),
    trainees: db.prepare<[number], TraineeRow>('SELECT * FROM trainees WHERE session_id = ? ORDER BY joined_at, pseudonym'),
    touchTrainee: db.prepare('UPDATE trainees SET last_seen_at = ? WHERE id = ?'),
    traineeById: db.prepare<[string], TraineeRow>('SELECT * FROM trainees WHERE id = ?'),
    removeTrainee: db.prepare('UPDATE trainees SET removed_at = ? WHERE id = ? AND removed_at IS NULL'),
    deleteTrainee: db.prepare('DELETE FROM trainees WHERE id = ?'),
    runById: db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?'),
    insertRun: db.prepare(
      'INSERT INTO runs (id, trainee_id, scenario_id, version, language, timer, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    setRunStart: db.prepare('UPDATE runs SET language = ?, timer = ?, started_at = ? WHERE id = ?'),
    finishRun: db.prepare('UPDATE runs SET finished_at = ?, ending = ?, ending_kind = ?, skills = ? WHERE id = ?'),
    finishedScenarios: db.prepare<[string], { scenario_id: string }>(
      'SELECT DISTINCT scenario_id FROM runs WHERE trainee_id = ? AND finished_at IS NOT NULL',
    ),
    eventById: db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?'),
    insertEvent: db.prepare(
      'INSERT INTO events (id, trainee_id, run_id, kind, seq, node, choice, at, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    decisionsOfRun: db.prepare<[string], EventRow>("SELECT * FROM events WHERE run_id = ? AND kind = 'decision' ORDER BY seq"),
    eventsOfRun: db.prepare<[string], EventRow>('SELECT * FROM events WHERE run_id = ? ORDER BY rowid'),
    runsOfTraineeAfter: db.prepare<[string, number, number], RunRow & { rowid: number }>(
      'SELECT rowid, * FROM runs WHERE trainee_id = ? AND rowid > ? ORDER BY rowid LIMIT ?',
    ),
    sessionsToForward: db.prepare<[], { session_id: number }>(
      'SELECT DISTINCT trainees.session_id FROM events JOIN trainees ON trainees.id = events.trainee_id WHERE events.forwarded = 0',
    ),
    unforwarded: db.prepare<[number], { id: string }>(
      'SELECT events.id FROM events JOIN trainees ON trainees.id = events.trainee_id WHERE trainees.session_id = ? AND events.forwarded = 0',
    ),
    markForwarded: db.prepare('UPDATE events SET forwarded = 1 WHERE id = ?'),
    expired: db.prepare<[string], { id: number; code: string }>(
      `SELECT id, code FROM sessions WHERE ${LIVE} AND datetime(created_at, '+' || retention_days || ' days') <= datetime(?)`,
    ),
    markDeleting: db.prepare('INSERT OR IGNORE INTO deletions (session_id, code, reason) VALUES (?, ?, ?)'),
    deletions: db.prepare<[], { session_id: number; code: string; reason: DeletionReason }>('SELECT * FROM deletions ORDER BY rowid'),
    deleteSessionEvents: db.prepare(
      'DELETE FROM events WHERE rowid IN (SELECT events.rowid FROM events JOIN trainees ON trainees.id = events.trainee_id WHERE trainees.session_id = ? LIMIT ?)',
    ),
    deleteSessionRuns: db.prepare(
      'DELETE FROM runs WHERE rowid IN (SELECT runs.rowid FROM runs JOIN trainees ON trainees.id = runs.trainee_id WHERE trainees.session_id = ? LIMIT ?)',
    ),
    deleteSessionTrainees: db.prepare('DELETE FROM trainees WHERE rowid IN (SELECT rowid FROM trainees WHERE session_id = ? LIMIT ?)'),
    deleteTraineeEvents: db.prepare('DELETE FROM events WHERE rowid IN (SELECT rowid FROM events WHERE trainee_id = ? LIMIT ?)'),
    deleteTraineeRuns: db.prepare('DELETE FROM runs WHERE rowid IN (SELECT rowid FROM runs WHERE trainee_id = ? LIMIT ?)'),
    finishDeletion: db.prepare('DELETE FROM deletions WHERE session_id = ?'),
  };
}

/** The queries the server runs, prepared once. */
export class Store {
  private readonly q: ReturnType<typeof prepareQueries>;
  // Remembered between requests, because every trainee request needs them: trainees by key, sessions
  // by id, and the runs the dashboards are sent (kept up to date as events are stored). All are
  // forgotten when a session is deleted, or when a write fails (see forgetRemembered).
  private readonly byKey = new Map<string, TraineeRow>();
  private readonly sessionsById = new Map<number, SessionRow>();
  private readonly records = new Map<string, RunRecord>();

  constructor(readonly db: Db) {
    this.q = prepareQueries(db);
  }

  session(code: string): SessionRow | undefined {
    return this.q.sessionByCode.get(code);
  }

  sessionOf(trainee: TraineeRow): SessionRow {
    let session = this.sessionsById.get(trainee.session_id);
    if (!session) {
      session = remember(this.sessionsById, trainee.session_id, this.q.sessionById.get(trainee.session_id)!);
    }
    return session;
  }

  allSessions(): SessionRow[] {
    return this.q.sessions.all();
  }

  createSession(code: string, title: string, retentionDays: number, now: Date): SessionRow {
    const info = this.q.insertSession.run(code, title, now.toISOString(), retentionDays, endOfDay(now).toISOString());
    return this.q.sessionById.get(Number(info.lastInsertRowid))!;
  }

  setRetention(session: SessionRow, days: number): void {
    this.q.setRetention.run(days, session.id);
    this.sessionsById.delete(session.id);
  }

  /** Until when the join code lets people join; a time already past closes joining. */
  setJoinUntil(session: { id: number }, until: Date): void {
    this.q.setJoinUntil.run(until.toISOString(), session.id);
    this.sessionsById.delete(session.id);
  }

  /** Gives a session another join code: the old one stops working at once (trainees' keys go on working). */
  setCode(session: { id: number }, code: string): void {
    this.q.setCode.run(code, session.id);
    this.sessionsById.delete(session.id);
  }

  /** Whether any session has this code, one being deleted too. */
  codeTaken(code: string): boolean {
    return this.q.codeTaken.get(code) !== undefined;
  }

  trainee(id: string): TraineeRow | undefined {
    return this.q.traineeById.get(id);
  }

  /** The trainee's key stops working at once; their runs stay in the results and exports. */
  removeTrainee(trainee: { id: string }, now: Date): void {
    this.q.removeTrainee.run(now.toISOString(), trainee.id);
    this.byKey.clear();
  }

  /** A removed trainee's own row, name and all (after `deleteTraineeData` has taken their runs and events). */
  deleteTrainee(trainee: { id: string }): void {
    this.q.deleteTrainee.run(trainee.id);
    this.forgetRemembered();
  }

  /**
   * Takes a session out of every answer at once; its rows are then removed a slice at a time by
   * `deleteSomeOf` (src/server/deletion.ts drives it), so no request waits on a large delete.
   */
  markDeleting(session: { id: number; code: string }, reason: DeletionReason): void {
    this.q.markDeleting.run(session.id, session.code, reason);
    this.forgetRemembered();
  }

  /** Marks every session whose retention has run out for deletion; returns their codes. */
  markExpired(now: Date): string[] {
    const mark = this.db.transaction(() => {
      const expired = this.q.expired.all(now.toISOString());
      for (const session of expired) this.q.markDeleting.run(session.id, session.code, 'expired');
      return expired.map((s) => s.code);
    });
    const codes = mark();
    if (codes.length > 0) this.forgetRemembered();
    return codes;
  }

  /** Sessions marked for deletion and not yet gone, oldest mark first. */
  pendingDeletions(): { id: number; code: string; reason: DeletionReason }[] {
    return this.q.deletions.all().map((d) => ({ id: d.session_id, code: d.code, reason: d.reason }));
  }

  /**
   * Removes at most `limit` rows of a session marked for deletion, children first (events, runs,
   * trainees), so each statement is short. Returns how many went; 0 once the session itself is gone.
   */
  deleteSomeOf(sessionId: number, limit: number): number {
    for (const query of [this.q.deleteSessionEvents, this.q.deleteSessionRuns, this.q.deleteSessionTrainees]) {
      const removed = query.run(sessionId, limit).changes;
      if (removed > 0) return removed;
    }
    this.db.transaction(() => {
      this.q.deleteSession.run(sessionId);
      this.q.finishDeletion.run(sessionId);
    })();
    return 0;
  }

  /** Removes at most `limit` of a trainee's events and runs (events first); 0 once none are left. */
  deleteSomeOfTrainee(traineeId: string, limit: number): number {
    const events = this.q.deleteTraineeEvents.run(traineeId, limit).changes;
    if (events > 0) return events;
    return this.q.deleteTraineeRuns.run(traineeId, limit).changes;
  }

  /** Drops what is remembered between requests; it is read again from the file when next needed. */
  forgetRemembered(): void {
    this.byKey.clear();
    this.sessionsById.clear();
    this.records.clear();
  }

  /** Sessions with events the Learning Record Store hasn't accepted yet, and those events' ids. */
  toForward(): { session: SessionRow; events: Set<string> }[] {
    return this.q.sessionsToForward.all().map(({ session_id }) => ({
      session: this.q.sessionById.get(session_id)!,
      events: new Set(this.q.unforwarded.all(session_id).map((r) => r.id)),
    }));
  }

  markForwarded(ids: readonly string[]): void {
    const mark = this.db.transaction(() => ids.forEach((id) => this.q.markForwarded.run(id)));
    mark();
  }

  scenarios(session: { id: number }): SessionScenarioRow[] {
    return this.q.scenarios.all(session.id);
  }

  putScenario(session: { id: number }, id: string, version: number, upload?: { file: string; source: string }): void {
    this.q.upsertScenario.run(session.id, id, version, upload?.file ?? null, upload?.source ?? null, session.id);
  }

  /** Adds a trainee with the next pseudonym (ผู้เรียน 01 → "P01" in exports). */
  addTrainee(session: SessionRow, id: string, name: string, key: string, now: Date): TraineeRow {
    const add = this.db.transaction(() => {
      const n = this.q.lastPseudonym.get(session.id)!.n + 1;
      this.q.setLastPseudonym.run(n, session.id);
      const pseudonym = `P${String(n).padStart(2, '0')}`;
      const at = now.toISOString();
      this.q.insertTrainee.run(id, session.id, name, pseudonym, hashKey(key), at, at);
    });
    add();
    return this.q.traineeByKey.get(hashKey(key))!;
  }

  traineeByKey(key: string): TraineeRow | undefined {
    const known = this.byKey.get(key);
    if (known) return known;
    const row = this.q.traineeByKey.get(hashKey(key));
    if (row) remember(this.byKey, key, row);
    return row;
  }

  touch(trainee: TraineeRow, now: Date): void {
    this.q.touchTrainee.run(now.toISOString(), trainee.id);
  }

  traineeCount(session: { id: number }): number {
    return this.q.traineeCount.get(session.id)!.n;
  }

  trainees(session: { id: number }): TraineeRow[] {
    return this.q.trainees.all(session.id);
  }

  run(id: string): RunRow | undefined {
    return this.q.runById.get(id);
  }

  addRun(run: {
    id: string;
    trainee: string;
    scenario: string;
    version: number;
    language: string | null;
    timer: string | null;
    at: string;
  }): void {
    this.q.insertRun.run(run.id, run.trainee, run.scenario, run.version, run.language, run.timer, run.at);
  }

  /** A start that arrived after the run's first decision: its settings and time are the run's. */
  setRunStart(run: string, language: string, timer: string, at: string): void {
    this.q.setRunStart.run(language, timer, at, run);
    const record = this.records.get(run);
    if (record) Object.assign(record, { language, startedAt: at });
  }

  finishRun(run: string, at: string, ending: string | null, endingKind: string | null, skills: Record<string, number>): void {
    this.q.finishRun.run(at, ending, endingKind, JSON.stringify(skills), run);
    // A finished run takes no more events: it is read from the file for its last message, not kept.
    this.records.delete(run);
  }

  finishedScenarios(trainee: TraineeRow): string[] {
    return this.q.finishedScenarios.all(trainee.id).map((r) => r.scenario_id);
  }

  event(id: string): EventRow | undefined {
    return this.q.eventById.get(id);
  }

  addEvent(row: EventRow): void {
    this.q.insertEvent.run(row.id, row.trainee_id, row.run_id, row.kind, row.seq, row.node, row.choice, row.at, row.received_at, row.body);
    const record = this.records.get(row.run_id);
    if (record && row.kind === 'decision') record.steps.push({ seq: row.seq!, node: row.node!, choice: row.choice!, at: row.at });
  }

  decisions(run: string): EventRow[] {
    return this.q.decisionsOfRun.all(run);
  }

  /** A run's stored events in the order they were stored. */
  runEvents(run: string): EventRow[] {
    return this.q.eventsOfRun.all(run);
  }

  /**
   * Up to `limit` of a trainee's runs stored after the one at `after` (0: from the first), with their
   * decisions; `next` is where the following page starts, absent after the last.
   */
  traineeRunsPage(trainee: string, after: number, limit: number): { runs: RunRecord[]; next?: number } {
    const rows = this.q.runsOfTraineeAfter.all(trainee, after, limit);
    const runs = rows.map((row) => this.toRunRecord(row, this.q.decisionsOfRun.all(row.id)));
    return rows.length < limit ? { runs } : { runs, next: rows[rows.length - 1]!.rowid };
  }

  /** A run as the dashboard and exports see it. */
  runRecord(id: string): RunRecord | undefined {
    const known = this.records.get(id);
    if (known) return known;
    const row = this.q.runById.get(id);
    if (!row) return undefined;
    const record = this.toRunRecord(row, this.q.decisionsOfRun.all(id));
    return row.finished_at === null ? remember(this.records, id, record) : record;
  }

  /** Every run of a session at once, trainee by trainee (for tests: the routes page through them). */
  sessionRuns(session: { id: number }): RunRecord[] {
    return this.trainees(session).flatMap((t) => this.traineeRunsPage(t.id, 0, 1_000_000_000).runs);
  }

  private toRunRecord(row: RunRow, decisions: EventRow[]): RunRecord {
    return {
      id: row.id,
      trainee: row.trainee_id,
      scenario: row.scenario_id,
      version: row.version,
      language: row.language,
      startedAt: row.started_at,
      steps: decisions.map((d) => ({ seq: d.seq!, node: d.node!, choice: d.choice!, at: d.at })),
      result:
        row.finished_at === null
          ? null
          : {
              ending: row.ending,
              endingKind: row.ending_kind,
              skills: JSON.parse(row.skills ?? '{}') as Record<string, number>,
              finishedAt: row.finished_at,
            },
    };
  }

  summary(session: SessionRow): SessionSummary {
    return {
      code: session.code,
      title: session.title,
      createdAt: session.created_at,
      retentionDays: session.retention_days,
      joinUntil: session.join_until,
      expiresAt: new Date(Date.parse(session.created_at) + session.retention_days * DAY_MS).toISOString(),
      scenarios: this.scenarios(session).map((s) => ({ id: s.scenario_id, version: s.version, uploaded: s.source !== null })),
      trainees: this.traineeCount(session),
    };
  }
}

export function traineeRecord(row: TraineeRow): TraineeRecord {
  return {
    id: row.id,
    name: row.name,
    pseudonym: row.pseudonym,
    joinedAt: row.joined_at,
    lastSeenAt: row.last_seen_at,
    ...(row.removed_at ? { removedAt: row.removed_at } : {}),
  };
}

export type { SessionRow, RunRow };
