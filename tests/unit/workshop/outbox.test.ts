/**
 * The outbox in Node: a fake localStorage (shared between "tabs"), a fake server behind a fake fetch
 * that stores each event id once, and a hand-driven clock for the retry timer.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { LEASE_KEY, Outbox, OUTBOX_KEY, REJECTED_KEY, retryDelay, type OutboxEntry } from '../../../src/ui/workshop/outbox';
import type { KeyValueStorage } from '../../../src/ui/workshop/ports';
import { uuidV4 } from '../../../src/ui/workshop/uuid';
import type { EventAck, WorkshopEvent } from '../../../src/workshop/protocol';

class MemoryStorage implements KeyValueStorage {
  readonly data = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full && key === OUTBOX_KEY && value.length > (this.data.get(key)?.length ?? 0)) throw new Error('QuotaExceededError');
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

type Reply = 'network' | number | ((events: WorkshopEvent[]) => Response | Promise<Response>);

/** A server that stores each event id once; `replies` overrides what the next requests get. */
class FakeServer {
  readonly stored: WorkshopEvent[] = [];
  readonly requests: { key: string; ids: string[] }[] = [];
  readonly replies: Reply[] = [];
  readonly keys = new Set(['key-a', 'key-b']);
  /** Ids the server refuses, with the reason. */
  readonly refuse = new Map<string, string>();
  /** While set, every request fails as if the network were down. */
  down = false;

  fetch = async (_url: string, init?: RequestInit): Promise<Response> => {
    const events = (JSON.parse(init?.body as string) as { events: WorkshopEvent[] }).events;
    const key = String((init?.headers as Record<string, string>)['authorization']).replace('Bearer ', '');
    this.requests.push({ key, ids: events.map((e) => e.id) });
    const reply = this.replies.shift();
    if (reply === 'network' || (reply === undefined && this.down)) throw new TypeError('Failed to fetch');
    if (typeof reply === 'number') return new Response(JSON.stringify({ error: 'x', message: 'x' }), { status: reply });
    if (reply) return reply(events);
    if (!this.keys.has(key)) return new Response(JSON.stringify({ error: 'unknown-trainee' }), { status: 401 });
    return this.accept(events);
  };

  accept(events: WorkshopEvent[]): Response {
    const results: EventAck[] = events.map((e) => {
      const reason = this.refuse.get(e.id);
      if (reason) return { id: e.id, status: 'rejected', reason };
      if (this.stored.some((s) => s.id === e.id)) return { id: e.id, status: 'duplicate' };
      this.stored.push(e);
      return { id: e.id, status: 'stored' };
    });
    return new Response(JSON.stringify({ results }), { status: results.some((r) => r.status === 'rejected') ? 422 : 200 });
  }
}

class Clock {
  now = 1_000_000;
  timers: { at: number; run: () => void; handle: number }[] = [];
  private next = 1;
  schedule = (run: () => void, ms: number) => {
    const handle = this.next++;
    this.timers.push({ at: this.now + ms, run, handle });
    return handle;
  };
  cancel = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.handle !== handle);
  };
  /** The delay of the one pending timer (the outbox keeps at most one). */
  pendingDelay(): number | undefined {
    expect(this.timers.length).toBeLessThanOrEqual(1);
    return this.timers[0] ? this.timers[0].at - this.now : undefined;
  }
  /** Moves time on and runs the timers that are due. */
  async advance(ms: number): Promise<void> {
    this.now += ms;
    const due = this.timers.filter((t) => t.at <= this.now);
    this.timers = this.timers.filter((t) => t.at > this.now);
    for (const t of due) t.run();
    await settle();
  }
}

/** Lets pending promise chains (fetch, json) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

const RUN = uuidV4();
let seq = 0;
function decision(run = RUN): WorkshopEvent {
  return {
    id: uuidV4(),
    run,
    scenario: 'whip-tuesday',
    version: 1,
    at: new Date().toISOString(),
    kind: 'decision',
    seq: seq++,
    node: 'n',
    choice: 'c',
  };
}

let storage: MemoryStorage;
let server: FakeServer;
let clock: Clock;
let online: boolean;

function outbox(tab = 'tab-1'): Outbox {
  return new Outbox({
    storage,
    fetch: server.fetch,
    tab,
    now: () => clock.now,
    schedule: clock.schedule,
    cancel: clock.cancel,
    isOnline: () => online,
  });
}

/** Adds events while the browser is offline, so they wait in the outbox; then the network is back. */
async function queued(box: Outbox, events: readonly WorkshopEvent[], key: (i: number) => string = () => 'key-a'): Promise<void> {
  online = false;
  events.forEach((e, i) => box.add(e, key(i)));
  await settle();
  online = true;
}

