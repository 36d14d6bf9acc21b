/**
 * Starting the workshop server, as the trainer does (`prasan workshop` in a child process): usage
 * and wrong options, trainer keys that could be guessed, data files and folders it can't write, a
 * second server on the same data file (and the lock let go after kill -9), and a data file deleted
 * or replaced while it runs. Every refusal is one line and exit code 2, never a stack trace.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDataFile, watchDataFile } from '../../../src/server/data-file';
import type { JoinReply, SessionSummary } from '../../../src/workshop/protocol';
import { ROOT, TRAINER_KEY } from './harness';

const folder = mkdtempSync(joinPath(tmpdir(), 'prasan-startup-'));
chmodSync(folder, 0o755);
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise((done) => probe.close(done));
  return port;
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `prasan workshop` with these arguments and environment. */
function launch(args: string[], env: Record<string, string> = {}, uid?: number): Running {
  let output = '';
  const child = spawn(process.execPath, ['bin/prasan.js', 'workshop', ...args], {
    cwd: ROOT,
    env: { ...process.env, PRASAN_TRAINER_KEY: TRAINER_KEY, PRASAN_LRS_ENDPOINT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  started.push(child);
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

/** Runs `prasan workshop …` to its end: its exit code and everything it printed. */
async function run(args: string[], env: Record<string, string> = {}, uid?: number): Promise<{ code: number | null; output: string }> {
  const running = launch(args, env, uid);
  const code = await running.exited;
  return { code, output: running.output() };
}

/** A refusal as the trainer should see it: exit 2, one line, no stack trace. */
function expectOneLine(result: { code: number | null; output: string }, says: RegExp): void {
  expect(result.code, result.output).toBe(2);
  const lines = result.output.trim().split('\n');
  expect(lines, result.output).toHaveLength(1);
  expect(lines[0]).toMatch(/^prasan: /);
  expect(lines[0]).toMatch(says);
  expect(result.output).not.toMatch(/\n\s+at /);
}

/** Starts a server on a data file and waits until it answers. */
async function serve(dataFile: string): Promise<Running & { port: number }> {
  const port = await freePort();
  const running = launch(['--no-build', '--host', '127.0.0.1', '--port', String(port), '--data', dataFile]);
  const end = Date.now() + 90_000;
  for (;;) {
    if (running.child.exitCode !== null) throw new Error(`the server exited (${running.child.exitCode}):\n${running.output()}`);
    if (Date.now() > end) throw new Error(`the server did not answer:\n${running.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/workshop`)).ok) return { ...running, port };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function call<T>(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  key = TRAINER_KEY,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('the command', () => {
  it('prints its usage for --help (exit 0), and a one-line error with a hint for an unknown option (exit 2)', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const option of ['--port', '--host', '--data', '--public-url', '--no-build', 'PRASAN_TRAINER_KEY'])
      expect(help.output).toContain(option);
    expectOneLine(await run(['--no-build', '--bogus']), /Unknown option '--bogus'.*prasan workshop --help/);
    expectOneLine(await run(['--no-build', 'extra']), /prasan workshop --help/);
  }, 60_000);

  it('refuses a trainer key shorter than 12 characters or the one the guide used as its example', async () => {
    const data = ['--no-build', '--port', '0', '--data', joinPath(folder, 'keys.sqlite')];
    expectOneLine(await run(data, { PRASAN_TRAINER_KEY: 'a' }), /PRASAN_TRAINER_KEY is 1 characters.*12 or more/);
    expectOneLine(await run(data, { PRASAN_TRAINER_KEY: 'elevenchars' }), /12 or more/);
    expectOneLine(await run(data, { PRASAN_TRAINER_KEY: 'Prasan-Rop3-k7Q2x' }), /example from the guide/);
    expectOneLine(await run(data, { PRASAN_TRAINER_KEY: '<รหัสที่คุณตั้งเอง-อย่างน้อย-12-ตัว>' }), /placeholder/);
    // Nothing was made for a refused start.
    expect(existsSync(joinPath(folder, 'keys.sqlite'))).toBe(false);
  }, 60_000);
});

describe('the data file', () => {
  it('in a folder that cannot be made: one line', async () => {
    writeFileSync(joinPath(folder, 'a-file'), '');
    expectOneLine(
      await run(['--no-build', '--port', '0', '--data', joinPath(folder, 'a-file', 'sub', 'prasan.sqlite')]),
      /can't make the folder .*a-file\/sub.*not a folder/,
    );
  }, 60_000);

  it("that isn't a database: one line", async () => {
    const junk = joinPath(folder, 'junk.sqlite');
    writeFileSync(junk, 'not a database, a note someone saved with the wrong name'.repeat(20));
    expectOneLine(await run(['--no-build', '--port', '0', '--data', junk]), /not a Prasan data file/);
  }, 60_000);

  // The operating system lets root write anything: these run as an ordinary user (nobody, when the tests run as root).
  const uid = process.getuid?.() === 0 ? 65534 : undefined;
  it.skipIf(process.platform === 'win32')(
    'read-only, or in a read-only folder: one line each',
    async () => {
      const shut = joinPath(folder, 'shut');
      mkdirSync(shut);
      const file = joinPath(shut, 'prasan.sqlite');
      new Database(file).close();
      const open = joinPath(folder, 'open');
      mkdirSync(open);
      const readOnly = joinPath(open, 'prasan.sqlite');
      new Database(readOnly).close();
      if (uid !== undefined) chownSync(open, uid, uid);
      chmodSync(readOnly, 0o444);
      chmodSync(shut, 0o555);
      expectOneLine(await run(['--no-build', '--port', '0', '--data', file], {}, uid), /data folder .*shut can't be written/);
      expectOneLine(
        await run(['--no-build', '--port', '0', '--data', readOnly], {}, uid),
        /data file .*open\/prasan\.sqlite can't be written/,
      );
      expectOneLine(
        await run(['--no-build', '--port', '0', '--data', joinPath(shut, 'new', 'prasan.sqlite')], {}, uid),
        /can't make the folder/,
      );
    },
    60_000,
  );

  it('used by another server is refused; the lock goes with a server killed with kill -9', async () => {
    const file = joinPath(folder, 'shared.sqlite');
    const first = await serve(file);
    expectOneLine(
      await run(['--no-build', '--host', '127.0.0.1', '--port', '0', '--data', file]),
      /another Prasan server is using the data file/,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await serve(file);
    expect((await call<SessionSummary[]>(second.port, 'GET', '/api/trainer/sessions')).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);

  it('deleted while the server runs: it says so, saves what it held back in place, and stops; started again, nothing is lost', async () => {
    const file = joinPath(folder, 'deleted', 'prasan.sqlite');
    const server = await serve(file);
    const session = await call<SessionSummary>(server.port, 'POST', '/api/trainer/sessions', { title: 'ลบ', scenarios: ['whip-tuesday'] });
    const joined = await call<JoinReply>(server.port, 'POST', '/api/join', { code: session.body.code, name: 'สมศรี' });
    expect(joined.status).toBe(201);
    for (const name of readdirSync(joinPath(folder, 'deleted'))) rmSync(joinPath(folder, 'deleted', name));
    // Joined after the deletion, before the check (every two seconds) noticed: kept too. (Should the
    // check come first, the server is gone and the join fails: the game would keep it for later.)
    const late = await call<JoinReply>(server.port, 'POST', '/api/join', { code: session.body.code, name: 'มาทีหลัง' }).catch(
      () => undefined,
    );
    expect(await server.exited).toBe(2);
    const lines = server.output().trim().split('\n');
    expect(lines.at(-1)).toMatch(
      /^prasan: the data file .*prasan\.sqlite was deleted while the server ran, so it stopped; everything it held is saved as .*prasan\.sqlite\.$/,
    );
    const again = await serve(file);
    const joinedLate = late?.status === 201;
    expect((await call<SessionSummary[]>(again.port, 'GET', '/api/trainer/sessions')).body.map((s) => s.trainees)).toEqual([
      joinedLate ? 2 : 1,
    ]);
    expect((await call(again.port, 'GET', '/api/me', undefined, (joinedLate ? late : joined).body.key)).status).toBe(200);
    again.child.kill('SIGTERM');
    await again.exited;
  }, 180_000);

  it('replaced while the server runs: the other file is left alone and what the server held is saved beside it', async () => {
    const file = joinPath(folder, 'replaced', 'prasan.sqlite');
    const server = await serve(file);
    await call(server.port, 'POST', '/api/trainer/sessions', { title: 'แทน', scenarios: ['whip-tuesday'] });
    const other = joinPath(folder, 'other.sqlite');
    new Database(other).close();
    copyFileSync(other, `${file}.new`);
    rmSync(file);
    copyFileSync(`${file}.new`, file);
    expect(await server.exited).toBe(2);
    const line = server.output().trim().split('\n').at(-1)!;
    expect(line).toMatch(/was replaced while the server ran.*saved as .*prasan-rescued-[\dTZ-]+\.sqlite \(start with --data /);
    const rescued = readdirSync(joinPath(folder, 'replaced')).find((name) => name.startsWith('prasan-rescued-'))!;
    const db = new Database(joinPath(folder, 'replaced', rescued), { readonly: true });
    expect(db.prepare('SELECT title FROM sessions').all()).toEqual([{ title: 'แทน' }]);
    db.close();
    // The file that took its place is as it was: empty.
    const replacement = new Database(file, { readonly: true });
    expect(replacement.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'sessions'").get()).toEqual({ n: 0 });
    replacement.close();
  }, 180_000);
});

describe('in one process', () => {
  it('a second opening of the same file is refused while the first holds it, and allowed once it is let go', () => {
    const file = joinPath(folder, 'inproc', 'prasan.sqlite');
    const first = openDataFile(file);
    if ('problem' in first) throw new Error(first.problem);
    expect(openDataFile(file)).toEqual({ problem: expect.stringMatching(/another Prasan server/) as unknown });
    first.db.close();
    first.lock.close();
    const again = openDataFile(file);
    expect('db' in again).toBe(true);
    if ('db' in again) {
      again.db.close();
      again.lock.close();
    }
  });

  it('the watch says deleted or replaced once, and nothing while the file stays', async () => {
    const file = joinPath(folder, 'watched.sqlite');
    writeFileSync(file, 'x');
    const seen: string[] = [];
    const stop = watchDataFile(file, (what) => seen.push(what), 20);
    await new Promise((r) => setTimeout(r, 80));
    expect(seen).toEqual([]);
    rmSync(file);
    await new Promise((r) => setTimeout(r, 80));
    writeFileSync(file, 'y');
    await new Promise((r) => setTimeout(r, 80));
    expect(seen).toEqual(['deleted']);
    stop();
    const other = watchDataFile(file, (what) => seen.push(what), 20);
    rmSync(file);
    writeFileSync(`${file}.2`, 'z');
    copyFileSync(`${file}.2`, file);
    await new Promise((r) => setTimeout(r, 80));
    other();
    expect(seen.slice(1)).toEqual([expect.stringMatching(/^(replaced|deleted)$/)]);
  });
});
