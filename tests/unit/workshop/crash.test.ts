/**
 * The crash test: the real server (`prasan workshop`) as a child process on a real SQLite
 * file takes concurrent event batches from several trainees, is killed with SIGKILL in the middle,
 * and is started again on the same file. Every event it acknowledged must be in the database, and
 * sending everything again must store each event exactly once: nothing lost, nothing doubled.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioModel } from '../../../src/engine';
import type { EventBatchReply, JoinReply, SessionSummary, WorkshopEvent } from '../../../src/workshop/protocol';
import { GOLDEN, ROOT, runEvents, TRAINER_KEY } from './harness';

const TRAINEES = 10;
/** Acknowledged events before the kill. */
const KILL_AFTER = 400;

const folder = mkdtempSync(joinPath(tmpdir(), 'prasan-crash-'));
const dataFile = joinPath(folder, 'workshop.sqlite');
let port = 0;
let child: ChildProcess | undefined;
let output = '';

/** A port nothing listens on now (the server is started on it, and again on it after the kill). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port: free } = probe.address() as { port: number };
  await new Promise((done) => probe.close(done));
  return free;
}

const url = (path: string) => `http://127.0.0.1:${port}${path}`;

/** Starts `prasan workshop` and waits until it answers. */
async function startServer(): Promise<ChildProcess> {
  const started = spawn(
    process.execPath,
    ['bin/prasan.js', 'workshop', '--no-build', '--host', '127.0.0.1', '--port', String(port), '--data', dataFile],
    {
      cwd: ROOT,
      env: { ...process.env, PRASAN_TRAINER_KEY: TRAINER_KEY, PRASAN_LRS_ENDPOINT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const end = Date.now() + 90_000;
  for (;;) {
    if (started.exitCode !== null) throw new Error(`the server exited (${started.exitCode}):\n${output}`);
    if (Date.now() > end) throw new Error(`the server did not answer:\n${output}`);
    try {
      const hello = await fetch(url('/api/workshop'));
      if (hello.ok) return started;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function request<T>(method: string, path: string, key: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url(path), {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

beforeAll(async () => {
  port = await freePort();
  child = await startServer();
}, 120_000);

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

describe('kill -9 in the middle of a load', () => {
  it('loses no acknowledged event and doubles none', async () => {
    const session = await request<SessionSummary>('POST', '/api/trainer/sessions', TRAINER_KEY, {
      title: 'crash',
      scenarios: ['no-confidence-motion'],
    });
    expect(session.status).toBe(201);
    const trainees: JoinReply[] = [];
    for (let i = 0; i < TRAINEES; i++) {
      const joined = await fetch(url('/api/join'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: session.body.code, name: `T${i}` }),
      });
      trainees.push((await joined.json()) as JoinReply);
    }

    // The scenario as the server sends it to the game (this process needn't compile the library).
    const nc = (await request<{ playable: { model: ScenarioModel } }>('GET', '/api/me/scenarios/no-confidence-motion', trainees[0]!.key))
      .body.playable.model;
    const paths = GOLDEN['no-confidence-motion']!;
    /** Every event each trainee sent (in order), and the ids the server acknowledged. */
    const sent = trainees.map(() => [] as WorkshopEvent[]);
    const acknowledged = new Set<string>();
    const refused: string[] = [];
    let killed = false;
    let exited: Promise<unknown> | undefined;
    /** SIGKILL, the moment a request has been sent: batches are on their way in every state. */
    const kill = () => {
      exited = new Promise((done) => child!.once('exit', done));
      child!.kill('SIGKILL');
      killed = true;
    };

    // Each trainee's game sends its runs in small batches, one batch at a time, as the outbox does.
    const playing = trainees.map(async (trainee, t) => {
      for (let run = 0; !killed; run++) {
        const events = runEvents(nc, paths[(t + run) % paths.length]!.choices);
        for (let i = 0; i < events.length && !killed;) {
          const batch = events.slice(i, i + 1 + ((t + i) % 3));
          i += batch.length;
          sent[t]!.push(...batch);
          let reply: { status: number; body: EventBatchReply };
          try {
            const replying = request<EventBatchReply>('POST', '/api/events', trainee.key, { events: batch });
            if (acknowledged.size >= KILL_AFTER && !killed) kill();
            reply = await replying;
          } catch {
            return; // The server is gone.
          }
          if (reply.status !== 200) {
            refused.push(`${reply.status} ${JSON.stringify(reply.body)}`);
            if (!killed) kill();
          } else for (const ack of reply.body.results) if (ack.status === 'stored' || ack.status === 'duplicate') acknowledged.add(ack.id);
        }
      }
    });

    await Promise.all(playing);
    expect(refused).toEqual([]);
    await exited;
    const acknowledgedAtKill = acknowledged.size;
    const sentIds = sent.flat().map((e) => e.id);
    // Requests were under way when the server died: some events were sent but never acknowledged.
    expect(sentIds.length).toBeGreaterThan(acknowledgedAtKill);

    // The file as the killed server left it.
    const stored = () => {
      const db = new Database(dataFile);
      try {
        return new Set((db.prepare('SELECT id FROM events').all() as { id: string }[]).map((r) => r.id));
      } finally {
        db.close();
      }
    };
    const afterKill = stored();
    const lost = [...acknowledged].filter((id) => !afterKill.has(id));
    expect(lost).toEqual([]);

    // A session long past its retention, put in the file while the server is down: the restarted
    // server deletes it as it starts.
    const db = new Database(dataFile);
    db.prepare(
      "INSERT INTO sessions (code, title, created_at, retention_days) VALUES ('OLDOLD', 'old', '2020-01-01T00:00:00.000Z', 1)",
    ).run();
    db.close();

    child = await startServer();
    const list = await request<SessionSummary[]>('GET', '/api/trainer/sessions', TRAINER_KEY);
    expect(list.body.map((s) => s.code)).toEqual([session.body.code]);

    // Every trainee's outbox sends everything again, in order: what the server had is a duplicate,
    // what it never got is stored now.
    for (const [t, trainee] of trainees.entries()) {
      const events = sent[t]!;
      for (let i = 0; i < events.length; i += 100) {
        const batch = events.slice(i, i + 100);
        const reply = await request<EventBatchReply>('POST', '/api/events', trainee.key, { events: batch });
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        expect(reply.body.results.map((r) => r.status)).toEqual(batch.map((e) => (afterKill.has(e.id) ? 'duplicate' : 'stored')));
      }
    }
    child.kill('SIGTERM');
    await new Promise((done) => child!.once('exit', done));
    child = undefined;

    const final = stored();
    expect(final.size).toBe(new Set(sentIds).size);
    expect(sentIds.every((id) => final.has(id))).toBe(true);
    const check = new Database(dataFile);
    const finished = (check.prepare('SELECT COUNT(*) AS n FROM runs WHERE finished_at IS NOT NULL').get() as { n: number }).n;
    const results = sent.flat().filter((e) => e.kind === 'result').length;
    check.close();
    expect(finished).toBe(results);
    console.log(
      `crash test: ${acknowledgedAtKill} acknowledged before the kill, ${afterKill.size} in the file, ${sentIds.length} sent in all`,
    );
  }, 240_000);
});
