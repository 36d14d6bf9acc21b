/**
 * Workshop mode, as a trainee sees it, against the real server with a real SQLite file: joining from
 * a join link (the privacy notice first), playing while the network drops and comes back, the status
 * line in words, a reload that keeps identity and the run, and the server holding exactly the
 * decisions made. Also: the join form's errors, leaving, a trainer's own scenario, and the game
 * without a server (nothing offered, nothing waited for).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, serveBuild } from './browser';
import {
  button,
  cliPlay,
  expectAtNode,
  loadScenario,
  newPage,
  PATHS,
  playStep,
  playToDebrief,
  ROOT,
  screenshotPath,
  ui,
  type Opened,
  type Step,
} from './helpers';
import { createSession, joinByLink, startFromWorkshop, startWorkshopServer, TRAINER_KEY, type WorkshopServer } from './workshop-server';

const WHIP = PATHS.whipNine.scenario;
/** Nine decisions through whip-tuesday, read from the file (the engine checks the path below). */
const WHIP_CHOICES = PATHS.whipNine.choices;
const IDENTITY = 'prasan.workshop.v1';
const OUTBOX = 'prasan.outbox.v1';
const SAVE = 'prasan.save.v1';

let server: WorkshopServer | undefined;
let browser: Browser | undefined;
let failure: unknown;

