/**
 * The trainer controls the room: joining closes at the end of the day it was opened (or when the
 * trainer closes it) and opens again; a new join code replaces the old one, with the dashboards'
 * streams and the session's scenarios following it; a removed trainee's key stops working, their runs
 * kept or deleted; names no one could see are refused; and a data file made before these columns opens.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfDay, openDatabase, Store } from '../../../src/server/db';
import { DEFAULT_FAIR_USE } from '../../../src/server/fair-use';
import { Hub } from '../../../src/server/hub';
import { isShowableName } from '../../../src/workshop/limits';
import type { SessionSnapshot, SessionSummary } from '../../../src/workshop/protocol';
import {
  bearer,
  catalog,
  createSession,
  GOLDEN,
  join,
  model,
  openServer,
  postEvents,
  runEvents,
  statuses,
  streamMessages,
  trainer,
  type TestServer,
} from './harness';

/** The server's clock, moved by the tests. */
let clock = new Date(2026, 11, 7, 9, 0, 0);
let server: TestServer;
let app: FastifyInstance;

beforeAll(async () => {
  catalog();
  server = await openServer({ now: () => clock });
  app = server.app;
}, 60_000);
afterAll(() => server.close());

const tryJoin = (code: string, name = 'สมหญิง') => app.inject({ method: 'POST', url: '/api/join', payload: { code, name } });
const setJoining = (code: string, open: boolean) =>
  app.inject({ method: 'POST', url: `/api/trainer/sessions/${code}/joining`, headers: trainer, payload: { open } });
const snapshot = async (code: string) =>
  (await app.inject({ url: `/api/trainer/sessions/${code}`, headers: trainer })).json<SessionSnapshot>();
const remove = (code: string, trainee: string, data: string) =>
  app.inject({ method: 'DELETE', url: `/api/trainer/sessions/${code}/trainees/${trainee}?data=${data}`, headers: trainer });

describe('joining', () => {
  it('is open until the end of the day the session was made, then refused with joining-closed', async () => {
    clock = new Date(2026, 11, 7, 9, 0, 0);
    const session = await createSession(app, ['no-confidence-motion']);
    expect(session.joinUntil).toBe(new Date(2026, 11, 8).toISOString());
    clock = new Date(2026, 11, 7, 23, 59, 0);
    expect((await tryJoin(session.code)).statusCode).toBe(201);
    clock = new Date(2026, 11, 8, 0, 0, 1);
    const refused = await tryJoin(session.code);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'joining-closed' });
    // The code step says so too, before the privacy notice and the name.
    expect((await app.inject({ url: `/api/join/${session.code}` })).json()).toMatchObject({ error: 'joining-closed' });
    // Reopened on a later day: open until that day's end.
    const reopened = await setJoining(session.code, true);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json<SessionSummary>().joinUntil).toBe(new Date(2026, 11, 9).toISOString());
    expect((await tryJoin(session.code)).statusCode).toBe(201);
  });

  it('closes when the trainer says so; who is in plays on; reopening lets people join again', async () => {
    clock = new Date(2026, 11, 7, 10, 0, 0);
    const { code } = await createSession(app, ['no-confidence-motion']);
    const somchai = await join(app, code, 'สมชาย');
    const closed = await setJoining(code, false);
    expect(closed.json<SessionSummary>().joinUntil).toBe(clock.toISOString());
    expect((await tryJoin(code)).json()).toMatchObject({ error: 'joining-closed' });
    const golden = GOLDEN['no-confidence-motion']![0]!;
    expect(statuses(await postEvents(app, somchai.key, runEvents(model('no-confidence-motion'), golden.choices.slice(0, 2))))).toEqual([
      'stored',
      'stored',
      'stored',
    ]);
    expect((await app.inject({ url: '/api/me', headers: bearer(somchai.key) })).statusCode).toBe(200);
    await setJoining(code, true);
    expect((await tryJoin(code)).statusCode).toBe(201);
    expect((await setJoining(code, 'yes' as unknown as boolean)).statusCode).toBe(400);
    expect((await setJoining('ZZZZZZ', true)).statusCode).toBe(404);
  });
});

