/**
 * What the bench measures in headless Chromium: time from navigation to the ready flag, each run in a
 * fresh browser context (cold HTTP cache), and the JS heap over repeated plays of a scenario.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

const VIEWPORT = { width: 1280, height: 720 };

/** Problems a page reported: uncaught exceptions and console.error messages. */
export interface PageProblems {
  errors: string[];
}

function watch(page: Page, problems: PageProblems): void {
  page.on('pageerror', (error) => problems.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(`console.error: ${message.text()}`);
  });
}

// A string, not a function: tsx (esbuild) would wrap a function's inner names in a `__name` helper
// that doesn't exist in the page.
// Besides the ready time it notes when the last file (JS, CSS, font…) had arrived by then, to tell
// loading from running apart.
const READY_PROBE = `
  new MutationObserver(() => {
    if (window.__benchReady !== undefined || !document.body || document.body.dataset.ready !== 'true') return;
    const now = performance.now();
    const files = performance.getEntriesByType('resource').filter((e) => e.responseEnd <= now);
    window.__benchReady = {
      ms: now,
      files: files.length,
      lastFileEnd: Math.max(0, ...files.map((e) => e.responseEnd)),
      waterfall: files.map((e) => ({ file: e.name.split('/').pop().split('?')[0], start: e.startTime, end: e.responseEnd })),
    };
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
`;

export interface ReadySample {
  /** performance.now() when body[data-ready="true"] appeared (navigation start = 0). */
  ms: number;
  /** Files other than the page itself loaded by then, and when the last of them had arrived. */
  files: number;
  lastFileEnd: number;
  /** Each of those files: requested at `start`, fully arrived at `end` (ms). */
  waterfall: { file: string; start: number; end: number }[];
}

/**
 * Opens `url` in a new context and returns performance.now() (navigation start = 0) at the moment
 * body[data-ready="true"] appears, as seen by a MutationObserver installed before any page script.
 */
export async function timeToReady(browser: Browser, url: string, problems: PageProblems): Promise<ReadySample> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(READY_PROBE);
    const page = await context.newPage();
    watch(page, problems);
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page
      .waitForFunction(() => (window as unknown as { __benchReady?: ReadySample }).__benchReady, null, { timeout: 60_000, polling: 50 })
      .catch((error: unknown) => {
        throw new Error(`${url} never became ready (${String(error)}); page errors: ${problems.errors.join(' | ') || 'none'}`);
      });
    const sample = (await handle.jsonValue()) as ReadySample;
    if (!Number.isFinite(sample.ms)) throw new Error(`no ready time from ${url}`);
    return sample;
  } finally {
    await context.close();
  }
}

export interface HeapResult {
  scenario: string;
  clicks: 'pointer' | 'in-page';
  plays: number;
  /** Decisions taken per play (the first choice each time). */
  steps: number[];
  /** JS heap used (bytes) after each play, back at the menu, after forced garbage collection. */
  heap: number[];
  /** For information: Blink's own heap (DOM nodes and the like, outside the JS heap) at the same moments. */
  dom: number[];
  first: number;
  /** After the warm-up plays (V8 settles its code and caches over the first plays): the median of the ten readings up to there. */
  warm: number;
  warmPlays: number;
  /** The median of the last ten readings. */
  last: number;
  /** Growth from the warm-up's end to the last play. */
  growthPercent: number;
  /** For information: growth from play 1 to the warm-up's end. */
  warmUpGrowthPercent: number;
  /** What grew between the warm-up's end and the last play, from two heap snapshots (JS objects only, no Blink/DOM objects). */
  growthByKind: { kind: string; bytes: number }[];
  seconds: number;
}

/**
 * A heap snapshot's JS side summed by kind: compiled code, strings, arrays, closures, and objects by
 * constructor name. Blink's own (native) objects are left out: Runtime.getHeapUsage doesn't count them either.
 */
async function heapByKind(cdp: CDPSession): Promise<Map<string, number>> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const totals = new Map<string, number>();
  const { nodes, strings } = snapshot;
  for (let i = 0; i < nodes.length; i += fields.length) {
    const t = types[nodes[i + type]!] ?? '?';
    if (t === 'native' || t === 'synthetic') continue;
    const kind = t === 'object' ? (strings[nodes[i + name]!] ?? '?') : t.endsWith('string') ? '(strings)' : `(${t})`;
    totals.set(kind, (totals.get(kind) ?? 0) + nodes[i + size]!);
  }
  return totals;
}

