/**
 * The workshop API over Fastify's `inject` with a real SQLite file: sessions, joining, who may read
 * what, bad input of every kind (never a 500), and a trainer's own scenario file surviving a restart.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath, relative } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VERSION } from '../../../src/engine';
import { SECURITY_HEADERS } from '../../../src/workshop/headers';
import {
  BODY_LIMIT_BYTES,
  JoinCode,
  MAX_EVENTS_PER_BATCH,
  MAX_TRAINEES_PER_SESSION,
  SCENARIO_UPLOAD_LIMIT_BYTES,
  type JoinReply,
  type MeReply,
  type SessionSummary,
} from '../../../src/workshop/protocol';
import {
  bearer,
  catalog,
  createSession,
  GOLDEN,
  join,
  model,
  MANY_DEVICES,
  openServer,
  postEvents,
  QUICK_QUESTION,
  ROOT,
  runEvents,
  statuses,
  trainer,
  TRAINER_KEY,
  type TestServer,
  uploadFile,
} from './harness';

let server: TestServer;
let app: FastifyInstance;

beforeAll(async () => {
  catalog();
  server = await openServer({ fairUse: MANY_DEVICES });
  app = server.app;
}, 60_000);
afterAll(() => server.close());

/** Every route the server has, read from Fastify's own route tree (HEAD twins left out). */
function allRoutes(): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length;
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const path = (stack[stack.length - 1]?.path ?? '') + match[2]!;
    stack.push({ depth, path });
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') routes.push({ method, url: path });
  }
  return routes;
}

/** A route's url with its parameters filled in. */
const fill = (url: string, code: string) => url.replace(':code', code).replace(':scenario', 'no-confidence-motion');

describe('sessions', () => {
  it('creates a session with a join code and lists it', async () => {
    const created = await createSession(app, ['no-confidence-motion', 'whip-tuesday'], 'ทดสอบ');
    expect(created.code).toMatch(new RegExp(JoinCode.pattern!));
    expect(created.retentionDays).toBe(90);
    expect(created.scenarios.map((s) => s.id)).toEqual(['no-confidence-motion', 'whip-tuesday']);
    const list = await app.inject({ url: '/api/trainer/sessions', headers: trainer });
    expect(list.statusCode).toBe(200);
    expect(list.json<SessionSummary[]>().map((s) => s.code)).toContain(created.code);
  });

  it('refuses a scenario not in the library', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/trainer/sessions',
      headers: trainer,
      payload: { title: 'x', scenarios: ['no-such-thing'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'unknown-scenario' });
  });

  it('changes the retention period, which moves the expiry date', async () => {
    const { code, createdAt } = await createSession(app, ['whip-tuesday']);
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/trainer/sessions/${code}`,
      headers: trainer,
      payload: { retentionDays: 7 },
    });
    expect(response.statusCode).toBe(200);
    const summary = response.json<SessionSummary>();
    expect(summary.retentionDays).toBe(7);
    expect(Date.parse(summary.expiresAt) - Date.parse(createdAt)).toBe(7 * 24 * 3600 * 1000);
    for (const retentionDays of [0, 3651, 1.5, '7']) {
      const bad = await app.inject({ method: 'PATCH', url: `/api/trainer/sessions/${code}`, headers: trainer, payload: { retentionDays } });
      expect(bad.statusCode, JSON.stringify(retentionDays)).toBe(400);
    }
  });

  it('refuses a retention that has already run out (the next sweep would delete the session unasked)', async () => {
    const clock = { at: Date.parse('2026-03-01T09:00:00Z') };
    const timed = await openServer({ now: () => new Date(clock.at) });
    try {
      const { code } = await createSession(timed.app, ['whip-tuesday']);
      clock.at += 10 * 24 * 3600 * 1000;
      const patch = (retentionDays: number) =>
        timed.app.inject({ method: 'PATCH', url: `/api/trainer/sessions/${code}`, headers: trainer, payload: { retentionDays } });
      const tooShort = await patch(10);
      expect(tooShort.statusCode).toBe(422);
      expect(tooShort.json()).toMatchObject({ error: 'would-expire' });
      expect(timed.store.session(code)!.retention_days).toBe(90);
      expect((await patch(11)).statusCode).toBe(200);
    } finally {
      await timed.close();
    }
  });

  it('deletes a session with its trainees, runs and events; their keys stop working', async () => {
    const { code } = await createSession(app, ['whip-tuesday']);
    const joined = await join(app, code, 'สมชาย');
    const events = runEvents(model('whip-tuesday'), []);
    expect((await postEvents(app, joined.key, events)).statusCode).toBe(200);
    const count = (table: string) =>
      (
        server.store.db
          .prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${table === 'trainees' ? 'id' : 'trainee_id'} = ?`)
          .get(joined.trainee.id) as { n: number }
      ).n;
    expect([count('trainees'), count('runs'), count('events')]).toEqual([1, 1, 1]);

    const deleted = await app.inject({ method: 'DELETE', url: `/api/trainer/sessions/${code}`, headers: trainer });
    expect(deleted.statusCode).toBe(204);
    expect([count('trainees'), count('runs'), count('events')]).toEqual([0, 0, 0]);
    expect((await app.inject({ url: '/api/me', headers: bearer(joined.key) })).statusCode).toBe(401);
    expect((await postEvents(app, joined.key, runEvents(model('whip-tuesday'), []))).statusCode).toBe(401);
    expect((await app.inject({ url: `/api/trainer/sessions/${code}`, headers: trainer })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/join/${code}` })).statusCode).toBe(404);
  });

  it('a DELETE sent with a JSON content type and no body still deletes', async () => {
    const { code } = await createSession(app, ['whip-tuesday']);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/trainer/sessions/${code}`,
      headers: { ...trainer, 'content-type': 'application/json' },
    });
    expect(deleted.statusCode).toBe(204);
  });
});

