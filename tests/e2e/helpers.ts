/**
 * Helpers shared by the end-to-end tests: the scenarios' own texts read from their YAML at test time
 * (so no test hard-codes prose), the UI's strings from the locale files, the `prasan` command's
 * verdict on a path, and a player that clicks through a path by the choices' labels, as a person would.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { parse } from 'yaml';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, expect } from 'vitest';
import { main as cli } from '../../src/cli/main';
import { launchBrowser, openGame, serveBuild } from './browser';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = resolve(ROOT, 'test-results/screenshots');

export type Lang = 'th' | 'en';
export type Localized = Partial<Record<Lang, string>>;

export const SKILLS = ['communication', 'observation', 'negotiation', 'networking', 'ethics', 'coordination', 'strategy'] as const;
export type Skills = Record<(typeof SKILLS)[number], number>;

// ---------- the scenarios' texts ----------

interface YamlChoice {
  id: string;
  refs?: string[];
  text: Localized;
  feedback?: Localized;
  next?: string;
  when?: unknown;
}
interface YamlNode {
  text?: Localized;
  title?: Localized;
  ending?: string;
  choices?: YamlChoice[];
  branch?: { next: string }[];
  timeout?: { seconds: number; next: string; feedback?: Localized };
}
export interface ScenarioFile {
  file: string;
  id: string;
  version: number;
  title: Localized;
  summary: Localized;
  start: string;
  nodes: Record<string, YamlNode>;
  meters?: Record<string, { initial: number; min: number; max: number }>;
  references?: Record<string, { label: Localized; summary?: Localized; source?: string }>;
}

const cache = new Map<string, ScenarioFile>();

/** A scenario file as its writers wrote it; `path` is relative to the project. */
export function loadScenario(path: string): ScenarioFile {
  const cached = cache.get(path);
  if (cached) return cached;
  const file = resolve(ROOT, path);
  const data = parse(readFileSync(file, 'utf8')) as Omit<ScenarioFile, 'file'>;
  const scenario = { ...data, file };
  cache.set(path, scenario);
  return scenario;
}

export const NCM = 'scenarios/no-confidence-motion.yaml';
export const MBC = 'scenarios/money-bill-certification.yaml';
export const HOSTILE = 'tests/fixtures/menu/hostile-text.yaml';
export const BROKEN = 'tests/fixtures/menu/broken-scenario.yaml';

function localized(value: Localized | undefined, lang: Lang, what: string): string {
  const text = value?.[lang];
  if (typeof text !== 'string' || text.length === 0) throw new Error(`no ${lang} text for ${what}`);
  return text;
}

export function node(s: ScenarioFile, id: string): YamlNode {
  const n = s.nodes[id];
  if (!n) throw new Error(`${s.id} has no node "${id}"`);
  return n;
}

export function choice(s: ScenarioFile, nodeId: string, choiceId: string): YamlChoice {
  const c = node(s, nodeId).choices?.find((x) => x.id === choiceId);
  if (!c) throw new Error(`${s.id} has no choice "${nodeId}.${choiceId}"`);
  return c;
}

export function choiceLabel(s: ScenarioFile, nodeId: string, choiceId: string, lang: Lang): string {
  return localized(choice(s, nodeId, choiceId).text, lang, `${nodeId}.${choiceId}`);
}

export function feedbackText(s: ScenarioFile, nodeId: string, choiceId: string, lang: Lang): string {
  const n = node(s, nodeId);
  const value = choiceId === 'timeout' ? n.timeout?.feedback : choice(s, nodeId, choiceId).feedback;
  return localized(value, lang, `feedback of ${nodeId}.${choiceId}`);
}

export function nodeText(s: ScenarioFile, nodeId: string, lang: Lang): string {
  return localized(node(s, nodeId).text, lang, `text of ${nodeId}`);
}

export function endingTitle(s: ScenarioFile, nodeId: string, lang: Lang): string {
  return localized(node(s, nodeId).title, lang, `title of ${nodeId}`);
}

export function referenceLabel(s: ScenarioFile, ref: string, lang: Lang): string {
  return localized(s.references?.[ref]?.label, lang, `reference ${ref}`);
}

export function referenceSummary(s: ScenarioFile, ref: string, lang: Lang): string {
  return localized(s.references?.[ref]?.summary, lang, `summary of reference ${ref}`);
}

