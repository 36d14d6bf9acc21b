/**
 * Fair use: what one trainee or one address may ask of the server, so that one person (a mistake or
 * an attack from the venue's Wi-Fi) can't stop the room. Each limit is set far above what a real
 * trainee or trainer does; what is refused for now is a 429 with `Retry-After`, which the game's
 * outbox waits out and sends again (nothing a trainee did is lost). Every map here is bounded.
 *
 * The limits (ServerOptions.fairUse; PRASAN_FAIR_USE at start, e.g. `connectionsPerAddress=300`):
 * - unfinished runs of one scenario a trainee began in the last hour (refused for now past it);
 * - events per trainee key (a token bucket: a full outbox goes at once, a flood doesn't);
 * - joins and join-code lookups per address; wrong trainer keys per address (a growing wait);
 * - the time to receive a request, an idle connection's life, and open connections per address.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Server } from 'node:http';
import { MAX_EVENTS_PER_BATCH, type WorkshopEvent } from '../workshop/protocol';
import { fail } from './context';
import type { Store, TraineeRow } from './db';

export interface FairUseLimits {
  /**
   * Unfinished runs of one scenario a trainee may have begun in the last `openRunsWindowMs`; a batch
   * that would begin another is refused for now. A real trainee restarts a scenario a few times at
   * most (to try another path, say); twenty in an hour leaves room for a curious one, and stops a
   * flood of `start` events growing the tables. Refused, not dropped: the game sends the batch again
   * once the oldest of those runs is an hour old, so even a trainee who got there loses nothing.
   */
  openRunsPerScenario: number;
  openRunsWindowMs: number;
  /**
   * Events per trainee key: a bucket of `eventsBurst` that refills at `eventsPerSecond`. A trainee
   * sends one event per decision, seconds apart; after an hour offline their outbox holds a few
   * hundred (batches of 100), which the bucket takes at once. A flood gets one event a second.
   */
  eventsBurst: number;
  eventsPerSecond: number;
  /** Joins per address: a device joins once; a shared tablet or a router's address a few dozen times. */
  joinsBurst: number;
  joinsPerMinute: number;
  /** Join-code lookups (GET /api/join/:code and its QR code) per address: guessing codes is this slow. */
  lookupsBurst: number;
  lookupsPerMinute: number;
  /** Wrong trainer keys an address may send before it waits; the wait doubles with each one after. */
  trainerKeyFreeFailures: number;
  trainerKeyFirstWaitMs: number;
  trainerKeyLongestWaitMs: number;
  /** Open connections per address (a browser opens about six; the rest wait their turn). */
  connectionsPerAddress: number;
  /** The whole request (headers and body) must arrive within this (a slow-body connection is closed). */
  requestTimeoutMs: number;
  /** A connection with nothing sent either way for this long is closed (the live stream writes every 15 s). */
  connectionTimeoutMs: number;
  /** Entries each limiter remembers at most (the least recently used are forgotten first). */
  remembered: number;
}

export const DEFAULT_FAIR_USE: Readonly<FairUseLimits> = {
  openRunsPerScenario: 20,
  openRunsWindowMs: 60 * 60_000,
  eventsBurst: 600,
  eventsPerSecond: 1,
  joinsBurst: 20,
  joinsPerMinute: 20,
  lookupsBurst: 30,
  lookupsPerMinute: 30,
  trainerKeyFreeFailures: 5,
  trainerKeyFirstWaitMs: 2_000,
  trainerKeyLongestWaitMs: 5 * 60_000,
  connectionsPerAddress: 64,
  requestTimeoutMs: 30_000,
  connectionTimeoutMs: 60_000,
  remembered: 10_000,
};

export interface FairUseOptions extends Partial<FairUseLimits> {
  /** Where refusals worth a trainer's attention are written, one line each (default: console.warn). */
  log?: (line: string) => void;
}

/** Wrong trainer keys are forgotten after this long without another. */
const FORGET_FAILURES_MS = 15 * 60_000;
/** A line about one address at most this often, and at most LOG_LINES_PER_MINUTE lines in all. */
const LOG_EVERY_MS = 60_000;
const LOG_LINES_PER_MINUTE = 10;

/** What is refused for now, and for how long. */
export interface Refusal {
  error: 'rate-limited' | 'too-many-open-runs' | 'trainer-key-backoff';
  message: string;
  retryAfterMs: number;
}

