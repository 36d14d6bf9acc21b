/**
 * The room keeps running while the server does heavy work (the workshop-2 review's H1 and H2): a data
 * file holding a past workshop's events, one trainee flooding a session for ten seconds, then the
 * trainer deleting that session, and a server whose start-up sweep has a large expired session to
 * delete. Throughout, a bystander asks the server something small every 25 ms over a real socket;
 * no answer may take a second. Timings are printed, for the closing note of a change.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/server/db';
import type { SessionSnapshot } from '../../../src/workshop/protocol';
import { catalog, createSession, join, openServer, TRAINER_KEY, type TestServer } from './harness';

const PAST_EVENTS = 100_000;
const PAST_RUNS = 3_000;
const PAST_TRAINEES = 60;
const FLOOD_MS = 10_000;

/** A past workshop's data, written straight into the file: a session, its trainees, runs and events. */
function fillWithPastWorkshop(db: Db, code: string): number {
  const session = Number(
    db
      .prepare("INSERT INTO sessions (code, title, created_at, retention_days) VALUES (?, 'past', '2026-01-05T08:00:00.000Z', 3650)")
      .run(code).lastInsertRowid,
  );
  db.transaction(() => {
    const trainee = db.prepare(
      "INSERT INTO trainees (id, session_id, name, pseudonym, key_hash, joined_at, last_seen_at) VALUES (?, ?, ?, ?, ?, '2026-01-05T08:00:00.000Z', '2026-01-05T08:00:00.000Z')",
    );
    for (let t = 0; t < PAST_TRAINEES; t++) trainee.run(`past-t${t}`, session, `T${t}`, `P${t}`, `past-key-${t}`);
    // The counts are written into the SQL: bound JavaScript numbers are REAL to SQLite ('r1.0').
    db.exec(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${PAST_RUNS})
       INSERT INTO runs (id, trainee_id, scenario_id, version, language, started_at)
       SELECT 'past-r' || i, 'past-t' || (i % ${PAST_TRAINEES}), 'whip-tuesday', 1, 'th', '2026-01-05T09:00:00.000Z' FROM n`,
    );
    db.exec(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${PAST_EVENTS})
       INSERT INTO events (id, trainee_id, run_id, kind, seq, node, choice, at, received_at, body)
       SELECT 'past-e' || i, 'past-t' || ((i % ${PAST_RUNS}) % ${PAST_TRAINEES}), 'past-r' || (i % ${PAST_RUNS}), 'decision',
              i / ${PAST_RUNS}, 'n', 'c', '2026-01-05T09:00:00.000Z', '2026-01-05T09:00:00.000Z', '{}' FROM n`,
    );
  })();
  return session;
}

/** Asks the server something small every 25 ms until stopped; remembers the slowest answer. */
function bystander(url: string) {
  let slowest = 0;
  let answers = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${url}/api/workshop`);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`bystander got ${response.status}`);
      slowest = Math.max(slowest, performance.now() - started);
      answers++;
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { slowest, answers };
    },
  };
}

/** One trainee's key sending batches of new runs as fast as eight connections allow, until `until`. */
async function flood(url: string, key: string, until: number): Promise<{ batches: number; refused: number }> {
  let batches = 0;
  let refused = 0;
  const loop = async () => {
    while (Date.now() < until) {
      const events = Array.from({ length: 100 }, () => ({
        id: randomUUID(),
        run: randomUUID(),
        scenario: 'whip-tuesday',
        version: catalog().shippedScenario('whip-tuesday')!.info.version,
        at: new Date().toISOString(),
        kind: 'start',
        language: 'th',
        timer: 'normal',
      }));
      const response = await fetch(`${url}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ events }),
      });
      await response.arrayBuffer();
      batches++;
      if (response.status === 429) {
        refused++;
        // A flooder that ignores Retry-After: the server must hold without its cooperation.
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, loop));
  return { batches, refused };
}

const count = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

