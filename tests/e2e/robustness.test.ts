/**
 * Bad content never breaks the game: a broken scenario file is listed with its problems while the
 * others play; text that looks like HTML shows as text, runs nothing and creates no elements.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  BROKEN,
  button,
  choiceLabel,
  cliCheck,
  endingTitle,
  expectAtNode,
  expectNoErrors,
  feedbackText,
  HOSTILE,
  loadScenario,
  MBC,
  NCM,
  newPage,
  node,
  nodeText,
  open,
  paragraphsOf,
  startFromMenu,
  ui,
  useGame,
  type Lang,
} from './helpers';

const game = useGame();

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

describe('a broken scenario file', () => {
  for (const lang of ['en', 'th'] as const satisfies readonly Lang[]) {
    test(`is listed with every diagnostic (file:line:column, message) in ${lang === 'en' ? 'English' : 'Thai'}, and the other scenarios still start`, async () => {
      const diagnostics = await cliCheck(BROKEN, lang);
      expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
      const file = diagnostics[0]!.file;

      const opened = await newPage(game.browser);
      const { page } = opened;
      try {
        await open(page, game, `?lang=${lang}`);
        const card = page.locator(`li.card.broken[data-file="${file}"]`);
        expect(await card.locator('h3').textContent()).toBe(file);
        expect(await card.locator('.broken-note').textContent()).toBe(ui(lang, 'menu.broken'));
        expect(await card.getByRole('button').count()).toBe(0);
        // Each problem as the command line reports it; the hint, when there is one, beside it.
        const items = await card.locator('ul.diagnostics > li').evaluateAll((lis) =>
          lis.map((li) => {
            const hint = li.querySelector('.hint');
            const copy = li.cloneNode(true) as HTMLElement;
            copy.querySelector('.hint')?.remove();
            return { line: copy.textContent, hint: hint?.textContent ?? null };
          }),
        );
        const shown = items.map((i) => i.line);
        expect(shown).toEqual(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}: ${d.message} [${d.code}]`));
        expect(items.map((i) => i.hint)).toEqual(diagnostics.map((d) => d.hint ?? null));
        if (lang === 'en') expect(shown.join('\n')).toMatch(/broken-scenario\.yaml:\d+:\d+ error: no node "nowhere" \[PRS\d+\]/);
        // Every diagnostic's position is in its own <code>.
        expect(await card.locator('ul.diagnostics > li > code').allTextContents()).toEqual(
          diagnostics.map((d) => `${d.file}:${d.line}:${d.column}`),
        );

        for (const path of [NCM, MBC]) {
          const s = loadScenario(path);
          await startFromMenu(page, s.id, lang);
          await expectAtNode(page, s, s.start, lang);
          page.once('dialog', (dialog) => void dialog.accept());
          await button(page, ui(lang, 'play.quit')).click();
          await page.locator('section.screen.menu').waitFor();
        }
        // ?scenario= with the broken file's id does not open it; the menu says so.
        await open(page, game, `?lang=${lang}&scenario=broken-scenario`);
        expect(await page.locator('section.screen.menu p.notice').textContent()).toBe(
          ui(lang, 'error.scenarioMissing', { id: 'broken-scenario' }),
        );
        expectNoErrors(opened);
      } finally {
        await opened.context.close();
      }
    });
  }
});

describe('text that looks like HTML', () => {
  for (const lang of ['th', 'en'] as const satisfies readonly Lang[]) {
    test(`shows literally and runs nothing, played to the end in ${lang === 'en' ? 'English' : 'Thai'}`, async () => {
      const s = loadScenario(HOSTILE);
      const title = s.title[lang]!;
      const summary = s.summary[lang]!;
      // The fixture is what this test thinks it is.
      expect(title).toContain('<img src=x onerror=');
      expect(summary).toContain('{{notAVariable}}');

      const opened = await newPage(game.browser);
      const { page } = opened;
      try {
        await open(page, game, `?lang=${lang}`);
        const card = page.locator(`li.card[data-scenario="${s.id}"]`);
        expect(await card.locator('h3').textContent()).toBe(title);
        expect(await card.locator('h3').innerText()).toContain('<img src=x onerror=');
        expect(await card.locator('.summary').textContent()).toBe(summary);
        expect(await card.locator('.summary').innerText()).toContain('{{notAVariable}}');
        expect(await card.locator('img, b, script').count()).toBe(0);

        await startFromMenu(page, s.id, lang);
        await expectAtNode(page, s, s.start, lang);
        expect(await page.locator('.panel .situation').innerText()).toBe(nodeText(s, s.start, lang));
        const only = node(s, s.start).choices![0]!;
        const label = choiceLabel(s, s.start, only.id, lang);
        expect(label).toContain('<img');
        await button(page, label).click();
        await page.locator('body[data-phase="feedback"]').waitFor();
        expect(await page.locator('.panel .chosen').textContent()).toBe(label);
        expect(await page.locator('.panel .feedback').innerText()).toBe(paragraphsOf(feedbackText(s, s.start, only.id, lang)).join('\n\n'));
        expect(await page.locator('.panel i, .panel img').count()).toBe(0);
        await button(page, ui(lang, 'play.seeDebrief')).click();

        const debrief = page.locator('section.screen.debrief');
        await debrief.waitFor();
        const ending = only.next!;
        expect(await debrief.locator('header.ending h1').textContent()).toBe(endingTitle(s, ending, lang));
        expect(await debrief.locator('header.ending h1 h1').count()).toBe(0);
        expect(await debrief.locator(':scope > p.meta').textContent()).toContain(title);
        expect(await debrief.locator('li.decision p.chosen').textContent()).toContain(label);

        // Nothing from the scenario's text became an element anywhere, and no handler ran.
        expect(await page.locator('img, script:not([type="module"]), #ui b, #ui i').count()).toBe(0);
        expect(await page.locator('#ui h1').count()).toBe(1);
        expect(await pwned(page)).toBeUndefined();
        expectNoErrors(opened);
      } finally {
        await opened.context.close();
      }
    });
  }
});
