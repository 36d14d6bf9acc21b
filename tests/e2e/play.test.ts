/**
 * Both shipped scenarios played from the menu to the debrief, in Thai and in English, by clicking the
 * choices' labels; the debrief and the downloaded result are checked against `prasan play --json`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  button,
  choiceLabel,
  cliPlay,
  debriefSkills,
  endingTitle,
  expectAtNode,
  expectNoErrors,
  loadScenario,
  newPage,
  open,
  PATHS,
  playToDebrief,
  startFromMenu,
  ui,
  useGame,
  type Lang,
} from './helpers';

const game = useGame();

interface Run {
  name: string;
  path: (typeof PATHS)[keyof typeof PATHS];
  lang: Lang;
  kind: 'success' | 'partial' | 'failure';
  /** How the language is chosen: the menu's switch, `?lang=`, or the default (Thai). */
  via: 'default' | 'switch' | 'query';
}

const RUNS: Run[] = [
  { name: 'no-confidence motion, Thai, the best path: success', path: PATHS.ncmSuccess, lang: 'th', kind: 'success', via: 'default' },
  {
    name: 'no-confidence motion, English, backing dissolution: failure',
    path: PATHS.ncmFailure,
    lang: 'en',
    kind: 'failure',
    via: 'switch',
  },
  { name: 'money-bill certification, Thai, a late recovery: partial', path: PATHS.mbcPartial, lang: 'th', kind: 'partial', via: 'default' },
  {
    name: 'money-bill certification, English, left in the drawer: failure',
    path: PATHS.mbcFailure,
    lang: 'en',
    kind: 'failure',
    via: 'query',
  },
];

describe('a full run from the menu to the debrief', () => {
  for (const run of RUNS) {
    test(run.name, async () => {
      const scenario = loadScenario(run.path.scenario);
      const expected = await cliPlay(run.path.scenario, run.path.choices);
      // The path really ends the way this test says (so the run covers that kind of ending).
      expect(expected.ending.kind).toBe(run.kind);
      expect(expected.path.map((s) => s.choice)).toEqual(run.path.choices);

      const opened = await newPage(game.browser);
      const { page } = opened;
      try {
        await open(page, game, run.via === 'query' ? `?lang=${run.lang}` : '');
        if (run.via === 'switch') {
          await expect.poll(() => page.locator('#menu-heading').textContent()).toBe(ui('th', 'menu.heading'));
          await button(page, 'English').click();
        }
        await expect.poll(() => page.locator('#menu-heading').textContent()).toBe(ui(run.lang, 'menu.heading'));
        expect(await page.locator('html').getAttribute('lang')).toBe(run.lang);
        await expect.poll(() => page.locator(`li.card[data-scenario="${scenario.id}"] h3`).textContent()).toBe(scenario.title[run.lang]);

        await startFromMenu(page, scenario.id, run.lang);
        await playToDebrief(page, scenario, expected.path, run.lang);

        const debrief = page.locator('section.screen.debrief');
        expect(await debrief.getAttribute('data-ending')).toBe(expected.ending.node);
        expect(await debrief.locator('header.ending h1').textContent()).toBe(endingTitle(scenario, expected.ending.node, run.lang));
        expect(await debrief.locator('header.ending .ending-kind').textContent()).toBe(ui(run.lang, `debrief.ending.${run.kind}`));
        expect(await debrief.locator('header.ending').getAttribute('class')).toContain(`ending-${run.kind}`);
        expect(await debrief.locator('svg.radar polygon.radar-earned').count()).toBe(1);
        expect(await debrief.locator('svg.radar polygon.radar-attainable').count()).toBe(1);

        const table = await debriefSkills(page);
        expect(table.earned).toEqual(expected.skills);
        expect(table.attainable).toEqual(expected.attainable);

        // Every decision is reviewed, in order, with the choice as the trainee saw it.
        const reviewed = debrief.locator('ol.timeline > li.decision');
        expect(await reviewed.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-node')))).toEqual(
          expected.path.map((s) => s.node),
        );
        const chosen = await reviewed.locator('p.chosen').allTextContents();
        expect(chosen).toEqual(
          expected.path.map((s) => `${ui(run.lang, 'debrief.youChose')}: ${choiceLabel(scenario, s.node, s.choice, run.lang)}`),
        );

        // The date: the Buddhist era in Thai (Gregorian + 543), the Gregorian year in English.
        const meta = (await debrief.locator(':scope > p.meta').textContent()) ?? '';
        const year = new Date().getFullYear();
        if (run.lang === 'th') expect(meta).toContain(String(year + 543));
        else {
          expect(meta).toContain(String(year));
          expect(meta).not.toContain(String(year + 543));
        }
        expect(meta).toContain(ui(run.lang, 'debrief.timerSetting', { setting: ui(run.lang, 'menu.timerNormal') }));

        // Download JSON: the file a trainer keeps holds the same result.
        const [download] = await Promise.all([page.waitForEvent('download'), button(page, ui(run.lang, 'debrief.download')).click()]);
        expect(download.suggestedFilename()).toMatch(new RegExp(`^prasan-${scenario.id}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
        const file = await download.path();
        const saved = JSON.parse(readFileSync(file, 'utf8')) as {
          scenario: string;
          language: string;
          ending: { node: string; kind: string };
          incomplete: boolean;
          skills: unknown;
          attainable: unknown;
          meters: unknown;
          path: { node: string; choice: string; at?: string }[];
          settings: { timer: string };
        };
        expect(saved.scenario).toBe(scenario.id);
        expect(saved.language).toBe(run.lang);
        expect(saved.ending).toEqual(expected.ending);
        expect(saved.incomplete).toBe(false);
        expect(saved.skills).toEqual(expected.skills);
        expect(saved.attainable).toEqual(expected.attainable);
        expect(saved.meters).toEqual(expected.meters);
        expect(saved.path.map(({ node, choice }) => ({ node, choice }))).toEqual(expected.path);
        expect(saved.path.every((s) => typeof s.at === 'string' && !Number.isNaN(Date.parse(s.at)))).toBe(true);
        expect(saved.settings).toEqual({ timer: 'normal' });

        // The finished run leaves no save behind, and "Back to menu" returns in the same language.
        expect(await page.evaluate(() => localStorage.getItem('prasan.save.v1'))).toBeNull();
        await button(page, ui(run.lang, 'debrief.menu')).click();
        await expect.poll(() => page.locator('#menu-heading').textContent()).toBe(ui(run.lang, 'menu.heading'));
        expectNoErrors(opened);
      } finally {
        await opened.context.close();
      }
    });
  }

  test('the language chosen in the menu is remembered after a reload', async () => {
    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game);
      await button(page, 'English').click();
      await expect.poll(() => page.locator('#menu-heading').textContent()).toBe(ui('en', 'menu.heading'));
      expect(await button(page, 'English').getAttribute('aria-pressed')).toBe('true');
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await expect.poll(() => page.locator('#menu-heading').textContent()).toBe(ui('en', 'menu.heading'));
      // And a scenario opened by ?scenario= comes up in that language.
      const scenario = loadScenario(PATHS.ncmFailure.scenario);
      await open(page, game, `?scenario=${scenario.id}`);
      await expectAtNode(page, scenario, 'filed', 'en');
      // Back to Thai.
      page.once('dialog', (dialog) => void dialog.accept());
      await button(page, ui('en', 'play.quit')).click();
      await button(page, 'ไทย').click();
      await expect.poll(() => page.locator('#menu-heading').textContent()).toBe(ui('th', 'menu.heading'));
      expect(await page.locator('html').getAttribute('lang')).toBe('th');
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });
});