describe('joining', () => {
  let code: string;
  beforeAll(async () => {
    code = (await createSession(app, ['no-confidence-motion'], 'วันอบรม')).code;
  });

  it('previews a session for the privacy notice, and 404s an unknown code', async () => {
    const preview = await app.inject({ url: `/api/join/${code}` });
    expect(preview.json()).toEqual({ code, title: 'วันอบรม', retentionDays: 90 });
    expect((await app.inject({ url: '/api/join/ZZZZZZ' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/join/zzzzzz' })).statusCode).toBe(400);
    const qr = await app.inject({ url: `/api/join/${code}/qr.svg` });
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(qr.body).toContain('<svg');
  });

  it('the join QR code holds the public address, or else the address the request came to', async () => {
    const qr = async (target: FastifyInstance, sessionCode: string, host?: string) =>
      (await target.inject({ url: `/api/join/${sessionCode}/qr.svg`, headers: host ? { host } : {} })).body;
    const unset = await openServer({ publicUrl: undefined });
    try {
      const other = await createSession(unset.app, ['whip-tuesday']);
      // Same code, same address: the same picture, whichever way the address was known.
      unset.store.db.prepare('UPDATE sessions SET code = ? WHERE code = ?').run(code, other.code);
      expect(await qr(unset.app, code, '192.0.2.10:8080')).toBe(await qr(app, code));
      expect(await qr(unset.app, code, '192.0.2.11:8080')).not.toBe(await qr(app, code));
      const hello = await unset.app.inject({ url: '/api/workshop', headers: { host: '192.0.2.11:8080' } });
      expect(hello.json()).toMatchObject({ publicUrl: 'http://192.0.2.11:8080' });
    } finally {
      await unset.close();
    }
  });

  it('refuses an unknown code', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/join', payload: { code: 'ZZZZZZ', name: 'ก' } });
    expect(response.statusCode).toBe(404);
  });

  it.each([
    ['empty', ''],
    ['spaces only', '   '],
    ['a Thai space only', '\u3000\u00a0'],
    ['over 40 characters', 'ก'.repeat(41)],
    ['a newline', 'สม\nชาย'],
    ['a tab', 'สม\tชาย'],
    ['a NUL', 'a\u0000b'],
    ['a C1 control', 'a\u0085b'],
    ['a right-to-left override', 'a\u202eb'],
    ['a number', 42],
    ['null', null],
  ])('refuses a name that is %s', async (_label, name) => {
    const response = await app.inject({ method: 'POST', url: '/api/join', payload: { code, name } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toHaveProperty('error');
  });

  it(`refuses joins past ${MAX_TRAINEES_PER_SESSION} trainees with 409`, async () => {
    const { code } = await createSession(app, ['whip-tuesday']);
    const session = server.store.session(code)!;
    for (let i = 0; i < MAX_TRAINEES_PER_SESSION; i++)
      server.store.addTrainee(session, randomUUID(), `t${i}`, `key-${code}-${i}`, new Date());
    const full = await app.inject({ method: 'POST', url: '/api/join', payload: { code, name: 'หนึ่งคนที่เกิน' } });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ error: 'session-full' });
  });

  it('trims a name and numbers the trainees P01, P02', async () => {
    code = (await createSession(app, ['no-confidence-motion'], 'วันอบรม')).code;
    const first = await join(app, code, '  สมหญิง ใจดี  ');
    const second = await join(app, code, 'สมหญิง ใจดี');
    expect(first.trainee).toMatchObject({ name: 'สมหญิง ใจดี', pseudonym: 'P01' });
    expect(second.trainee).toMatchObject({ name: 'สมหญิง ใจดี', pseudonym: 'P02' });
    expect(first.key).not.toBe(second.key);
    expect(first.session).toMatchObject({
      code,
      title: 'วันอบรม',
      retentionDays: 90,
      scenarios: [{ id: 'no-confidence-motion', uploaded: false }],
    });
  });
});

describe('what a trainee key may read', () => {
  let code: string;
  let alice: JoinReply;
  let bob: JoinReply;
  beforeAll(async () => {
    code = (await createSession(app, ['no-confidence-motion'])).code;
    alice = await join(app, code, 'Alice');
    bob = await join(app, code, 'Bob');
  });

  it('reads /api/me: itself, its session and what it has finished', async () => {
    const nc = model('no-confidence-motion');
    const golden = GOLDEN['no-confidence-motion']![0]!;
    expect(statuses(await postEvents(app, alice.key, runEvents(nc, golden.choices)))).not.toContain('rejected');
    const me = await app.inject({ url: '/api/me', headers: bearer(alice.key) });
    expect(me.statusCode).toBe(200);
    const body = me.json<MeReply>();
    expect(body.trainee).toEqual(alice.trainee);
    expect(body.session.code).toBe(code);
    expect(body.finished).toEqual(['no-confidence-motion']);
    // Alice's run is not Bob's.
    expect((await app.inject({ url: '/api/me', headers: bearer(bob.key) })).json<MeReply>().finished).toEqual([]);
  });

  it("reads its session's scenarios and no others", async () => {
    const own = await app.inject({ url: '/api/me/scenarios/no-confidence-motion', headers: bearer(alice.key) });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: 'no-confidence-motion', playable: { model: { id: 'no-confidence-motion' } } });
    // The trainer's objectives, questions and notes stay with the trainer; the texts of play come.
    const strings = own.json<{ playable: { strings: Record<string, Record<string, string>> } }>().playable.strings;
    for (const table of Object.values(strings)) {
      expect(Object.keys(table).filter((key) => key.startsWith('trainer/'))).toEqual([]);
      expect(table['title']).toBeTruthy();
    }
    // In the library but not in this session.
    expect((await app.inject({ url: '/api/me/scenarios/whip-tuesday', headers: bearer(alice.key) })).statusCode).toBe(404);
  });

  it('gets 401 without a key, with a wrong key, or with the trainer key on trainee routes', async () => {
    for (const headers of [
      {},
      bearer('not-a-key'),
      bearer(''),
      { authorization: alice.key },
      { authorization: `Basic ${alice.key}` },
      trainer,
    ]) {
      expect((await app.inject({ url: '/api/me', headers })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/me/scenarios/no-confidence-motion', headers })).statusCode).toBe(401);
      expect((await app.inject({ method: 'POST', url: '/api/events', headers, payload: { events: [] } })).statusCode).toBe(401);
    }
  });

  it('gets 401 on every trainer route, before its body is even looked at', async () => {
    const routes = allRoutes().filter((r) => r.url.startsWith('/api/trainer/'));
    expect(routes.length).toBeGreaterThanOrEqual(11);
    for (const route of routes) {
      for (const headers of [bearer(alice.key), {}, bearer(`${TRAINER_KEY}x`), bearer(TRAINER_KEY.slice(0, -1))]) {
        const response = await app.inject({ method: route.method as 'GET', url: fill(route.url, code), headers });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(response.body, `${route.method} ${route.url}`).not.toContain('Alice');
      }
    }
  });
});

describe('bad input is a 4xx, never a 500', () => {
  let code: string;
  let key: string;
  beforeAll(async () => {
    code = (await createSession(app, ['no-confidence-motion'])).code;
    key = (await join(app, code, 'Fuzz')).key;
  });

  it('malformed JSON is 400', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...bearer(key), 'content-type': 'application/json' },
      payload: '{"events": [',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toHaveProperty('error');
  });

  it('a URL that cannot be decoded is 400 in the same shape as every refusal, with the security headers', async () => {
    const response = await app.inject({ url: '/%c0%ae%c0%ae/x' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'bad-url' });
    expect(response.headers['content-security-policy']).toBe(SECURITY_HEADERS['content-security-policy']);
  });

  it('a content type other than JSON is 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/events',
        headers: { ...bearer(key), 'content-type': type },
        payload: '{"events":[]}',
      });
      expect(response.statusCode, type).toBe(415);
    }
    const join415 = await app.inject({
      method: 'POST',
      url: '/api/join',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ code, name: 'x' }),
    });
    expect(join415.statusCode).toBe(415);
  });

  it(`a body over ${BODY_LIMIT_BYTES} bytes is 413`, async () => {
    const padding = 'x'.repeat(BODY_LIMIT_BYTES);
    const response = await app.inject({
      method: 'POST',
      url: '/api/join',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ code, name: padding }),
    });
    expect(response.statusCode).toBe(413);
  });

  it(`more than ${MAX_EVENTS_PER_BATCH} events in a batch is 400, and none is stored`, async () => {
    const events = Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, () => runEvents(model('no-confidence-motion'), [])[0]!);
    const response = await postEvents(app, key, events);
    expect(response.statusCode).toBe(400);
    expect(server.store.event(events[0]!.id)).toBeUndefined();
  });

  it('an empty batch is 400', async () => {
    expect((await postEvents(app, key, [])).statusCode).toBe(400);
  });

  it('extra properties are 400, not silently dropped', async () => {
    const [start] = runEvents(model('no-confidence-motion'), []);
    const cases = [
      () => postEvents(app, key, [{ ...start!, score: 99 } as never]),
      () => app.inject({ method: 'POST', url: '/api/events', headers: bearer(key), payload: { events: [start], admin: true } }),
      () => app.inject({ method: 'POST', url: '/api/join', payload: { code, name: 'x', trainee: 'someone' } }),
      () =>
        app.inject({
          method: 'POST',
          url: '/api/trainer/sessions',
          headers: trainer,
          payload: { title: 'x', scenarios: ['whip-tuesday'], code: 'AAAAAA' },
        }),
      () =>
        app.inject({ method: 'PATCH', url: `/api/trainer/sessions/${code}`, headers: trainer, payload: { retentionDays: 5, title: 'y' } }),
    ];
    for (const send of cases) expect((await send()).statusCode).toBe(400);
    expect(server.store.event(start!.id)).toBeUndefined();
  });

  it('strings are not turned into numbers nor numbers into strings', async () => {
    const [start, decision] = runEvents(model('no-confidence-motion'), ['brief-both-readings']);
    const response = await postEvents(app, key, [start!, { ...decision!, seq: '0' } as never]);
    expect(response.statusCode).toBe(400);
    const named = await app.inject({ method: 'POST', url: '/api/join', payload: { code, name: 12345 } });
    expect(named.statusCode).toBe(400);
  });

  it('an unknown route is 404', async () => {
    for (const [method, url] of [
      ['GET', '/api/nothing'],
      ['POST', '/api/me'],
      ['PUT', '/api/events'],
      ['GET', '/api/trainer/nothing'],
    ] as const) {
      const response = await app.inject({ method, url, headers: trainer });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toMatchObject({ error: 'not-found' });
    }
  });

  it('random JSON sent to every route never makes a 500, and the server still answers', async () => {
    const routes = allRoutes();
    const bodies = fc.oneof(
      fc.jsonValue(),
      fc.record({ events: fc.array(fc.jsonValue(), { maxLength: 3 }) }),
      fc.record({ code: fc.constantFrom(code, 'ZZZZZZ'), name: fc.string() }),
      fc.record(
        { title: fc.string(), scenarios: fc.array(fc.string(), { maxLength: 3 }), retentionDays: fc.jsonValue() },
        { requiredKeys: [] },
      ),
      fc.record({ file: fc.string(), text: fc.string() }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        bodies,
        fc.constantFrom(trainer, bearer(key), {}),
        fc.constantFrom(code, 'ZZZZZZ', 'bad'),
        async (route, body, headers, routeCode) => {
          const response = await app.inject({
            method: route.method as 'POST',
            url: fill(route.url, routeCode).replace('/stream', '/export.json'),
            headers: { ...headers, 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          expect(response.statusCode, `${route.method} ${route.url} ${JSON.stringify(body)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 400, seed: 5 },
    );
    // Still answering, and still working (the fuzz may have deleted its own session).
    expect((await app.inject({ url: '/api/workshop' })).json()).toEqual({
      app: 'prasan-workshop',
      version: '1',
      publicUrl: 'http://192.0.2.10:8080',
    });
    const after = await join(app, (await createSession(app, ['whip-tuesday'])).code, 'After');
    expect((await app.inject({ url: '/api/me', headers: bearer(after.key) })).statusCode).toBe(200);
  }, 60_000);
});

describe('the built game', () => {
  it('is served beside the API, pages always fresh and hashed files cached for good', async () => {
    const folder = mkdtempSync(joinPath(tmpdir(), 'prasan-dist-'));
    mkdirSync(joinPath(folder, 'assets'));
    writeFileSync(joinPath(folder, 'index.html'), '<!doctype html><title>ประสาน</title>');
    writeFileSync(joinPath(folder, 'assets', 'game-abc123.js'), 'export {};');
    const game = await openServer({ staticDir: relative(process.cwd(), folder) });
    try {
      const page = await game.app.inject({ url: '/' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('ประสาน');
      expect(page.headers['cache-control']).toBe('no-cache');
      const asset = await game.app.inject({ url: '/assets/game-abc123.js' });
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect((await game.app.inject({ url: '/api/nothing' })).json()).toMatchObject({ error: 'not-found' });
      expect((await game.app.inject({ url: '/missing.html' })).statusCode).toBe(404);
    } finally {
      await game.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("a trainer's own scenario file", () => {
  it('is checked, offered to trainees, played, and still known after a restart', async () => {
    const { code } = await createSession(app, ['whip-tuesday']);
    const added = await app.inject({
      method: 'POST',
      url: `/api/trainer/sessions/${code}/scenarios`,
      headers: trainer,
      payload: { file: 'quick-question.yaml', text: QUICK_QUESTION },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ scenario: { id: 'quick-question', version: 3, uploaded: true } });

    const trainee = await join(app, code, 'ผู้ทดลอง');
    expect(trainee.session.scenarios).toContainEqual({ id: 'quick-question', version: 3, uploaded: true });
    const fetched = await app.inject({ url: '/api/me/scenarios/quick-question', headers: bearer(trainee.key) });
    expect(fetched.statusCode).toBe(200);
    const quick = fetched.json<{ playable: { model: Parameters<typeof runEvents>[0] } }>().playable.model;
    const first = runEvents(quick, ['brief-early']);
    expect(statuses(await postEvents(app, trainee.key, first))).toEqual(['stored', 'stored', 'stored']);

    // A restart compiles the stored file again: events are still checked against it.
    server = await server.restart();
    app = server.app;
    const second = runEvents(quick, ['wait']);
    expect(statuses(await postEvents(app, trainee.key, second))).toEqual(['stored', 'stored', 'stored']);
    const forged = runEvents(quick, ['brief-early']);
    forged[1] = { ...forged[1]!, choice: 'not-a-choice' } as never;
    expect(statuses(await postEvents(app, trainee.key, forged.slice(0, 2)))).toEqual(['stored', 'rejected:not-offered']);
    const snapshot = await app.inject({ url: `/api/trainer/sessions/${code}`, headers: trainer });
    const runs = snapshot.json<{ runs: { result: { ending: string } | null }[] }>().runs;
    expect(runs.map((r) => r.result?.ending ?? null).sort()).toEqual(['good-end', 'weak-end', null].sort());
  }, 30_000);

  it('may be larger than an ordinary request (a full scenario file), up to its own limit', async () => {
    const { code } = await createSession(app, ['no-confidence-motion']);
    const text = readFileSync(joinPath(ROOT, 'scenarios/whip-tuesday.yaml'), 'utf8');
    expect(Buffer.byteLength(text)).toBeGreaterThan(BODY_LIMIT_BYTES);
    const send = (body: string) =>
      app.inject({
        method: 'POST',
        url: `/api/trainer/sessions/${code}/scenarios`,
        headers: trainer,
        payload: { file: 'mine.yaml', text: body },
      });
    const added = await send(text);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ scenario: { id: 'whip-tuesday', uploaded: true } });
    expect((await send(`# ${'x'.repeat(SCENARIO_UPLOAD_LIMIT_BYTES)}\n${text}`)).statusCode).toBe(413);
  }, 30_000);

  it('replacing one the session has must raise its version; the same file again is fine', async () => {
    const { code } = await createSession(app, ['whip-tuesday']);
    const send = (text: string) => uploadFile(app, code, text);
    expect((await send(QUICK_QUESTION)).statusCode).toBe(201);
    expect((await send(QUICK_QUESTION)).statusCode).toBe(201);
    const edited = QUICK_QUESTION.replace('Brief the PM at once', 'Brief the PM now');
    expect(edited).not.toBe(QUICK_QUESTION);
    const sameVersion = await send(edited);
    expect(sameVersion.statusCode).toBe(422);
    expect(sameVersion.json()).toMatchObject({ error: 'version-not-raised', current: 3 });
    const raised = await send(edited.replace(/^version: 3$/m, 'version: 4'));
    expect(raised.statusCode).toBe(201);
    expect(raised.json()).toMatchObject({ scenario: { id: 'quick-question', version: 4 } });
    // A shipped scenario of the session is replaced the same way: a higher version than the library's.
    const whip = readFileSync(joinPath(ROOT, 'scenarios/whip-tuesday.yaml'), 'utf8').replace('"รอบวิปวันอังคาร:', '"ฉบับของเรา รอบวิปวันอังคาร:');
    expect((await send(whip)).json()).toMatchObject({ error: 'version-not-raised' });
  }, 30_000);

  it('a date as its version (20261207) is accepted and its events stored; a version no event can carry is refused at its line', async () => {
    const { code } = await createSession(app, ['whip-tuesday']);
    const send = (text: string) => uploadFile(app, code, text);
    const dated = await send(QUICK_QUESTION.replace(/^version: 3$/m, 'version: 20261207'));
    expect(dated.statusCode).toBe(201);
    const trainee = await join(app, code, 'Dated');
    const scenario = (await catalog().compileUpload('q.yaml', QUICK_QUESTION.replace(/^version: 3$/m, 'version: 20261207'))).scenario!;
    const first = scenario.playable.model.nodes[scenario.playable.model.start]!;
    const choice = first.kind === 'decision' ? first.choices[0]!.id : '';
    const stored = statuses(await postEvents(app, trainee.key, runEvents(scenario.playable.model, [choice])));
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(stored.every((s) => s === 'stored')).toBe(true);

    const tooHigh = await send(QUICK_QUESTION.replace(/^version: 3$/m, `version: ${MAX_VERSION + 1}`));
    expect(tooHigh.statusCode).toBe(422);
    const line = QUICK_QUESTION.split('\n').findIndex((l) => l === 'version: 3') + 1;
    expect(tooHigh.json<{ diagnostics: { code: string; line: number }[] }>().diagnostics).toContainEqual(
      expect.objectContaining({ code: 'PRS015', line }),
    );
  }, 30_000);

  it('with errors is refused with 422 and diagnostics that say where', async () => {
    const { code } = await createSession(app, ['whip-tuesday']);
    const broken = QUICK_QUESTION.replace('next: answer\n      - id: wait', 'next: nowhere\n      - id: wait');
    const response = await app.inject({
      method: 'POST',
      url: `/api/trainer/sessions/${code}/scenarios`,
      headers: trainer,
      payload: { file: 'mine.yaml', text: broken },
    });
    expect(response.statusCode).toBe(422);
    const { diagnostics } = response.json<{ diagnostics: { line: number; column: number; severity: string; file: string }[] }>();
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    const line = broken.split('\n').findIndex((l) => l.includes('next: nowhere')) + 1;
    expect(errors[0]).toMatchObject({ file: 'mine.yaml', line });
    expect(errors[0]!.column).toBeGreaterThan(1);
    // Not YAML at all.
    const garbage = await app.inject({
      method: 'POST',
      url: `/api/trainer/sessions/${code}/scenarios`,
      headers: trainer,
      payload: { file: 'x.yaml', text: '{{{' },
    });
    expect(garbage.statusCode).toBe(422);
    expect(garbage.json<{ diagnostics: { line: number }[] }>().diagnostics[0]!.line).toBeGreaterThanOrEqual(1);
    // The session is unchanged.
    const summary = (await app.inject({ url: `/api/trainer/sessions/${code}`, headers: trainer })).json<{ session: SessionSummary }>()
      .session;
    expect(summary.scenarios.map((s) => s.id)).toEqual(['whip-tuesday']);
  });
});

describe('security headers', () => {
  it('every route answers with the content security policy, nosniff and no framing, refusals and 404s too', async () => {
    const { code } = await createSession(app, ['no-confidence-motion']);
    const answers = await Promise.all([
      ...allRoutes().map((route) => app.inject({ method: route.method as 'GET', url: fill(route.url, code) })),
      app.inject({ url: '/nothing-here' }),
    ]);
    for (const answer of answers) {
      expect(answer.headers['content-security-policy']).toBe(SECURITY_HEADERS['content-security-policy']);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
    const policy = SECURITY_HEADERS['content-security-policy']!;
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self'");
    // Portraits of a file the build didn't see are drawn in the page as blob: images.
    expect(policy).toMatch(/img-src [^;]*blob:/);
  });
});
