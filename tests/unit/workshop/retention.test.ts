/**
 * Retention (PDPA): a session and everything in it is deleted once its retention period has run out,
 * by the store when asked and by the server on its own (when it is ready, then on a timer). Time is an
 * injected clock.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SessionDeletions } from '../../../src/server/deletion';
import type { SessionSummary } from '../../../src/workshop/protocol';
import { bearer, catalog, GOLDEN, join, model, openServer, postEvents, runEvents, trainer, type TestServer } from './harness';

const DAY_MS = 24 * 3600 * 1000;
const START = Date.parse('2026-03-01T08:00:00.000Z');
let clock = START;
const now = () => new Date(clock);
let server: TestServer | undefined;

beforeAll(() => void catalog(), 60_000);
afterEach(async () => {
  await server?.close();
  server = undefined;
  clock = START;
});

async function session(days?: number): Promise<SessionSummary> {
  const response = await server!.app.inject({
    method: 'POST',
    url: '/api/trainer/sessions',
    headers: trainer,
    payload: { title: `${days} days`, scenarios: ['no-confidence-motion'], ...(days ? { retentionDays: days } : {}) },
  });
  expect(response.statusCode).toBe(201);
  return response.json<SessionSummary>();
}
/** A sweep as the server makes one, awaited to its end; returns the codes deleted. */
async function sweep(): Promise<string[]> {
  const deleted: string[] = [];
  await new SessionDeletions(server!.store, { marked: () => {}, deleted: (code) => deleted.push(code) }).sweep(now());
  return deleted;
}
const codes = () =>
  server!.store
    .allSessions()
    .map((s) => s.code)
    .sort();
const rows = (table: string) => (server!.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('retention', () => {
  it('deletes a session when its days are up, with its trainees, runs and events, and keeps younger ones', async () => {
    server = await openServer({ now });
    const short = await session(1);
    const long = await session();
    expect(long.retentionDays).toBe(90);
    expect(Date.parse(short.expiresAt)).toBe(START + DAY_MS);
    const trainee = await join(server.app, short.code, 'Short-lived');
    await postEvents(server.app, trainee.key, runEvents(model('no-confidence-motion'), GOLDEN['no-confidence-motion']![0]!.choices));
    expect([rows('trainees'), rows('runs'), rows('events')]).toEqual([1, 1, 12]);

    clock = START + DAY_MS - 1000;
    expect(await sweep()).toEqual([]);
    expect(codes()).toEqual([short.code, long.code].sort());

    clock = START + DAY_MS;
    expect(await sweep()).toEqual([short.code]);
    expect(codes()).toEqual([long.code]);
    expect([rows('trainees'), rows('runs'), rows('events'), rows('session_scenarios')]).toEqual([0, 0, 0, 1]);
    expect((await server.app.inject({ url: '/api/me', headers: bearer(trainee.key) })).statusCode).toBe(401);

    clock = START + 90 * DAY_MS;
    expect(await sweep()).toEqual([long.code]);
    expect(codes()).toEqual([]);
  });

  it('a shorter retention set later takes effect at the next sweep', async () => {
    server = await openServer({ now });
    const { code } = await session(30);
    clock = START + 3 * DAY_MS;
    expect(await sweep()).toEqual([]);
    const patched = await server.app.inject({
      method: 'PATCH',
      url: `/api/trainer/sessions/${code}`,
      headers: trainer,
      payload: { retentionDays: 4 },
    });
    expect(patched.json<SessionSummary>().expiresAt).toBe(new Date(START + 4 * DAY_MS).toISOString());
    expect(await sweep()).toEqual([]);
    clock = START + 4 * DAY_MS;
    expect(await sweep()).toEqual([code]);
  });

  it('the server sweeps when it starts, then on its own every so often', async () => {
    const expired: string[][] = [];
    server = await openServer({ now, onExpired: (c) => expired.push(c) });
    const first = await session(1);
    const second = await session(5);

    // A restart two days later: the first session is gone before anyone can ask for it.
    clock = START + 2 * DAY_MS;
    server = await server.restart({ now, onExpired: (c) => expired.push(c), sweepEveryMs: 20 });
    const list = await server.app.inject({ url: '/api/trainer/sessions', headers: trainer });
    expect(list.json<SessionSummary[]>().map((s) => s.code)).toEqual([second.code]);
    // Its rows go just after, a slice at a time.
    await expect.poll(() => expired).toEqual([[first.code]]);

    // While running: the timer finds the second once its days are up.
    clock = START + 5 * DAY_MS;
    const end = Date.now() + 5_000;
    while (codes().length > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(codes()).toEqual([]);
    await expect.poll(() => expired).toEqual([[first.code], [second.code]]);
  });
});
