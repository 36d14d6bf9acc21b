/**
 * Forwarding xAPI statements to the organisation's Learning Record Store, when one is configured:
 *
 *   PRASAN_LRS_ENDPOINT   e.g. https://lrs.example.go.th/xapi/  (the statements resource is added)
 *   PRASAN_LRS_USERNAME, PRASAN_LRS_PASSWORD   HTTP Basic credentials (the LRS's key and secret)
 *
 * Events are marked forwarded only after the LRS accepts them, so a venue without internet simply
 * forwards everything later; statement ids are the events' ids, so a resend is not a duplicate.
 */
import type { Store } from './db';
import { sessionStatements } from './exports';
import type { ScenarioCatalog } from './scenarios';

export interface LrsConfig {
  endpoint: string;
  username: string;
  password: string;
}

export function lrsFromEnvironment(env: NodeJS.ProcessEnv): LrsConfig | undefined {
  const endpoint = env['PRASAN_LRS_ENDPOINT'];
  if (!endpoint) return undefined;
  return { endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`, username: env['PRASAN_LRS_USERNAME'] ?? '', password: env['PRASAN_LRS_PASSWORD'] ?? '' };
}

const BATCH = 50;
const QUIET_MS = 2_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export class LrsForwarder {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private backoff = QUIET_MS;
  private stopped = true;
  /** What the last attempt did, for the dashboard and the tests. */
  lastError: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly catalog: ScenarioCatalog,
    private readonly config: LrsConfig,
    private readonly homePage: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** New events were stored: forward soon (a few seconds' wait gathers a batch). */
  wake(): void {
    if (!this.running && !this.stopped) this.schedule(QUIET_MS);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.forwardAll(), ms);
  }

  /** Sends every statement not yet accepted; returns how many were accepted. */
  async forwardAll(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let sent = 0;
    try {
      for (const { session, events } of this.store.toForward()) {
        const statements = sessionStatements(this.store, this.catalog, session, this.homePage).filter((s) => events.has(s.id));
        // An event that makes no statement (a run whose scenario was removed) is not waited for again.
        const making = new Set(statements.map((s) => s.id));
        this.store.markForwarded([...events].filter((id) => !making.has(id)));
        for (let i = 0; i < statements.length; i += BATCH) {
          const batch = statements.slice(i, i + BATCH);
          const response = await this.fetchImpl(`${this.config.endpoint}statements`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-experience-api-version': '1.0.3',
              authorization: `Basic ${Buffer.from(`${this.config.username}:${this.config.password}`).toString('base64')}`,
            },
            body: JSON.stringify(batch),
            signal: AbortSignal.timeout(15_000),
          });
          // 409 means the LRS already has statements with these ids: they are there, so done.
          if (!response.ok && response.status !== 409) throw new Error(`the LRS answered ${response.status}`);
          this.store.markForwarded(batch.map((s) => s.id));
          sent += batch.length;
        }
      }
      this.lastError = undefined;
      this.backoff = QUIET_MS;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
      if (!this.stopped) this.schedule(this.backoff);
    } finally {
      this.running = false;
    }
    return sent;
  }
}