/** A 429 with `Retry-After` (whole seconds, at least one) and the usual `{ error, message }`. */
export function refuse(reply: FastifyReply, refusal: Refusal) {
  return fail(reply.header('retry-after', String(seconds(refusal.retryAfterMs))), 429, refusal.error, refusal.message);
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** An IPv4 address as itself, whether the socket says 1.2.3.4 or ::ffff:1.2.3.4. */
function addressOf(raw: string | undefined): string {
  const address = raw ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** A Map that forgets its least recently used entries past `max` (touching an entry moves it last). */
class Recent<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}

/** Token buckets by key: `capacity` at most, refilled at `perMs` tokens a millisecond. */
class Buckets {
  private readonly buckets: Recent<{ tokens: number; at: number }>;
  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    remembered: number,
  ) {
    this.buckets = new Recent(remembered);
  }

  /** Takes `cost` tokens: 0 when they were there, else how long until they will be (nothing taken). */
  take(key: string, cost: number, now: number): number {
    const need = Math.min(cost, this.capacity);
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= need) {
      bucket.tokens -= need;
      return 0;
    }
    return Math.ceil((need - bucket.tokens) / this.perMs);
  }

  /** Gives back what `take` took (the request was refused for another reason). */
  giveBack(key: string, cost: number): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.capacity, bucket.tokens + Math.min(cost, this.capacity));
  }

  get size(): number {
    return this.buckets.size;
  }
}

interface KeyFailures {
  count: number;
  last: number;
  until: number;
  /** Failures since the last line written about this address, and when that was. */
  unlogged: number;
  loggedAt: number;
}

