/**
 * Fair use (src/server/fair-use.ts): each limit refuses past its threshold and not before, says how
 * long to wait (429 + Retry-After), and stores nothing of what it refused; a real trainee — a whole
 * scenario at a person's pace, or an outbox of ~300 events after an hour offline — never meets one.
 * Loopback is not exempt: addresses are set per request (`inject({ remoteAddress })`) or are real
 * sockets on 127.0.0.1.
 */
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FAIR_USE, FairUse, fairUseFromEnvironment } from '../../../src/server/fair-use';
import type { WorkshopEvent } from '../../../src/workshop/protocol';
import {
  bearer,
  catalog,
  createSession,
  GOLDEN,
  model,
  openServer,
  postEvents,
  runEvents,
  statuses,
  trainer,
  type TestServer,
} from './harness';

/** A clock the test moves. */
function testClock(start = Date.UTC(2026, 10, 27, 9, 0, 0)) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function session(scenarios: string[]): Promise<{ code: string }> {
  const made = await createSession(server!.app, scenarios);
  return made;
}

beforeAll(() => {
  catalog();
}, 60_000);

const retryAfter = (response: LightMyRequestResponse) => Number(response.headers['retry-after']);

async function joinFrom(address: string, code: string, name: string) {
  return server!.app.inject({ method: 'POST', url: '/api/join', payload: { code, name }, remoteAddress: address });
}

async function joined(address: string, code: string, name: string): Promise<{ key: string; id: string }> {
  const response = await joinFrom(address, code, name);
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json<{ key: string; trainee: { id: string } }>();
  return { key: body.key, id: body.trainee.id };
}

const storedCount = (trainee: string) =>
  (server!.store.db.prepare('SELECT COUNT(*) AS n FROM events WHERE trainee_id = ?').get(trainee) as { n: number }).n;

/** Whole runs of whip-tuesday along its golden plays, until there are at least `count` events. */
function wholeRuns(count: number): WorkshopEvent[] {
  const plays = GOLDEN['whip-tuesday']!;
  const events: WorkshopEvent[] = [];
  for (let i = 0; events.length < count; i++) events.push(...runEvents(model('whip-tuesday'), plays[i % plays.length]!.choices));
  return events;
}

describe('events per trainee key', () => {
  it('an outbox of ~300 events after an hour offline goes at once; past the bucket a batch is refused whole, then taken after the wait', async () => {
    const clock = testClock();
    server = await openServer({ now: clock.now });
    const { code } = await session(['whip-tuesday']);
    const me = await joined('192.0.2.1', code, 'ออฟไลน์');

    // An hour offline: about 300 events of whole runs, flushed in batches of 100 at once.
    const outbox = wholeRuns(300);
    for (let i = 0; i < outbox.length; i += 100) {
      const reply = await postEvents(server.app, me.key, outbox.slice(i, i + 100));
      expect(statuses(reply).every((s) => s === 'stored')).toBe(true);
    }
    expect(storedCount(me.id)).toBe(outbox.length);

    // The bucket holds 600: what is left of it may still go (sent again: duplicates cost the same).
    let spent = outbox.length;
    while (spent + 100 <= DEFAULT_FAIR_USE.eventsBurst) {
      expect((await postEvents(server.app, me.key, outbox.slice(0, 100))).statusCode).toBe(200);
      spent += 100;
    }
    const left = DEFAULT_FAIR_USE.eventsBurst - spent;
    if (left > 0) expect((await postEvents(server.app, me.key, outbox.slice(0, left))).statusCode).toBe(200);

    // One more event is one too many: 429, a reason, a wait, and nothing of it stored.
    const [next] = runEvents(model('whip-tuesday'), []);
    const refused = await postEvents(server.app, me.key, [next!]);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'rate-limited' });
    expect(refused.json<{ message: string }>().message).toMatch(/nothing of this batch was stored/);
    expect(retryAfter(refused)).toBe(1);
    expect(server.store.event(next!.id)).toBeUndefined();

    // After the wait it is taken.
    clock.advance(retryAfter(refused) * 1000);
    expect(statuses(await postEvents(server.app, me.key, [next!]))).toEqual(['stored']);
  });

  it('a flood of full batches waits 100 s a batch once the bucket is empty (one event a second)', async () => {
    const clock = testClock();
    server = await openServer({ now: clock.now });
    const { code } = await session(['whip-tuesday']);
    const me = await joined('192.0.2.2', code, 'Flood');
    const batch = wholeRuns(100).slice(0, 100);
    for (let i = 0; i < DEFAULT_FAIR_USE.eventsBurst / 100; i++) expect((await postEvents(server.app, me.key, batch)).statusCode).toBe(200);
    const refused = await postEvents(server.app, me.key, batch);
    expect(refused.statusCode).toBe(429);
    expect(retryAfter(refused)).toBe(100);
    clock.advance(99_000);
    expect((await postEvents(server.app, me.key, batch)).statusCode).toBe(429);
    clock.advance(1_000);
    expect((await postEvents(server.app, me.key, batch)).statusCode).toBe(200);
  });

  it('a real trainee plays a whole scenario three times at a person’s pace and is never refused', async () => {
    const clock = testClock();
    server = await openServer({ now: clock.now });
    const { code } = await session(['whip-tuesday', 'no-confidence-motion']);
    const preview = await server.app.inject({ method: 'GET', url: `/api/join/${code}`, remoteAddress: '192.0.2.3' });
    expect(preview.statusCode).toBe(200);
    const me = await joined('192.0.2.3', code, 'ตั้งใจ');
    const answers: number[] = [];
    for (const [i, play] of GOLDEN['whip-tuesday']!.slice(0, 3).entries()) {
      // A first try abandoned after one decision, then the whole play, one event per POST as the outbox sends online.
      const events = [...runEvents(model('whip-tuesday'), play.choices.slice(0, 1)), ...runEvents(model('whip-tuesday'), play.choices)];
      for (const event of events) {
        clock.advance(2_000 + ((i * 7919) % 3000));
        const reply = await server.app.inject({
          method: 'POST',
          url: '/api/events',
          headers: bearer(me.key),
          payload: { events: [event] },
          remoteAddress: '192.0.2.3',
        });
        answers.push(reply.statusCode);
      }
    }
    expect(answers.length).toBeGreaterThan(20);
    expect(new Set(answers)).toEqual(new Set([200]));
  });
});

