/**
 * The outbox: every workshop event waits in localStorage, in order, until the server has it. An event
 * leaves only when the server acknowledges it (`stored` or `duplicate`); one the server can never
 * store (`rejected`) leaves too, but is counted and logged, never dropped silently. Sending retries
 * with a growing pause while the network is down, and starts again at once when it comes back.
 *
 * Several tabs share one outbox: each send re-reads storage and removes exactly the acknowledged ids,
 * so a tab never overwrites what another added; a short lease in storage lets one tab send at a time,
 * and the server's idempotency (an event id is stored once) covers the rare overlap.
 */
// Types only: the protocol module's values bring TypeBox, which the game doesn't need.
import type { EventAck, WorkshopEvent } from '../../workshop/protocol';
import { timedFetch } from './api';
import { isRecord, readStored, removeStored, writeStored, type FetchLike, type KeyValueStorage } from './ports';
import { MAX_EVENTS_PER_BATCH } from '../../workshop/limits';
import { isUuid } from './uuid';

export const OUTBOX_KEY = 'prasan.outbox.v1';
export const REJECTED_KEY = 'prasan.outbox.rejected.v1';
export const LEASE_KEY = 'prasan.outbox.lease.v1';

const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 30_000;
const REQUEST_TIMEOUT_MS = 15_000;
/** Rejected events kept for the record (the count covers all of them). */
const REJECTED_KEPT = 50;
/** The longest a refused-for-now batch waits before it is sent again, whatever Retry-After says. */
const LONGEST_BUSY_WAIT_MS = 5 * 60_000;

/** An event and the key of the trainee who made it: it is always sent as them, whoever is signed in later. */
export interface OutboxEntry {
  key: string;
  event: WorkshopEvent;
}

export interface RejectedRecord {
  id: string;
  run: string;
  kind: string;
  scenario: string;
  reason: string;
  at: string;
}

export interface RejectedLog {
  count: number;
  recent: RejectedRecord[];
}

/**
 * Why events are still waiting: the device is offline; the server did not answer (or answered with
 * an error); the server does not know the trainee who made them (their key); the server asked to
 * wait (429 or 503: too much at once, see src/server/fair-use.ts) and they go again after the wait.
 */
export type OutboxProblem = 'offline' | 'unreachable' | 'unauthorized' | 'busy';

export interface OutboxStatus {
  pending: number;
  problem: OutboxProblem | undefined;
  /** Events the server refused, ever (see the rejected log). */
  rejected: number;
}

export interface OutboxOptions {
  storage: KeyValueStorage;
  fetch: FetchLike;
  /** Where events go; relative, like every API path of the game. */
  url?: string;
  /** This tab's id, for the sending lease; keep it across reloads of the tab (sessionStorage). */
  tab: string;
  now?: () => number;
  isOnline?: () => boolean;
  schedule?: (run: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  requestTimeoutMs?: number;
}

type SendOutcome =
  | { kind: 'acknowledged'; acks: EventAck[] }
  | { kind: 'unreachable' }
  | { kind: 'unauthorized' }
  | { kind: 'bad-request'; status: number }
  | { kind: 'refused-for-now'; waitMs: number | undefined };

/** Retry-After in seconds, as a wait in ms between a second and LONGEST_BUSY_WAIT_MS; undefined without one. */
export function busyWait(header: string | null): number | undefined {
  const seconds = Number(header);
  if (header === null || header.trim() === '' || !Number.isFinite(seconds)) return undefined;
  return Math.min(LONGEST_BUSY_WAIT_MS, Math.max(1000, seconds * 1000));
}

function isEntry(value: unknown): value is OutboxEntry {
  if (!isRecord(value) || typeof value['key'] !== 'string' || !isRecord(value['event'])) return false;
  const event = value['event'];
  return isUuid(event['id']) && isUuid(event['run']) && typeof event['kind'] === 'string';
}

function isAck(value: unknown): value is EventAck {
  return isRecord(value) && typeof value['id'] === 'string' && ['stored', 'duplicate', 'rejected'].includes(value['status'] as string);
}

export function retryDelay(failures: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), LONGEST_RETRY_MS);
}

export class Outbox {
  private readonly storage: KeyValueStorage;
  private readonly fetchImpl: FetchLike;
  private readonly url: string;
  private readonly tab: string;
  private readonly now: () => number;
  private readonly isOnline: () => boolean;
  private readonly schedule: (run: () => void, ms: number) => unknown;
  private readonly cancel: (handle: unknown) => void;
  private readonly requestTimeoutMs: number;

  /** Entries storage refused (full): kept here and written with the next change that succeeds. */
  private unsaved: OutboxEntry[] = [];
  private failures = 0;
  private retry: unknown;
  private running: Promise<void> | undefined;
  private again = false;
  private problem: OutboxProblem | undefined;
  /** Keys the server said it doesn't know; their events wait (see `discard`). */
  private readonly refusedKeys = new Set<string>();
  /** After a 400, events go one at a time to find the one the server can't read. */
  private batchLimit = MAX_EVENTS_PER_BATCH;
  private readonly listeners = new Set<(status: OutboxStatus) => void>();

