/**
 * The whole decision in view, by geometry, at every decision of every shipped scenario in Thai and
 * English: walks planned on the scenario's state graph (cover.ts) show every decision and, at each,
 * the choice with the longest feedback; they are played by clicking labels. Each decision and each
 * of those feedbacks is measured on a 1280×720 laptop, a 1920×1080 projector with large text, and a
 * 360×640 phone:
 *
 * - laptop and projector: the speaker (portrait, name), every paragraph of the situation and every
 *   choice, or after a choice the reaction, what happened, the skill changes, the references and
 *   Continue, are inside the window with nothing to scroll, and the stage band shows the place;
 * - phone: nothing runs off sideways, the first choice is at most half a screen's scroll away, and while
 *   choices are below the fold a cue says so (gone once the last is in view).
 *
 * Every walk ends where the engine says, with the same skills on the debrief: so every shipped scenario
 * is also played through in both languages. Timers are off (a trainee's setting), so a countdown can't
 * move the screen on while it is measured; timers are played in controls.test.ts.
 */
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { startRun, step, type ScenarioModel } from '../../src/engine';
import { loadScenarioFile } from '../../src/library/files';
import { coverWalks, longestFeedback, type Walk } from './cover';
import {
  button,
  choiceLabel,
  debriefSkills,
  endingTitle,
  expectNoErrors,
  loadScenario,
  newPage,
  open,
  ROOT,
  startFromMenu,
  ui,
  useGame,
  type Lang,
  type ScenarioFile,
} from './helpers';

const game = useGame();

const SIZES = [
  { name: '1280×720', width: 1280, height: 720, large: false, wide: true },
  { name: '1920×1080 large text', width: 1920, height: 1080, large: true, wide: true },
  { name: '360×640', width: 360, height: 640, large: false, wide: false },
] as const;
type Size = (typeof SIZES)[number];

const shipped = readdirSync(`${ROOT}/scenarios`)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** What one screen's measurement found wrong (empty when all is well) and how far the fitting went. */
interface Measured {
  problems: string[];
  fit: number;
}