/** The text split as the game splits it: blank lines make paragraphs. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** The decision node whose situation text is the longest in a language. */
export function longestDecision(s: ScenarioFile, lang: Lang): string {
  let best: [string, number] | undefined;
  for (const [id, n] of Object.entries(s.nodes)) {
    if (!n.choices || !n.text?.[lang]) continue;
    const length = n.text[lang].length;
    if (!best || length > best[1]) best = [id, length];
  }
  if (!best) throw new Error(`${s.id} has no decision node`);
  return best[0];
}

// ---------- the UI's own strings ----------

type Strings = { [key: string]: string | Strings };
const locales: Partial<Record<Lang, Strings>> = {};

/** A UI string from src/i18n/locales, with `{{name}}` filled in the way i18next would. */
export function ui(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  const table = (locales[lang] ??= JSON.parse(readFileSync(resolve(ROOT, `src/i18n/locales/${lang}/translation.json`), 'utf8')) as Strings);
  let value: string | Strings | undefined = table;
  for (const part of key.split('.')) value = typeof value === 'object' ? value[part] : undefined;
  if (typeof value !== 'string') throw new Error(`no UI string ${lang}:${key}`);
  return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

// ---------- the command line's verdict ----------

export interface Step {
  node: string;
  choice: string;
}
export interface CliPlay {
  scenario: string;
  ending: { node: string; kind: string };
  skills: Skills;
  attainable: Skills;
  meters: Record<string, number>;
  path: Step[];
}

async function runCli(args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await cli(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  if (code !== 0 && args[0] === 'play') throw new Error(`prasan ${args.join(' ')} exited ${code}: ${err.join('\n')}`);
  return out.join('\n');
}

/** `prasan play FILE --choices … --json`: the ending, skills and path the engine computes. */
export async function cliPlay(path: string, choices: readonly string[]): Promise<CliPlay> {
  return JSON.parse(await runCli(['play', resolve(ROOT, path), '--choices', choices.join(','), '--json'])) as CliPlay;
}

export interface CliDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
  hint?: string;
}

/** `prasan check FILE --json --lang L`: the file's diagnostics, with the file named as the game names it. */
export async function cliCheck(path: string, lang: Lang): Promise<CliDiagnostic[]> {
  const report = JSON.parse(await runCli(['check', resolve(ROOT, path), '--json', '--lang', lang])) as { diagnostics: CliDiagnostic[] }[];
  return report[0]!.diagnostics.map((d) => ({ ...d, file: basename(d.file) }));
}

// ---------- the browser ----------

export interface Opened {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, checked by `expectNoErrors`. */
  errors: string[];
}

/** A fresh context (its own localStorage) and page, collecting the page's errors. */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  return { context, page, errors };
}

export function expectNoErrors(opened: Opened): void {
  expect(opened.errors).toEqual([]);
}

/** The scenario (play) screen's current situation paragraphs. */
export async function situation(page: Page): Promise<string[]> {
  return page.locator('section.screen.play .panel .situation p').allTextContents();
}

/** Waits for a decision node and checks it is the one expected (its situation text). */
export async function expectAtNode(page: Page, s: ScenarioFile, nodeId: string, lang: Lang): Promise<void> {
  await page.locator('body[data-phase="decision"] section.screen.play .choices').waitFor();
  expect(await situation(page)).toEqual(paragraphsOf(nodeText(s, nodeId, lang)));
}

/** The button whose accessible name is exactly this text. */
export function button(page: Page, name: string) {
  return page.getByRole('button', { name, exact: true });
}

/**
 * Plays one step as a person would: checks the node on screen, clicks the choice by its label, checks
 * the feedback names that choice and shows its feedback, then clicks Continue (or See the debrief).
 */
export async function playStep(page: Page, s: ScenarioFile, step: Step, lang: Lang, last: boolean): Promise<void> {
  await expectAtNode(page, s, step.node, lang);
  const label = choiceLabel(s, step.node, step.choice, lang);
  await button(page, label).click();
  await page.locator('body[data-phase="feedback"] .panel .feedback-heading').waitFor();
  expect(await page.locator('.panel .chosen').textContent()).toBe(label);
  expect(await page.locator('.panel .feedback p').allTextContents()).toEqual(paragraphsOf(feedbackText(s, step.node, step.choice, lang)));
  await button(page, ui(lang, last ? 'play.seeDebrief' : 'play.continue')).click();
}

/** Plays a whole path and waits for the debrief. */
export async function playToDebrief(page: Page, s: ScenarioFile, path: readonly Step[], lang: Lang): Promise<void> {
  for (const [i, step] of path.entries()) await playStep(page, s, step, lang, i === path.length - 1);
  await page.locator('section.screen.debrief').waitFor();
}