describe('unfinished runs per trainee and scenario', () => {
  it(`${DEFAULT_FAIR_USE.openRunsPerScenario} unfinished runs of one scenario in an hour, then a new one waits (nothing stored); other scenarios and existing runs go on`, async () => {
    const clock = testClock();
    server = await openServer({ now: clock.now });
    const { code } = await session(['whip-tuesday', 'no-confidence-motion']);
    const me = await joined('192.0.2.4', code, 'Restart');
    const cap = DEFAULT_FAIR_USE.openRunsPerScenario;
    const starts = Array.from({ length: cap }, () => runEvents(model('whip-tuesday'), [])[0]!);
    expect(statuses(await postEvents(server.app, me.key, starts.slice(0, cap - 1)))).toEqual(Array(cap - 1).fill('stored'));
    clock.advance(10 * 60_000);
    // The last one under the cap (not before) is taken.
    expect(statuses(await postEvents(server.app, me.key, starts.slice(cap - 1)))).toEqual(['stored']);

    const [extra] = runEvents(model('whip-tuesday'), []);
    const refused = await postEvents(server.app, me.key, [extra!]);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'too-many-open-runs' });
    // Room comes when the oldest of them is an hour old: 50 minutes from now.
    expect(retryAfter(refused)).toBe(50 * 60);
    expect(server.store.run(extra!.run)).toBeUndefined();

    // Another scenario, and a decision in a run already begun, are not new runs of this one.
    expect(statuses(await postEvents(server.app, me.key, runEvents(model('no-confidence-motion'), [])))).toEqual(['stored']);
    const golden = GOLDEN['whip-tuesday']![0]!;
    const begun = runEvents(model('whip-tuesday'), golden.choices.slice(0, 1), starts[0]!.run).slice(1);
    expect(statuses(await postEvents(server.app, me.key, begun))).toEqual(['stored']);

    clock.advance(50 * 60_000);
    expect(statuses(await postEvents(server.app, me.key, [extra!]))).toEqual(['stored']);
  });

  it('batches racing each other can’t pass the cap together, nor one batch of more new runs than the cap', async () => {
    server = await openServer();
    const { code } = await session(['whip-tuesday']);
    const me = await joined('192.0.2.5', code, 'Race');
    const cap = DEFAULT_FAIR_USE.openRunsPerScenario;
    const starts = (n: number) => Array.from({ length: n }, () => runEvents(model('whip-tuesday'), [])[0]!);
    const tooMany = await postEvents(server.app, me.key, starts(cap + 1));
    expect(tooMany.statusCode).toBe(429);
    expect(tooMany.json()).toMatchObject({ error: 'too-many-open-runs' });
    const batches = Array.from({ length: 6 }, () => starts(15));
    const replies = await Promise.all(batches.map((b) => postEvents(server!.app, me.key, b)));
    // 15 fit under the cap of 20; a second 15 would pass it.
    expect(replies.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const runs = server.store.db.prepare('SELECT COUNT(*) AS n FROM runs WHERE trainee_id = ?').get(me.id) as { n: number };
    expect(runs.n).toBe(15);
  });
});

