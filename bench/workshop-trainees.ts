/**
 * The simulated trainees of `npm run bench:workshop`. They run in a worker thread, so the dashboard
 * reader and the sampling in the main thread don't wait behind them (and the reverse).
 *
 * Each trainee joins, then plays the scenario the way the game's outbox sends it when online: one
 * event per POST — `start`, one `decision` per step (a random offered choice, from a seeded
 * generator), then `result` — built by the game's own src/ui/workshop/reporting.ts with its UUID v4
 * ids, and a failed POST retried with the same id. Plain node:http with a keep-alive agent: far
 * less client CPU per request than fetch.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { offeredIds, startRun, step, type ScenarioModel } from '../src/engine';
import { seededRandom } from '../src/authoring/selftest';
import { finishes, startEvents, stepEvents, type EventClock, type ReportedRun } from '../src/ui/workshop/reporting';
import { uuidV4 } from '../src/ui/workshop/uuid';
import type { EventAck, EventBatchReply, JoinReply, WorkshopEvent } from '../src/workshop/protocol';

export interface TraineeLoad {
  /** The server, e.g. http://127.0.0.1:41234 */
  url: string;
  code: string;
  model: ScenarioModel;
  trainees: number;
  /** The number of this worker's first trainee (the trainees are split over worker threads). */
  first: number;
  seed: number;
  /** realistic: a pause before each event but the result; burst: none. */
  pace: 'realistic' | 'burst';
  pauseMs: readonly [number, number];
  /**
   * realistic: stop sending after this long (0: until every trainee has finished one run);
   * burst: keep starting new runs until this long has passed (every trainee finishes at least one).
   */
  durationMs: number;
}

/** An event the server has (stored now, or before: a duplicate). */
export interface Acked {
  id: string;
  /** `<run>:<decisions so far>` or `<run>:end`, as the dashboard stream shows the run after it. */
  stage: string;
  /** When the reply was read, on the clock below (comparable across threads). */
  at: number;
  /** Stored by an earlier POST whose reply was lost; this one only confirmed it. */
  duplicate: boolean;
}

export interface LoadReport {
  startedAt: number;
  endedAt: number;
  joins: { latencies: number[]; failed: number };
  /** Every answered event POST, in ms from request to the reply's last byte. */
  latencies: number[];
  sent: number;
  acked: Acked[];
  duplicates: number;
  decisionsAcked: number;
  rejected: { id: string; kind: string; reason: string }[];
  /** POSTs that failed (network error, 5xx) and were sent again. */
  retries: number;
  /** Events still unacknowledged after every retry. */
  gaveUp: number;
  runs: { started: number; finished: number };
}