/** Starts a scenario from the menu by its card's Play button. */
export async function startFromMenu(page: Page, scenarioId: string, lang: Lang): Promise<void> {
  await page
    .locator(`li.card[data-scenario="${scenarioId}"]`)
    .getByRole('button', { name: ui(lang, 'menu.start'), exact: true })
    .click();
  await page.locator('section.screen.play').waitFor();
}

/** The skills table on the debrief: earned and attainable per skill. */
export async function debriefSkills(page: Page): Promise<{ earned: Skills; attainable: Skills }> {
  const rows = await page.locator('table.skills-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
      return [tr.getAttribute('data-skill') ?? '', Number(cells[0]), Number(cells[1])] as const;
    }),
  );
  const earned = Object.fromEntries(rows.map(([s, e]) => [s, e])) as Skills;
  const attainable = Object.fromEntries(rows.map(([s, , a]) => [s, a])) as Skills;
  return { earned, attainable };
}

/** Meter values as the HUD shows them. */
export async function meterValues(page: Page): Promise<Record<string, number>> {
  return Object.fromEntries(
    await page
      .locator('.hud li.meter')
      .evaluateAll((lis) =>
        lis.map((li) => [li.getAttribute('data-meter') ?? '', Number(li.querySelector('.meter-value')?.textContent)] as const),
      ),
  );
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return resolve(SCREENSHOTS, `${name}.png`);
}

// ---------- known paths, from reading the scenarios (choice ids in order) ----------

export const PATHS = {
  ncmSuccess: {
    scenario: NCM,
    choices: [
      'brief-both-readings',
      'respect-speaker',
      'agree-date-window',
      'verified-tracker',
      'ask-chair-bridge',
      'hear-then-redirect',
      'count-yes-votes',
      'hand-audited-page',
      'vote-next-day',
      'remind-the-meeting',
    ],
  },
  ncmFailure: { scenario: NCM, choices: ['back-dissolve', 'draft-the-case'] },
  mbcPartial: {
    scenario: MBC,
    choices: [
      'set-timeline',
      'map-clauses',
      'written-request',
      'merit-only',
      'received-only',
      'balanced-summary',
      'recommend-refuse',
      'wait-for-floor',
      'advise-no-contest',
      'both-paths-memo',
    ],
  },
  mbcFailure: {
    scenario: MBC,
    choices: ['wait-for-party', 'trust-label', 'skip-views', 'agree-shelve', 'deny-delay', 'own-estimate', 'keep-drawer'],
  },
  /** Nine decisions through whip-tuesday, none of them timed (the workshop tests' trainee path). */
  whipNine: {
    scenario: 'scenarios/whip-tuesday.yaml',
    choices: [
      'pull-the-file',
      'one-page-brief',
      'ask-and-listen',
      'level-with-him',
      'refuse-offer-merit',
      'accept-amendment',
      'sequence-with-whip',
      'count-by-name',
      'ask-recess',
    ],
  },
  mbcSuccess: {
    scenario: MBC,
    choices: [
      'set-timeline',
      'map-clauses',
      'precise-request',
      'merit-only',
      'status-line',
      'balanced-summary',
      'recommend-certify',
      'check-scope',
      'explain-objection',
      'share-credit',
    ],
  },
} as const;

// ---------- one preview server and one browser per test file ----------

export interface Game {
  readonly browser: Browser;
  readonly url: string;
}

/**
 * Registers beforeAll/afterAll that serve dist-e2e/ and launch Chromium once for the file. The stage
 * is drawn with Phaser's Canvas renderer unless `webgl` is set (see launchBrowser).
 *
 * A failure to start (no Chromium: chromiumPath's message; no build) is kept and thrown by every test
 * that asks for the browser or the address, so each test FAILS with that message: a throwing
 * beforeAll would only mark them skipped.
 */
export function useGame(options: { webgl?: boolean } = {}): Game {
  let browser: Browser | undefined;
  let server: PreviewServer | undefined;
  let url: string | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      const served = await serveBuild();
      server = served.server;
      url = served.url;
      browser = await launchBrowser(options.webgl ? [] : ['--disable-webgl']);
    } catch (error) {
      failure = error;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
    if (value === undefined) throw new Error('the e2e set-up did not run (beforeAll)');
    return value;
  };
  return {
    get browser() {
      return ready(browser);
    },
    get url() {
      return ready(url);
    },
  };
}

/** Opens the game with a query string, e.g. `?lang=en`. */
export async function open(page: Page, game: Game, query = ''): Promise<void> {
  await openGame(page, `${game.url}${query}`);
}
