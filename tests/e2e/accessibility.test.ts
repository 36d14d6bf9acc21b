/**
 * Accessibility, checked by axe-core (WCAG 2.0 and 2.1, levels A and AA) in real Chromium, in Thai
 * and in English: the menu, a decision, its feedback, the debrief, the trainers' page (its warning,
 * list and a scenario's page), the workshop's join dialog with its privacy notice, and every tab of
 * the trainer dashboard's room with trainees in it. The portraits name the person and the face; a
 * player who asks for reduced motion gets no transitions and no fades on the stage.
 *
 * One page per language walks the game through its screens in order, so the file stays fast.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isEnded, offeredIds, startRun, step } from '../../src/engine';
import type { LibraryEntry } from '../../src/library/entry';
import type { JoinReply, WorkshopEvent } from '../../src/workshop/protocol';
import en from '../../src/dashboard/locales/en.json';
import th from '../../src/dashboard/locales/th.json';
import { axeViolations } from './a11y';
import { launchBrowser } from './browser';
import { button, choiceLabel, type Lang, loadScenario, NCM, PATHS, ROOT, startFromMenu, ui } from './helpers';
import { createSession, startWorkshopServer, TRAINER_KEY, type WorkshopServer } from './workshop-server';

const LANGS: readonly Lang[] = ['th', 'en'];
const DASHBOARD = { th, en } as const;
/** The room's tabs, in the order the dashboard shows them. */
const TABS = ['join', 'trainees', 'choices', 'skills', 'map', 'endings', 'scenarios'] as const;
const ROOM_SCENARIO = 'whip-tuesday';

let server: WorkshopServer;
let browser: Browser;
/** The workshop session whose join link and room are checked. */
let code: string;