describe('a new join code', () => {
  it('replaces the old one; trainees keep playing; the dashboards are told on the stream they have', async () => {
    clock = new Date(2026, 11, 7, 11, 0, 0);
    const old = await createSession(app, ['no-confidence-motion']);
    const early = await join(app, old.code, 'ก่อน');
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/api/trainer/sessions/${old.code}/stream`, {
      headers: trainer,
      signal: abort.signal,
    });
    const next = streamMessages(response);
    expect(await next()).toEqual({ type: 'hello' });

    const renamed = await app.inject({ method: 'POST', url: `/api/trainer/sessions/${old.code}/new-code`, headers: trainer });
    expect(renamed.statusCode).toBe(200);
    const fresh = renamed.json<SessionSummary>();
    expect(fresh.code).not.toBe(old.code);
    expect(fresh.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(await next()).toEqual({ type: 'session', session: fresh });

    // The old code is no one's now; the new one joins, and the join reaches the same stream.
    expect((await tryJoin(old.code)).json()).toMatchObject({ error: 'unknown-code' });
    expect((await app.inject({ url: `/api/trainer/sessions/${old.code}`, headers: trainer })).statusCode).toBe(404);
    const late = await join(app, fresh.code, 'หลัง');
    expect(await next()).toMatchObject({ type: 'joined', trainee: { id: late.trainee.id, pseudonym: 'P02' } });
    expect(late.session.code).toBe(fresh.code);

    // A trainee who joined under the old code plays on: the session's scenarios are found under the new one.
    const events = runEvents(model('no-confidence-motion'), GOLDEN['no-confidence-motion']![0]!.choices.slice(0, 1));
    expect(statuses(await postEvents(app, early.key, events))).toEqual(['stored', 'stored']);
    expect((await app.inject({ url: '/api/me', headers: bearer(early.key) })).json()).toMatchObject({ session: { code: fresh.code } });
    expect((await snapshot(fresh.code)).runs.map((r) => r.id)).toEqual([events[0]!.run]);
    abort.abort();
  });

  it("keeps the scenarios a session had apart from another's that is later given the old code", async () => {
    const first = await createSession(app, ['no-confidence-motion']);
    const trainee = await join(app, first.code, 'หนึ่ง');
    // The session's scenarios are read (and kept) under its first code ...
    expect((await app.inject({ url: '/api/me/scenarios/no-confidence-motion', headers: bearer(trainee.key) })).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: `/api/trainer/sessions/${first.code}/new-code`, headers: trainer });
    // ... and a later session that happens to get that code (made here directly) has its own.
    const other = server.store.createSession(first.code, 'อีกรอบ', 30, clock);
    server.store.putScenario(other, 'whip-tuesday', catalog().shippedScenario('whip-tuesday')!.info.version);
    const otherTrainee = await join(app, first.code, 'สอง');
    expect(otherTrainee.session.scenarios.map((s) => s.id)).toEqual(['whip-tuesday']);
    expect((await app.inject({ url: '/api/me/scenarios/whip-tuesday', headers: bearer(otherTrainee.key) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/me/scenarios/no-confidence-motion', headers: bearer(otherTrainee.key) })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/me/scenarios/no-confidence-motion', headers: bearer(trainee.key) })).statusCode).toBe(200);
  });
});

describe('removing a trainee', () => {
  it('with their data kept: their key stops working, their runs stay in the room and the exports, and no one gets their pseudonym', async () => {
    const { code } = await createSession(app, ['no-confidence-motion']);
    const gone = await join(app, code, 'ไป');
    const stays = await join(app, code, 'อยู่');
    const events = runEvents(model('no-confidence-motion'), GOLDEN['no-confidence-motion']![0]!.choices.slice(0, 2));
    statuses(await postEvents(app, gone.key, events));
    expect((await remove(code, gone.trainee.id, 'keep')).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/me', headers: bearer(gone.key) })).statusCode).toBe(401);
    expect((await postEvents(app, gone.key, events)).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/me', headers: bearer(stays.key) })).statusCode).toBe(200);
    const room = await snapshot(code);
    expect(room.trainees.find((t) => t.id === gone.trainee.id)?.removedAt).toBe(clock.toISOString());
    expect(room.runs.map((r) => r.trainee)).toEqual([gone.trainee.id]);
    expect(room.session.trainees).toBe(1);
    const csv = (await app.inject({ url: `/api/trainer/sessions/${code}/export.csv`, headers: trainer })).body;
    expect(csv).toContain(events[0]!.run);
    expect((await join(app, code, 'ใหม่')).trainee.pseudonym).toBe('P03');
  });

  it('with their data deleted: they, their runs and events are gone, the pseudonym too is never given again', async () => {
    const { code } = await createSession(app, ['no-confidence-motion']);
    await join(app, code, 'หนึ่ง');
    const flood = await join(app, code, 'ท่วม');
    const nc = model('no-confidence-motion');
    statuses(
      await postEvents(
        app,
        flood.key,
        // As many new runs as the fair-use cap lets one trainee begin (events too, not only runs).
        Array.from({ length: DEFAULT_FAIR_USE.openRunsPerScenario }, () => runEvents(nc, [])[0]!),
      ),
    );
    // More than the fair-use cap lets in now, as an older flood left them: deleted over many slices.
    const at = clock.toISOString();
    server.store.db.transaction(() => {
      for (let i = 0; i < 3000; i++)
        server.store.addRun({
          id: randomUUID(),
          trainee: flood.trainee.id,
          scenario: 'no-confidence-motion',
          version: nc.version,
          language: 'th',
          timer: 'normal',
          at,
        });
    })();
    expect((await snapshot(code)).runs).toHaveLength(3000 + DEFAULT_FAIR_USE.openRunsPerScenario);
    expect((await remove(code, flood.trainee.id, 'delete')).statusCode).toBe(204);
    const room = await snapshot(code);
    expect(room.runs).toHaveLength(0);
    expect(room.trainees.map((t) => t.pseudonym)).toEqual(['P01']);
    const left = server.store.db.prepare(
      'SELECT (SELECT COUNT(*) FROM events WHERE trainee_id = ?) + (SELECT COUNT(*) FROM runs WHERE trainee_id = ?) AS n',
    );
    expect(left.get(flood.trainee.id, flood.trainee.id)).toEqual({ n: 0 });
    expect((await app.inject({ url: '/api/me', headers: bearer(flood.key) })).statusCode).toBe(401);
    expect((await join(app, code, 'สาม')).trainee.pseudonym).toBe('P03');
    // Removed already: another removal finds no one.
    expect((await remove(code, flood.trainee.id, 'delete')).json()).toMatchObject({ error: 'unknown-trainee' });
  });

  it('refuses a trainee of another session, an unknown one, and a removal that does not say what to do with the data', async () => {
    const a = await createSession(app, ['no-confidence-motion']);
    const b = await createSession(app, ['no-confidence-motion']);
    const inA = await join(app, a.code, 'เอ');
    expect((await remove(b.code, inA.trainee.id, 'keep')).statusCode).toBe(404);
    expect((await remove(a.code, randomUUID(), 'keep')).statusCode).toBe(404);
    expect((await remove(a.code, inA.trainee.id, 'maybe')).statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/trainer/sessions/${a.code}/trainees/${inA.trainee.id}`, headers: trainer }))
        .statusCode,
    ).toBe(400);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/trainer/sessions/${a.code}/trainees/${inA.trainee.id}?data=keep` })).statusCode,
    ).toBe(401);
    expect((await app.inject({ url: '/api/me', headers: bearer(inA.key) })).statusCode).toBe(200);
  });
});

describe('display names', () => {
  it('refuses lone surrogates and names with nothing visible, with bad-name', async () => {
    clock = new Date(2026, 11, 7, 12, 0, 0);
    const { code } = await createSession(app, ['no-confidence-motion']);
    for (const name of ['q\udc00', '\ud800', '\u200b\u200b\u200b', '\u2060\u2060', '\u3164', '\ufeff', '\u2800', '\u115f\u1160', '   ']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/join',
        headers: { 'content-type': 'application/json' },
        // Written by hand: JSON.stringify would escape the lone surrogates the same way, but this is what an attacker sends.
        payload: `{"code":"${code}","name":${JSON.stringify(name)}}`,
      });
      expect(response.statusCode, JSON.stringify(name)).toBe(400);
      expect(response.json<{ error: string }>().error, JSON.stringify(name)).toMatch(/^(bad-name|FST_ERR_VALIDATION)$/);
    }
    // Names with invisible marks among visible letters, Thai, emoji: fine.
    for (const name of ['สมชาย', 'Ann\u200bLee', '😀', 'นิด']) expect((await tryJoin(code, name)).statusCode, name).toBe(201);
    expect(server.store.trainees({ id: server.store.session(code)!.id }).map((t) => t.name)).toEqual(['สมชาย', 'Ann\u200bLee', '😀', 'นิด']);
  });

  it('has one rule the game can use too', () => {
    expect(isShowableName('ก')).toBe(true);
    expect(isShowableName('A\ud83d')).toBe(false);
    expect(isShowableName('\u3164\u3164')).toBe(false);
    expect(isShowableName('\u0e34')).toBe(false); // a Thai vowel mark alone
  });
});

describe('the hub', () => {
  it('moves open streams to the new code and forgets them wherever they are when they close', () => {
    const hub = new Hub();
    const heard: string[] = [];
    const stop = hub.subscribe('AAAAAA', (m) => heard.push(m.type));
    hub.rename('AAAAAA', 'BBBBBB');
    hub.publish('AAAAAA', { type: 'session-deleted' });
    hub.publish('BBBBBB', { type: 'seen', trainee: 'x', at: 'y' });
    expect(heard).toEqual(['seen']);
    expect(hub.watching('BBBBBB')).toBe(1);
    stop();
    expect(hub.watching('BBBBBB')).toBe(0);
    expect(hub.watching('AAAAAA')).toBe(0);
  });
});

describe('a data file made before these columns', () => {
  it('opens: sessions get joining until the end of the day they were made, trainees are not removed', () => {
    const folder = mkdtempSync(joinPath(tmpdir(), 'prasan-old-'));
    const file = joinPath(folder, 'old.sqlite');
    try {
      // The schema as the first workshop server wrote it.
      const old = new Database(file);
      old.exec(`
        CREATE TABLE sessions (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, title TEXT NOT NULL, created_at TEXT NOT NULL, retention_days INTEGER NOT NULL);
        CREATE TABLE trainees (id TEXT PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, name TEXT NOT NULL,
          pseudonym TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, joined_at TEXT NOT NULL, last_seen_at TEXT NOT NULL);
        INSERT INTO sessions VALUES (1, 'ABCDEF', 'เก่า', '2026-12-01T03:00:00.000Z', 90);
        INSERT INTO trainees VALUES ('t1', 1, 'สมชาย', 'P01', 'hash', '2026-12-01T03:10:00.000Z', '2026-12-01T03:10:00.000Z');
      `);
      old.close();
      const store = new Store(openDatabase(file));
      const session = store.session('ABCDEF')!;
      expect(session.join_until).toBe(endOfDay(new Date('2026-12-01T03:00:00.000Z')).toISOString());
      expect(store.summary(session).joinUntil).toBe(session.join_until);
      expect(store.trainees(session).map((t) => [t.pseudonym, t.removed_at])).toEqual([['P01', null]]);
      expect(store.addTrainee(session, randomUUID(), 'ใหม่', 'key-2', new Date()).pseudonym).toBe('P02');
      store.db.close();
      // Opened again: nothing more to add, nothing changed.
      const again = new Store(openDatabase(file));
      expect(again.session('ABCDEF')!.join_until).toBe(session.join_until);
      again.db.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
