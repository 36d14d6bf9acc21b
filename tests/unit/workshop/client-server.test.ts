/**
 * The game's workshop client against the real server (Fastify's inject behind a fetch): the API
 * calls and their errors, and runs reported through the outbox — every decision stored once, the
 * server's score equal to the engine's, timers and stuck runs included, through a network that fails.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEnded, startRun, step, type RunState, type ScenarioModel } from '../../../src/engine';
import { WorkshopApi } from '../../../src/ui/workshop/api';
import { Outbox } from '../../../src/ui/workshop/outbox';
import type { FetchLike, KeyValueStorage } from '../../../src/ui/workshop/ports';
import { startEvents, stepEvents, type EventClock } from '../../../src/ui/workshop/reporting';
import { uuidV4 } from '../../../src/ui/workshop/uuid';
import type { WorkshopEvent } from '../../../src/workshop/protocol';
import { createSession, model, openServer, QUICK_QUESTION, trainer, type TestServer } from './harness';

let server: TestServer;
let app: FastifyInstance;

beforeAll(async () => {
  server = await openServer();
  app = server.app;
}, 60_000);
afterAll(() => server.close());

/** fetch over Fastify's inject, with relative paths as the game sends them (the page is at /). */
function injectFetch(options: { down?: () => boolean } = {}): FetchLike & { calls: string[] } {
  const calls: string[] = [];
  const fetchImpl = async (url: string, init: RequestInit = {}) => {
    calls.push(`${init.method ?? 'GET'} ${url}`);
    if (options.down?.()) throw new TypeError('Failed to fetch');
    const response = await app.inject({
      method: (init.method ?? 'GET') as 'GET' | 'POST',
      url: `/${url}`,
      headers: init.headers as Record<string, string>,
      payload: init.body as string | undefined,
    });
    return new Response(response.body, {
      status: response.statusCode,
      headers: { 'content-type': String(response.headers['content-type'] ?? '') },
    });
  };
  return Object.assign(fetchImpl, { calls });
}

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const clock: EventClock = { id: () => uuidV4(), at: () => new Date().toISOString() };

/** Plays `choices` as the game does, collecting the events each moment would send. */
function playEvents(scenario: ScenarioModel, choices: readonly string[], run: string): { events: WorkshopEvent[]; state: RunState } {
  let state = startRun(scenario);
  const reported = { run, scenario: scenario.id, version: scenario.version };
  const events = startEvents(reported, scenario, state, { language: 'th', timer: 'normal' }, clock);
  for (const choice of choices) {
    const next = step(scenario, state, choice);
    if (!next) throw new Error(`${choice} is not offered at ${state.node}`);
    state = next;
    events.push(...stepEvents(reported, scenario, state, clock));
  }
  return { events, state };
}

describe('the workshop API from the game', () => {
  it('finds the server, previews a code, joins, and reads who the trainee is', async () => {
    const api = new WorkshopApi(injectFetch());
    expect(await api.hello()).toBe(true);
    const session = await createSession(app, ['whip-tuesday'], 'รุ่นที่ 3');
    expect(await api.preview(session.code)).toEqual({ ok: true, value: { code: session.code, title: 'รุ่นที่ 3', retentionDays: 90 } });
    const joined = await api.join(session.code, 'ต้นกล้า');
    expect(joined.ok).toBe(true);
    if (!joined.ok) return;
    const me = await api.me(joined.value.key);
    expect(me).toEqual({ ok: true, value: { trainee: joined.value.trainee, session: joined.value.session, finished: [] } });
  });

  it('says which problem it met: unknown code, unknown trainee, no network, a server that is not a workshop', async () => {
    const api = new WorkshopApi(injectFetch());
    expect(await api.preview('ZZZZZZ')).toEqual({ ok: false, problem: 'unknown-code' });
    expect(await api.join('ZZZZZZ', 'x')).toEqual({ ok: false, problem: 'unknown-code' });
    expect(await api.me('no-such-key')).toEqual({ ok: false, problem: 'unauthorized' });
    expect(await new WorkshopApi(injectFetch({ down: () => true })).preview('ABCDEF')).toEqual({ ok: false, problem: 'network' });
    // A static host answers every path with its index page; Vite's dev server too.
    const html: FetchLike = async () =>
      new Response('<!doctype html><title>Prasan</title>', { status: 200, headers: { 'content-type': 'text/html' } });
    expect(await new WorkshopApi(html).hello()).toBe(false);
    expect(await new WorkshopApi(html).me('k')).toEqual({ ok: false, problem: 'server' });
    const notFound: FetchLike = async () => new Response('Not found', { status: 404 });
    expect(await new WorkshopApi(notFound).hello()).toBe(false);
  });

  it('gives up on a server that never answers after the time limit', async () => {
    const silent: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const started = Date.now();
    expect(await new WorkshopApi(silent).hello()).toBe(false);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(1900);
    expect(waited).toBeLessThan(3000);
  });

  it("fetches a trainer's own scenario of the session, ready to play, and nothing of another session", async () => {
    const session = await createSession(app, ['whip-tuesday']);
    const upload = await app.inject({
      method: 'POST',
      url: `/api/trainer/sessions/${session.code}/scenarios`,
      headers: trainer,
      payload: { file: 'quick-question.yaml', text: QUICK_QUESTION },
    });
    expect(upload.statusCode).toBe(201);
    const id = upload.json<{ scenario: { id: string } }>().scenario.id;
    const api = new WorkshopApi(injectFetch());
    const joined = await api.join(session.code, 'A');
    if (!joined.ok) throw new Error('join failed');
    expect(joined.value.session.scenarios).toContainEqual({ id, version: expect.any(Number), uploaded: true });
    const entry = await api.scenario(joined.value.key, id);
    expect(entry.ok).toBe(true);
    if (!entry.ok) return;
    expect(entry.value.info?.id).toBe(id);
    expect(Object.keys(entry.value.playable!.model.nodes).length).toBeGreaterThan(1);
    expect(entry.value.playable!.strings).toBeTypeOf('object');
    expect((await api.scenario(joined.value.key, 'no-such-scenario')).ok).toBe(false);

    const other = await createSession(app, ['whip-tuesday']);
    const stranger = await api.join(other.code, 'B');
    if (!stranger.ok) throw new Error('join failed');
    expect(await api.scenario(stranger.value.key, id)).toEqual({ ok: false, problem: 'server' });
  });
});

