/**
 * Forwarding xAPI statements to a Learning Record Store, against a real (fake) LRS: a node:http server
 * on loopback that keeps what is POSTed to it, checks Basic auth, and can be down or answer 409 the
 * way an LRS does for a batch holding a statement it already has.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LrsForwarder, lrsFromEnvironment, type LrsConfig } from '../../../src/server/lrs';
import type { XapiStatement } from '../../../src/server/exports';
import { catalog, createSession, GOLDEN, join, model, openServer, postEvents, runEvents, statuses, type TestServer } from './harness';

/** A Learning Record Store on loopback: keeps statements by id, refusing a batch with a known one. */
class FakeLrs {
  readonly statements = new Map<string, XapiStatement>();
  /** Every statement id received in an accepted POST, in order (a duplicate would show twice). */
  readonly accepted: string[] = [];
  readonly requests: { auth: string | undefined; version: string | undefined; ids: string[]; status: number }[] = [];
  private server: Server | undefined;
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const batch = JSON.parse(body) as XapiStatement[];
        const ids = batch.map((s) => s.id);
        const ok =
          request.method === 'POST' &&
          request.url === '/xapi/statements' &&
          request.headers.authorization === `Basic ${Buffer.from('lrs-key:lrs-secret').toString('base64')}`;
        // Like an LRS: a batch with a statement it already has is refused whole.
        const status = !ok ? 401 : ids.some((id) => this.statements.has(id)) ? 409 : 200;
        this.requests.push({
          auth: request.headers.authorization,
          version: request.headers['x-experience-api-version'] as string | undefined,
          ids,
          status,
        });
        if (status === 200) {
          for (const s of batch) this.statements.set(s.id, s);
          this.accepted.push(...ids);
        }
        response.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? JSON.stringify(ids) : '{}');
      });
    });
    await new Promise<void>((done) => this.server!.listen(port, '127.0.0.1', done));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
    this.server?.closeAllConnections();
    this.server = undefined;
  }

  config(): LrsConfig {
    return lrsFromEnvironment({
      PRASAN_LRS_ENDPOINT: `http://127.0.0.1:${this.port}/xapi`,
      PRASAN_LRS_USERNAME: 'lrs-key',
      PRASAN_LRS_PASSWORD: 'lrs-secret',
    })!;
  }
}

let server: TestServer;
let forwarder: LrsForwarder | undefined;
let lrs: FakeLrs;

beforeAll(async () => {
  catalog();
  server = await openServer({ onStored: () => forwarder?.wake() });
}, 60_000);
afterAll(() => server.close());
beforeEach(() => {
  lrs = new FakeLrs();
});
afterEach(async () => {
  forwarder?.stop();
  forwarder = undefined;
  await lrs.stop();
});

const unforwarded = () => (server.store.db.prepare('SELECT COUNT(*) AS n FROM events WHERE forwarded = 0').get() as { n: number }).n;
const allEvents = () => (server.store.db.prepare('SELECT id FROM events').all() as { id: string }[]).map((e) => e.id);