export class FairUse {
  readonly limits: Readonly<FairUseLimits>;
  private readonly log: (line: string) => void;
  private readonly events: Buckets;
  private readonly joins: Buckets;
  private readonly lookups: Buckets;
  private readonly keyFailures: Recent<KeyFailures>;
  /** New runs of batches let through but not yet committed, by trainee and scenario. */
  private readonly runsInFlight = new Map<string, number>();
  private readonly connections = new Map<string, number>();
  private readonly connectionsLogged: Recent<number>;
  private logWindow = { start: 0, lines: 0, held: 0 };
  private readonly openRunTimes;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    options: FairUseOptions = {},
  ) {
    const { log, ...given } = options;
    const limits = { ...DEFAULT_FAIR_USE, ...given };
    // A batch larger than the bucket could never be sent.
    limits.eventsBurst = Math.max(limits.eventsBurst, MAX_EVENTS_PER_BATCH);
    this.limits = limits;
    this.log = log ?? ((line) => console.warn(line));
    this.events = new Buckets(limits.eventsBurst, limits.eventsPerSecond / 1000, limits.remembered);
    this.joins = new Buckets(limits.joinsBurst, limits.joinsPerMinute / 60_000, limits.remembered);
    this.lookups = new Buckets(limits.lookupsBurst, limits.lookupsPerMinute / 60_000, limits.remembered);
    this.keyFailures = new Recent(limits.remembered);
    this.connectionsLogged = new Recent(limits.remembered);
    // When each of a trainee's unfinished runs of a scenario came in (its first event, server time).
    this.openRunTimes = store.db.prepare<[string, string, string], { first: string }>(
      `SELECT MIN(e.received_at) AS first FROM runs r JOIN events e ON e.run_id = r.id
       WHERE r.trainee_id = ? AND r.scenario_id = ? AND r.finished_at IS NULL
       GROUP BY r.id HAVING first > ? ORDER BY first`,
    );
  }

  /** Fastify's own timeouts, from these limits. */
  serverOptions() {
    const { requestTimeoutMs, connectionTimeoutMs } = this.limits;
    return {
      requestTimeout: requestTimeoutMs,
      connectionTimeout: connectionTimeoutMs,
      http: {
        // Node checks for late requests on a timer (30 s by default): often enough for the limit to hold.
        connectionsCheckingInterval: Math.min(5_000, Math.max(50, Math.floor(requestTimeoutMs / 10))),
        headersTimeout: Math.min(60_000, requestTimeoutMs),
      },
    };
  }

  /** Counts each address's open connections; one past the cap is closed at once. */
  watch(server: Server): void {
    server.on('connection', (socket) => {
      const address = addressOf(socket.remoteAddress);
      const open = this.connections.get(address) ?? 0;
      if (open >= this.limits.connectionsPerAddress) {
        socket.destroy();
        const at = Date.now();
        if (at - (this.connectionsLogged.get(address) ?? 0) >= LOG_EVERY_MS) {
          this.connectionsLogged.set(address, at);
          this.line(
            `Closed a connection from ${address}: it already has ${open} open (the limit per address; PRASAN_FAIR_USE=connectionsPerAddress=N raises it).`,
          );
        }
        return;
      }
      this.connections.set(address, open + 1);
      socket.once('close', () => {
        const left = (this.connections.get(address) ?? 1) - 1;
        if (left > 0) this.connections.set(address, left);
        else this.connections.delete(address);
      });
    });
  }

  /** Route hook for POST /api/join: joins per address. */
  readonly joinHook = async (request: FastifyRequest, reply: FastifyReply) => {
    const wait = this.joins.take(addressOf(request.ip), 1, this.now().getTime());
    if (wait > 0)
      return refuse(reply, {
        error: 'rate-limited',
        message: `Too many joins from this address just now; try again in ${seconds(wait)} s.`,
        retryAfterMs: wait,
      });
  };

  /** Route hook for GET /api/join/:code (and its QR code): lookups per address. */
  readonly lookupHook = async (request: FastifyRequest, reply: FastifyReply) => {
    const wait = this.lookups.take(addressOf(request.ip), 1, this.now().getTime());
    if (wait > 0)
      return refuse(reply, {
        error: 'rate-limited',
        message: `Too many join codes looked up from this address just now; try again in ${seconds(wait)} s.`,
        retryAfterMs: wait,
      });
  };

  /**
   * Whether a trainee's batch may go in now: their event bucket, then their unfinished runs. When it
   * may, `release` must be called once the batch is committed (or failed).
   */
  admitEvents(trainee: TraineeRow, events: readonly WorkshopEvent[], nowDate: Date): { refused: Refusal } | { release: () => void } {
    const now = nowDate.getTime();
    const wait = this.events.take(trainee.id, events.length, now);
    if (wait > 0) {
      return {
        refused: {
          error: 'rate-limited',
          message: `Too many events from this trainee just now; nothing of this batch was stored. Send it again in ${seconds(wait)} s.`,
          retryAfterMs: wait,
        },
      };
    }
    // The runs this batch would begin, by scenario.
    const newRuns = new Map<string, number>();
    const seen = new Set<string>();
    for (const event of events) {
      if (seen.has(event.run)) continue;
      seen.add(event.run);
      if (!this.store.run(event.run)) newRuns.set(event.scenario, (newRuns.get(event.scenario) ?? 0) + 1);
    }
    const { openRunsPerScenario: cap, openRunsWindowMs: window } = this.limits;
    const since = new Date(now - window).toISOString();
    for (const [scenario, beginning] of newRuns) {
      const firsts = this.openRunTimes.all(trainee.id, scenario, since).map((r) => Date.parse(r.first));
      const open = firsts.length + (this.runsInFlight.get(`${trainee.id} ${scenario}`) ?? 0);
      // The batch's own new runs count too: one batch of 100 starts must not pass a cap of 20.
      if (open + beginning <= cap) continue;
      this.events.giveBack(trainee.id, events.length);
      // Room comes when enough of the oldest are past the window (or, for runs in flight, at once).
      const oldest = firsts[open + beginning - cap - 1];
      const retryAfterMs = oldest === undefined ? 1000 : Math.max(1000, oldest + window - now);
      return {
        refused: {
          error: 'too-many-open-runs',
          message: `This trainee began ${open} runs of ${scenario} in the last ${Math.round(window / 60_000)} minutes without finishing them; nothing of this batch was stored. Send it again in ${seconds(retryAfterMs)} s.`,
          retryAfterMs,
        },
      };
    }
    for (const [scenario, count] of newRuns) {
      const key = `${trainee.id} ${scenario}`;
      this.runsInFlight.set(key, (this.runsInFlight.get(key) ?? 0) + count);
    }
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        for (const [scenario, count] of newRuns) {
          const key = `${trainee.id} ${scenario}`;
          const left = (this.runsInFlight.get(key) ?? count) - count;
          if (left > 0) this.runsInFlight.set(key, left);
          else this.runsInFlight.delete(key);
        }
      },
    };
  }

  /** Before a trainer key is checked: an address that sent too many wrong ones waits. */
  trainerKeyWait(request: FastifyRequest): Refusal | undefined {
    const failures = this.keyFailures.get(addressOf(request.ip));
    const wait = failures ? failures.until - this.now().getTime() : 0;
    if (wait <= 0) return undefined;
    return {
      error: 'trainer-key-backoff',
      message: `Too many wrong trainer keys from this address; try again in ${seconds(wait)} s.`,
      retryAfterMs: wait,
    };
  }

  /** A wrong trainer key: past the free ones, the address waits, twice as long each time. */
  trainerKeyFailed(request: FastifyRequest): void {
    const address = addressOf(request.ip);
    const now = this.now().getTime();
    const { trainerKeyFreeFailures: free, trainerKeyFirstWaitMs: first, trainerKeyLongestWaitMs: longest } = this.limits;
    const known = this.keyFailures.get(address);
    const failures: KeyFailures =
      known && now - known.last < FORGET_FAILURES_MS ? known : { count: 0, last: now, until: 0, unlogged: 0, loggedAt: 0 };
    failures.count += 1;
    failures.last = now;
    failures.unlogged += 1;
    const over = failures.count - free;
    if (over > 0) failures.until = now + Math.min(longest, first * 2 ** Math.min(30, over - 1));
    this.keyFailures.set(address, failures);
    if (now - failures.loggedAt >= LOG_EVERY_MS) {
      const waiting = failures.until > now ? `; its next try waits ${seconds(failures.until - now)} s` : '';
      const tries = failures.unlogged === 1 ? 'a wrong trainer key' : `${failures.unlogged} wrong trainer keys`;
      if (this.line(`Refused ${tries} from ${address} (${failures.count} in a row${waiting}).`)) {
        failures.loggedAt = now;
        failures.unlogged = 0;
      }
    }
  }

  /** The right key: the address's wrong ones are forgotten. */
  trainerKeySucceeded(request: FastifyRequest): void {
    this.keyFailures.delete(addressOf(request.ip));
  }

  /** Writes a line unless this minute's lines are used up (those held back are counted in the next). */
  private line(text: string): boolean {
    const now = Date.now();
    if (now - this.logWindow.start >= 60_000) this.logWindow = { start: now, lines: 0, held: this.logWindow.held };
    if (this.logWindow.lines >= LOG_LINES_PER_MINUTE) {
      this.logWindow.held += 1;
      return false;
    }
    this.logWindow.lines += 1;
    const held = this.logWindow.held;
    this.logWindow.held = 0;
    this.log(held > 0 ? `${text} (${held} more such line(s) held back)` : text);
    return true;
  }

  /** How many entries the limiters hold now (for tests of their bounds). */
  sizes(): { events: number; joins: number; lookups: number; keyFailures: number; connections: number } {
    return {
      events: this.events.size,
      joins: this.joins.size,
      lookups: this.lookups.size,
      keyFailures: this.keyFailures.size,
      connections: this.connections.size,
    };
  }
}

/**
 * Limits from PRASAN_FAIR_USE: `name=value` pairs, comma-separated (e.g. for a room whose trainees
 * all come through one router: `connectionsPerAddress=400,joinsBurst=100,lookupsBurst=100`).
 */
export function fairUseFromEnvironment(env: NodeJS.ProcessEnv): { limits: Partial<FairUseLimits> } | { problem: string } {
  const text = env['PRASAN_FAIR_USE']?.trim();
  const limits: Partial<FairUseLimits> = {};
  if (!text) return { limits };
  for (const pair of text.split(',')) {
    const [name = '', value = ''] = pair.split('=').map((s) => s.trim());
    const number = Number(value);
    if (!(name in DEFAULT_FAIR_USE))
      return { problem: `PRASAN_FAIR_USE: no limit named "${name}" (known: ${Object.keys(DEFAULT_FAIR_USE).join(', ')})` };
    if (value === '' || !Number.isFinite(number) || number <= 0)
      return { problem: `PRASAN_FAIR_USE: ${name} must be a number above 0, not "${value}"` };
    limits[name as keyof FairUseLimits] = number;
  }
  return { limits };
}