describe('runs reported through the outbox', () => {
  it('a whole run, with a timer running out, reaches the server once through a network that keeps failing; the server scores it as the engine does', async () => {
    const whip = model('whip-tuesday');
    const session = await createSession(app, ['whip-tuesday']);
    const api = new WorkshopApi(injectFetch());
    const joined = await api.join(session.code, 'สาย');
    if (!joined.ok) throw new Error('join failed');
    const run = uuidV4();
    const choices = [
      'pull-the-file',
      'timeout',
      'ask-and-listen',
      'level-with-him',
      'refuse-offer-merit',
      'accept-amendment',
      'sequence-with-whip',
      'count-by-name',
      'timeout',
    ];
    const { events, state } = playEvents(whip, choices, run);
    expect(events.map((e) => e.kind)).toEqual(['start', ...choices.map(() => 'decision'), 'result']);
    expect(events.filter((e) => e.kind === 'decision').map((e) => (e.kind === 'decision' ? e.seq : -1))).toEqual(choices.map((_, i) => i));

    // Every third request fails on the way out; some answers are lost after the server stored the batch.
    let n = 0;
    const fetchImpl = injectFetch({ down: () => ++n % 3 === 0 });
    let lost = 0;
    const lossy: FetchLike = async (url, init) => {
      const response = await fetchImpl(url, init);
      if (n % 4 === 0) {
        lost += 1;
        throw new TypeError('connection reset after the server answered');
      }
      return response;
    };
    const timers: (() => void)[] = [];
    const outbox = new Outbox({
      storage: memoryStorage(),
      fetch: lossy,
      tab: 't',
      schedule: (run) => timers.push(run),
      cancel: () => undefined,
    });
    // Each event as the game makes it: added, then sent (or retried) before the next step.
    for (const event of events) {
      outbox.add(event, joined.value.key);
      for (let i = 0; i < 10 && outbox.status().pending > 0; i++) {
        await outbox.flush();
        timers.splice(0).forEach((t) => t());
      }
    }
    await outbox.flush();
    expect(outbox.status()).toEqual({ pending: 0, problem: undefined, rejected: 0 });
    // The network did fail both ways along the way.
    expect(n).toBeGreaterThan(3);
    expect(lost).toBeGreaterThan(0);

    const record = server.store.runRecord(run);
    expect(record?.steps.map((s) => s.choice)).toEqual(choices);
    expect(isEnded(whip, state)).toBe(true);
    expect(record?.result?.ending).toBe(state.node);
    // The server replayed the stored choices itself: the same totals as the engine here.
    expect(record?.result?.skills).toEqual(state.skills);
    const stored = server.store.db.prepare('SELECT kind, COUNT(*) AS n FROM events WHERE run_id = ? GROUP BY kind ORDER BY kind').all(run);
    expect(stored).toEqual([
      { kind: 'decision', n: choices.length },
      { kind: 'result', n: 1 },
      { kind: 'start', n: 1 },
    ]);
  });

  it('a run stuck where nothing is offered reports its result with no ending', async () => {
    const events = playEvents(stuckScenario(), [], uuidV4()).events;
    expect(events.map((e) => e.kind)).toEqual(['start', 'result']);
    expect(events[1]).toMatchObject({ kind: 'result', steps: 0, ending: null });
  });
});

/** A one-node scenario whose only choice is never offered: stuck at the start. */
function stuckScenario(): ScenarioModel {
  const whip = model('whip-tuesday');
  const start = whip.nodes[whip.start]!;
  if (start.kind !== 'decision') throw new Error('whip-tuesday starts at a decision');
  return {
    ...whip,
    nodes: {
      ...whip.nodes,
      [whip.start]: { ...start, choices: start.choices.map((c) => ({ ...c, when: { flag: 'never-set' } })), timeout: undefined },
    },
  };
}