describe('per address', () => {
  it(`${DEFAULT_FAIR_USE.joinsBurst} joins from one address, then 429 for a while; another address is not held up`, async () => {
    const clock = testClock();
    server = await openServer({ now: clock.now });
    const { code } = await session(['whip-tuesday']);
    for (let i = 0; i < DEFAULT_FAIR_USE.joinsBurst; i++) expect((await joinFrom('203.0.113.7', code, `T${i}`)).statusCode).toBe(201);
    const refused = await joinFrom('203.0.113.7', code, 'one too many');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'rate-limited' });
    expect(retryAfter(refused)).toBe(3);
    expect((await joinFrom('203.0.113.8', code, 'next device')).statusCode).toBe(201);
    // IPv4 written as IPv6 is the same address.
    expect((await joinFrom('::ffff:203.0.113.7', code, 'same device')).statusCode).toBe(429);
    clock.advance(3_000);
    expect((await joinFrom('203.0.113.7', code, 'later')).statusCode).toBe(201);
    expect(server.store.traineeCount(server.store.session(code)!)).toBe(DEFAULT_FAIR_USE.joinsBurst + 2);
  });

  it(`${DEFAULT_FAIR_USE.lookupsBurst} join-code lookups (with QR codes) from one address, then 429 (guessing codes is this slow)`, async () => {
    server = await openServer();
    const { code } = await session(['whip-tuesday']);
    const look = (url: string) => server!.app.inject({ method: 'GET', url, remoteAddress: '203.0.113.9' });
    for (let i = 0; i < DEFAULT_FAIR_USE.lookupsBurst - 1; i++) expect((await look('/api/join/ZZZZZZ')).statusCode).toBe(404);
    expect((await look(`/api/join/${code}/qr.svg`)).statusCode).toBe(200);
    const refused = await look(`/api/join/${code}`);
    expect(refused.statusCode).toBe(429);
    expect(retryAfter(refused)).toBe(2);
    expect((await look(`/api/join/${code}/qr.svg`)).statusCode).toBe(429);
  });

  it('wrong trainer keys: five are answered 401, then the address waits 2 s, 4 s, … whatever key it sends; logged a line a minute', async () => {
    const clock = testClock();
    const lines: string[] = [];
    server = await openServer({ now: clock.now, fairUse: { log: (line) => lines.push(line) } });
    const ask = (key: string, address: string) =>
      server!.app.inject({ method: 'GET', url: '/api/trainer/sessions', headers: bearer(key), remoteAddress: address });
    for (let i = 0; i < DEFAULT_FAIR_USE.trainerKeyFreeFailures; i++)
      expect((await ask(`guess-${i}`, '198.51.100.4')).statusCode).toBe(401);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('198.51.100.4');
    // The sixth wrong key is still answered, and starts the wait.
    expect((await ask('guess-6', '198.51.100.4')).statusCode).toBe(401);
    const waiting = await ask(trainer.authorization.slice(7), '198.51.100.4');
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json()).toMatchObject({ error: 'trainer-key-backoff' });
    expect(retryAfter(waiting)).toBe(2);
    // The trainer on the laptop is not held up by someone else's guesses.
    expect((await ask(trainer.authorization.slice(7), '127.0.0.1')).statusCode).toBe(200);

    clock.advance(2_000);
    expect((await ask('guess-7', '198.51.100.4')).statusCode).toBe(401);
    expect(retryAfter(await ask('guess-8', '198.51.100.4'))).toBe(4);
    clock.advance(4_000);
    expect((await ask('guess-9', '198.51.100.4')).statusCode).toBe(401);
    expect(retryAfter(await ask('guess-10', '198.51.100.4'))).toBe(8);
    // Eight wrong keys in seconds: still the one line.
    expect(lines).toHaveLength(1);

    // The right key once the wait is over: the count starts again.
    clock.advance(8_000);
    expect((await ask(trainer.authorization.slice(7), '198.51.100.4')).statusCode).toBe(200);
    for (let i = 0; i < DEFAULT_FAIR_USE.trainerKeyFreeFailures; i++)
      expect((await ask(`again-${i}`, '198.51.100.4')).statusCode).toBe(401);
  });

  it('what the limiters remember is bounded, however many addresses and keys come', async () => {
    server = await openServer();
    const limiter = new FairUse(server.store, () => new Date(), { remembered: 50, log: () => undefined });
    const request = (ip: string) => ({ ip }) as never;
    for (let i = 0; i < 500; i++) {
      await limiter.joinHook(request(`10.0.${i >> 8}.${i & 255}`), {} as never);
      await limiter.lookupHook(request(`10.1.${i >> 8}.${i & 255}`), {} as never);
      limiter.trainerKeyFailed(request(`10.2.${i >> 8}.${i & 255}`));
      limiter.admitEvents({ id: randomUUID() } as never, [], new Date());
    }
    expect(limiter.sizes()).toEqual({ events: 50, joins: 50, lookups: 50, keyFailures: 50, connections: 0 });
  });
});