/** Measures the screen as it is now, in the page: `wide` for laptop and projector, else a phone. */
async function measure(page: Page, phase: 'decision' | 'feedback', wide: boolean, speaker: boolean): Promise<Measured> {
  return page.evaluate(
    async ({ phase, wide, speaker }) => {
      // Let the resize event reach the fitting and the cue (resize events run before animation frames).
      await new Promise((done) => requestAnimationFrame(done));
      const problems: string[] = [];
      const panel = document.querySelector<HTMLElement>('.panel')!;
      const view = { width: innerWidth, height: innerHeight };
      const rect = (el: Element) => el.getBoundingClientRect();
      const name = (el: Element) =>
        `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
      const inView = (el: Element) => {
        const r = rect(el);
        if (r.width === 0 || r.height === 0) problems.push(`${name(el)} is not shown`);
        else if (r.top < -1 || r.left < -1 || r.bottom > view.height + 1 || r.right > view.width + 1)
          problems.push(`${name(el)} is outside the window (${Math.round(r.top)}–${Math.round(r.bottom)} of ${view.height})`);
      };
      const all = (selector: string) => [...panel.querySelectorAll(selector)];
      const required =
        phase === 'decision'
          ? ['.situation p', 'button.choice']
          : ['.feedback-heading', '.chosen', '.feedback p', '.after > ul.skill-changes, .after > p.muted', 'button.continue'];
      if (speaker) required.unshift('.who img.portrait', '.who .speaker strong');
      if (document.documentElement.scrollWidth > view.width + 1)
        problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${view.width})`);
      for (const selector of required) if (all(selector).length === 0) problems.push(`nothing matches ${selector}`);
      // The HUD (quit, countdown, meters) stays in the stage band, off the words.
      for (const el of document.querySelectorAll('.hud .quit, .hud .countdown:not([hidden]), .hud .meters'))
        if (rect(el).bottom > rect(panel).top + 1) problems.push(`${name(el)} overlaps the panel`);
      const portrait = panel.querySelector<HTMLImageElement>('img.portrait');
      if (portrait) {
        await portrait.decode().catch(() => undefined);
        if (portrait.naturalWidth === 0) problems.push('the portrait has not loaded');
      }

      if (wide) {
        if (panel.scrollHeight > panel.clientHeight + 1) problems.push(`the panel scrolls (${panel.scrollHeight} > ${panel.clientHeight})`);
        if (document.documentElement.scrollHeight > view.height + 1) problems.push('the page scrolls');
        for (const selector of [...required, '.references']) all(selector).forEach(inView);
        // The band's box, as the layout sets it (Phaser resizes its canvas to it a frame or two later).
        const stage = document.querySelector('#stage');
        const band = stage ? rect(stage) : undefined;
        if (!band || band.height < 80 || band.top > 0) problems.push(`the stage band is not shown (${band?.height ?? 0} px)`);
        else if (rect(panel).top < band.bottom - 1) problems.push('the panel covers the stage band');
        if (!document.querySelector('#stage canvas')) problems.push('the stage has no canvas');
      } else {
        const choices = all('button.choice');
        const top = rect(panel).top;
        if (phase === 'decision' && choices.length > 0) {
          // A short scroll, at most half a screen: the first choice's top, measured inside the panel's scroll.
          const first = rect(choices[0]!).top - top + panel.scrollTop;
          if (first > panel.clientHeight * 1.5)
            problems.push(`the first choice is ${Math.round(first)} px down a ${panel.clientHeight} px panel`);
          const below = rect(choices[choices.length - 1]!).bottom > view.height + 1;
          const cue = panel.querySelector('.more-below');
          const cueShown = cue !== null && rect(cue).height > 0;
          if (below !== cueShown)
            problems.push(below ? 'choices are below the fold with no cue' : 'the cue shows with every choice in view');
          if (cueShown && rect(cue).bottom > view.height + 1) problems.push('the cue is off screen');
          if (below) {
            panel.scrollTop = panel.scrollHeight;
            await new Promise((done) => requestAnimationFrame(done));
            if (rect(cue!).height > 0) problems.push('the cue stays once the last choice is in view');
            panel.scrollTop = 0;
          }
        }
        if (phase === 'feedback') {
          panel.scrollTop = panel.scrollHeight;
          inView(panel.querySelector('button.continue')!);
          panel.scrollTop = 0;
        }
      }
      const fit = Number(getComputedStyle(panel).getPropertyValue('--fit') || 1);
      return { problems, fit };
    },
    { phase, wide, speaker },
  );
}

/** One page's walk: where it is, what it found. */
interface Walker {
  page: Page;
  lang: Lang;
  size: Size;
  found: string[];
  /** How far the fitting stepped the text down on each wide screen measured (1: not at all), and where. */
  fits: { fit: number; where: string }[];
  measured: Set<string>;
}

/** Measures the current screen at every size, starting with the size it is at (and playing on at the last). */
async function measureAllSizes(w: Walker, phase: 'decision' | 'feedback', speaker: boolean, where: string): Promise<void> {
  const start = SIZES.indexOf(w.size);
  for (let i = 0; i < SIZES.length; i++) {
    const size = SIZES[(start + i) % SIZES.length]!;
    if (size !== w.size) await setSize(w, size);
    const { problems, fit } = await measure(w.page, phase, size.wide, speaker);
    w.found.push(...problems.map((p) => `${w.lang}, ${where}, ${phase}, ${size.name}: ${p}`));
    if (size.wide) w.fits.push({ fit, where: `${where}, ${phase}, ${size.name}` });
  }
}

async function setSize(w: Walker, size: Size): Promise<void> {
  w.size = size;
  // The larger-text setting is this class on the page (what the menu's switch sets).
  await w.page.evaluate((large) => document.documentElement.classList.toggle('large-text', large), size.large);
  await w.page.setViewportSize({ width: size.width, height: size.height });
}