  constructor(options: OutboxOptions) {
    this.storage = options.storage;
    this.fetchImpl = options.fetch;
    this.url = options.url ?? 'api/events';
    this.tab = options.tab;
    this.now = options.now ?? (() => Date.now());
    this.isOnline = options.isOnline ?? (() => true);
    this.schedule = options.schedule ?? ((run, ms) => setTimeout(run, ms));
    this.cancel = options.cancel ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    this.requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  /** Queues an event made by the trainee with `key`, then tries to send at once. */
  add(event: WorkshopEvent, key: string): void {
    const entries = this.read();
    const entry = { key, event };
    if (this.persist([...entries, entry])) this.unsaved = [];
    else this.unsaved = [...this.unsaved, entry];
    this.notify();
    void this.flush();
  }

  /** The waiting entries, oldest first, as storage (and memory) hold them now. */
  entries(): OutboxEntry[] {
    return this.read();
  }

  /**
   * Whether everything a run sent has reached the server: `pending` while any of its events waits,
   * `rejected` when the server refused one of them, else `delivered`.
   */
  runFate(run: string): 'pending' | 'rejected' | 'delivered' {
    if (this.read().some((e) => e.event.run === run)) return 'pending';
    return this.rejectedLog().recent.some((r) => r.run === run) ? 'rejected' : 'delivered';
  }

  status(): OutboxStatus {
    const entries = this.read();
    let problem = entries.length === 0 ? undefined : this.problem;
    if (entries.length > 0 && problem === undefined && entries.some((e) => this.refusedKeys.has(e.key))) problem = 'unauthorized';
    return { pending: entries.length, problem, rejected: this.rejectedLog().count };
  }

  /** Keys whose events the server refused with 401 and that are still waiting. */
  refused(): string[] {
    const waiting = new Set(this.read().map((e) => e.key));
    return [...this.refusedKeys].filter((key) => waiting.has(key));
  }

  rejectedLog(): RejectedLog {
    const stored = readStored(this.storage, REJECTED_KEY);
    if (!isRecord(stored) || typeof stored['count'] !== 'number' || !Array.isArray(stored['recent'])) return { count: 0, recent: [] };
    return {
      count: stored['count'],
      recent: stored['recent'].filter((r): r is RejectedRecord => isRecord(r) && typeof r['id'] === 'string'),
    };
  }

  /** Calls `listener` whenever the status may have changed; returns the unsubscribe function. */
  subscribe(listener: (status: OutboxStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Another tab changed the outbox: tell the listeners. */
  changedElsewhere(): void {
    this.notify();
  }

  /**
   * The trainee chose to give up events the server refuses (it no longer knows the trainee who made
   * them, e.g. the trainer deleted the session). They go to the rejected log, counted.
   */
  discard(key: string): number {
    const dropped = this.read().filter((e) => e.key === key);
    this.remove(
      new Set(dropped.map((e) => e.event.id)),
      dropped.map((e) => this.rejection(e, 'discarded-unknown-trainee')),
    );
    this.refusedKeys.delete(key);
    this.notify();
    return dropped.length;
  }

  /** Lets another tab send (this page is going away). */
  releaseLease(): void {
    const lease = readStored(this.storage, LEASE_KEY);
    if (isRecord(lease) && lease['tab'] === this.tab) removeStored(this.storage, LEASE_KEY);
  }

  /**
   * Sends everything that can be sent, oldest first, in batches of up to 100 per trainee. Calls made
   * while a flush runs join it (it re-reads storage before every batch, so it sends their events too).
   */
  flush(): Promise<void> {
    this.cancelRetry();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.drain();
        } while (this.again);
      } finally {
        this.running = undefined;
        this.releaseLease();
        this.notify();
      }
    })();
    return this.running;
  }

  private async drain(): Promise<void> {
    // Keys refused in this pass: their events wait while the others go.
    const skipped = new Set<string>();
    for (;;) {
      const entries = this.read();
      const head = entries.find((e) => !skipped.has(e.key));
      if (!head) {
        // Everything that can go has gone; refused keys show through status() as 'unauthorized'.
        this.problem = undefined;
        return;
      }
      if (!this.isOnline()) return this.failed('offline');
      const waitForLease = this.takeLease();
      if (waitForLease > 0) {
        // Another tab is sending; if it stops (closed, frozen), its lease runs out and this tab goes on.
        this.retryIn(waitForLease);
        return;
      }
      const batch = entries.filter((e) => e.key === head.key).slice(0, this.batchLimit);
      const outcome = await this.send(head.key, batch);
      if (outcome.kind === 'unreachable') return this.failed(this.isOnline() ? 'unreachable' : 'offline');
      if (outcome.kind === 'refused-for-now') {
        // Kept, every one: the server stored nothing of the batch and takes it after the wait.
        this.problem = 'busy';
        this.retryIn(outcome.waitMs ?? retryDelay(++this.failures));
        this.releaseLease();
        this.notify();
        return;
      }
      if (outcome.kind === 'unauthorized') {
        this.refusedKeys.add(head.key);
        skipped.add(head.key);
        continue;
      }
      this.refusedKeys.delete(head.key);
      if (outcome.kind === 'bad-request') {
        // The server could not read the batch: find the one event it can't read, and set it aside.
        if (batch.length > 1) this.batchLimit = 1;
        else this.remove(new Set([head.event.id]), [this.rejection(head, `http-${outcome.status}`)]);
        continue;
      }
      const settled = this.settle(batch, outcome.acks);
      // An answer that acknowledges none of what was sent would loop forever: wait and ask again.
      if (settled === 0) return this.failed('unreachable');
      this.failures = 0;
      this.batchLimit = MAX_EVENTS_PER_BATCH;
      this.problem = undefined;
      this.notify();
    }
  }

  private async send(key: string, batch: OutboxEntry[]): Promise<SendOutcome> {
    let response: Response;
    try {
      response = await timedFetch(
        this.fetchImpl,
        this.url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ events: batch.map((e) => e.event) }),
        },
        this.requestTimeoutMs,
      );
    } catch {
      return { kind: 'unreachable' };
    }
    if (response.status === 401) return { kind: 'unauthorized' };
    if (response.status === 200 || response.status === 422) {
      // 422: some were rejected; the reply still says what happened to each.
      const body: unknown = await response.json().catch(() => undefined);
      const results = isRecord(body) && Array.isArray(body['results']) ? body['results'].filter(isAck) : undefined;
      if (results) return { kind: 'acknowledged', acks: results };
      return response.status === 422 ? { kind: 'bad-request', status: 422 } : { kind: 'unreachable' };
    }
    if (response.status === 400 || response.status === 413) return { kind: 'bad-request', status: response.status };
    if (response.status === 429 || response.status === 503)
      return { kind: 'refused-for-now', waitMs: busyWait(response.headers.get('retry-after')) };
    return { kind: 'unreachable' };
  }

  /** Removes the acknowledged events of a batch; returns how many were. */
  private settle(batch: readonly OutboxEntry[], acks: readonly EventAck[]): number {
    const byId = new Map(acks.map((a) => [a.id, a]));
    const done = new Set<string>();
    const rejected: RejectedRecord[] = [];
    for (const entry of batch) {
      const ack = byId.get(entry.event.id);
      if (!ack) continue;
      done.add(entry.event.id);
      if (ack.status === 'rejected') rejected.push(this.rejection(entry, ack.reason ?? 'rejected'));
    }
    this.remove(done, rejected);
    return done.size;
  }

  private rejection(entry: OutboxEntry, reason: string): RejectedRecord {
    const { id, run, kind, scenario } = entry.event;
    return { id, run, kind, scenario, reason, at: new Date(this.now()).toISOString() };
  }

  private failed(problem: OutboxProblem): void {
    this.problem = problem;
    this.failures += 1;
    this.retryIn(retryDelay(this.failures));
    this.releaseLease();
    this.notify();
  }

  private retryIn(ms: number): void {
    this.cancelRetry();
    this.retry = this.schedule(() => {
      this.retry = undefined;
      void this.flush();
    }, ms);
  }

  private cancelRetry(): void {
    if (this.retry !== undefined) this.cancel(this.retry);
    this.retry = undefined;
  }

  /** 0 when this tab may send now, else how long another tab's lease has to run. */
  private takeLease(): number {
    const now = this.now();
    const lease = readStored(this.storage, LEASE_KEY);
    if (isRecord(lease) && lease['tab'] !== this.tab && typeof lease['until'] === 'number' && lease['until'] > now) {
      return lease['until'] - now;
    }
    writeStored(this.storage, LEASE_KEY, { tab: this.tab, until: now + this.requestTimeoutMs + 5000 });
    return 0;
  }

  private read(): OutboxEntry[] {
    const stored = readStored(this.storage, OUTBOX_KEY);
    const entries = Array.isArray(stored) ? stored.filter(isEntry) : [];
    if (this.unsaved.length === 0) return entries;
    const ids = new Set(entries.map((e) => e.event.id));
    return [...entries, ...this.unsaved.filter((e) => !ids.has(e.event.id))];
  }

  private persist(entries: readonly OutboxEntry[]): boolean {
    return entries.length === 0 ? (removeStored(this.storage, OUTBOX_KEY), true) : writeStored(this.storage, OUTBOX_KEY, entries);
  }

  /** Removes events by id from what storage holds now (another tab may have added some meanwhile). */
  private remove(ids: ReadonlySet<string>, rejected: readonly RejectedRecord[]): void {
    if (ids.size === 0) return;
    const keep = (e: OutboxEntry) => !ids.has(e.event.id);
    const entries = this.read().filter(keep);
    this.unsaved = this.unsaved.filter(keep);
    if (this.persist(entries)) this.unsaved = [];
    if (rejected.length > 0) {
      const log = this.rejectedLog();
      writeStored(this.storage, REJECTED_KEY, {
        count: log.count + rejected.length,
        recent: [...log.recent, ...rejected].slice(-REJECTED_KEPT),
      });
    }
  }

  private notify(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}
