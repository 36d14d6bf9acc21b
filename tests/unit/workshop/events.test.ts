/**
 * Events reach the server exactly once and are checked with the engine's own rules: a retry is a
 * duplicate, a forged or misplaced event is rejected with a reason, and a finished run's skills are
 * the server's own replay of the stored choices (the client never sends scores). Every golden
 * playthrough of every scenario is played through the API. The dashboard's live stream is read over
 * a real socket.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildResult, replay, startRun, type ScenarioModel, type SkillTotals } from '../../../src/engine';
import type { JoinReply, RunRecord, SessionSnapshot, WorkshopEvent } from '../../../src/workshop/protocol';
import {
  bearer,
  catalog,
  createSession,
  GOLDEN,
  join,
  model,
  openServer,
  postEvents,
  QUICK_QUESTION,
  runEvents,
  statuses,
  streamMessages,
  trainer,
  type TestServer,
  uploadFile,
} from './harness';

let server: TestServer;
let app: FastifyInstance;
let nc: ScenarioModel;

beforeAll(async () => {
  nc = model('no-confidence-motion');
  server = await openServer();
  app = server.app;
}, 60_000);
afterAll(() => server.close());

const count = (sql: string, ...args: unknown[]) =>
  (server.store.db.prepare(`SELECT COUNT(*) AS n FROM ${sql}`).get(...args) as { n: number }).n;
const eventsOf = (trainee: string) => count('events WHERE trainee_id = ?', trainee);
const runsOf = (trainee: string) => count('runs WHERE trainee_id = ?', trainee);
const golden = () => GOLDEN['no-confidence-motion']![0]!;

async function snapshot(code: string): Promise<SessionSnapshot> {
  return (await app.inject({ url: `/api/trainer/sessions/${code}`, headers: trainer })).json<SessionSnapshot>();
}

describe('exactly once', () => {
  let code: string;
  let alice: JoinReply;
  let bob: JoinReply;
  beforeAll(async () => {
    code = (await createSession(app, ['no-confidence-motion', 'whip-tuesday'])).code;
    alice = await join(app, code, 'Alice');
    bob = await join(app, code, 'Bob');
  });

  it('stores a batch once; the same batch again is all duplicate and changes nothing', async () => {
    const events = runEvents(nc, golden().choices.slice(0, 3));
    const first = await postEvents(app, alice.key, events);
    expect(first.statusCode).toBe(200);
    expect(statuses(first)).toEqual(events.map(() => 'stored'));
    expect(first.json<{ results: { id: string }[] }>().results.map((r) => r.id)).toEqual(events.map((e) => e.id));
    const stored = eventsOf(alice.trainee.id);
    expect(stored).toBe(4);

    const again = await postEvents(app, alice.key, events);
    expect(again.statusCode).toBe(200);
    expect(statuses(again)).toEqual(events.map(() => 'duplicate'));
    // Part old, part new (an outbox that sent some before the network dropped).
    const more = runEvents(nc, golden().choices.slice(0, 4), events[0]!.run).slice(1);
    more.splice(0, 3, ...events.slice(1));
    expect(statuses(await postEvents(app, alice.key, more))).toEqual(['duplicate', 'duplicate', 'duplicate', 'stored']);
    expect(eventsOf(alice.trainee.id)).toBe(5);
    expect(runsOf(alice.trainee.id)).toBe(1);
  });

  it('requests that arrive together share a commit, and each still gets its own verdicts', async () => {
    const trainees = await Promise.all(['ก', 'ข', 'ค', 'ง'].map((name) => join(app, code, name)));
    const runs = trainees.map(() => runEvents(nc, golden().choices.slice(0, 2)));
    // Every trainee's whole run, and a second copy of the first one's (a retry racing the original).
    // A commit is a transaction begun outside any other (each batch's savepoint is one begun inside).
    const db = server.store.db;
    const begin = db.transaction.bind(db);
    let commits = 0;
    const transaction = vi.spyOn(db, 'transaction').mockImplementation((fn) => {
      if (!db.inTransaction) commits++;
      return begin(fn);
    });
    const replies = await Promise.all([
      ...trainees.map((t, i) => postEvents(app, t.key, runs[i]!)),
      postEvents(app, trainees[0]!.key, runs[0]!),
    ]);
    transaction.mockRestore();
    expect(commits).toBeGreaterThan(0);
    expect(commits).toBeLessThan(replies.length);
    for (const reply of replies.slice(0, -1)) expect(reply.statusCode).toBe(200);
    const firstCopy = statuses(replies[0]);
    const secondCopy = statuses(replies.at(-1)!);
    // Whichever was judged first stored the events; the other found them there.
    expect([firstCopy, secondCopy].sort()).toEqual([runs[0]!.map(() => 'duplicate'), runs[0]!.map(() => 'stored')]);
    trainees.forEach((t, i) => expect(eventsOf(t.trainee.id)).toBe(runs[i]!.length));
  });

  it('a batch that fails inside a shared commit is undone alone: the others are stored and acknowledged', async () => {
    const [good, bad] = await Promise.all(['จ', 'ฉ'].map((name) => join(app, code, name)));
    const goodRun = runEvents(nc, golden().choices.slice(0, 2));
    const badRun = runEvents(nc, golden().choices.slice(0, 2));
    // The disk refuses the bad batch's second event, after its first was written in the savepoint.
    const original = server.store.addEvent.bind(server.store);
    const addEvent = vi.spyOn(server.store, 'addEvent').mockImplementation((row) => {
      if (row.id === badRun[1]!.id) throw new Error('disk I/O error');
      original(row);
    });
    const [goodReply, badReply] = await Promise.all([postEvents(app, good!.key, goodRun), postEvents(app, bad!.key, badRun)]);
    addEvent.mockRestore();
    expect(goodReply.statusCode).toBe(200);
    expect(statuses(goodReply)).toEqual(goodRun.map(() => 'stored'));
    expect(badReply.statusCode).toBe(500);
    expect(eventsOf(good!.trainee.id)).toBe(goodRun.length);
    expect(eventsOf(bad!.trainee.id)).toBe(0);
    expect(runsOf(bad!.trainee.id)).toBe(0);
    // The retry, with the disk well again, stores it all.
    expect(statuses(await postEvents(app, bad!.key, badRun))).toEqual(badRun.map(() => 'stored'));
  });

  it('an event repeated inside one batch is stored once', async () => {
    const [start, decision] = runEvents(nc, golden().choices.slice(0, 1));
    expect(statuses(await postEvents(app, alice.key, [start!, start!, decision!, decision!]))).toEqual([
      'stored',
      'duplicate',
      'stored',
      'duplicate',
    ]);
  });

  it("another trainee's event id is an id-conflict, and their run a run-conflict", async () => {
    const aliceRun = runEvents(nc, golden().choices.slice(0, 1));
    await postEvents(app, alice.key, aliceRun);
    const before = eventsOf(bob.trainee.id);

    const sameIds = await postEvents(app, bob.key, aliceRun);
    expect(sameIds.statusCode).toBe(422);
    expect(statuses(sameIds)).toEqual(['rejected:id-conflict', 'rejected:id-conflict']);

    const intoHerRun = runEvents(nc, golden().choices.slice(0, 2), aliceRun[0]!.run).slice(2);
    expect(statuses(await postEvents(app, bob.key, intoHerRun))).toEqual(['rejected:run-conflict']);
    const herRunAnotherScenario = runEvents(model('whip-tuesday'), [], aliceRun[0]!.run);
    expect(statuses(await postEvents(app, alice.key, herRunAnotherScenario))).toEqual(['rejected:run-conflict']);
    expect(eventsOf(bob.trainee.id)).toBe(before);
  });

  it('a choice not offered, a wrong node, or a step out of place is rejected and stores nothing', async () => {
    const events = runEvents(nc, golden().choices.slice(0, 3));
    const [start, d0, d1, d2] = events as [WorkshopEvent, WorkshopEvent, WorkshopEvent, WorkshopEvent];
    expect(statuses(await postEvents(app, bob.key, [start, d0]))).toEqual(['stored', 'stored']);
    const stored = eventsOf(bob.trainee.id);

    const forged = (event: WorkshopEvent, change: object) => ({ ...event, id: randomUUID(), ...change }) as WorkshopEvent;
    const cases: [WorkshopEvent, string][] = [
      [forged(d1, { choice: 'win-everything' }), 'not-offered'],
      [forged(d1, { choice: golden().choices[0] }), 'not-offered'],
      [forged(d1, { node: 'somewhere-else' }), 'wrong-node'],
      [forged(d1, { seq: 0 }), 'step-taken'],
      [forged(d2, {}), 'out-of-order'],
      [forged(d1, { version: nc.version + 1 }), 'version-mismatch'],
      [forged(d1, { scenario: 'money-bill-certification' }), 'unknown-scenario'],
      [forged(d1, { scenario: 'not-in-the-library' }), 'unknown-scenario'],
      [forged(start, {}), 'already-started'],
      // The run's id is its seed: the server knows where the game showed the choice.
      [forged(d1, { position: ((d1 as { position: number }).position % 3) + 1 }), 'wrong-position'],
    ];
    const response = await postEvents(
      app,
      bob.key,
      cases.map(([event]) => event),
    );
    expect(response.statusCode).toBe(422);
    expect(statuses(response)).toEqual(cases.map(([, reason]) => `rejected:${reason}`));
    expect(eventsOf(bob.trainee.id)).toBe(stored);
    // The real next step still goes in.
    expect(statuses(await postEvents(app, bob.key, [d1, d2]))).toEqual(['stored', 'stored']);
  });

  it('a rejected first event of a new run leaves no empty run behind', async () => {
    const runs = runsOf(bob.trainee.id);
    const [, decision] = runEvents(nc, golden().choices.slice(0, 1));
    expect(statuses(await postEvents(app, bob.key, [{ ...decision!, choice: 'nonsense' } as WorkshopEvent]))).toEqual([
      'rejected:not-offered',
    ]);
    expect(statuses(await postEvents(app, bob.key, [{ ...decision!, id: randomUUID(), seq: 3 } as WorkshopEvent]))).toEqual([
      'rejected:out-of-order',
    ]);
    expect(runsOf(bob.trainee.id)).toBe(runs);
  });

  it('a run that starts with a decision (its start lost) is stored, and a late start fills in its language', async () => {
    const [start, ...rest] = runEvents(nc, golden().choices.slice(0, 2));
    expect(statuses(await postEvents(app, alice.key, rest))).toEqual(['stored', 'stored']);
    expect(statuses(await postEvents(app, alice.key, [start!]))).toEqual(['stored']);
    expect(server.store.run(start!.run)).toMatchObject({ language: 'th', timer: 'normal' });
    expect(statuses(await postEvents(app, alice.key, [{ ...start!, id: randomUUID() }]))).toEqual(['rejected:already-started']);
  });

  it("keeps a device's times in UTC, no earlier than the trainee joined and no later than the server received them", async () => {
    const [start, first, second] = runEvents(nc, golden().choices.slice(0, 2));
    const sent = [
      { ...start!, at: '9999-12-31T23:59:59Z' },
      { ...first!, at: '0001-01-01T00:00:00Z' },
      { ...second!, at: '2099-01-01T18:00:00+14:00' },
    ];
    const before = Date.now();
    expect(statuses(await postEvents(app, bob.key, sent))).toEqual(['stored', 'stored', 'stored']);
    const kept = server.store.db
      .prepare<[string], { at: string; received_at: string; body: string }>(
        'SELECT at, received_at, body FROM events WHERE run_id = ? ORDER BY rowid',
      )
      .all(start!.run);
    const joined = server.store.trainees(server.store.session(code)!).find((t) => t.id === bob.trainee.id)!.joined_at;
    expect(kept.map((e) => e.at)).toEqual([kept[0]!.received_at, joined, kept[2]!.received_at]);
    expect(Date.parse(kept[0]!.at)).toBeGreaterThanOrEqual(before - 1000);
    // What the device sent is kept as sent.
    expect(kept.map((e) => (JSON.parse(e.body) as { at: string }).at)).toEqual(sent.map((e) => e.at));
    // The run's own times, which the dashboard and exports show, are the kept ones.
    const run = (await snapshot(code)).runs.find((r) => r.id === start!.run)!;
    expect(run.startedAt).toBe(kept[0]!.at);
    expect(run.steps.map((s) => s.at)).toEqual([joined, kept[2]!.at]);
  });

  it('a result must end where the replay of the stored steps ends', async () => {
    const events = runEvents(nc, golden().choices);
    const result = events.at(-1)!;
    expect(result.kind).toBe('result');
    expect(statuses(await postEvents(app, alice.key, events.slice(0, -1)))).not.toContain('rejected');
    const otherEnding = GOLDEN['no-confidence-motion']!.find((g) => g.ending.node !== golden().ending.node)!.ending.node;
    const wrong = [
      { ...result, id: randomUUID(), ending: otherEnding },
      { ...result, id: randomUUID(), ending: null },
      { ...result, id: randomUUID(), steps: golden().choices.length - 1 },
    ] as WorkshopEvent[];
    expect(statuses(await postEvents(app, alice.key, wrong))).toEqual([
      'rejected:wrong-ending',
      'rejected:wrong-ending',
      'rejected:out-of-order',
    ]);
    expect(server.store.run(result.run)!.finished_at).toBeNull();
    // A result before the run has ended.
    const early = runEvents(nc, golden().choices.slice(0, 2));
    const earlyResult = { ...result, id: randomUUID(), run: early[0]!.run, steps: 2, ending: golden().ending.node } as WorkshopEvent;
    expect(statuses(await postEvents(app, alice.key, [...early, earlyResult]))).toEqual([
      'stored',
      'stored',
      'stored',
      'rejected:wrong-ending',
    ]);

    expect(statuses(await postEvents(app, alice.key, [result]))).toEqual(['stored']);
    // Nothing more goes into a finished run.
    const after = { ...events[1]!, id: randomUUID(), seq: golden().choices.length } as WorkshopEvent;
    expect(statuses(await postEvents(app, alice.key, [after]))).toEqual(['rejected:run-finished']);
    expect(statuses(await postEvents(app, alice.key, [result]))).toEqual(['duplicate']);
  });
});

describe("a trainer's file replaced while runs are under way", () => {
  it("only by a higher version; the old version's runs then take no more events, and new runs play the new file", async () => {
    const { code } = await createSession(app, ['whip-tuesday']);
    const upload = (text: string) => uploadFile(app, code, text);
    const scenario = (key: string) =>
      app
        .inject({ url: '/api/me/scenarios/quick-question', headers: bearer(key) })
        .then((r) => r.json<{ playable: { model: ScenarioModel } }>().playable.model);
    expect((await upload(QUICK_QUESTION)).statusCode).toBe(201);
    const trainee = await join(app, code, 'Mid-run');
    const quick = await scenario(trainee.key);
    const events = runEvents(quick, ['brief-early']);
    expect(statuses(await postEvents(app, trainee.key, events.slice(0, 2)))).toEqual(['stored', 'stored']);

    // The ending this run is heading for is renamed: with the same version, the file is refused.
    const renamed = QUICK_QUESTION.replaceAll('good-end', 'great-end');
    expect((await upload(renamed)).statusCode).toBe(422);
    const next = renamed.replace(/^version: 3$/m, 'version: 4');
    expect((await upload(next)).statusCode).toBe(201);
    // The run begun in version 3 can't be finished against version 4's texts and endings.
    expect(statuses(await postEvents(app, trainee.key, [events[2]!]))).toEqual(['rejected:version-mismatch']);
    // A new run plays version 4 to its renamed ending.
    const fresh = runEvents(await scenario(trainee.key), ['brief-early']);
    expect(fresh.at(-1)).toMatchObject({ kind: 'result', ending: 'great-end', version: 4 });
    expect(statuses(await postEvents(app, trainee.key, fresh))).toEqual(['stored', 'stored', 'stored']);
  });
});

describe('the server scores each run itself', () => {
  let code: string;
  let key: string;
  beforeAll(async () => {
    const scenarios = catalog().library.map((s) => s.id);
    code = (await createSession(app, scenarios)).code;
    const added = await app.inject({
      method: 'POST',
      url: `/api/trainer/sessions/${code}/scenarios`,
      headers: trainer,
      payload: { file: 'quick-question.yaml', text: QUICK_QUESTION },
    });
    expect(added.statusCode).toBe(201);
    key = (await join(app, code, 'Golden')).key;
  });

  it('plays every golden path of every scenario through the API, and stores what the engine gives', async () => {
    const played: string[] = [];
    const sessionScenarios = await app.inject({ url: '/api/me', headers: bearer(key) });
    const ids = sessionScenarios.json<{ session: { scenarios: { id: string }[] } }>().session.scenarios.map((s) => s.id);
    expect(ids.sort()).toEqual(Object.keys(GOLDEN).sort());
    for (const [id, paths] of Object.entries(GOLDEN)) {
      const scenario = (await app.inject({ url: `/api/me/scenarios/${id}`, headers: bearer(key) })).json<{
        playable: { model: ScenarioModel; attainable: Record<string, number> };
      }>();
      const { model: m, attainable } = scenario.playable as { model: ScenarioModel; attainable: SkillTotals };
      for (const path of paths) {
        const events = runEvents(m, path.choices);
        const response = await postEvents(app, key, events);
        expect(statuses(response), `${id}: ${path.choices.join(' ')}`).toEqual(events.map(() => 'stored'));

        const states = replay(
          m,
          events.filter((e) => e.kind === 'decision').map((e) => ({ node: e.node, choice: e.choice })),
          startRun(m),
        )!;
        const expected = buildResult(m, states.at(-1)!, attainable, {
          language: 'th',
          startedAt: new Date(),
          finishedAt: new Date(),
          timer: 'normal',
        });
        const run = server.store.runRecord(events[0]!.run)!;
        expect(run.result).toMatchObject({ ending: expected.ending!.node, endingKind: expected.ending!.kind, skills: expected.skills });
        expect(run.result).toMatchObject({ ending: path.ending.node, endingKind: path.ending.kind, skills: path.skills });
        expect(run.steps.map((s) => s.choice)).toEqual(path.choices);
        played.push(id);
      }
    }
    expect(played.length).toBe(Object.values(GOLDEN).flat().length);
    const me = await app.inject({ url: '/api/me', headers: bearer(key) });
    expect(me.json<{ finished: string[] }>().finished.sort()).toEqual(Object.keys(GOLDEN).sort());
  }, 60_000);

  it('the snapshot lists the runs with their steps and results', async () => {
    const snap = await snapshot(code);
    expect(snap.trainees).toHaveLength(1);
    expect(snap.runs).toHaveLength(Object.values(GOLDEN).flat().length);
    expect(snap.runs.every((r: RunRecord) => r.result !== null && r.language === 'th')).toBe(true);
  });
});

describe("the dashboard's live stream", () => {
  it('receives joins, presence (at most every quarter minute), runs as they change, and the deletion', async () => {
    const { code } = await createSession(app, ['no-confidence-motion']);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address() as { port: number };
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${address.port}/api/trainer/sessions/${code}/stream`, {
      headers: trainer,
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const next = streamMessages(response);
    expect(await next()).toEqual({ type: 'hello' });

    const trainee = await join(app, code, 'สมศรี');
    expect(await next()).toMatchObject({ type: 'joined', trainee: { id: trainee.trainee.id, name: 'สมศรี', pseudonym: 'P01' } });
    const events = runEvents(nc, golden().choices.slice(0, 1));
    await postEvents(app, trainee.key, events);
    expect(await next()).toMatchObject({ type: 'seen', trainee: trainee.trainee.id });
    const run = await next();
    expect(run).toMatchObject({
      type: 'run',
      run: { id: events[0]!.run, trainee: trainee.trainee.id, steps: [{ seq: 0, choice: golden().choices[0] }] },
    });
    // A duplicate changes nothing, and presence was sent moments ago: the next message is the deletion.
    await postEvents(app, trainee.key, events);
    await app.inject({ method: 'DELETE', url: `/api/trainer/sessions/${code}`, headers: trainer });
    expect(await next()).toEqual({ type: 'session-deleted' });
    // ... and the stream ends: there is nothing more to watch.
    await expect(next()).rejects.toThrow('the stream ended');
    abort.abort();
  });
});