describe('heavy work never holds up the room', () => {
  let server: TestServer;
  let url: string;
  let pastSession: number;

  beforeAll(async () => {
    catalog();
    server = await openServer();
    const filled = performance.now();
    pastSession = fillWithPastWorkshop(server.store.db, 'PASTWK');
    console.log(`past workshop written: ${PAST_EVENTS} events in ${Math.round(performance.now() - filled)} ms`);
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => server?.close());

  it('a ten-second flood from one trainee is capped, and deleting its session takes under two seconds', async () => {
    const { code } = await createSession(server.app, ['whip-tuesday']);
    const flooder = await join(server.app, code, 'Flood');
    const watch = bystander(url);

    const flooded = await flood(url, flooder.key, Date.now() + FLOOD_MS);
    const runs = count(server.store.db, 'SELECT COUNT(*) AS n FROM runs WHERE trainee_id = ?', flooder.trainee.id);
    const events = count(server.store.db, 'SELECT COUNT(*) AS n FROM events WHERE trainee_id = ?', flooder.trainee.id);

    const deleteStarted = performance.now();
    const deleted = await fetch(`${url}/api/trainer/sessions/${code}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TRAINER_KEY}` },
    });
    const deleteMs = performance.now() - deleteStarted;
    const { slowest, answers } = await watch.stop();
    console.log(
      `flood: ${flooded.batches} batches of 100 in ${FLOOD_MS / 1000} s, ${flooded.refused} refused (429); stored ${runs} runs, ${events} events; ` +
        `delete ${Math.round(deleteMs)} ms; bystander: ${answers} answers, slowest ${Math.round(slowest)} ms`,
    );

    expect(deleted.status).toBe(204);
    expect(flooded.refused).toBeGreaterThan(0);
    // The review saw 78,800 runs from one key in 20 s; a real trainee starts a handful in a morning.
    expect(runs).toBeLessThan(1_000);
    expect(deleteMs).toBeLessThan(2_000);
    expect(slowest).toBeLessThan(1_000);
    expect(count(server.store.db, 'SELECT COUNT(*) AS n FROM trainees WHERE id = ?', flooder.trainee.id)).toBe(0);
    // The past workshop is untouched.
    expect(count(server.store.db, 'SELECT COUNT(*) AS n FROM events')).toBe(PAST_EVENTS);
  }, 60_000);

  it("the past workshop's room and exports stream while a bystander is answered within a second", async () => {
    const watch = bystander(url);
    const sizes: string[] = [];
    // (xAPI streams through the same pages: exports.test.ts checks its statements on a small session.)
    for (const path of ['', '/export.csv', '/export.json']) {
      const started = performance.now();
      const response = await fetch(`${url}/api/trainer/sessions/PASTWK${path}`, { headers: { authorization: `Bearer ${TRAINER_KEY}` } });
      const text = await response.text();
      expect(response.status).toBe(200);
      sizes.push(`${path || 'snapshot'} ${(text.length / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`);
      if (path === '') {
        const snapshot = JSON.parse(text) as SessionSnapshot;
        expect(snapshot.runs).toHaveLength(PAST_RUNS);
        expect(snapshot.runs.reduce((n, r) => n + r.steps.length, 0)).toBe(PAST_EVENTS);
        expect(snapshot.trainees).toHaveLength(PAST_TRAINEES);
      }
      if (path === '/export.csv') expect(text.trimEnd().split('\r\n')).toHaveLength(PAST_EVENTS + 1);
    }
    const { slowest, answers } = await watch.stop();
    console.log(
      `room and exports of ${PAST_EVENTS} events: ${sizes.join('; ')}; bystander: ${answers} answers, slowest ${Math.round(slowest)} ms`,
    );
    expect(slowest).toBeLessThan(1_000);
  }, 120_000);

  it('the start-up sweep deletes an expired session of 100,000 events after the server listens, and nobody waits', async () => {
    server.store.db.prepare('UPDATE sessions SET retention_days = 30 WHERE id = ?').run(pastSession);
    const started = performance.now();
    server = await server.restart({});
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const listeningMs = performance.now() - started;
    url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    const watch = bystander(url);
    // Gone for every request at once, before its rows are.
    const lookup = await fetch(`${url}/api/join/PASTWK`);
    expect(lookup.status).toBe(404);

    const sweepStarted = performance.now();
    while (count(server.store.db, 'SELECT COUNT(*) AS n FROM sessions WHERE id = ?', pastSession) > 0) {
      await new Promise((r) => setTimeout(r, 50));
      if (performance.now() - sweepStarted > 60_000) throw new Error('the sweep did not finish in a minute');
    }
    const sweepMs = performance.now() - sweepStarted;
    const { slowest, answers } = await watch.stop();
    console.log(
      `start-up: listening ${Math.round(listeningMs)} ms after the restart began; sweep of ${PAST_EVENTS} events ${Math.round(sweepMs)} ms; ` +
        `bystander: ${answers} answers, slowest ${Math.round(slowest)} ms`,
    );

    expect(listeningMs).toBeLessThan(5_000);
    expect(slowest).toBeLessThan(1_000);
    expect(count(server.store.db, 'SELECT COUNT(*) AS n FROM events')).toBe(0);
    expect(count(server.store.db, 'SELECT COUNT(*) AS n FROM runs')).toBe(0);
    expect(count(server.store.db, 'SELECT COUNT(*) AS n FROM deletions')).toBe(0);
  }, 120_000);
});