/** Milliseconds on a clock shared by every thread of the process (performance.now() is per thread). */
export const clock = (): number => performance.timeOrigin + performance.now();

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** One JSON request over the keep-alive agent; resolves with the status and the whole body. */
export function requestJson(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  key?: string,
): Promise<{ status: number; text: string }> {
  const target = new URL(path, url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: http.OutgoingHttpHeaders = {};
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(payload);
  }
  if (key) headers['authorization'] = `Bearer ${key}`;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Ids and times as the game makes them. */
const eventClock: EventClock = { id: () => uuidV4(), at: () => new Date().toISOString() };

/** The run as the dashboard stream shows it once this event is stored (see Acked.stage). */
function stageOf(event: WorkshopEvent): string {
  if (event.kind === 'start') return `${event.run}:0`;
  if (event.kind === 'decision') return `${event.run}:${event.seq + 1}`;
  return `${event.run}:end`;
}

const MAX_ATTEMPTS = 10;

export async function runLoad(load: TraineeLoad): Promise<LoadReport> {
  const { model } = load;
  const report: LoadReport = {
    startedAt: clock(),
    endedAt: 0,
    joins: { latencies: [], failed: 0 },
    latencies: [],
    sent: 0,
    acked: [],
    duplicates: 0,
    decisionsAcked: 0,
    rejected: [],
    retries: 0,
    gaveUp: 0,
    runs: { started: 0, finished: 0 },
  };
  // Without a duration, realistic trainees play to the end and burst trainees play one run each.
  const deadline = load.durationMs > 0 ? report.startedAt + load.durationMs : load.pace === 'burst' ? report.startedAt : Infinity;

  /** Sends one event until the server answers for it; false when it was refused or never answered. */
  const send = async (event: WorkshopEvent, stage: string, key: string): Promise<boolean> => {
    report.sent++;
    for (let attempt = 1; ; attempt++) {
      const began = clock();
      let status = 0;
      let text = '';
      try {
        ({ status, text } = await requestJson(load.url, 'POST', '/api/events', { events: [event] }, key));
      } catch {
        // A dropped connection: the outbox keeps the event and sends it again.
      }
      const answered = clock();
      if (status === 200 || status === 422) {
        report.latencies.push(answered - began);
        const ack: EventAck | undefined = (JSON.parse(text) as EventBatchReply).results[0];
        if (!ack || ack.status === 'rejected') {
          report.rejected.push({ id: event.id, kind: event.kind, reason: ack?.reason ?? 'no-ack' });
          return false;
        }
        if (ack.status === 'duplicate') report.duplicates++;
        if (event.kind === 'decision') report.decisionsAcked++;
        report.acked.push({ id: event.id, stage, at: answered, duplicate: ack.status === 'duplicate' });
        return true;
      }
      if (status >= 400 && status < 500 && status !== 429) {
        report.rejected.push({ id: event.id, kind: event.kind, reason: `http-${status}: ${text.slice(0, 120)}` });
        return false;
      }
      if (attempt >= MAX_ATTEMPTS) {
        report.gaveUp++;
        return false;
      }
      report.retries++;
      await sleep(100 * attempt);
    }
  };

  const trainee = async (index: number): Promise<void> => {
    const random = seededRandom((load.seed * 0x9e3779b1 + index) >>> 0);
    const [least, most] = load.pauseMs;
    /** A trainee reading and thinking; false once the run's time is up. */
    const think = async (): Promise<boolean> => {
      if (load.pace === 'burst') return true;
      const pause = least + random() * (most - least);
      await sleep(Math.min(pause, deadline - clock()));
      return clock() < deadline;
    };

    const began = clock();
    let joined: JoinReply | undefined;
    try {
      const { status, text } = await requestJson(load.url, 'POST', '/api/join', { code: load.code, name: `ผู้เข้าอบรม ${index + 1}` });
      if (status === 201) joined = JSON.parse(text) as JoinReply;
    } catch {
      // counted below
    }
    if (!joined) {
      report.joins.failed++;
      return;
    }
    report.joins.latencies.push(clock() - began);
    const key = joined.key;
    /** Sends a step's events in order (a decision and, at the end, the result), as the outbox does. */
    const sendAll = async (events: readonly WorkshopEvent[]): Promise<boolean> => {
      for (const event of events) if (!(await send(event, stageOf(event), key))) return false;
      return true;
    };

    do {
      if (!(await think())) return;
      const run: ReportedRun = { run: uuidV4(), scenario: model.id, version: model.version };
      report.runs.started++;
      let state = startRun(model);
      let events = startEvents(run, model, state, { language: 'th', timer: 'normal' }, eventClock);
      if (!(await sendAll(events))) return;
      while (!finishes(events)) {
        if (!(await think())) return;
        const ids = offeredIds(model, state);
        state = step(model, state, ids[Math.floor(random() * ids.length)]!)!;
        // The game's own event builder: the decision, and the result straight after the last one.
        events = stepEvents(run, model, state, eventClock);
        if (!(await sendAll(events))) return;
      }
      report.runs.finished++;
    } while (load.pace === 'burst' && clock() < deadline);
  };

  await Promise.all(Array.from({ length: load.trainees }, (_, i) => trainee(load.first + i)));
  report.endedAt = clock();
  agent.destroy();
  return report;
}

/** Several workers' reports as one. */
export function mergeReports(reports: readonly LoadReport[]): LoadReport {
  return {
    startedAt: Math.min(...reports.map((r) => r.startedAt)),
    endedAt: Math.max(...reports.map((r) => r.endedAt)),
    joins: { latencies: reports.flatMap((r) => r.joins.latencies), failed: reports.reduce((n, r) => n + r.joins.failed, 0) },
    latencies: reports.flatMap((r) => r.latencies),
    sent: reports.reduce((n, r) => n + r.sent, 0),
    acked: reports.flatMap((r) => r.acked),
    duplicates: reports.reduce((n, r) => n + r.duplicates, 0),
    decisionsAcked: reports.reduce((n, r) => n + r.decisionsAcked, 0),
    rejected: reports.flatMap((r) => r.rejected),
    retries: reports.reduce((n, r) => n + r.retries, 0),
    gaveUp: reports.reduce((n, r) => n + r.gaveUp, 0),
    runs: { started: reports.reduce((n, r) => n + r.runs.started, 0), finished: reports.reduce((n, r) => n + r.runs.finished, 0) },
  };
}

/** What the worker posts: `ready` once loaded (the main thread then starts its meters and says go), then the report. */
export type TraineesMessage = { type: 'ready' } | { type: 'report'; report: LoadReport };

// As a worker thread (see startTrainees in bench/workshop.ts).
const job = workerData as { role?: string; load?: TraineeLoad } | null;
if (parentPort && job?.role === 'trainees' && job.load) {
  const port = parentPort;
  const load = job.load;
  port.once('message', () => void runLoad(load).then((report) => port.postMessage({ type: 'report', report } satisfies TraineesMessage)));
  port.postMessage({ type: 'ready' } satisfies TraineesMessage);
}
