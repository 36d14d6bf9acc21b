/**
 * The workshop server under test: `buildServer` on a real SQLite file in a fresh temporary folder,
 * driven with Fastify's `inject`, plus the requests a trainer and a trainee's game make. Compiling
 * the scenario library takes seconds, so each test file shares one catalog.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { isEnded, shownChoices, startRun, step, type ScenarioModel } from '../../../src/engine';
import { buildServer, type ServerOptions } from '../../../src/server/app';
import { openDatabase, Store } from '../../../src/server/db';
import { ScenarioCatalog } from '../../../src/server/scenarios';
import type { JoinReply, SessionSummary, StreamMessage, WorkshopEvent } from '../../../src/workshop/protocol';
import { playsById } from '../../scenarios/plans';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const TRAINER_KEY = 'test-trainer-key';
export const trainer = { authorization: `Bearer ${TRAINER_KEY}` };
export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/**
 * Per-address limits for a test that plays many devices through one `inject` (all from 127.0.0.1):
 * dozens of joins, code lookups and wrong trainer keys. The limits themselves are tested with their
 * defaults in fair-use.test.ts.
 */
export const MANY_DEVICES = { joinsBurst: 10_000, lookupsBurst: 10_000, trainerKeyFreeFailures: 10_000 } as const;

let shared: ScenarioCatalog | undefined;
/** The shipped library, compiled once per test file. */
export function catalog(): ScenarioCatalog {
  shared ??= new ScenarioCatalog([joinPath(ROOT, 'scenarios')]);
  return shared;
}

export function model(id: string): ScenarioModel {
  const scenario = catalog().shippedScenario(id);
  if (!scenario) throw new Error(`no shipped scenario ${id}`);
  return scenario.playable.model;
}

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  file: string;
  /** A new server on the same file and catalog, as after a restart (this one is closed first). */
  restart(options?: Partial<ServerOptions>): Promise<TestServer>;
  close(): Promise<void>;
}

/** A server on a SQLite file in a new temporary folder (removed by `close`). */
export async function openServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const folder = mkdtempSync(joinPath(tmpdir(), 'prasan-server-'));
  const file = joinPath(folder, 'workshop.sqlite');
  const open = async (overrides: Partial<ServerOptions>, removeFolder: boolean): Promise<TestServer> => {
    const store = new Store(openDatabase(file));
    const app = await buildServer({
      store,
      catalog: catalog(),
      trainerKey: TRAINER_KEY,
      publicUrl: 'http://192.0.2.10:8080',
      ...overrides,
    });
    const shut = async () => {
      await app.close();
      store.db.close();
    };
    return {
      app,
      store,
      file,
      async restart(next = overrides) {
        await shut();
        return open(next, removeFolder);
      },
      async close() {
        await shut();
        if (removeFolder) rmSync(folder, { recursive: true, force: true });
      },
    };
  };
  return open(options, true);
}

export async function createSession(app: FastifyInstance, scenarios: string[], title = 'การประสานงานทางการเมือง'): Promise<SessionSummary> {
  const response = await app.inject({ method: 'POST', url: '/api/trainer/sessions', headers: trainer, payload: { title, scenarios } });
  if (response.statusCode !== 201) throw new Error(`create session: ${response.statusCode} ${response.body}`);
  return response.json<SessionSummary>();
}

/** A trainer adding a file of their own to a session, as the dashboard does. */
export function uploadFile(
  app: FastifyInstance,
  code: string,
  text: string,
  file = 'quick-question.yaml',
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: `/api/trainer/sessions/${code}/scenarios`, headers: trainer, payload: { file, text } });
}

/** Reads a live stream's messages one at a time (comment lines skipped); throws once it has ended. */
export function streamMessages(response: Response): () => Promise<StreamMessage | { type: 'hello' }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return async () => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (frame.startsWith('data: ')) return JSON.parse(frame.slice(6)) as StreamMessage;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += value;
    }
  };
}

export async function join(app: FastifyInstance, code: string, name: string): Promise<JoinReply> {
  const response = await app.inject({ method: 'POST', url: '/api/join', payload: { code, name } });
  if (response.statusCode !== 201) throw new Error(`join: ${response.statusCode} ${response.body}`);
  return response.json<JoinReply>();
}

export function postEvents(app: FastifyInstance, key: string, events: readonly WorkshopEvent[]): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/events', headers: bearer(key), payload: { events } });
}

/** The statuses of a reply to a batch, in order (`rejected:reason` for rejected ones). */
export function statuses(response: LightMyRequestResponse): string[] {
  if (response.statusCode !== 200 && response.statusCode !== 422) throw new Error(`events: ${response.statusCode} ${response.body}`);
  return response
    .json<{ results: { status: string; reason?: string }[] }>()
    .results.map((r) => (r.reason ? `${r.status}:${r.reason}` : r.status));
}

/**
 * The events a game sends for one run taking `choices` in order: a start, a decision per choice
 * (with the node it was taken at) and, when the run ends, the result. Times advance a second a step.
 */
export function runEvents(scenario: ScenarioModel, choices: readonly string[], run: string = randomUUID()): WorkshopEvent[] {
  let state = startRun(scenario);
  const base = { run, scenario: scenario.id, version: scenario.version };
  const at = (i: number) => new Date(Date.UTC(2026, 10, 27, 9, 0, i)).toISOString();
  const events: WorkshopEvent[] = [{ ...base, id: randomUUID(), kind: 'start', at: at(0), language: 'th', timer: 'normal' }];
  choices.forEach((choice, seq) => {
    // Where the game showed the choice: the run's id is the seed of its order, as in the game.
    const position = shownChoices(scenario, state, run).findIndex((c) => c.id === choice) + 1;
    events.push({
      ...base,
      id: randomUUID(),
      kind: 'decision',
      at: at(seq + 1),
      seq,
      node: state.node,
      choice,
      ...(position > 0 ? { position } : {}),
    });
    const next = step(scenario, state, choice);
    if (!next) throw new Error(`${choice} is not offered at ${state.node}`);
    state = next;
  });
  if (isEnded(scenario, state))
    events.push({ ...base, id: randomUUID(), kind: 'result', at: at(choices.length + 1), steps: choices.length, ending: state.node });
  return events;
}

/** The golden playthroughs of every scenario, by id (tests/scenarios/plans/). */
export const GOLDEN = playsById();

export const QUICK_QUESTION = readFileSync(joinPath(ROOT, 'tests/fixtures/quick-question.yaml'), 'utf8');
