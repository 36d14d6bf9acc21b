/**
 * The trainer's dashboard against the real workshop server (real SQLite file, real Chromium): sign in
 * (a wrong key is refused), create a session by clicking through the form, see its code; two trainees
 * simulated through the API join and play, and the dashboard shows them live without a reload (the
 * trainee list, the room's counts per choice, the endings, the map's heat, a trainee's debrief); a
 * dropped network is noticed and caught up with; a broken scenario file shows its problems with their
 * line numbers; the CSV export downloads. Screenshots at 1920×1080 and 1366×768 (test-results/).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isEnded, offeredIds, startRun, step, textKey, type RunState, type StringTable } from '../../src/engine';
import type { LibraryEntry, PlayableScenario } from '../../src/library/entry';
import type { JoinReply, WorkshopEvent } from '../../src/workshop/protocol';
import en from '../../src/dashboard/locales/en.json';
import th from '../../src/dashboard/locales/th.json';
import { launchBrowser } from './browser';
import { BROKEN, loadScenario, ROOT, screenshotPath } from './helpers';
import { startWorkshopServer, TRAINER_KEY, type WorkshopServer } from './workshop-server';

const SCENARIO = 'whip-tuesday';
/** A display name that would run script if it were ever put into the page as HTML. */
const HOSTILE_NAME = '<img src=x onerror=window.hacked=1>';
const scenarioFile = loadScenario(`scenarios/${SCENARIO}.yaml`);

let server: WorkshopServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // An absolute folder: @fastify/static refuses a relative root.
  server = await startWorkshopServer(`${ROOT}/dist-e2e`);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// ---- a simulated trainee, through the API as the game would send ----------------------------------

interface Trainee {
  key: string;
  pseudonym: string;
  playable: PlayableScenario;
  run: string;
  state: RunState;
  pending: WorkshopEvent[];
}

async function api<T>(path: string, init: { method?: string; body?: unknown; key?: string } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.key ? { authorization: `Bearer ${init.key}` } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as T };
}

async function join(code: string, name: string): Promise<Trainee> {
  const joined = await api<JoinReply>('/api/join', { method: 'POST', body: { code, name } });
  expect(joined.status).toBe(201);
  const scenario = await api<LibraryEntry>(`/api/me/scenarios/${SCENARIO}`, { key: joined.body.key });
  const playable = scenario.body.playable!;
  return {
    key: joined.body.key,
    pseudonym: joined.body.trainee.pseudonym,
    playable,
    run: randomUUID(),
    state: startRun(playable.model),
    pending: [],
  };
}

function base(trainee: Trainee) {
  return { id: randomUUID(), run: trainee.run, scenario: SCENARIO, version: trainee.playable.model.version, at: new Date().toISOString() };
}

/** Takes `count` decisions (each the choice `pick` names among those offered) and sends them. */
async function play(trainee: Trainee, pick: (offered: string[]) => string, count = Infinity, finish = true): Promise<void> {
  const { model } = trainee.playable;
  if (trainee.state.path.length === 0) trainee.pending.push({ ...base(trainee), kind: 'start', language: 'th', timer: 'normal' });
  for (let i = 0; i < count && !isEnded(model, trainee.state); i++) {
    const offered = offeredIds(model, trainee.state).filter((id) => id !== 'timeout');
    const choice = pick(offered);
    trainee.pending.push({ ...base(trainee), kind: 'decision', seq: trainee.state.path.length, node: trainee.state.node, choice });
    trainee.state = step(model, trainee.state, choice)!;
  }
  if (finish && isEnded(model, trainee.state))
    trainee.pending.push({ ...base(trainee), kind: 'result', steps: trainee.state.path.length, ending: trainee.state.node });
  const sent = await api<{ results: { status: string }[] }>('/api/events', {
    method: 'POST',
    body: { events: trainee.pending },
    key: trainee.key,
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  trainee.pending = [];
}

function text(strings: StringTable, key: string): string {
  return strings.th?.[key] ?? '';
}

// ---- the page ---------------------------------------------------------------------------------------

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: false });
}

