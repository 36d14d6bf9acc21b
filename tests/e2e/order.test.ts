/**
 * The order of choices on screen is the run's own, not the file's: it is drawn from the seed kept in
 * the saved game, survives a reload, and keys 1–6 follow it. The result records where each taken
 * choice stood. And the trainers' page: reached only through the menu footer's warning.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compileScenario, shownChoices, startRun, type ScenarioModel } from '../../src/engine';
import {
  button,
  choiceLabel,
  expectAtNode,
  expectNoErrors,
  loadScenario,
  NCM,
  newPage,
  open,
  ROOT,
  startFromMenu,
  ui,
  useGame,
} from './helpers';

const game = useGame();

function compiled(path: string): ScenarioModel {
  const { compiled: c } = compileScenario(path, readFileSync(`${ROOT}/${path}`, 'utf8'));
  if (!c) throw new Error(`${path} does not compile`);
  return c.model;
}

const savedSeed = (page: import('playwright-core').Page) =>
  page.evaluate(() => (JSON.parse(localStorage.getItem('prasan.save.v1') ?? '{}') as { seed?: string }).seed);

describe('the order of choices', () => {
  test("is drawn from the run's seed, stays the same after a reload, and keys 1–6 follow the screen", async () => {
    const s = loadScenario(NCM);
    const model = compiled(NCM);
    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game);
      await startFromMenu(page, s.id, 'th');
      await expectAtNode(page, s, s.start, 'th');
      const seed = await savedSeed(page);
      expect(seed).toMatch(/^[0-9a-f]{16}$/);
      const expected = shownChoices(model, startRun(model), seed).map((c) => c.id);
      const onScreen = () =>
        page.locator('.panel button.choice').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset['choice']));
      expect(await onScreen()).toEqual(expected);
      // The numbers on the buttons count the screen's order.
      expect(await page.locator('.panel button.choice .key').allTextContents()).toEqual(expected.map((_, i) => String(i + 1)));

      await page.reload();
      await expectAtNode(page, s, s.start, 'th');
      expect(await savedSeed(page)).toBe(seed);
      expect(await onScreen()).toEqual(expected);

      // "2" takes the second choice on screen, whatever its place in the file.
      await page.keyboard.press('2');
      await page.locator('body[data-phase="feedback"]').waitFor();
      expect(await page.locator('.panel .chosen').textContent()).toBe(choiceLabel(s, s.start, expected[1]!, 'th'));
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });

  test('a new run draws a new seed', async () => {
    const s = loadScenario(NCM);
    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game);
      await startFromMenu(page, s.id, 'th');
      const first = await savedSeed(page);
      page.once('dialog', (d) => void d.accept());
      await button(page, ui('th', 'play.quit')).click();
      await startFromMenu(page, s.id, 'th');
      expect(await savedSeed(page)).toMatch(/^[0-9a-f]{16}$/);
      expect(await savedSeed(page)).not.toBe(first);
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });
});

describe("the trainers' page", () => {
  test('is reached from the menu footer through a warning; "back" stays in the menu; the trainer page has notes, map and play from here', async () => {
    const s = loadScenario(NCM);
    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game);
      // No card offers trainer content any more.
      expect(
        await page
          .locator('li.card')
          .getByRole('button', { name: ui('th', 'trainerTools.open') })
          .count(),
      ).toBe(0);
      const entry = button(page, ui('th', 'trainerTools.entry'));
      await entry.click();
      const warning = page.locator('dialog.trainer-warning[open]');
      await warning.waitFor();
      expect(await warning.locator('h2').textContent()).toBe(ui('th', 'trainerTools.warningTitle'));
      await button(page, ui('th', 'trainerTools.notTrainer')).click();
      await expect.poll(() => page.locator('dialog.trainer-warning').count()).toBe(0);
      expect(await page.locator('section.screen.menu').count()).toBe(1);

      await entry.click();
      await button(page, ui('th', 'trainerTools.iAmTrainer')).click();
      await page.locator('section.screen.trainer-tools').waitFor();
      await page
        .locator(`.trainer-list li[data-scenario="${s.id}"]`)
        .getByRole('button', { name: ui('th', 'trainerTools.open') })
        .click();
      await page.locator(`section.screen.trainer[data-scenario="${s.id}"]`).waitFor();
      expect(await page.locator('svg.scenario-map').count()).toBe(1);
      await page.locator('#from-node').selectOption(s.start);
      await button(page, ui('th', 'trainer.start')).click();
      await expectAtNode(page, s, s.start, 'th');
      expect(await page.locator('.preview-badge').textContent()).toBe(ui('th', 'play.preview'));
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });

  test('opens a scenario file from disk: its card comes first in the menu and plays', async () => {
    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game);
      await button(page, ui('th', 'trainerTools.entry')).click();
      await button(page, ui('th', 'trainerTools.iAmTrainer')).click();
      await page.locator('#open-file').setInputFiles({
        name: 'quick-question.yaml',
        mimeType: 'text/yaml',
        buffer: readFileSync(`${ROOT}/tests/fixtures/quick-question.yaml`),
      });
      const card = page.locator('li.card[data-scenario="quick-question"]');
      await card.waitFor();
      expect(await page.locator('li.card').first().getAttribute('data-scenario')).toBe('quick-question');
      await card.getByRole('button', { name: ui('th', 'menu.start'), exact: true }).click();
      await page.locator('section.screen.play .choices').waitFor();
      // Press "1" to the end: the result records the seed and that each choice stood first on screen.
      const firstShown = await page.locator('.panel button.choice').first().getAttribute('data-choice');
      await page.keyboard.press('1');
      await page.locator('body[data-phase="feedback"]').waitFor();
      await page.locator('.panel button.continue').click();
      await page.locator('section.screen.debrief').waitFor();
      const result = await page.evaluate(
        () => (window as unknown as { prasan: { result: { seed?: string; path: { choice: string; position?: number }[] } } }).prasan.result,
      );
      expect(result.seed).toMatch(/^[0-9a-f]{16}$/);
      expect(result.path).toEqual([expect.objectContaining({ choice: firstShown, position: 1 })]);
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });
});