function stored(): OutboxEntry[] {
  return JSON.parse(storage.getItem(OUTBOX_KEY) ?? '[]') as OutboxEntry[];
}

beforeEach(() => {
  storage = new MemoryStorage();
  server = new FakeServer();
  clock = new Clock();
  online = true;
  seq = 0;
});

describe('the outbox', () => {
  it('keeps events in storage in order until the server acknowledges them, then forgets them', async () => {
    const box = outbox();
    server.down = true;
    const events = [decision(), decision(), decision()];
    for (const e of events) box.add(e, 'key-a');
    // Written before any answer: a reload now loses nothing.
    expect(stored().map((e) => e.event.id)).toEqual(events.map((e) => e.id));
    await settle();
    expect(server.requests.length).toBeGreaterThan(0);
    expect(box.status()).toEqual({ pending: 3, problem: 'unreachable', rejected: 0 });
    server.down = false;
    await box.flush();
    expect(stored()).toEqual([]);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
    expect(server.stored.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(box.status()).toEqual({ pending: 0, problem: undefined, rejected: 0 });
  });

  it('sends in order, at most 100 per request, each request with the key of the trainee who made the events', async () => {
    const box = outbox();
    const events = Array.from({ length: 230 }, () => decision());
    await queued(box, events, (i) => (i === 120 ? 'key-b' : 'key-a'));
    await box.flush();
    expect(server.requests.map((r) => [r.key, r.ids.length])).toEqual([
      ['key-a', 100],
      ['key-a', 100],
      // Oldest first: key-b's one event was made before the last 29 of key-a.
      ['key-b', 1],
      ['key-a', 29],
    ]);
    expect(server.requests.flatMap((r) => r.ids).filter((id) => id !== events[120]!.id)).toEqual(
      events.filter((_, i) => i !== 120).map((e) => e.id),
    );
    expect(server.stored).toHaveLength(230);
  });

  it('retries after a network error or a 5xx, waiting 1 s and doubling up to 30 s, and starts again at once when told', async () => {
    const box = outbox();
    server.replies.push('network', 503, 'network', 500, 'network', 'network', 'network');
    box.add(decision(), 'key-a');
    await settle();
    const delays: (number | undefined)[] = [clock.pendingDelay()];
    for (let i = 0; i < 6; i++) {
      await clock.advance(clock.pendingDelay()!);
      delays.push(clock.pendingDelay());
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(server.requests).toHaveLength(7);
    expect(server.stored).toHaveLength(0);
    expect(box.status().problem).toBe('unreachable');
    // The network is back (the page hears `online`): no waiting for the 30 s timer.
    await box.flush();
    expect(server.stored).toHaveLength(1);
    expect(clock.pendingDelay()).toBeUndefined();
    expect(retryDelay(1)).toBe(1000);
  });

  it('a batch refused for now (429) is kept whole, waits the Retry-After, and goes again; nothing is lost or rejected', async () => {
    const box = outbox();
    const events = Array.from({ length: 300 }, () => decision());
    const tooMany = () =>
      new Response(JSON.stringify({ error: 'rate-limited', message: 'Too many events' }), { status: 429, headers: { 'retry-after': '7' } });
    // The first batch goes; the server then asks to wait before the second.
    server.replies.push((batch) => server.accept(batch), tooMany);
    await queued(box, events);
    await box.flush();
    expect(server.stored).toHaveLength(100);
    expect(stored()).toHaveLength(200);
    expect(box.status()).toEqual({ pending: 200, problem: 'busy', rejected: 0 });
    expect(clock.pendingDelay()).toBe(7000);
    await clock.advance(6999);
    expect(server.requests).toHaveLength(2);
    await clock.advance(1);
    expect(server.stored.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(box.status()).toEqual({ pending: 0, problem: undefined, rejected: 0 });
    expect(box.rejectedLog().count).toBe(0);
  });

  it('waits at most five minutes whatever Retry-After says, and without one waits as after an error', async () => {
    const box = outbox();
    const refused = (retryAfter?: string) => () =>
      new Response('{"error":"too-many-open-runs","message":"x"}', {
        status: 429,
        ...(retryAfter ? { headers: { 'retry-after': retryAfter } } : {}),
      });
    server.replies.push(refused('3600'), refused(), refused('0'));
    box.add(decision(), 'key-a');
    await settle();
    expect(clock.pendingDelay()).toBe(5 * 60_000);
    await clock.advance(5 * 60_000);
    expect(clock.pendingDelay()).toBe(1000);
    await clock.advance(1000);
    // A Retry-After of 0 is still a second's wait, never a tight loop.
    expect(clock.pendingDelay()).toBe(1000);
    await clock.advance(1000);
    expect(server.stored).toHaveLength(1);
    expect(box.status().pending).toBe(0);
  });

  it('does not try while the browser says it is offline, and says so', async () => {
    online = false;
    const box = outbox();
    box.add(decision(), 'key-a');
    box.add(decision(), 'key-a');
    await settle();
    expect(server.requests).toHaveLength(0);
    expect(box.status()).toEqual({ pending: 2, problem: 'offline', rejected: 0 });
    online = true;
    await box.flush();
    expect(box.status()).toEqual({ pending: 0, problem: undefined, rejected: 0 });
  });

  it('forgets an event the server already had (a retry whose first answer was lost) without storing it twice', async () => {
    const box = outbox();
    const event = decision();
    // The server stores it, but the answer never arrives.
    server.replies.push(async (events) => {
      server.accept(events);
      throw new TypeError('connection reset');
    });
    box.add(event, 'key-a');
    await settle();
    expect(box.entries()).toHaveLength(1);
    await box.flush();
    expect(box.entries()).toHaveLength(0);
    expect(server.stored.map((e) => e.id)).toEqual([event.id]);
    expect(server.requests.map((r) => r.ids)).toEqual([[event.id], [event.id]]);
  });

  it('removes rejected events too, but counts and logs each one', async () => {
    const box = outbox();
    const [a, b, c] = [decision(), decision(), decision()];
    server.refuse.set(b.id, 'not-offered');
    await queued(box, [a, b, c]);
    await box.flush();
    expect(box.entries()).toEqual([]);
    expect(server.stored.map((e) => e.id)).toEqual([a.id, c.id]);
    expect(box.status()).toEqual({ pending: 0, problem: undefined, rejected: 1 });
    expect(box.rejectedLog().recent).toMatchObject([{ id: b.id, run: RUN, kind: 'decision', reason: 'not-offered' }]);
    expect(box.runFate(RUN)).toBe('rejected');
    expect(JSON.parse(storage.getItem(REJECTED_KEY)!)).toMatchObject({ count: 1 });
  });

  it("keeps the events of a trainee the server does not know (401) and says so, while other trainees' events go", async () => {
    server.keys.delete('key-a');
    const box = outbox();
    const mine = [decision(), decision()];
    const other = decision(uuidV4());
    await queued(box, [mine[0]!, other, mine[1]!], (i) => (i === 1 ? 'key-b' : 'key-a'));
    await box.flush();
    expect(box.entries().map((e) => e.event.id)).toEqual(mine.map((e) => e.id));
    expect(server.stored.map((e) => e.id)).toEqual([other.id]);
    expect(box.status()).toEqual({ pending: 2, problem: 'unauthorized', rejected: 0 });
    expect(box.refused()).toEqual(['key-a']);
    // A 401 is an answer, not a network failure: no retry timer spins on it.
    expect(clock.pendingDelay()).toBeUndefined();
    // The key becomes known again (the trainer restarted with the right data file): they go.
    server.keys.add('key-a');
    await box.flush();
    expect(box.status()).toEqual({ pending: 0, problem: undefined, rejected: 0 });
    expect(server.stored).toHaveLength(3);
  });

  it('discards refused events only when asked, into the rejected log', async () => {
    server.keys.delete('key-a');
    const box = outbox();
    box.add(decision(), 'key-a');
    await settle();
    expect(box.status().problem).toBe('unauthorized');
    expect(box.discard('key-a')).toBe(1);
    expect(box.status()).toEqual({ pending: 0, problem: undefined, rejected: 1 });
    expect(box.rejectedLog().recent[0]?.reason).toBe('discarded-unknown-trainee');
  });

  it('finds the one event a 400 refuses by sending one at a time, and sets only that one aside', async () => {
    const box = outbox();
    const events = [decision(), decision(), decision()];
    const bad = events[1]!.id;
    await queued(box, events);
    // Like the server's schema check: one unreadable event fails the whole batch.
    const schema = (batch: WorkshopEvent[]) =>
      batch.some((e) => e.id === bad) ? new Response('{}', { status: 400 }) : server.accept(batch);
    server.replies.push(schema, schema, schema, schema);
    await box.flush();
    expect(server.stored.map((e) => e.id)).toEqual([events[0]!.id, events[2]!.id]);
    expect(box.rejectedLog().recent.map((r) => [r.id, r.reason])).toEqual([[bad, 'http-400']]);
    expect(box.entries()).toEqual([]);
  });

  it('two tabs sharing storage: both add, both flush, every event is stored once and nothing is lost', async () => {
    const tabA = outbox('tab-a');
    const tabB = outbox('tab-b');
    const fromA = [decision(), decision()];
    const fromB = [decision(uuidV4()), decision(uuidV4())];
    online = false;
    tabA.add(fromA[0]!, 'key-a');
    tabB.add(fromB[0]!, 'key-a');
    tabA.add(fromA[1]!, 'key-a');
    tabB.add(fromB[1]!, 'key-a');
    // Each tab re-read storage before writing: all four are there, in the order they were made.
    expect(stored().map((e) => e.event.id)).toEqual([fromA[0]!.id, fromB[0]!.id, fromA[1]!.id, fromB[1]!.id]);
    await settle();
    online = true;
    await Promise.all([tabA.flush(), tabB.flush()]);
    await settle();
    expect(stored()).toEqual([]);
    expect(server.stored.map((e) => e.id).sort()).toEqual([...fromA, ...fromB].map((e) => e.id).sort());
    // The lease let one tab send; the other waited rather than sending the same events again.
    expect(server.requests).toHaveLength(1);
    expect(storage.getItem(LEASE_KEY)).toBeNull();
  });

  it('two tabs sending the same events at once (the lease bypassed) still store each once and lose none', async () => {
    const tabA = outbox('tab-a');
    const tabB = outbox('tab-b');
    const events = [decision(), decision(), decision()];
    await queued(tabA, events);
    // Tab B adds one more while tab A's request is in flight, and tab A's ack must not erase it.
    let late: WorkshopEvent | undefined;
    server.replies.push((batch) => {
      late = decision();
      // Tab B's own flush is held off (offline, as it sees it): the late event only waits in storage.
      online = false;
      tabB.add(late, 'key-a');
      online = true;
      return server.accept(batch);
    });
    await tabA.flush();
    await settle();
    // Tab A's ack removed only what it sent; it found the late event on re-reading storage, and sent it too.
    expect(server.requests.map((r) => r.ids)).toEqual([events.map((e) => e.id), [late!.id]]);
    expect(stored()).toEqual([]);
    // Now tab B, ignoring any lease, sends everything again: duplicates are acknowledged, nothing doubles.
    storage.removeItem(LEASE_KEY);
    await queued(tabB, events);
    await tabB.flush();
    expect(stored()).toEqual([]);
    expect(server.stored.map((e) => e.id)).toEqual([...events, late!].map((e) => e.id));
  });

  it("a tab waits out another tab's lease, and takes over when that tab stops renewing it", async () => {
    storage.setItem(LEASE_KEY, JSON.stringify({ tab: 'gone-tab', until: clock.now + 5000 }));
    const box = outbox();
    box.add(decision(), 'key-a');
    await settle();
    expect(server.requests).toHaveLength(0);
    expect(clock.pendingDelay()).toBe(5000);
    await clock.advance(5000);
    expect(server.stored).toHaveLength(1);
  });

  it('a reload of the same tab (same tab id) is not held up by its own lease', async () => {
    storage.setItem(LEASE_KEY, JSON.stringify({ tab: 'tab-1', until: clock.now + 20_000 }));
    const box = outbox('tab-1');
    box.add(decision(), 'key-a');
    await settle();
    expect(server.stored).toHaveLength(1);
  });

  it('holds events in memory when storage is full, and still sends them', async () => {
    storage.full = true;
    const box = outbox();
    const event = decision();
    await queued(box, [event]);
    expect(stored()).toEqual([]);
    expect(box.status().pending).toBe(1);
    await box.flush();
    expect(server.stored.map((e) => e.id)).toEqual([event.id]);
    expect(box.status().pending).toBe(0);
  });

  it('ignores a damaged outbox entry instead of failing on it', async () => {
    storage.setItem(OUTBOX_KEY, JSON.stringify([{ key: 'key-a', event: { id: 'not-a-uuid' } }, 'junk']));
    const box = outbox();
    expect(box.status().pending).toBe(0);
    const event = decision();
    box.add(event, 'key-a');
    await settle();
    expect(server.stored.map((e) => e.id)).toEqual([event.id]);
  });

  it('tells listeners about each change of status', async () => {
    const box = outbox();
    const seen: string[] = [];
    box.subscribe((s) => seen.push(`${s.pending}:${s.problem ?? '-'}`));
    server.replies.push('network');
    box.add(decision(), 'key-a');
    await settle();
    await box.flush();
    expect(seen[0]).toBe('1:-');
    expect(seen).toContain('1:unreachable');
    expect(seen.at(-1)).toBe('0:-');
  });
});