type Screen = 'debrief' | 'continue' | 'choice';

/**
 * How the heap run clicks. By default one script in the page plays the whole scenario, clicking the
 * buttons with element.click() (the same handlers as a user's click) and letting two animation
 * frames pass between clicks, so Phaser switches scenes and runs its fades. That adds next to
 * nothing to the heap being measured. BENCH_REAL_CLICKS=1 uses Playwright's pointer clicks instead:
 * closer to a user, but each click first waits for the button to be stable over animation frames,
 * and frames are slow here (WebGL in SwiftShader on a busy 2-core machine): about 10 s a play, and
 * Playwright's own work lands in the same JS heap.
 */
const REAL_CLICKS = process.env['BENCH_REAL_CLICKS'] === '1';

// A string, not a function, for the same reason as READY_PROBE.
const PLAY_IN_PAGE = `async (scenario) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const find = (selector) => document.querySelector(selector);
  const start = find('.screen.menu .card[data-scenario="' + scenario + '"] button.primary');
  if (!start) throw new Error('no Play button for ' + scenario);
  start.click();
  let steps = 0;
  const deadline = performance.now() + 60000;
  while (performance.now() < deadline) {
    await frame();
    await frame();
    if (find('.screen.debrief')) {
      // The debrief's actions: Replay (primary), Menu, Download, Print.
      document.querySelectorAll('.screen.debrief .actions button')[1].click();
      await frame();
      if (!find('.screen.menu')) throw new Error('the menu button of the debrief did not lead to the menu');
      return steps;
    }
    const next = find('.screen.play button.continue');
    const choice = find('.screen.play button.choice');
    if (next) next.click();
    else if (choice) {
      choice.click();
      steps += 1;
      if (steps > 300) throw new Error('no ending after 300 first-choice decisions');
    }
  }
  throw new Error('no debrief within 60 s');
}`;

async function playWithPointer(page: Page, scenario: string): Promise<number> {
  await page.locator(`.screen.menu .card[data-scenario="${scenario}"] button.primary`).click();
  let steps = 0;
  for (;;) {
    const handle = await page.waitForFunction(
      (): Screen | false =>
        document.querySelector('.screen.debrief')
          ? 'debrief'
          : document.querySelector('.screen.play button.continue')
            ? 'continue'
            : document.querySelector('.screen.play button.choice')
              ? 'choice'
              : false,
      null,
      { timeout: 30_000 },
    );
    const screen = (await handle.jsonValue()) as Screen;
    await handle.dispose();
    if (screen === 'debrief') break;
    if (screen === 'choice') {
      await page.locator('.screen.play button.choice').first().click();
      steps += 1;
    } else await page.locator('.screen.play button.continue').click();
    if (steps > 300) throw new Error(`${scenario}: no ending after 300 first-choice decisions`);
  }
  await page.locator('.screen.debrief .actions button').nth(1).click();
  // A locator, not page.waitForSelector(): the ElementHandle that returns would keep this menu's DOM
  // alive (a DevTools global handle) after the next play replaces it, and the heap would grow by it.
  await page.locator('.screen.menu').waitFor();
  return steps;
}

/** Plays one scenario through the UI: its card's Play button, first choice and Continue until the debrief, then back to the menu. */
async function playOnce(page: Page, scenario: string): Promise<number> {
  if (REAL_CLICKS) return playWithPointer(page, scenario);
  return page.evaluate<number>(`(${PLAY_IN_PAGE})(${JSON.stringify(scenario)})`);
}