/** Plays every walk in one language, measuring each decision once and each walk's target feedbacks. */
async function walkAll(w: Walker, model: ScenarioModel, s: ScenarioFile, walks: Walk[]): Promise<void> {
  const { page, lang } = w;
  const panel = page.locator('section.screen.play .panel');
  await open(page, game);
  await startFromMenu(page, model.id, lang);
  for (const [n, walk] of walks.entries()) {
    // Where each step is, worked out by the engine as the walk goes.
    let state = startRun(model);
    for (const [i, choice] of walk.choices.entries()) {
      await page.locator('body[data-phase="decision"] .panel.deciding').waitFor();
      const decision = model.nodes[state.node]!;
      const speaker = decision.kind === 'decision' && decision.speaker !== undefined;
      if (!w.measured.has(state.node)) {
        w.measured.add(state.node);
        await measureAllSizes(w, 'decision', speaker, state.node);
      }
      // By its label, as a person would (looked up in the panel: the page's whole tree is slower to search).
      const label = choice === 'timeout' ? ui(lang, 'play.letTimePass') : choiceLabel(s, state.node, choice, lang);
      await panel.getByRole('button', { name: label, exact: true }).click();
      await page.locator('body[data-phase="feedback"] .panel.feedback-panel').waitFor();
      if (walk.targets.includes(i)) await measureAllSizes(w, 'feedback', speaker, `${state.node}.${choice}`);
      const last = i === walk.choices.length - 1;
      await panel.getByRole('button', { name: ui(lang, last ? 'play.seeDebrief' : 'play.continue'), exact: true }).click();
      state = step(model, state, choice)!;
    }
    // Every walk ends where the engine says, with its ending and skills on the debrief.
    const debrief = page.locator('section.screen.debrief');
    await debrief.waitFor();
    expect(await debrief.getAttribute('data-ending')).toBe(state.node);
    expect(await debrief.locator('header.ending h1').textContent()).toBe(endingTitle(s, state.node, lang));
    expect((await debriefSkills(page)).earned).toEqual(state.skills);
    if (n < walks.length - 1) await button(page, ui(lang, 'debrief.replay')).click();
  }
}

describe('every decision whole in view', () => {
  // Thai and English are walked side by side, each in its own page.
  test.each(shipped)('%s, in Thai and in English', async (file) => {
    const path = `scenarios/${file}`;
    const loaded = loadScenarioFile(`${ROOT}/${path}`);
    const compiled = loaded.kind === 'compiled' ? loaded.result.compiled : undefined;
    expect(compiled).toBeDefined();
    const { model, strings } = compiled!;
    const s = loadScenario(path);
    const walks = coverWalks(model, longestFeedback(model, strings));

    const opened = await Promise.all(
      (['th', 'en'] as const).map(async (lang) => {
        const o = await newPage(game.browser, { viewport: { width: SIZES[0].width, height: SIZES[0].height } });
        await o.page.addInitScript(
          (settings) => localStorage.getItem('prasan.settings.v1') ?? localStorage.setItem('prasan.settings.v1', settings),
          JSON.stringify({ language: lang, timer: 'off', textSize: 'normal' }),
        );
        const walker: Walker = { page: o.page, lang, size: SIZES[0], found: [], fits: [], measured: new Set() };
        return { opened: o, walker };
      }),
    );
    try {
      await Promise.all(opened.map(({ walker }) => walkAll(walker, model, s, walks)));
      const decisions = Object.values(model.nodes)
        .filter((n) => n.kind === 'decision')
        .map((n) => n.id)
        .sort();
      for (const { opened: o, walker } of opened) {
        expect([...walker.measured].sort()).toEqual(decisions);
        expect(walker.found).toEqual([]);
        // The fitting is a safety net: the layout itself must hold nearly every screen at full size.
        const fitted = walker.fits.filter((f) => f.fit < 1);
        const smallest = Math.min(...walker.fits.map((f) => f.fit));
        console.info(
          `${model.id} (${walker.lang}): ${walker.measured.size} decisions and their longest feedbacks; ${walker.fits.length} wide screens, ${fitted.length} stepped down (smallest text ${Math.round(smallest * 100)} %)`,
        );
        expect(fitted.length / walker.fits.length, fitted.map((f) => `${f.where}: ${f.fit}`).join('; ')).toBeLessThan(0.1);
        expectNoErrors(o);
      }
    } finally {
      await Promise.all(opened.map(({ opened: o }) => o.context.close()));
    }
  });
});