describe('connections', () => {
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });

  async function listening(fairUse: object): Promise<number> {
    server = await openServer({ fairUse });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    return (server.app.server.address() as AddressInfo).port;
  }

  /** Opens a socket; resolves once connected, with a promise that resolves when the server closes it. */
  async function open(port: number): Promise<{ socket: Socket; closed: Promise<number> }> {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    const opened = performance.now();
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now() - opened)));
    return { socket, closed };
  }

  const stillOpen = (closed: Promise<number>, ms: number) =>
    Promise.race([closed.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), ms))]);

  it('a connection past the cap per address is closed at once; one closing makes room', async () => {
    const port = await listening({ connectionsPerAddress: 3 });
    const first = await Promise.all([open(port), open(port), open(port)]);
    const fourth = await open(port);
    expect(await stillOpen(fourth.closed, 2_000)).toBe(false);
    for (const { closed } of first) expect(await stillOpen(closed, 50)).toBe(true);
    first[0].socket.destroy();
    await first[0].closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await open(port);
    expect(await stillOpen(again.closed, 500)).toBe(true);
    // The ones held open still get answers.
    let answer = '';
    first[1].socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    first[1].socket.write('GET /api/workshop HTTP/1.1\r\nHost: x\r\n\r\n');
    await expect.poll(() => answer).toMatch(/^HTTP\/1\.1 200/);
  });

  it('a request whose body never finishes arriving is closed after requestTimeout', async () => {
    const port = await listening({ requestTimeoutMs: 500 });
    const slow = await open(port);
    let answer = '';
    slow.socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    slow.socket.write('POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    // A byte now and then keeps the connection busy, but the request is never whole.
    const drip = setInterval(() => slow.socket.write(' '), 100);
    try {
      const after = await Promise.race([slow.closed, new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 5_000))]);
      expect(after).toBeLessThan(2_000);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(drip);
    }
  });

  it('the live stream, once asked for, is not cut by requestTimeout', async () => {
    const port = await listening({ requestTimeoutMs: 300 });
    const { code } = await session(['whip-tuesday']);
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/api/trainer/sessions/${code}/stream`, {
      headers: trainer,
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const joinedReply = await fetch(`http://127.0.0.1:${port}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'ผู้มาใหม่' }),
    });
    expect(joinedReply.status).toBe(201);
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('"joined"');
    controller.abort();
  });
});

describe('PRASAN_FAIR_USE', () => {
  it('reads name=value pairs, and says what is wrong with a bad one', () => {
    expect(fairUseFromEnvironment({})).toEqual({ limits: {} });
    expect(fairUseFromEnvironment({ PRASAN_FAIR_USE: 'connectionsPerAddress=400, joinsBurst=100' })).toEqual({
      limits: { connectionsPerAddress: 400, joinsBurst: 100 },
    });
    expect(fairUseFromEnvironment({ PRASAN_FAIR_USE: 'connections=4' })).toMatchObject({
      problem: expect.stringContaining('no limit named "connections"'),
    });
    expect(fairUseFromEnvironment({ PRASAN_FAIR_USE: 'joinsBurst=-1' })).toMatchObject({
      problem: expect.stringContaining('a number above 0'),
    });
  });
});