beforeAll(async () => {
  try {
    // @fastify/static wants an absolute folder.
    server = await startWorkshopServer(resolve(ROOT, 'dist-e2e'));
    browser = await launchBrowser(['--disable-webgl']);
  } catch (error) {
    failure = error;
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function ready(): { server: WorkshopServer; browser: Browser } {
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
  if (!server || !browser) throw new Error('the workshop e2e set-up did not run');
  return { server, browser };
}

async function waitReady(page: Page): Promise<void> {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}

/** Page errors, less the browser's own notes on failed requests (offline, 401/404 on purpose). */
function realErrors(opened: Opened): string[] {
  return opened.errors.filter((e) => !/Failed to load resource/.test(e));
}

async function stored<T>(page: Page, key: string): Promise<T | null> {
  const raw = await page.evaluate((k) => localStorage.getItem(k), key);
  return raw === null ? null : (JSON.parse(raw) as T);
}

/** The line that says what is sent, wherever it is on screen now. */
function statusLine(page: Page) {
  return page.locator('.workshop-status[role="status"]');
}

function sessionOf(code: string) {
  const { server } = ready();
  const session = server.store.session(code);
  if (!session) throw new Error(`no session ${code}`);
  return session;
}

function countEvents(run: string, kind: string): number {
  const row = ready().server.store.db.prepare('SELECT count(*) AS n FROM events WHERE run_id = ? AND kind = ?').get(run, kind) as {
    n: number;
  };
  return row.n;
}

describe('workshop mode: a trainee', () => {
  test('joins from a join link after reading the notice, plays through a dropped network, reloads, and the server has exactly the decisions made', async () => {
    const { server, browser } = ready();
    const code = await createSession(server, ['whip-tuesday'], 'อบรมผู้ประสานงาน รุ่นที่ 3');
    const s = loadScenario(WHIP);
    const play = await cliPlay(WHIP, WHIP_CHOICES);
    const path: Step[] = play.path;
    expect(path).toHaveLength(WHIP_CHOICES.length);

    const opened = await newPage(browser);
    const { page, context } = opened;
    try {
      await page.goto(`${server.url}/?join=${code}`);
      await waitReady(page);
      // The join link opens the form with the code looked up: the notice comes first.
      const dialog = page.locator('dialog.join-dialog[open]');
      await dialog.locator('.privacy').waitFor();
      expect(await dialog.locator('#join-code').inputValue()).toBe(code);
      expect(await dialog.locator('.privacy-session').textContent()).toBe(
        ui('th', 'workshop.privacySession', { title: 'อบรมผู้ประสานงาน รุ่นที่ 3' }),
      );
      expect(await dialog.locator('.privacy li').allTextContents()).toEqual([
        ui('th', 'workshop.privacyWhat'),
        ui('th', 'workshop.privacyWho'),
        ui('th', 'workshop.privacyHowLong', { count: 90 }),
        ui('th', 'workshop.privacyPseudonym'),
      ]);
      // The link's code leaves the address, so a reload does not ask again.
      expect(new URL(page.url()).searchParams.has('join')).toBe(false);
      await page.screenshot({ path: screenshotPath('workshop-join-1366') });

      await dialog.getByLabel(ui('th', 'workshop.nameLabel')).fill('สมหญิง ใจดี');
      await button(page, ui('th', 'workshop.join')).click();
      const banner = page.locator('.workshop-session .workshop-banner');
      await banner.waitFor();
      expect(await banner.locator('h2').textContent()).toBe(ui('th', 'workshop.sessionHeading', { title: 'อบรมผู้ประสานงาน รุ่นที่ 3' }));
      expect(await banner.locator('.joined-as').textContent()).toBe(ui('th', 'workshop.joinedAs', { name: 'สมหญิง ใจดี', code }));
      await expect.poll(() => statusLine(page).textContent()).toBe(ui('th', 'workshop.statusSent'));
      const identity = await stored<{ code: string; key: string; trainee: { name: string; pseudonym: string } }>(page, IDENTITY);
      expect(identity).toMatchObject({ code, trainee: { name: 'สมหญิง ใจดี' } });
      const trainee = server.store.trainees(sessionOf(code)).find((t) => t.name === 'สมหญิง ใจดี');
      expect(trainee?.pseudonym).toBe(identity?.trainee.pseudonym);

      // The session's scenario is listed in the workshop's own section, and only there.
      expect(await page.locator('li.card[data-scenario="whip-tuesday"]').count()).toBe(1);
      // In a workshop the menu offers no way to the trainers' page (the answer key).
      expect(await page.getByRole('button', { name: ui('th', 'trainerTools.entry') }).count()).toBe(0);
      await startFromWorkshop(page, 'whip-tuesday');

      // Two decisions online: each reaches the server as it is made.
      for (const step of path.slice(0, 2)) await playStep(page, s, step, 'th', false);
      await expect.poll(() => page.locator('.hud .workshop-status').textContent()).toBe(ui('th', 'workshop.statusSent'));
      const [run] = server.store.sessionRuns(sessionOf(code));
      expect(run?.steps.map(({ node, choice }) => ({ node, choice }))).toEqual(path.slice(0, 2));
      expect((await stored<{ run?: string }>(page, SAVE))?.run).toBe(run!.id);

      // The network drops: two more decisions wait in the browser, and the trainee is told so.
      await context.setOffline(true);
      for (const step of path.slice(2, 4)) await playStep(page, s, step, 'th', false);
      await expect.poll(() => page.locator('.hud .workshop-status').textContent()).toBe(ui('th', 'workshop.statusOffline', { count: 2 }));
      expect(await stored<unknown[]>(page, OUTBOX)).toHaveLength(2);
      expect(server.store.runRecord(run!.id)?.steps).toHaveLength(2);
      await page.screenshot({ path: screenshotPath('workshop-offline-1366') });

      // It comes back: they go at once, and the line says so.
      await context.setOffline(false);
      await expect
        .poll(() => page.locator('.hud .workshop-status').textContent(), { timeout: 10_000 })
        .toBe(ui('th', 'workshop.statusSent'));
      expect(await stored<unknown[]>(page, OUTBOX)).toBeNull();
      expect(server.store.runRecord(run!.id)?.steps.map(({ node, choice }) => ({ node, choice }))).toEqual(path.slice(0, 4));

      // A reload keeps the identity and the run (same run id, no second start).
      await page.reload();
      await waitReady(page);
      await expectAtNode(page, s, path[4]!.node, 'th');
      expect((await stored<{ key: string }>(page, IDENTITY))?.key).toBe(identity?.key);
      expect((await stored<{ run?: string }>(page, SAVE))?.run).toBe(run!.id);
      await playToDebrief(page, s, path.slice(4), 'th');

      const note = page.locator('.debrief .workshop-delivery');
      await expect.poll(() => note.textContent(), { timeout: 10_000 }).toBe(ui('th', 'workshop.resultDelivered'));
      const runs = server.store.sessionRuns(sessionOf(code));
      expect(runs).toHaveLength(1);
      expect(runs[0]!.id).toBe(run!.id);
      expect(runs[0]!.steps.map(({ node, choice }) => ({ node, choice }))).toEqual(path);
      expect(runs[0]!.steps.map((step) => step.seq)).toEqual(path.map((_, i) => i));
      expect(runs[0]!.result?.ending).toBe(play.ending.node);
      // The server scored the run itself from the stored decisions: the same totals as the engine.
      expect(runs[0]!.result?.skills).toEqual(play.skills);
      expect(countEvents(run!.id, 'start')).toBe(1);
      expect(countEvents(run!.id, 'result')).toBe(1);
      expect(countEvents(run!.id, 'decision')).toBe(path.length);

      // Back in the menu, the scenario shows as finished.
      await button(page, ui('th', 'debrief.menu')).click();
      const card = page.locator('.workshop-session li.card[data-scenario="whip-tuesday"]');
      await card.waitFor();
      expect(await card.locator('.finished-badge').textContent()).toBe(ui('th', 'workshop.finished'));
      expect(await statusLine(page).textContent()).toBe(ui('th', 'workshop.statusSent'));
      expect(realErrors(opened)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the join form says what is wrong: a malformed or unknown code, an empty name, no network; then joins, and leaves', async () => {
    const { server, browser } = ready();
    const code = await createSession(server, ['whip-tuesday']);
    const opened = await newPage(browser, { viewport: { width: 360, height: 640 } });
    const { page, context } = opened;
    try {
      await page.goto(`${server.url}/?lang=en`);
      await waitReady(page);
      // The join offer appears once the server has answered; the menu did not wait for it.
      const offer = page.locator('.workshop-join');
      await offer.waitFor();
      expect(await offer.locator('p').first().textContent()).toBe(ui('en', 'workshop.offer'));
      await button(page, ui('en', 'workshop.joinButton')).click();
      const dialog = page.locator('dialog.join-dialog[open]');
      const error = dialog.locator('.join-error');
      const codeField = dialog.getByLabel(ui('en', 'workshop.codeLabel'));

      await codeField.fill('AB1');
      await button(page, ui('en', 'workshop.next')).click();
      await expect.poll(() => error.textContent()).toBe(ui('en', 'workshop.errorCode'));
      expect(await codeField.getAttribute('aria-invalid')).toBe('true');

      await codeField.fill(code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ');
      await button(page, ui('en', 'workshop.next')).click();
      await expect.poll(() => error.textContent()).toBe(ui('en', 'workshop.errorUnknownCode'));
      expect(await dialog.locator('.privacy').isVisible()).toBe(false);

      await context.setOffline(true);
      // Typed as people do: lower case, with a space.
      await codeField.fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
      await button(page, ui('en', 'workshop.next')).click();
      await expect.poll(() => error.textContent()).toBe(ui('en', 'workshop.errorNetwork'));
      await context.setOffline(false);
      await button(page, ui('en', 'workshop.next')).click();
      await dialog.locator('.privacy').waitFor();
      expect(await codeField.inputValue()).toBe(code);
      await page.screenshot({ path: screenshotPath('workshop-join-360') });

      await button(page, ui('en', 'workshop.join')).click();
      await expect.poll(() => error.textContent()).toBe(ui('en', 'workshop.errorName'));
      await dialog.getByLabel(ui('en', 'workshop.nameLabel')).fill('   ');
      await button(page, ui('en', 'workshop.join')).click();
      await expect.poll(() => error.textContent()).toBe(ui('en', 'workshop.errorName'));
      expect(server.store.trainees(sessionOf(code))).toHaveLength(0);

      await context.setOffline(true);
      await dialog.getByLabel(ui('en', 'workshop.nameLabel')).fill('Ploy');
      await button(page, ui('en', 'workshop.join')).click();
      await expect.poll(() => error.textContent()).toBe(ui('en', 'workshop.errorNetwork'));
      await context.setOffline(false);
      await button(page, ui('en', 'workshop.join')).click();
      await page.locator('.workshop-session').waitFor();
      expect(await page.locator('dialog[open]').count()).toBe(0);
      expect(server.store.trainees(sessionOf(code)).map((t) => t.name)).toEqual(['Ploy']);
      await page.screenshot({ path: screenshotPath('workshop-menu-360'), fullPage: true });

      page.once('dialog', (d) => void d.accept());
      await button(page, ui('en', 'workshop.leave')).click();
      await offer.waitFor();
      expect(await page.locator('.workshop-session').count()).toBe(0);
      expect(await stored(page, IDENTITY)).toBeNull();
      expect(realErrors(opened)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('events of a trainee the server no longer knows (the session was deleted) are kept, the trainee is told, and they go only when discarded by hand', async () => {
    const { server, browser } = ready();
    const code = await createSession(server, ['whip-tuesday']);
    const s = loadScenario(WHIP);
    const first = (await cliPlay(WHIP, WHIP_CHOICES)).path[0]!;
    const opened = await newPage(browser);
    const { page, context } = opened;
    try {
      await joinByLink(page, server, code, 'ต้น');

      // Offline from the start of the run: its start and first decision wait in the browser. The
      // scenario's code comes from the offline cache then, so wait until the service worker holds it.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
      await context.setOffline(true);
      await startFromWorkshop(page, 'whip-tuesday');
      await playStep(page, s, first, 'th', false);
      await expect.poll(() => page.locator('.hud .workshop-status').textContent()).toBe(ui('th', 'workshop.statusOffline', { count: 2 }));

      // Meanwhile the trainer deletes the session; the network comes back.
      const deleted = await fetch(`${server.url}/api/trainer/sessions/${code}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${TRAINER_KEY}` },
      });
      expect(deleted.status).toBe(204);
      await context.setOffline(false);
      await expect
        .poll(() => page.locator('.hud .workshop-status').textContent(), { timeout: 10_000 })
        .toBe(ui('th', 'workshop.statusUnauthorized', { count: 2 }));
      await expect.poll(() => page.locator('#status').textContent()).toBe(ui('th', 'workshop.forgotten'));
      expect(await stored(page, IDENTITY)).toBeNull();
      expect(await stored<unknown[]>(page, OUTBOX)).toHaveLength(2);

      // In the menu: the offer to join again, the waiting events, and a way to give them up.
      page.once('dialog', (d) => void d.accept());
      await button(page, ui('th', 'play.quit')).click();
      const offer = page.locator('.workshop-join');
      await offer.waitFor();
      expect(await offer.locator('.workshop-status').textContent()).toBe(ui('th', 'workshop.statusUnauthorized', { count: 2 }));
      page.once('dialog', (d) => {
        expect(d.message()).toBe(ui('th', 'workshop.discardConfirm', { count: 2 }));
        void d.accept();
      });
      await button(page, ui('th', 'workshop.discard', { count: 2 })).click();
      await expect.poll(() => page.locator('.workshop-status').count()).toBe(0);
      expect(await stored(page, OUTBOX)).toBeNull();
      expect(await stored(page, 'prasan.outbox.rejected.v1')).toMatchObject({ count: 2 });
      expect(realErrors(opened)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("a trainer's own scenario file, added while the trainee is in the session, reaches them without a reload and is reported like any other", async () => {
    const { server, browser } = ready();
    const code = await createSession(server, ['whip-tuesday']);
    const s = loadScenario(WHIP);
    const play = await cliPlay(WHIP, WHIP_CHOICES);

    const opened = await newPage(browser);
    const { page, context } = opened;
    try {
      await joinByLink(page, server, code, 'นก');
      const cards = () => page.locator('.workshop-session li.card').evaluateAll((list) => list.map((c) => c.getAttribute('data-scenario')));
      await page.locator('.workshop-session li.card[data-scenario="whip-tuesday"]').waitFor();
      expect(await cards()).toEqual(['whip-tuesday']);

      // The trainer adds their own file now, while the trainee is already in the session.
      const text = readFileSync(WHIP, 'utf8').replace(/^id: whip-tuesday$/m, 'id: whip-tuesday-own');
      const upload = await fetch(`${server.url}/api/trainer/sessions/${code}/scenarios`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TRAINER_KEY}` },
        body: JSON.stringify({ file: 'whip-tuesday-own.yaml', text }),
      });
      expect(upload.status).toBe(201);
      // Back at the menu (here from a scenario just begun), the session is asked again: the file is there.
      await startFromWorkshop(page, 'whip-tuesday');
      page.once('dialog', (d) => void d.accept());
      await button(page, ui('th', 'play.quit')).click();
      const own = page.locator('.workshop-session li.card[data-scenario="whip-tuesday-own"]');
      await own.waitFor({ timeout: 10_000 });
      expect(await cards()).toEqual(['whip-tuesday', 'whip-tuesday-own']);
      await own.getByRole('button', { name: ui('th', 'menu.start'), exact: true }).click();
      await page.locator('section.screen.play[data-scenario="whip-tuesday-own"]').waitFor();
      // A real run, not a preview.
      expect(await page.locator('.preview-badge').count()).toBe(0);
      await playStep(page, s, play.path[0]!, 'th', false);
      await expect.poll(() => page.locator('.hud .workshop-status').textContent()).toBe(ui('th', 'workshop.statusSent'));
      const runs = server.store.sessionRuns(sessionOf(code));
      // The abandoned start of whip-tuesday is there too, with no decision.
      expect(runs.map((r) => [r.scenario, r.steps.map((x) => x.choice)])).toEqual([
        ['whip-tuesday', []],
        ['whip-tuesday-own', [WHIP_CHOICES[0]]],
      ]);

      // A reload mid-run fetches the scenario again and resumes the same run.
      await page.reload();
      await waitReady(page);
      await expectAtNode(page, s, play.path[1]!.node, 'th');
      expect(await page.locator('section.screen.play').getAttribute('data-scenario')).toBe('whip-tuesday-own');
      expect(realErrors(opened)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the game without a workshop server', () => {
  let preview: PreviewServer | undefined;
  let url = '';
  beforeAll(async () => {
    const served = await serveBuild();
    preview = served.server;
    url = served.url;
  });
  afterAll(async () => {
    await preview?.close();
  });

  test('offers no workshop and sends nothing (a static host answers api/workshop with its index page)', async () => {
    const { browser } = ready();
    const opened = await newPage(browser);
    const { page, context } = opened;
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) requests.push(new URL(r.url()).pathname);
    });
    try {
      await page.goto(url);
      await waitReady(page);
      await page.locator('section.screen.menu').waitFor();
      await page.waitForTimeout(2500);
      expect(await page.locator('.workshop-join, .workshop-session, .workshop-status').count()).toBe(0);
      expect(requests).toEqual(['/api/workshop']);
      expect(realErrors(opened)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('does not wait for a workshop check that never answers: the menu comes up at once', async () => {
    const { browser } = ready();
    const opened = await newPage(browser);
    const { page, context } = opened;
    let askedAt: number | undefined;
    // A network that swallows the request: no answer, no error, until the game's own 2 s limit.
    await page.route('**/api/workshop', () => {
      askedAt = Date.now();
    });
    try {
      await page.goto(url);
      await waitReady(page);
      const readyAt = Date.now();
      expect(askedAt).toBeDefined();
      expect(readyAt - askedAt!).toBeLessThan(1500);
      expect(await page.locator('section.screen.menu').isVisible()).toBe(true);
      await page.waitForTimeout(2500);
      expect(await page.locator('.workshop-join').count()).toBe(0);
      expect(realErrors(opened)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