/** What is wrong with the layout: sideways scrolling, and Thai lines broken inside a word. */
async function layoutProblems(): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth)
      problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    const words = new Intl.Segmenter('th', { granularity: 'word' });
    const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
    const blocks = [...document.querySelectorAll('p, h1, h2, h3, .bar-label, label, th, td, legend, button')].filter(
      (el) => el.getBoundingClientRect().width > 0,
    );
    for (const el of blocks) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        if (!/[\u0E00-\u0E7F]/.test(node.data)) continue;
        const boundaries = new Set([...words.segment(node.data)].map((s) => s.index));
        const range = document.createRange();
        let lastTop: number | undefined;
        for (const g of graphemes.segment(node.data)) {
          range.setStart(node, g.index);
          range.setEnd(node, g.index + g.segment.length);
          const rect = [...range.getClientRects()].at(-1);
          if (!rect || /\s/.test(g.segment)) continue;
          if (lastTop !== undefined && rect.top > lastTop + rect.height / 2 && !boundaries.has(g.index)) {
            problems.push(
              `breaks inside a word: "…${node.data.slice(Math.max(0, g.index - 10), g.index)}|${node.data.slice(g.index, g.index + 10)}…"`,
            );
          }
          lastTop = rect.top;
        }
      }
    }
    // Buttons and the tabs must not overlap one another.
    const boxes = [...document.querySelectorAll('button, .link-status, .join-code, .join-qr')]
      // checkVisibility: not inside a closed <details> or dialog (laid out, but not on screen).
      .filter((el) => el.getBoundingClientRect().width > 0 && el.checkVisibility())
      .map((el) => [el, el.getBoundingClientRect()] as const);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, ra] = boxes[i]!;
        const [b, rb] = boxes[j]!;
        if (a.contains(b) || b.contains(a)) continue;
        const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (x > 1 && y > 1) problems.push(`"${a.textContent?.slice(0, 20)}" overlaps "${b.textContent?.slice(0, 20)}"`);
      }
    }
    return problems;
  });
}

async function tab(name: keyof typeof th.room.tabs): Promise<void> {
  await page.locator(`.tabs button[data-tab="${name}"]`).click();
  await page.locator(`.tabs button[data-tab="${name}"][aria-selected="true"]`).waitFor();
}

