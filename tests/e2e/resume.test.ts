/**
 * Save and resume: a reload mid-play or during feedback comes back to the same point with the same
 * totals; a damaged or tampered save is set aside with a notice and the game stays usable.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  button,
  choiceLabel,
  cliPlay,
  debriefSkills,
  expectAtNode,
  expectNoErrors,
  loadScenario,
  MBC,
  meterValues,
  NCM,
  newPage,
  open,
  PATHS,
  playStep,
  playToDebrief,
  startFromMenu,
  ui,
  useGame,
  type Step,
} from './helpers';

const game = useGame();

const SAVE = 'prasan.save.v1';
const SET_ASIDE = 'prasan.save.set-aside';

interface SavedRun {
  format: number;
  scenario: string;
  showingFeedback: boolean;
  /** The run is its path replayed through the scenario's machine: the save holds no totals of its own. */
  path: Step[];
  seed: string;
}

async function readSave(page: Page): Promise<SavedRun | null> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), SAVE);
  return raw === null ? null : (JSON.parse(raw) as SavedRun);
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}

describe('save and resume', () => {
  test('a reload mid-play resumes at the same node with the same meters and path, and the run ends with the same totals', async () => {
    const s = loadScenario(NCM);
    const expected = await cliPlay(NCM, PATHS.ncmFailure.choices);

    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game, `?scenario=${s.id}`);
      await playStep(page, s, expected.path[0]!, 'th', false);
      const second = expected.path[1]!.node;
      await expectAtNode(page, s, second, 'th');
      const meters = await meterValues(page);
      const save = await readSave(page);
      expect(save?.scenario).toBe(s.id);
      expect(save?.showingFeedback).toBe(false);
      expect(save?.format).toBe(2);
      expect(save?.path).toEqual(expected.path.slice(0, 1));
      // The first choice moved a meter from its starting value, so "the same meters" means something.
      const initial = Object.fromEntries(Object.entries(s.meters ?? {}).map(([id, m]) => [id, m.initial]));
      expect(Object.keys(meters).sort()).toEqual(Object.keys(initial).sort());
      expect(meters).not.toEqual(initial);

      await reload(page);
      await expectAtNode(page, s, second, 'th');
      expect(await page.locator('#status').textContent()).toBe(ui('th', 'play.resumed'));
      expect(await page.locator('#status').isVisible()).toBe(true);
      expect(await meterValues(page)).toEqual(meters);
      expect((await readSave(page))?.path).toEqual(save?.path);
      expect((await readSave(page))?.seed).toBe(save?.seed);

      await playToDebrief(page, s, expected.path.slice(1), 'th');
      const table = await debriefSkills(page);
      expect(table.earned).toEqual(expected.skills);
      const result = await page.evaluate(
        () => (window as unknown as { prasan: { result: { path: Step[]; meters: unknown; ending: unknown } } }).prasan.result,
      );
      expect(result.path.map(({ node, choice }) => ({ node, choice }))).toEqual(expected.path);
      expect(result.meters).toEqual(expected.meters);
      expect(result.ending).toEqual(expected.ending);
      expect(await readSave(page)).toBeNull();
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });

  test('a reload during feedback shows the same feedback again, and Continue goes on', async () => {
    const s = loadScenario(MBC);
    const expected = await cliPlay(MBC, PATHS.mbcSuccess.choices);
    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game);
      await startFromMenu(page, s.id, 'th');
      await playStep(page, s, expected.path[0]!, 'th', false);
      await expectAtNode(page, s, expected.path[1]!.node, 'th');
      // Take the second step and stay on its feedback.
      const step = expected.path[1]!;
      const label = (await page.locator(`button.choice[data-choice="${step.choice}"] .label`).textContent()) ?? '';
      await button(page, label).click();
      await page.locator('body[data-phase="feedback"]').waitFor();
      const panel = async () =>
        page.locator('.panel').evaluate((el) => ({
          chosen: el.querySelector('.chosen')?.textContent,
          feedback: [...el.querySelectorAll('.feedback p')].map((p) => p.textContent),
          skills: [...el.querySelectorAll('.skill-changes li')].map((li) => li.textContent),
          meters: [...el.querySelectorAll('.meter-changes li')].map((li) => li.textContent),
          refs: [...el.querySelectorAll('.references button')].map((b) => b.textContent),
          next: el.querySelector('button.continue')?.textContent,
        }));
      const shown = await panel();
      expect(shown.chosen).toBe(label);
      expect(shown.skills.length).toBeGreaterThan(0);
      const meters = await meterValues(page);
      expect((await readSave(page))?.showingFeedback).toBe(true);

      await reload(page);
      await page.locator('body[data-phase="feedback"] .panel .feedback-heading').waitFor();
      expect(await panel()).toEqual(shown);
      expect(await meterValues(page)).toEqual(meters);
      await button(page, ui('th', 'play.continue')).click();
      await expectAtNode(page, s, expected.path[2]!.node, 'th');
      expect((await readSave(page))?.path).toEqual(expected.path.slice(0, 2));
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });

  test('a reload on the feedback of the last step still leads to the debrief of that run', async () => {
    const s = loadScenario(NCM);
    const expected = await cliPlay(NCM, PATHS.ncmFailure.choices);
    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game, `?scenario=${s.id}`);
      await playStep(page, s, expected.path[0]!, 'th', false);
      const last = expected.path[1]!;
      await expectAtNode(page, s, last.node, 'th');
      await page.locator(`button.choice[data-choice="${last.choice}"]`).click();
      await button(page, ui('th', 'play.seeDebrief')).waitFor();
      const chosen = await page.locator('.panel .chosen').textContent();

      await reload(page);
      await page.locator('body[data-phase="feedback"] .panel .feedback-heading').waitFor();
      expect(await page.locator('.panel .chosen').textContent()).toBe(chosen);
      await button(page, ui('th', 'play.seeDebrief')).click();
      await page.locator('section.screen.debrief').waitFor();
      expect(await page.locator('section.screen.debrief').getAttribute('data-ending')).toBe(expected.ending.node);
      expect((await debriefSkills(page)).earned).toEqual(expected.skills);
      const result = await page.evaluate(
        () => (window as unknown as { prasan: { result: { path: (Step & { at: string })[]; finishedAt: string } } }).prasan.result,
      );
      expect(result.path.map(({ node, choice }) => ({ node, choice }))).toEqual(expected.path);
      // The run finished when the last choice was made, not when the page came back.
      expect(result.finishedAt).toBe(result.path[result.path.length - 1]!.at);
      // Once the debrief is up the run is over: a reload (the address still says ?scenario=) starts afresh.
      expect(await readSave(page)).toBeNull();
      await reload(page);
      await expectAtNode(page, s, s.start, 'th');
      expect((await readSave(page))?.path).toEqual([]);
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });

  test('a save made before saves held their path (format 1, an XState snapshot) resumes where it was', async () => {
    const s = loadScenario(NCM);
    const expected = await cliPlay(NCM, PATHS.ncmFailure.choices);
    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game);
      const now = new Date().toISOString();
      const old = {
        format: 1,
        scenario: s.id,
        version: s.version,
        language: 'th',
        snapshot: { status: 'active', value: expected.path[1]!.node, context: { path: expected.path.slice(0, 1), skills: {}, meters: {} } },
        startedAt: now,
        stepTimes: [now],
        showingFeedback: false,
        timer: 'off',
      };
      await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [SAVE, JSON.stringify(old)]);
      await reload(page);
      await expectAtNode(page, s, expected.path[1]!.node, 'th');
      expect(await page.locator('#status').textContent()).toBe(ui('th', 'play.resumed'));
      // From then on it is saved in today's format, and it plays to the same end as the command line.
      expect((await readSave(page))?.format).toBe(2);
      await playToDebrief(page, s, expected.path.slice(1), 'th');
      expect((await debriefSkills(page)).earned).toEqual(expected.skills);
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });

  test('a damaged save and a tampered save are set aside with a notice, and the game stays usable', async () => {
    const s = loadScenario(NCM);
    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game);
      const garbage = '{"format":1, this is not JSON';
      await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [SAVE, garbage]);
      await reload(page);
      const notice = page.locator('section.screen.menu p.notice');
      expect(await notice.textContent()).toBe(ui('th', 'play.saveSetAside'));
      const setAside = async () =>
        JSON.parse((await page.evaluate((key) => localStorage.getItem(key), SET_ASIDE)) ?? 'null') as { at: string; raw: string } | null;
      expect((await setAside())?.raw).toBe(garbage);
      expect(Number.isNaN(Date.parse((await setAside())?.at ?? ''))).toBe(false);
      expect(await readSave(page)).toBeNull();

      // Still usable: a scenario starts and a step is saved.
      await startFromMenu(page, s.id, 'th');
      await expectAtNode(page, s, s.start, 'th');
      const expected = await cliPlay(NCM, PATHS.ncmSuccess.choices);
      await playStep(page, s, expected.path[0]!, 'th', false);
      await expectAtNode(page, s, expected.path[1]!.node, 'th');

      // A save that parses but doesn't replay through the scenario (a step edited by hand to a choice
      // its node doesn't offer).
      const save = await readSave(page);
      expect(save).not.toBeNull();
      save!.path[0] = { node: save!.path[0]!.node, choice: 'a-choice-this-node-does-not-offer' };
      const tampered = JSON.stringify(save);
      await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [SAVE, tampered]);
      await reload(page);
      expect(await notice.textContent()).toBe(ui('th', 'play.saveSetAside'));
      expect((await setAside())?.raw).toBe(tampered);
      expect(await readSave(page)).toBeNull();
      await startFromMenu(page, s.id, 'th');
      await expectAtNode(page, s, s.start, 'th');
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });
  test('a second tab resumes the same run, and whichever tab moves on, the other follows (no two steps from one place)', async () => {
    const s = loadScenario(MBC);
    const expected = await cliPlay(MBC, PATHS.mbcSuccess.choices);
    const opened = await newPage(game.browser);
    const first = opened.page;
    try {
      await open(first, game, `?scenario=${s.id}`);
      expect(expected.path.length).toBeGreaterThan(3);
      await playStep(first, s, expected.path[0]!, 'th', false);
      await expectAtNode(first, s, expected.path[1]!.node, 'th');

      // The same trainee opens the game again in another tab: it resumes where the first one is.
      const second = await opened.context.newPage();
      await open(second, game);
      await expectAtNode(second, s, expected.path[1]!.node, 'th');

      // The second tab decides; the first follows it to that choice's feedback instead of staying behind.
      await button(second, choiceLabel(s, expected.path[1]!.node, expected.path[1]!.choice, 'th')).click();
      await first.locator('body[data-phase="feedback"] .panel .feedback-heading').waitFor();
      expect(await first.locator('.panel .chosen').textContent()).toBe(
        choiceLabel(s, expected.path[1]!.node, expected.path[1]!.choice, 'th'),
      );
      await expect.poll(() => first.locator('#status').textContent()).toBe(ui('th', 'play.followedOtherTab'));
      // The trainee comes back to the first tab and goes on there.
      await first.bringToFront();
      await button(first, ui('th', 'play.continue')).click();
      await expectAtNode(first, s, expected.path[2]!.node, 'th');
      // One run, two steps: nothing was taken twice.
      expect((await readSave(first))?.path).toEqual(expected.path.slice(0, 2));
      await second.close();
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });
});