async function until(what: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A trainee plays `choices` of a golden path; returns the events sent. */
async function play(code: string, name: string, choices = GOLDEN['no-confidence-motion']![0]!.choices) {
  const trainee = await join(server.app, code, name);
  const events = runEvents(model('no-confidence-motion'), choices);
  expect(statuses(await postEvents(server.app, trainee.key, events))).not.toContain('rejected');
  return events;
}

describe('forwarding to a Learning Record Store', () => {
  it('reads its settings from the environment, and none means no forwarding', () => {
    expect(lrsFromEnvironment({})).toBeUndefined();
    expect(lrsFromEnvironment({ PRASAN_LRS_ENDPOINT: 'https://lrs.example/xapi' })).toEqual({
      endpoint: 'https://lrs.example/xapi/',
      username: '',
      password: '',
    });
  });

  it('sends every statement once, with Basic auth and the xAPI version header, as events arrive', async () => {
    await lrs.start();
    forwarder = new LrsForwarder(server.store, catalog(), lrs.config(), { quietMs: 20 });
    forwarder.start();
    const { code } = await createSession(server.app, ['no-confidence-motion']);
    await play(code, 'A');
    await until(() => unforwarded() === 0);
    await play(code, 'B', GOLDEN['no-confidence-motion']![1]!.choices);
    await until(() => unforwarded() === 0);

    expect(lrs.accepted.sort()).toEqual(allEvents().sort());
    expect(new Set(lrs.accepted).size).toBe(lrs.accepted.length);
    expect(lrs.requests.every((r) => r.status === 200 && r.version === '1.0.3')).toBe(true);
    // Nothing is left to send: another round sends nothing.
    expect(await forwarder.forwardAll()).toBe(0);
    expect(lrs.accepted).toHaveLength(allEvents().length);
    expect(forwarder.lastError).toBeUndefined();
  });

  it('under steady load, forwards without waiting for a quiet moment', async () => {
    await lrs.start();
    forwarder = new LrsForwarder(server.store, catalog(), lrs.config(), { quietMs: 50 });
    forwarder.start();
    await until(() => unforwarded() === 0);
    const { code } = await createSession(server.app, ['no-confidence-motion']);
    const events = await play(code, 'Steady');
    // New events keep waking the forwarder, every 10 ms, for longer than its quiet time.
    const waking = setInterval(() => forwarder!.wake(), 10);
    try {
      await until(() => events.every((e) => lrs.statements.has(e.id)), 1_000);
    } finally {
      clearInterval(waking);
    }
  });

  it('keeps everything while the LRS is down and sends it when it is back, nothing lost', async () => {
    await lrs.start();
    const port = lrs.port;
    await lrs.stop();
    forwarder = new LrsForwarder(server.store, catalog(), lrs.config(), { quietMs: 20 });
    forwarder.start();
    const { code } = await createSession(server.app, ['no-confidence-motion']);
    const events = await play(code, 'Offline');
    await until(() => forwarder!.lastError !== undefined);
    expect(unforwarded()).toBe(events.length);

    // The LRS comes back on the same address; the forwarder's own retry finds it.
    await lrs.start(port);
    await until(() => unforwarded() === 0);
    expect(forwarder.lastError).toBeUndefined();
    expect(lrs.accepted.sort()).toEqual(events.map((e) => e.id).sort());
  });

  it('a statement the LRS already has (409) counts as delivered, and the rest of its batch still goes', async () => {
    await lrs.start();
    forwarder = new LrsForwarder(server.store, catalog(), lrs.config(), { quietMs: 20 });
    const { code } = await createSession(server.app, ['no-confidence-motion']);
    const earlier = await play(code, 'Before the crash');
    await forwarder.forwardAll();
    expect(unforwarded()).toBe(0);
    // As if the server had died after the LRS took these but before it noted so: sent again, mixed
    // with new ones in one batch.
    server.store.db
      .prepare(`UPDATE events SET forwarded = 0 WHERE id IN (${earlier.map(() => '?').join(',')})`)
      .run(...earlier.map((e) => e.id));
    const later = await play(code, 'After the crash');
    const before = lrs.accepted.length;
    expect(await forwarder.forwardAll()).toBe(earlier.length + later.length);
    expect(lrs.requests.some((r) => r.status === 409 && r.ids.length > 1)).toBe(true);
    expect(unforwarded()).toBe(0);
    expect(lrs.accepted.slice(before).sort()).toEqual(later.map((e) => e.id).sort());
    expect(new Set(lrs.accepted).size).toBe(lrs.accepted.length);
  });

  it('wrong credentials are not taken for delivery', async () => {
    await lrs.start();
    forwarder = new LrsForwarder(server.store, catalog(), { ...lrs.config(), password: 'wrong' }, { quietMs: 60_000 });
    const { code } = await createSession(server.app, ['no-confidence-motion']);
    const events = await play(code, 'Wrong key');
    expect(await forwarder.forwardAll()).toBe(0);
    expect(forwarder.lastError).toMatch(/401/);
    expect(unforwarded()).toBe(events.length);
  });
});
