/**
 * Forwarding xAPI statements to the organisation's Learning Record Store, when one is configured:
 *
 *   PRASAN_LRS_ENDPOINT   e.g. https://lrs.example.go.th/xapi/  (the statements resource is added)
 *   PRASAN_LRS_USERNAME, PRASAN_LRS_PASSWORD   HTTP Basic credentials (the LRS's key and secret)
 *
 * Events are marked forwarded only after the LRS accepts them, so a venue without internet simply
 * forwards everything later (retrying with a growing wait); statement ids are the events' ids, so a
 * resend is not a duplicate.
 */
import type { Store } from './db';
import { sessionStatements, type XapiStatement } from './exports';
import type { ScenarioCatalog } from './scenarios';

export interface LrsConfig {
  endpoint: string;
  username: string;
  password: string;
}

export function lrsFromEnvironment(env: NodeJS.ProcessEnv): LrsConfig | undefined {
  const endpoint = env['PRASAN_LRS_ENDPOINT'];
  if (!endpoint) return undefined;
  return {
    endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`,
    username: env['PRASAN_LRS_USERNAME'] ?? '',
    password: env['PRASAN_LRS_PASSWORD'] ?? '',
  };
}

const BATCH = 50;
const QUIET_MS = 2_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export interface ForwarderOptions {
  fetch?: typeof fetch;
  /** How long new events wait to gather a batch; also the first wait after a failure (then doubled). */
  quietMs?: number;
}

export class LrsForwarder {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Events were stored while a round was running: go round again. */
  private again = false;
  private stopped = true;
  private readonly quietMs: number;
  private backoff: number;
  private readonly fetchImpl: typeof fetch;
  /** Why the last attempt failed, if it did; the console is told when forwarding stops and starts working. */
  lastError: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly catalog: ScenarioCatalog,
    private readonly config: LrsConfig,
    options: ForwarderOptions = {},
  ) {
    this.fetchImpl = options.fetch ?? fetch;
    this.quietMs = options.quietMs ?? QUIET_MS;
    this.backoff = this.quietMs;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * New events were stored: forward soon. A round already waiting is not pushed back (under steady
   * load it would never come), and a round under way goes round again when done.
   */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else if (!this.timer) this.schedule(this.quietMs);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.forwardAll();
    }, ms);
  }

  /** Sends every statement not yet accepted; returns how many were accepted. */
  async forwardAll(): Promise<number> {
    if (this.running) {
      this.again = true;
      return 0;
    }
    this.running = true;
    let sent = 0;
    try {
      do {
        this.again = false;
        sent += await this.forwardPending();
      } while (this.again);
      if (this.lastError !== undefined) console.log(`Forwarding to the Learning Record Store works again (${sent} statement(s) sent).`);
      this.lastError = undefined;
      this.backoff = this.quietMs;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (this.lastError === undefined)
        console.error(`Forwarding to the Learning Record Store failed (${reason}); it will be tried again, nothing is lost.`);
      this.lastError = reason;
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
      if (!this.stopped) this.schedule(this.backoff);
    } finally {
      this.running = false;
    }
    return sent;
  }

  private async forwardPending(): Promise<number> {
    let sent = 0;
    for (const { session, events } of this.store.toForward()) {
      const made = new Set<string>();
      for await (const page of sessionStatements(this.store, this.catalog, session)) {
        const statements = page.filter((s) => events.has(s.id));
        for (const statement of statements) made.add(statement.id);
        for (let i = 0; i < statements.length; i += BATCH) {
          const batch = statements.slice(i, i + BATCH);
          await this.deliver(batch);
          this.store.markForwarded(batch.map((s) => s.id));
          sent += batch.length;
        }
      }
      // An event that makes no statement (a run whose scenario was removed) is not waited for again.
      this.store.markForwarded([...events].filter((id) => !made.has(id)));
    }
    return sent;
  }

  /**
   * Posts statements until the LRS has them all. A 409 says it already has a statement with one of
   * these ids; an LRS refuses the whole batch then, so each is sent alone, and a 409 for a single
   * statement means that one is there.
   */
  private async deliver(statements: readonly XapiStatement[]): Promise<void> {
    const response = await this.fetchImpl(`${this.config.endpoint}statements`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-experience-api-version': '1.0.3',
        authorization: `Basic ${Buffer.from(`${this.config.username}:${this.config.password}`).toString('base64')}`,
      },
      body: JSON.stringify(statements),
      signal: AbortSignal.timeout(15_000),
    });
    await response.body?.cancel();
    if (response.ok || (response.status === 409 && statements.length === 1)) return;
    if (response.status !== 409) throw new Error(`the LRS answered ${response.status}`);
    for (const statement of statements) await this.deliver([statement]);
  }
}