export async function heapOverPlays(
  browser: Browser,
  url: string,
  plays: number,
  warmPlays: number,
  problems: PageProblems,
): Promise<HeapResult> {
  const started = performance.now();
  const context: BrowserContext = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    watch(page, problems);
    await page.goto(url);
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    const scenario = await page.locator('.screen.menu .card[data-scenario]').first().getAttribute('data-scenario');
    if (!scenario) throw new Error('the menu shows no playable scenario');
    const cdp = await context.newCDPSession(page);
    const heapUsage = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return cdp.send('Runtime.getHeapUsage');
    };
    const steps: number[] = [];
    const heap: number[] = [];
    const dom: number[] = [];
    let before: Map<string, number> | undefined;
    let after: Map<string, number> | undefined;
    for (let i = 0; i < plays; i++) {
      steps.push(await playOnce(page, scenario));
      const usage = await heapUsage();
      heap.push(usage.usedSize);
      dom.push(usage.embedderHeapUsedSize ?? Number.NaN);
      // Snapshots only after the readings they explain.
      if (i === warmPlays - 1) before = await heapByKind(cdp);
      if (i === plays - 1) after = await heapByKind(cdp);
    }
    await cdp.detach();
    // One reading swings by ±5 % from play to play (V8 compiles and flushes code as functions get hot
    // and cold), so each end is the median of the last ten readings up to it.
    const medianOf = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const window = (end: number) => medianOf(heap.slice(Math.max(0, end - 10), end));
    const first = heap[0]!;
    const warm = window(warmPlays);
    const last = window(heap.length);
    const kinds = [...new Set([...before!.keys(), ...after!.keys()])];
    const growthByKind = kinds
      .map((kind) => ({ kind, bytes: (after!.get(kind) ?? 0) - (before!.get(kind) ?? 0) }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 8);
    return {
      scenario,
      clicks: REAL_CLICKS ? 'pointer' : 'in-page',
      plays,
      steps,
      heap,
      dom,
      first,
      warm,
      warmPlays,
      last,
      growthPercent: (100 * (last - warm)) / warm,
      warmUpGrowthPercent: (100 * (warm - first)) / first,
      growthByKind,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await context.close();
  }
}

export interface PlayCost {
  /** The JS files fetched from opening the page to the end of a play of the scenario (names only). */
  jsFiles: string[];
  /** CPU the page's main thread spent while a decision sat on screen, untouched, in ms per second. */
  idleMsPerSecond: number;
  idleSeconds: number;
}

const IDLE_SECONDS = 5;

/** Renderer main-thread time so far (ms), from the DevTools Performance domain. */
async function busyMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return 1000 * (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN);
}

/**
 * One trainee's session in a fresh context (cold cache): the menu, then `scenario` from its card. At
 * the first decision, after the stage's fades, nothing is touched for IDLE_SECONDS and the main thread's
 * busy time is read; then the scenario is played to the debrief (first choice each time), and every
 * JS file the page fetched is listed. `scenario` undefined: the page's own idle time only (the bare page).
 */
export async function playCost(browser: Browser, url: string, scenario: string | undefined, problems: PageProblems): Promise<PlayCost> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    watch(page, problems);
    await page.goto(url);
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    if (scenario) {
      await page.locator(`.screen.menu .card[data-scenario="${scenario}"] button.primary`).click();
      await page.locator('.screen.play button.choice').first().waitFor();
    }
    // Past the stage's fades and its loop's wind-down (stage.ts), before measuring a still screen.
    await page.waitForTimeout(1500);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = await busyMs(cdp);
    await page.waitForTimeout(IDLE_SECONDS * 1000);
    const idleMsPerSecond = ((await busyMs(cdp)) - before) / IDLE_SECONDS;
    await cdp.detach();
    if (scenario) {
      await page.locator('.screen.menu, .screen.play').first().waitFor();
      await page.evaluate(`(async () => {
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
        for (let i = 0; i < 600 && !document.querySelector('.screen.debrief'); i++) {
          await frame();
          const next = document.querySelector('.screen.play button.continue') || document.querySelector('.screen.play button.choice');
          if (next) next.click();
        }
      })()`);
      await page.locator('.screen.debrief').waitFor({ timeout: 60_000 });
    }
    const jsFiles = await page.evaluate(
      `[...new Set(performance.getEntriesByType('resource').map((e) => e.name.split('/').pop().split('?')[0]).filter((n) => n.endsWith('.js')))]`,
    );
    return { jsFiles: jsFiles as string[], idleMsPerSecond, idleSeconds: IDLE_SECONDS };
  } finally {
    await context.close();
  }
}
