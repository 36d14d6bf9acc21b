/**
 * Layout, measured from the page at a phone, a laptop and a full-HD screen, in Thai: the menu, the
 * decision node with the longest situation in each scenario, a feedback panel, a running countdown and
 * the debrief. Nothing overflows sideways, no text leaves its box or is cut, Thai breaks lines only
 * between words, choices don't overlap and the HUD stays off the reading panel. Screenshots go to
 * test-results/screenshots/. Then the printed report: no stage, no buttons, one to three A4 pages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { launchBrowser } from './browser';
import {
  button,
  choiceLabel,
  cliPlay,
  expectAtNode,
  expectNoErrors,
  longestDecision,
  loadScenario,
  MBC,
  NCM,
  newPage,
  node,
  open,
  PATHS,
  playStep,
  playToDebrief,
  ROOT,
  screenshotPath,
  startFromMenu,
  ui,
  useGame,
  type Step,
} from './helpers';

const game = useGame();

const VIEWPORTS = [
  { width: 360, height: 640 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Everything wrong with the current screen's layout, as readable strings (empty when all is well). */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => {
      const text = (el.textContent ?? '').trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}> "${text}"`;
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      // checkVisibility: not inside a closed <details> (whose content is skipped, not laid out on screen).
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && el.checkVisibility();
    };
    const slack = 1;

    // 1. Nothing wider than the window.
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) problems.push(`page scrolls sideways: ${root.scrollWidth} > ${window.innerWidth}`);

    // 2. Every text block inside its container's box, not overflowing itself, never clipped.
    const ui = document.getElementById('ui')!;
    const texts = [
      ...ui.querySelectorAll('p, h1, h2, h3, .choice .label, .meter-label, .meter-value, .countdown-text, .diagnostics li, .skill-change'),
    ].filter(shown);
    if (texts.length === 0) problems.push('no text on screen');
    for (const el of texts) {
      const parent = el.parentElement!;
      const r = el.getBoundingClientRect();
      const p = parent.getBoundingClientRect();
      // A container that scrolls vertically (the diagnostics list) may hold more than it shows.
      const scrollsY = ['auto', 'scroll'].includes(getComputedStyle(parent).overflowY);
      const outY = !scrollsY && (r.top < p.top - slack || r.bottom > p.bottom + slack);
      if (r.left < p.left - slack || r.right > p.right + slack || outY) {
        problems.push(
          `${describe(el)} leaves its container ${describe(parent)}: [${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}] vs [${Math.round(p.left)},${Math.round(p.top)},${Math.round(p.right)},${Math.round(p.bottom)}]`,
        );
      }
      if (r.left < -slack || r.right > window.innerWidth + slack) problems.push(`${describe(el)} is outside the window horizontally`);
      const box = el as HTMLElement;
      if (box.scrollHeight > box.clientHeight + slack && getComputedStyle(box).display !== 'inline') {
        problems.push(`${describe(el)} is cut vertically: scrollHeight ${box.scrollHeight} > clientHeight ${box.clientHeight}`);
      }
      if (box.scrollWidth > box.clientWidth + slack && getComputedStyle(box).display !== 'inline') {
        problems.push(`${describe(el)} overflows sideways: scrollWidth ${box.scrollWidth} > clientWidth ${box.clientWidth}`);
      }
      // Paragraphs and choice labels: no ancestor may hide what spills out (the panel scrolls instead).
      for (
        let a: Element | null = el.matches('p, .choice .label') ? el.parentElement : null;
        a && a !== document.body;
        a = a.parentElement
      ) {
        const style = getComputedStyle(a);
        for (const overflow of [style.overflowX, style.overflowY]) {
          if (overflow === 'hidden' || overflow === 'clip') {
            problems.push(`${describe(el)} sits in ${describe(a)}, which hides overflow (${overflow})`);
          }
        }
      }
    }

    // 3. Thai needs room for marks above and below: paragraphs and choice labels keep a tall line height.
    for (const el of texts.filter((e) => e.matches('p, .choice .label'))) {
      const style = getComputedStyle(el);
      const ratio = parseFloat(style.lineHeight) / parseFloat(style.fontSize);
      if (!(ratio >= 1.45)) problems.push(`${describe(el)} has line-height ${style.lineHeight} for ${style.fontSize} text`);
      if (!/^"?Sarabun/.test(style.fontFamily)) problems.push(`${describe(el)} is not set in Sarabun: ${style.fontFamily}`);
    }

    // 4. Thai breaks lines only between words (the word boundaries of Intl.Segmenter).
    const words = new Intl.Segmenter('th', { granularity: 'word' });
    const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
    for (const el of texts.filter((e) => e.matches('p, .choice .label') && /[\u0E00-\u0E7F]/.test(e.textContent ?? ''))) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
        const text = t.data;
        const boundaries = new Set([...words.segment(text)].map((s) => s.index));
        let lastTop: number | undefined;
        const range = document.createRange();
        for (const g of graphemes.segment(text)) {
          range.setStart(t, g.index);
          range.setEnd(t, g.index + g.segment.length);
          const rects = range.getClientRects();
          const rect = rects[rects.length - 1];
          if (!rect || /\s/.test(g.segment)) continue;
          if (lastTop !== undefined && rect.top > lastTop + rect.height / 2 && !boundaries.has(g.index)) {
            problems.push(
              `${describe(el)} breaks a line inside a word: "…${text.slice(Math.max(0, g.index - 12), g.index)}|${text.slice(g.index, g.index + 12)}…"`,
            );
          }
          lastTop = rect.top;
        }
      }
    }

    // 5. Choices don't overlap each other.
    const choices = [...ui.querySelectorAll('button.choice')].filter(shown).map((b) => [b, b.getBoundingClientRect()] as const);
    for (let i = 0; i < choices.length; i++) {
      for (let j = i + 1; j < choices.length; j++) {
        const [a, ra] = choices[i]!;
        const [b, rb] = choices[j]!;
        const overlapX = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const overlapY = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (overlapX > slack && overlapY > slack) problems.push(`${describe(a)} overlaps ${describe(b)}`);
      }
    }

    // 6. The HUD (quit, countdown, meters) stays off the reading panel.
    const panel = ui.querySelector('.panel');
    if (panel) {
      const rp = panel.getBoundingClientRect();
      for (const el of [...ui.querySelectorAll('.hud .quit, .hud .countdown, .hud .meters')].filter(shown)) {
        const r = el.getBoundingClientRect();
        if (r.bottom > rp.top + slack && r.top < rp.bottom - slack) {
          problems.push(`${describe(el)} overlaps the reading panel (bottom ${Math.round(r.bottom)} > panel top ${Math.round(rp.top)})`);
        }
      }
    }
    return problems;
  });
}

/** Checks the layout and saves screenshots; a play screen whose panel scrolls is shot at the end too. */
async function check(page: Page, name: string, fullPage: boolean): Promise<void> {
  // Let the stage's fades and the meters' slides settle before measuring and shooting.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => setTimeout(r, 450))));
  expect(await layoutProblems(page), name).toEqual([]);
  await page.screenshot({ path: screenshotPath(name), fullPage });
  const scrolls = await page.evaluate(() => {
    const panel = document.querySelector<HTMLElement>('.panel');
    if (!panel || panel.scrollHeight <= panel.clientHeight + 1) return false;
    panel.scrollTop = panel.scrollHeight;
    return true;
  });
  if (scrolls) {
    expect(await layoutProblems(page), `${name} (panel scrolled to the end)`).toEqual([]);
    await page.screenshot({ path: screenshotPath(`${name}-end`) });
    await page.evaluate(() => document.querySelector<HTMLElement>('.panel')?.scrollTo(0, 0));
  }
}

describe('layout in Thai', () => {
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;
    test(`${size}: menu, the longest situations, feedback, a countdown and the debrief`, async () => {
      const ncm = loadScenario(NCM);
      const mbc = loadScenario(MBC);
      const path = (await cliPlay(NCM, PATHS.ncmSuccess.choices)).path;
      const longest = longestDecision(ncm, 'th');
      const timed = path.findIndex((s) => node(ncm, s.node).timeout !== undefined);
      // The walk below reaches both the longest node and a timed node on the way to an ending.
      expect(path.some((s) => s.node === longest)).toBe(true);
      expect(timed).toBeGreaterThan(0);

      const opened = await newPage(game.browser, { viewport: { ...viewport } });
      const { page } = opened;
      try {
        await open(page, game);
        expect(await page.locator('html').getAttribute('lang')).toBe('th');
        await check(page, `${size}-menu`, true);

        // The money-bill scenario's longest situation, then back to the menu.
        await startFromMenu(page, mbc.id, 'th');
        const mbcLongest = longestDecision(mbc, 'th');
        const mbcPath = await pathTo(MBC, PATHS.mbcSuccess.choices, mbcLongest);
        for (const step of mbcPath) await playStep(page, mbc, step, 'th', false);
        await expectAtNode(page, mbc, mbcLongest, 'th');
        await check(page, `${size}-mbc-longest-${mbcLongest}`, false);
        page.once('dialog', (dialog) => void dialog.accept());
        await button(page, ui('th', 'play.quit')).click();
        await page.locator('section.screen.menu').waitFor();

        // The no-confidence motion along its best path: the longest node, its feedback, the timed node.
        await startFromMenu(page, ncm.id, 'th');
        for (const [i, step] of path.entries()) {
          await expectAtNode(page, ncm, step.node, 'th');
          if (step.node === longest) await check(page, `${size}-ncm-longest-${longest}`, false);
          if (i === timed) {
            expect(await page.getByRole('timer').isVisible()).toBe(true);
            await check(page, `${size}-ncm-countdown-${step.node}`, false);
          }
          await button(page, choiceLabel(ncm, step.node, step.choice, 'th')).click();
          await page.locator('body[data-phase="feedback"] .panel .feedback-heading').waitFor();
          if (step.node === longest) await check(page, `${size}-ncm-feedback-${longest}`, false);
          await button(page, ui('th', i === path.length - 1 ? 'play.seeDebrief' : 'play.continue')).click();
        }
        await page.locator('section.screen.debrief').waitFor();
        await check(page, `${size}-debrief`, true);
        expectNoErrors(opened);
      } finally {
        await opened.context.close();
      }
    });
  }
});

describe('the layout checks themselves', () => {
  test('catch sideways overflow, clipped or cramped text, lines broken inside words, overlapping choices and a HUD over the panel', async () => {
    const s = loadScenario(NCM);
    // bypassCSP: the broken styles go in as a style element, which the page's policy (rightly) refuses.
    const opened = await newPage(game.browser, { bypassCSP: true });
    const { page } = opened;
    try {
      await open(page, game, `?scenario=${s.id}`);
      await expectAtNode(page, s, longestDecision(s, 'th'), 'th');
      expect(await layoutProblems(page)).toEqual([]);
      const broken: [string, RegExp][] = [
        ['.situation p { white-space: nowrap }', /page scrolls sideways|overflows sideways|leaves its container/],
        ['.situation { overflow: hidden; max-height: 2em }', /hides overflow \(hidden\)/],
        ['.situation p { line-height: 1.1 }', /has line-height/],
        ['.situation p { word-break: break-all }', /breaks a line inside a word/],
        ['.choices li { height: 12px }', /overlaps <button\.choice>/],
        ['.hud .meters { position: fixed; top: 75vh; right: 0 }', /overlaps the reading panel/],
        ['.choice .label { font-family: serif }', /not set in Sarabun/],
      ];
      for (const [css, problem] of broken) {
        const handle = await page.addStyleTag({ content: css });
        expect((await layoutProblems(page)).join('\n'), css).toMatch(problem);
        await handle.evaluate((style) => (style as HTMLStyleElement).remove());
      }
      expect(await layoutProblems(page)).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});

/** The steps of a known path up to (not including) a node; the node must be on the path. */
async function pathTo(file: string, choices: readonly string[], nodeId: string): Promise<Step[]> {
  const { path } = await cliPlay(file, choices);
  const at = path.findIndex((s) => s.node === nodeId);
  if (at < 0) throw new Error(`${nodeId} is not on the path ${choices.join(',')}`);
  return path.slice(0, at);
}

describe('the stage', () => {
  test('draws with WebGL where the browser has it (the other tests use Canvas for speed), without errors', async () => {
    const browser = await launchBrowser();
    try {
      const opened = await newPage(browser);
      const { page } = opened;
      const renderer = () =>
        page.evaluate(() => {
          const canvas = document.querySelector<HTMLCanvasElement>('#stage canvas');
          if (!canvas) return 'none';
          // A canvas hands back only the kind of context it already has.
          return canvas.getContext('webgl2') || canvas.getContext('webgl') ? 'webgl' : canvas.getContext('2d') ? '2d' : 'other';
        });
      await open(page, game);
      expect(await renderer()).toBe('webgl');
      const s = loadScenario(NCM);
      await startFromMenu(page, s.id, 'th');
      const [first] = (await cliPlay(NCM, PATHS.ncmFailure.choices)).path;
      await playStep(page, s, first!, 'th', false);
      await check(page, '1366x768-webgl-stage', false);
      expectNoErrors(opened);
      await opened.context.close();
    } finally {
      await browser.close();
    }
  });

  test('uses the Canvas renderer in the other tests', async () => {
    const opened = await newPage(game.browser);
    try {
      await open(opened.page, game);
      expect(
        await opened.page.evaluate(() => {
          const canvas = document.querySelector<HTMLCanvasElement>('#stage canvas');
          return canvas ? canvas.getContext('2d') !== null : false;
        }),
      ).toBe(true);
    } finally {
      await opened.context.close();
    }
  });
});

describe('print', () => {
  test('the debrief prints without the stage or buttons, on one to three A4 pages', async () => {
    const s = loadScenario(NCM);
    const expected = await cliPlay(NCM, PATHS.ncmSuccess.choices);
    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game, `?scenario=${s.id}`);
      await playToDebrief(page, s, expected.path, 'th');

      const canvas = page.locator('#stage canvas');
      const actions = page.locator('section.screen.debrief .actions button');
      expect(await canvas.isVisible()).toBe(true);
      expect(await actions.count()).toBe(4);
      for (const b of await actions.all()) expect(await b.isVisible()).toBe(true);
      expect(await page.locator('.report-title').isVisible()).toBe(false);

      await page.emulateMedia({ media: 'print' });
      expect(await canvas.isVisible()).toBe(false);
      for (const b of await actions.all()) expect(await b.isVisible()).toBe(false);
      expect(await page.locator('button:visible').evaluateAll((bs) => bs.filter((b) => !b.classList.contains('chip')).length)).toBe(0);
      const title = page.locator('.report-title');
      expect(await title.isVisible()).toBe(true);
      expect(await title.textContent()).toBe(`${ui('th', 'debrief.reportTitle')} — ${s.title.th}`);
      // The report carries the whole run: every decision, the skills table.
      expect(await page.locator('li.decision:visible').count()).toBe(expected.path.length);
      expect(await page.locator('table.skills-table:visible').count()).toBe(1);
      await page.setViewportSize({ width: 680, height: 960 });
      await page.screenshot({ path: screenshotPath('print-debrief-a4-width'), fullPage: true });

      const pdf = resolve(ROOT, 'test-results/report.pdf');
      await page.pdf({ path: pdf, format: 'A4' });
      expect(existsSync(pdf)).toBe(true);
      expect(statSync(pdf).size).toBeGreaterThan(10_000);
      const pages = (readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(3);
      // A picture of each page for a person to look at (poppler's pdftoppm, where installed).
      if (existsSync('/usr/bin/pdftoppm')) {
        execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', pdf, screenshotPath('report-page').replace(/\.png$/, '')]);
      }
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1366, height: 768 });
      await expect.poll(() => canvas.isVisible()).toBe(true);
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });
});