beforeAll(async () => {
  // The workshop server serves the built game (dist-e2e/) and the dashboard beside its API.
  [server, browser] = await Promise.all([startWorkshopServer(`${ROOT}/dist-e2e`), launchBrowser(['--disable-webgl'])]);
  code = await createSession(server, [ROOM_SCENARIO, 'no-confidence-motion'], 'อบรมผู้ประสานงาน');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A context whose game starts in `lang` with the timers off (no countdown ticking under axe). */
async function gamePage(lang: Lang, options: { reducedMotion?: 'reduce' | 'no-preference' } = {}): Promise<Opened> {
  // bypassCSP: axe is put into the page as an inline script, which the pages' policy (rightly) refuses.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true, ...options });
  await context.addInitScript(
    (settings) => localStorage.setItem('prasan.settings.v1', settings),
    JSON.stringify({ language: lang, timer: 'off', textSize: 'normal' }),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { context, page, errors };
}

async function openGame(page: Page, query = ''): Promise<void> {
  await page.goto(`${server.url}/${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}

/** axe over the page as it is now; `where` names the screen in a failure. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  expect.soft(await axeViolations(page), `axe on ${where}`).toEqual([]);
}

/**
 * Every portrait on the play screen names the speaker (as the page shows the name) and the face
 * (the expression word of the UI's language).
 */
async function expectPortraitsNamed(page: Page, lang: Lang, where: string): Promise<number> {
  const portraits = await page.locator('section.screen.play .panel .who').evaluateAll((whos) =>
    whos.flatMap((who) =>
      [...who.querySelectorAll('img.portrait')].map((img) => ({
        alt: img.getAttribute('alt'),
        expression: img.getAttribute('data-expression') ?? '',
        name: who.querySelector('.speaker strong')?.textContent ?? '',
      })),
    ),
  );
  for (const portrait of portraits) {
    expect(portrait.name, `${where}: a speaker's name`).not.toBe('');
    expect(portrait.alt?.trim(), `${where}: the portrait's alt`).toBeTruthy();
    expect(portrait.alt, `${where}: the portrait's alt names the speaker`).toContain(portrait.name);
    expect(portrait.alt, `${where}: the portrait's alt names the expression`).toContain(ui(lang, `play.expression.${portrait.expression}`));
  }
  return portraits.length;
}

/** What the tests reach of the page: the app's stage (the page's app is `window.prasan`) and a fade count. */
interface StageWindow {
  prasan: {
    stage: {
      game: {
        scene: {
          isActive(key: string): boolean;
          getScene(key: string): { cameras: { main: { fadeOut: (...args: unknown[]) => unknown } } };
        };
      };
    };
  };
  fades: number;
}

/** Counts the Play scene's camera fades from now on. */
async function countFades(page: Page): Promise<void> {
  // The scene starts a frame or two after the decision is on screen.
  await page.waitForFunction(() => (window as unknown as StageWindow).prasan.stage.game.scene.isActive('Play'));
  await page.evaluate(() => {
    const win = window as unknown as StageWindow;
    const camera = win.prasan.stage.game.scene.getScene('Play').cameras.main;
    const fadeOut = camera.fadeOut.bind(camera);
    win.fades = 0;
    camera.fadeOut = (...args: unknown[]) => {
      win.fades++;
      return fadeOut(...args);
    };
  });
}

const fades = (page: Page) => page.evaluate(() => (window as unknown as StageWindow).fades);

describe.each(LANGS)('in %s, axe finds nothing', (lang) => {
  test('on the menu, a decision, its feedback, the debrief, the trainers’ pages and the join dialog; portraits are named', async () => {
    const s = loadScenario(NCM);
    const [first, second] = PATHS.ncmFailure.choices;
    const { context, page, errors } = await gamePage(lang);
    try {
      await openGame(page);
      // The workshop server answers: the menu offers to join, and is checked with that offer in it.
      await page.locator('.workshop-join').waitFor();
      await expectAccessible(page, 'the menu');

      await startFromMenu(page, s.id, lang);
      await page.locator('body[data-phase="decision"] .panel .choices').waitFor();
      await countFades(page);
      await expectAccessible(page, 'a decision');
      expect(await expectPortraitsNamed(page, lang, 'a decision')).toBeGreaterThan(0);

      await button(page, choiceLabel(s, s.start, first, lang)).click();
      await page.locator('body[data-phase="feedback"] .panel .feedback-heading').waitFor();
      await expectAccessible(page, 'the feedback');
      expect(await expectPortraitsNamed(page, lang, 'the feedback')).toBeGreaterThan(0);

      await button(page, ui(lang, 'play.continue')).click();
      await page.locator('body[data-phase="decision"] .panel .choices').waitFor();
      // Without a wish for reduced motion, the stage fades from one place to the next.
      await expect.poll(() => fades(page)).toBeGreaterThan(0);
      const next = s.nodes[s.start]!.choices!.find((c) => c.id === first)!.next!;
      await button(page, choiceLabel(s, next, second, lang)).click();
      await button(page, ui(lang, 'play.seeDebrief')).click();
      await page.locator('section.screen.debrief').waitFor();
      await expectAccessible(page, 'the debrief');

      await button(page, ui(lang, 'debrief.menu')).click();
      await button(page, ui(lang, 'trainerTools.entry')).click();
      await page.locator('dialog.trainer-warning[open]').waitFor();
      await expectAccessible(page, 'the trainers’ warning');
      await button(page, ui(lang, 'trainerTools.iAmTrainer')).click();
      await page.locator('section.screen.trainer-tools').waitFor();
      await expectAccessible(page, 'the trainers’ list');
      await page
        .locator(`.trainer-list li[data-scenario="${s.id}"]`)
        .getByRole('button', { name: ui(lang, 'trainerTools.open') })
        .click();
      await page.locator(`section.screen.trainer[data-scenario="${s.id}"] svg.scenario-map`).waitFor();
      await expectAccessible(page, 'the trainer page');

      await openGame(page, `?join=${code}`);
      const dialog = page.locator('dialog.join-dialog[open]');
      await dialog.locator('.privacy').waitFor();
      await expectAccessible(page, 'the join dialog');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('reduced motion', () => {
  test('is respected: no transitions on the play screen, and the stage changes place without a fade', async () => {
    const s = loadScenario(NCM);
    const [first] = PATHS.ncmFailure.choices;
    const { context, page, errors } = await gamePage('th', { reducedMotion: 'reduce' });
    try {
      await openGame(page);
      expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
      await startFromMenu(page, s.id, 'th');
      await page.locator('body[data-phase="decision"] .panel .choices').waitFor();
      const motion = await page.evaluate(() =>
        [...document.querySelectorAll('section.screen.play *')]
          .map((el) => ({ el, style: getComputedStyle(el) }))
          .filter(({ style }) => style.transitionDuration.split(',').some((d) => parseFloat(d) > 0) || style.animationName !== 'none')
          .map(({ el, style }) => `${el.className}: transition ${style.transitionDuration}, animation ${style.animationName}`),
      );
      expect(motion).toEqual([]);
      expect(
        await page
          .locator('.meter-fill')
          .first()
          .evaluate((el) => getComputedStyle(el).transitionDuration),
      ).toBe('0s');

      await countFades(page);
      await button(page, choiceLabel(s, s.start, first, 'th')).click();
      await button(page, ui('th', 'play.continue')).click();
      await page.locator('body[data-phase="decision"] .panel .choices').waitFor();
      // The stage drew the new place at once: give a fade the time it would have taken to start.
      await page.waitForTimeout(300);
      expect(await fades(page)).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

// ---- the dashboard's room, with trainees in it --------------------------------------------------------

async function api<T>(path: string, init: { method?: string; body?: unknown; key?: string } = {}): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.key ? { authorization: `Bearer ${init.key}` } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A trainee joins through the API and plays `pick`'s choices to the end, as the game would report them. */
async function traineePlays(name: string, pick: (offered: string[]) => string, finish: boolean): Promise<void> {
  const joined = await api<JoinReply>('/api/join', { method: 'POST', body: { code, name } });
  const { playable } = await api<LibraryEntry>(`/api/me/scenarios/${ROOM_SCENARIO}`, { key: joined.key });
  const model = playable!.model;
  const run = randomUUID();
  const base = () => ({ id: randomUUID(), run, scenario: ROOM_SCENARIO, version: model.version, at: new Date().toISOString() });
  const events: WorkshopEvent[] = [{ ...base(), kind: 'start', language: 'th', timer: 'normal' }];
  let state = startRun(model);
  for (let i = 0; !isEnded(model, state) && (finish || i < 2); i++) {
    const choice = pick(offeredIds(model, state).filter((id) => id !== 'timeout'));
    events.push({ ...base(), kind: 'decision', seq: state.path.length, node: state.node, choice });
    state = step(model, state, choice)!;
  }
  if (finish) events.push({ ...base(), kind: 'result', steps: state.path.length, ending: state.node });
  await api('/api/events', { method: 'POST', body: { events }, key: joined.key });
}

describe("the trainer dashboard's room", () => {
  test('axe finds nothing on any of its tabs, in Thai and in English; its bars respect reduced motion', async () => {
    await traineePlays('สมชาย ใจดี', (offered) => offered[0]!, true);
    await traineePlays('Alice', (offered) => offered.at(-1)!, false);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${server.url}/dashboard.html`);
      await page.waitForSelector('body[data-ready="true"]');
      await page.getByLabel(th.signIn.key).fill(TRAINER_KEY);
      await page.getByRole('button', { name: th.signIn.submit }).click();
      await page.locator(`tr[data-code="${code}"]`).getByRole('button', { name: th.sessions.open }).click();
      await page.locator('.link-status.live').waitFor();
      for (const lang of LANGS) {
        if (lang !== 'th') {
          await page.locator('#language').selectOption(lang);
          await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
        }
        for (const tab of TABS) {
          await page.locator(`.tabs button[data-tab="${tab}"]`).click();
          await page
            .locator(`.tabs button[data-tab="${tab}"][aria-selected="true"]`, { hasText: DASHBOARD[lang].room.tabs[tab].split('{{')[0]! })
            .waitFor();
          if (tab === 'skills') await page.locator('.radar').first().waitFor();
          if (tab === 'map') await page.locator('.heat-map').waitFor();
          await expectAccessible(page, `the room's ${tab} tab (${lang})`);
        }
      }
      // A trainee's debrief opens over the room.
      await page.locator('.tabs button[data-tab="trainees"]').click();
      await page.getByLabel(en.room.names).check();
      await page.getByRole('button', { name: 'Alice', exact: true }).click();
      await page.locator('dialog.trainee-dialog[open] .run-steps').waitFor();
      await expectAccessible(page, "a trainee's debrief in the room (en)");
      await page.locator('dialog.trainee-dialog[open]').getByRole('button', { name: en.app.close }).click();

      // The room's bars grow to their new length, unless the trainer asks for less motion.
      await page.locator('.tabs button[data-tab="choices"]').click();
      const bar = page.locator('.bar-fill').first();
      expect(await bar.evaluate((el) => getComputedStyle(el).transitionDuration)).not.toBe('0s');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      expect(await bar.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
