/**
 * A trainer's file is compiled in a worker thread with a time and a memory limit (review finding L7):
 * a file made to explode into states is refused at the limit with a reason, and the server answers
 * others meanwhile; an ordinary file compiles there exactly as in the server's own thread, and a
 * stored file is compiled again after a restart before any request reads it.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { compileBytes } from '../../../src/engine';
import { ScenarioCatalog } from '../../../src/server/scenarios';
import type { UploadLimits } from '../../../src/server/upload-compiler';
import { bearer, createSession, join, openServer, QUICK_QUESTION, ROOT, trainer, type TestServer } from './harness';

/**
 * A file of `steps` decisions of four choices, each choice setting a flag of its own and moving a dozen
 * of forty meters: 4^steps states to explore, each of them large.
 */
function stateBomb(steps: number): string {
  const METERS = 40;
  const lines = [
    'format: 1',
    'id: state-bomb',
    'languages: [en]',
    'title: { en: "Many states" }',
    'summary: { en: "Every choice counts." }',
  ];
  lines.push('meters:');
  for (let m = 0; m < METERS; m++)
    lines.push(`  m${m}:`, `    label: { en: "Meter ${m}" }`, '    initial: 0', '    min: 0', '    max: 1000');
  lines.push('start: d0', 'nodes:');
  for (let i = 0; i < steps; i++) {
    lines.push(`  d${i}:`, '    text: { en: "Choose." }', '    choices:');
    for (let k = 0; k < 4; k++) {
      lines.push(
        `      - id: c${k}`,
        `        text: { en: "Option ${k}" }`,
        `        scores: { ${['communication', 'observation', 'negotiation', 'networking'][k]}: 1 }`,
        `        effects: { ${Array.from({ length: 12 }, (_, j) => `m${(i + k + j) % METERS}: ${k + j + 1}`).join(', ')} }`,
        `        set: [f${i}-${k}]`,
        `        feedback: { en: "Noted." }`,
        `        next: ${i + 1 < steps ? `d${i + 1}` : 'read'}`,
      );
    }
  }
  // The last step reads every flag, so no two paths merge: the explorer must walk them apart.
  lines.push('  read:', '    branch:');
  for (let i = 0; i < steps; i++) for (let k = 0; k < 4; k++) lines.push(`      - when: { flag: f${i}-${k} }`, '        next: end');
  lines.push('      - next: end');
  lines.push('  end:', '    ending: success', '    title: { en: "Done" }', '    text: { en: "All chosen." }');
  return `${lines.join('\n')}\n`;
}

/** A library of just the format page's example: quick to compile. */
function smallLibrary(): string {
  const dir = mkdtempSync(joinPath(tmpdir(), 'prasan-library-'));
  copyFileSync(joinPath(ROOT, 'tests/fixtures/quick-question.yaml'), joinPath(dir, 'quick-question.yaml'));
  return dir;
}

const folders: string[] = [];
const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function serverWith(limits: UploadLimits): Promise<TestServer & { url: string }> {
  const library = smallLibrary();
  folders.push(library);
  const server = await openServer({ catalog: new ScenarioCatalog([library], limits) });
  servers.push(server);
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  return Object.assign(server, { url: `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}` });
}

async function upload(url: string, code: string, text: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/api/trainer/sessions/${code}/scenarios`, {
    method: 'POST',
    headers: { ...trainer, 'content-type': 'application/json' },
    body: JSON.stringify({ file: 'mine.yaml', text }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** While `work` runs, asks the server something small every 20 ms; the slowest answer in ms. */
async function slowestAnswerDuring(url: string, work: Promise<unknown>): Promise<number> {
  let done = false;
  void work.finally(() => (done = true));
  let slowest = 0;
  while (!done) {
    const started = performance.now();
    await (await fetch(`${url}/api/workshop`)).arrayBuffer();
    slowest = Math.max(slowest, performance.now() - started);
    await new Promise((r) => setTimeout(r, 20));
  }
  return slowest;
}

describe("a trainer's file compiled in a worker", () => {
  it('is stopped at the time limit with a reason, and nobody else waits meanwhile', async () => {
    const server = await serverWith({ timeMs: 300, memoryMb: 512 });
    const { code } = await createSession(server.app, ['quick-question']);
    const started = performance.now();
    const refused = upload(server.url, code, stateBomb(30));
    const slowest = await slowestAnswerDuring(server.url, refused);
    const { status, body } = await refused;
    const took = performance.now() - started;
    console.log(
      `state bomb: refused after ${Math.round(took)} ms (limit 300 ms); slowest other answer meanwhile ${Math.round(slowest)} ms`,
    );
    expect(status).toBe(422);
    expect(body).toMatchObject({ error: 'scenario-too-large', limit: 'time' });
    expect(slowest).toBeLessThan(250);
    // Nothing was added, and the worker is started afresh for the next file.
    const summary = (await server.app.inject({ url: `/api/trainer/sessions/${code}`, headers: trainer })).json<{
      session: { scenarios: { id: string }[] };
    }>();
    expect(summary.session.scenarios.map((s) => s.id)).toEqual(['quick-question']);
    const ordinary = await upload(server.url, code, QUICK_QUESTION.replace(/^id: quick-question$/m, 'id: mine'));
    expect(ordinary.status).toBe(201);
  }, 60_000);

  it('is stopped at the memory limit with a reason, while an ordinary file fits the same limit', async () => {
    // A small heap (the default is 512 MB): the format page's example fits in it, the bomb doesn't.
    const server = await serverWith({ timeMs: 60_000, memoryMb: 16 });
    const { code } = await createSession(server.app, ['quick-question']);
    const { status, body } = await upload(server.url, code, stateBomb(30));
    expect(status).toBe(422);
    expect(body).toMatchObject({ error: 'scenario-too-large', limit: 'memory' });
    expect((await upload(server.url, code, QUICK_QUESTION.replace(/^id: quick-question$/m, 'id: mine'))).status).toBe(201);
  }, 90_000);

  it('compiles an ordinary file exactly as the engine does in the server, and again after a restart before any request reads it', async () => {
    const server = await serverWith({ timeMs: 30_000, memoryMb: 512 });
    const { code } = await createSession(server.app, ['quick-question']);
    const mine = QUICK_QUESTION.replace(/^id: quick-question$/m, 'id: mine');
    expect((await upload(server.url, code, mine)).status).toBe(201);
    const trainee = await join(server.app, code, 'Mine');

    const restarted = await server.restart({ catalog: new ScenarioCatalog([folders.at(-1)!], { timeMs: 30_000, memoryMb: 512 }) });
    servers.push(restarted);
    // The first request after the restart waits for the file's compilation, then finds it.
    const fetched = await restarted.app.inject({ url: '/api/me/scenarios/mine', headers: bearer(trainee.key) });
    expect(fetched.statusCode).toBe(200);
    const here = compileBytes('mine.yaml', new TextEncoder().encode(mine)).compiled!;
    const { playable } = fetched.json<{ playable: { model: unknown; attainable: unknown } }>();
    expect(playable.model).toEqual(JSON.parse(JSON.stringify(here.model)));
    expect(playable.attainable).toEqual(here.exploration.max);
  }, 60_000);
});