describe('the trainer dashboard', () => {
  let code = '';
  const trainees: Trainee[] = [];

  test('refuses a wrong key, then signs in with the right one', async () => {
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/dashboard.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('th');
    await page.getByLabel(th.signIn.key).fill('not-the-key');
    await page.getByRole('button', { name: th.signIn.submit }).click();
    await page.getByText(th.signIn.wrong).waitFor();
    await page.getByLabel(th.signIn.key).fill(TRAINER_KEY);
    await page.getByRole('button', { name: th.signIn.submit }).click();
    await page.getByRole('heading', { name: th.create.heading }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('prasan-trainer-key'))).toBe(TRAINER_KEY);
    expect(errors).toEqual([]);
  });

  test('creates a session by clicking through the form and shows its code', async () => {
    await page.getByLabel(th.create.title).fill('รุ่นทดสอบ');
    // The default retention is 90 days, and the form says why it matters.
    await expect.poll(() => page.getByLabel(th.create.retention).inputValue()).toBe('90');
    await page.getByText(th.create.retentionHelp).waitFor();
    // Submitting without a scenario is refused with a reason.
    await page.getByRole('button', { name: th.create.submit }).click();
    await page.getByText(th.create.pickOne).waitFor();
    await page.locator('label.scenario-pick', { hasText: scenarioFile.title.th! }).click();
    await shoot('dashboard-sessions-1920');
    await page.getByRole('button', { name: th.create.submit }).click();
    const row = page.locator('tr[data-code]');
    await row.waitFor();
    code = (await row.getAttribute('data-code'))!;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await page.getByText(code, { exact: false }).first().waitFor();
    await row.getByRole('button', { name: th.sessions.open }).click();
    await expect.poll(() => page.locator('.join-code').textContent()).toBe(code);
    await page.locator('.link-status.live').waitFor();
    // The QR code is the server's, for this session.
    expect(await page.locator('.join-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await layoutProblems()).toEqual([]);
    await shoot('dashboard-join-1920');
  });

  test('shows trainees joining and playing live, without a reload', async () => {
    trainees.push(await join(code, 'สมชาย ใจดี'), await join(code, 'Alice'));
    await expect.poll(() => page.locator('.chips .chip').allTextContents()).toEqual(['P01', 'P02']);
    // P01 always takes the first choice offered, P02 the last: two different paths to the end.
    await play(trainees[0]!, (offered) => offered[0]!);
    await play(trainees[1]!, (offered) => offered.at(-1)!, 1, false);

    await tab('trainees');
    await expect
      .poll(() => page.locator('tr[data-trainee="P02"] .where').textContent())
      .toContain(th.trainees.playing.replace('{{n}}', '2'));
    await expect.poll(() => page.locator('tr[data-trainee="P01"]').getAttribute('class')).toBe('status-finished');
    await play(trainees[1]!, (offered) => offered.at(-1)!);
    await expect.poll(() => page.locator('tr[data-trainee="P02"]').getAttribute('class')).toBe('status-finished');

    await tab('choices');
    const { model, strings } = trainees[0]!.playable;
    const first = trainees[0]!.state.path[0]!;
    const second = trainees[1]!.state.path[0]!;
    const start = page.locator(`.tally[data-node="${model.start}"]`);
    await start.waitFor();
    if (first.choice === second.choice) {
      await expect.poll(() => start.locator(`[data-choice="${first.choice}"]`).getAttribute('data-count')).toBe('2');
    } else {
      await expect.poll(() => start.locator(`[data-choice="${first.choice}"]`).getAttribute('data-count')).toBe('1');
      await expect.poll(() => start.locator(`[data-choice="${second.choice}"]`).getAttribute('data-count')).toBe('1');
    }
    // Each choice by its own words, from the scenario.
    expect(await start.locator(`[data-choice="${first.choice}"] .bar-label`).textContent()).toBe(
      text(strings, textKey.choiceText(model.start, first.choice)),
    );
    expect(await layoutProblems()).toEqual([]);
    await shoot('dashboard-choices-1920');

    await tab('endings');
    const endings = [trainees[0]!.state.node, trainees[1]!.state.node];
    for (const ending of new Set(endings)) {
      await expect
        .poll(() => page.locator(`.endings [data-ending="${ending}"]`).getAttribute('data-count'))
        .toBe(String(endings.filter((e) => e === ending).length));
      expect(await page.locator(`.endings [data-ending="${ending}"] .bar-label`).textContent()).toContain(
        text(strings, textKey.endingTitle(ending)),
      );
    }
    await shoot('dashboard-endings-1920');

    await tab('skills');
    await page.locator('.radar .radar-band').waitFor();
    expect(await page.getByText(th.skills.from_other.replace('{{count}}', '2')).count()).toBe(1);
    await shoot('dashboard-skills-1920');

    await tab('map');
    await expect.poll(() => page.locator(`.heat-map [data-node="${model.start}"]`).getAttribute('data-count')).toBe('2');
    await shoot('dashboard-map-1920');
  });

  test('names on demand, and any trainee’s debrief', async () => {
    await tab('trainees');
    expect(await page.locator('table.trainees').textContent()).not.toContain('สมชาย');
    await page.getByLabel(th.room.names).check();
    await expect.poll(() => page.locator('table.trainees').textContent()).toContain('สมชาย ใจดี');
    await page.getByRole('button', { name: 'Alice', exact: true }).click();
    const dialog = page.locator('dialog.trainee-dialog[open]');
    await dialog.waitFor();
    const { model, strings } = trainees[1]!.playable;
    const steps = trainees[1]!.state.path;
    expect(await dialog.locator('.run-steps > li').count()).toBe(steps.length);
    expect(await dialog.locator('.run-steps > li .chosen').first().textContent()).toContain(
      text(strings, textKey.choiceText(steps[0]!.node, steps[0]!.choice)),
    );
    expect(await dialog.locator('.run-ending').textContent()).toContain(text(strings, textKey.endingTitle(trainees[1]!.state.node)));
    await dialog.locator('.radar').waitFor();
    expect(model.start).toBe(steps[0]!.node);
    await shoot('dashboard-debrief-1920');
    await dialog.getByRole('button', { name: th.app.close }).click();
    await page.getByLabel(th.room.names).uncheck();
  });

  test('notices a dropped network, and catches up with what happened meanwhile', async () => {
    await tab('trainees');
    // The venue's network drops: the open stream is cut and nothing new gets through for a while.
    await page.context().setOffline(true);
    server.app.server.closeAllConnections();
    await page.locator('.link-status.reconnecting').waitFor({ timeout: 20_000 });
    const late = await join(code, HOSTILE_NAME);
    await play(late, (offered) => offered[0]!, 2, false);
    await page.context().setOffline(false);
    await page.locator('.link-status.live').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.locator('tr[data-trainee="P03"] .where').textContent())
      .toContain(th.trainees.playing.replace('{{n}}', '3'));
  });

  test('a name written as markup shows as text, and a reload returns to the room', async () => {
    await page.getByLabel(th.room.names).check();
    await expect.poll(() => page.locator('tr[data-trainee="P03"] th').textContent()).toBe(HOSTILE_NAME);
    expect(await page.locator('table.trainees img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
    await page.reload();
    await page.locator('.link-status.live').waitFor();
    await expect.poll(() => page.locator('.room-title .code-small').textContent()).toBe(code);
    // Names are shown only on demand: a reload hides them again.
    expect(await page.getByLabel(th.room.names).isChecked()).toBe(false);
  });

  test('a broken scenario file shows each problem with its line', async () => {
    await tab('scenarios');
    await page
      .locator('#scenario-file')
      .setInputFiles({ name: 'broken-scenario.yaml', mimeType: 'text/yaml', buffer: readFileSync(`${ROOT}/${BROKEN}`) });
    const problem = page.locator('.diagnostics .diagnostic.error').first();
    await problem.waitFor();
    const line = Number(await problem.getAttribute('data-line'));
    expect(line).toBeGreaterThan(1);
    const nowhere =
      readFileSync(`${ROOT}/${BROKEN}`, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('next: nowhere')) + 1;
    expect(await page.locator(`.diagnostic[data-line="${nowhere}"]`).textContent()).toContain('nowhere');
    expect(await problem.textContent()).toContain(th.scenarios.position.replace('{{line}}', String(line)).split(' คอลัมน์')[0]);
    expect(await layoutProblems()).toEqual([]);
    await shoot('dashboard-upload-errors-1920');
    // A good file is added, and the session lists it.
    await page.locator('#scenario-file').setInputFiles({
      name: 'quick-question.yaml',
      mimeType: 'text/yaml',
      buffer: readFileSync(`${ROOT}/tests/fixtures/quick-question.yaml`),
    });
    await page.locator('.upload-result .message.success').waitFor();
    await page.locator('.session-scenarios li[data-scenario="quick-question"]').waitFor();
  });

  test('the CSV export downloads with every decision', async () => {
    await page.locator('.export-menu summary').click();
    await page.getByText(th.export.note).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: th.export.csv }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const decisions = csv.split('\r\n').filter((line) => line.startsWith('decision,'));
    expect(decisions).toHaveLength(trainees[0]!.state.path.length + trainees[1]!.state.path.length + 2);
    expect(csv).toContain(',P01,');
    expect(csv).not.toContain('สมชาย');
    // The menu folds away once the file is on its way.
    await page.locator('.export-menu:not([open])').waitFor();
  });

  test('fits a 1366×768 laptop and a projector at 1920×1080', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(viewport);
      for (const projector of [false, true]) {
        if ((await page.locator('#projector').isChecked()) !== projector) await page.locator('#projector').click();
        for (const name of ['join', 'trainees', 'choices', 'skills', 'map', 'endings'] as const) {
          await tab(name);
          expect(await layoutProblems(), `${name} at ${viewport.width}${projector ? ' (projector)' : ''}`).toEqual([]);
          await shoot(`dashboard-${name}-${viewport.width}${projector ? '-projector' : ''}`);
        }
      }
    }
  });

  test('switches to English and back, keeping the room as it was', async () => {
    await tab('choices');
    await page.locator('#language').selectOption('en');
    await page.locator('.tabs button[data-tab="choices"][aria-selected="true"]', { hasText: en.room.tabs.choices }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const { model, strings } = trainees[0]!.playable;
    const first = trainees[0]!.state.path[0]!;
    expect(await page.locator(`.tally[data-node="${model.start}"] [data-choice="${first.choice}"] .bar-label`).textContent()).toBe(
      strings.en?.[textKey.choiceText(model.start, first.choice)],
    );
    expect(await layoutProblems()).toEqual([]);
    await shoot('dashboard-choices-1920-projector-en');
    await page.locator('#language').selectOption('th');
    await page.locator('.tabs button[aria-selected="true"]', { hasText: th.room.tabs.choices }).waitFor();
  });

  test('deleting a session asks first and says it cannot be undone', async () => {
    await page.getByRole('button', { name: th.room.back }).click();
    const row = page.locator(`tr[data-code="${code}"]`);
    // The retention can be changed from the list; the new deletion date shows at once.
    await row.getByRole('spinbutton').fill('30');
    await row.getByRole('button', { name: th.sessions.saveRetention }).click();
    await row.locator('.message.success').waitFor();
    expect(server.store.session(code)!.retention_days).toBe(30);
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(viewport);
      expect(await layoutProblems(), `sessions at ${viewport.width}`).toEqual([]);
      await shoot(`dashboard-sessions-${viewport.width}-projector`);
    }
    await row.getByRole('button', { name: th.sessions.delete }).click();
    const dialog = page.locator('dialog.confirm[open]');
    await dialog.getByText('กู้คืนไม่ได้').waitFor();
    await shoot('dashboard-delete-1920');
    await dialog.getByRole('button', { name: th.app.cancel }).click();
    expect(await row.count()).toBe(1);
    await row.getByRole('button', { name: th.sessions.delete }).click();
    await page.locator('dialog.confirm[open]').getByRole('button', { name: th.sessions.deleteConfirm }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(server.store.session(code)).toBeUndefined();
  });
});
