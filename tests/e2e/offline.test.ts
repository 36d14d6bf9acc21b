/**
 * The offline cache in a real Chromium: after one load over a secure address (127.0.0.1 is one), the
 * game comes back and plays with its server gone, every file answered by the service worker; the
 * workshop API is never answered from the cache.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { launchBrowser, openGame, serveBuild } from './browser';
import { cliPlay, loadScenario, NCM, newPage, PATHS, playStep, startFromMenu } from './helpers';

const OUT_DIR = 'dist-e2e';

/** The files the build's sw.js precaches, read from the file itself. */
function precached(): string[] {
  const source = readFileSync(`${OUT_DIR}/sw.js`, 'utf8');
  return JSON.parse(/const PRECACHE = (\[.*\]);/.exec(source)![1]!) as string[];
}

/** What `fetch(path)` gives the page: the status, or that it failed. */
async function fetchFromPage(page: Page, path: string): Promise<number | 'failed'> {
  return page.evaluate(
    (p) =>
      fetch(p).then(
        (r) => r.status,
        () => 'failed' as const,
      ),
    path,
  );
}

describe('offline after the first load', () => {
  test('the built game precaches every file it may need', () => {
    const built = readdirSync(OUT_DIR, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `${entry.parentPath}/${entry.name}`.slice(`${OUT_DIR}/`.length).replaceAll('\\', '/'));
    const list = precached();
    // Every listed file exists; every built file is listed but the worker and the WOFF fonts (Chromium reads WOFF2).
    expect(list.filter((file) => !built.includes(file))).toEqual([]);
    expect(built.filter((file) => !list.includes(file)).sort()).toEqual(
      built.filter((file) => file === 'sw.js' || file.endsWith('.woff')).sort(),
    );
    expect(list).toEqual(expect.arrayContaining(['index.html', expect.stringMatching(/^assets\/no-confidence-motion-[\w-]+\.js$/)]));
  });

  test('with the server stopped, a reload shows the menu and a scenario plays, its chunk from the cache; /api/ is never answered from it', async () => {
    const s = loadScenario(NCM);
    const firstStep = (await cliPlay(NCM, PATHS.ncmFailure.choices)).path[0]!;
    const chunk = precached().find((file) => /^assets\/no-confidence-motion-[\w-]+\.js$/.test(file))!;

    const served = await serveBuild(OUT_DIR);
    let serverUp = true;
    const browser = await launchBrowser(['--disable-webgl']);
    try {
      const opened = await newPage(browser);
      const { context, page } = opened;
      const responses: Response[] = [];
      page.on('response', (response) => responses.push(response));

      const loadStarted = Date.now();
      await openGame(page, served.url);
      const firstLoad = Date.now() - loadStarted;
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
      const cached = Date.now() - loadStarted;
      // The menu alone never asked for a scenario's content: if it comes offline, it came from the precache.
      expect(responses.filter((r) => r.url().endsWith(chunk))).toEqual([]);

      // Online, the API goes to the server, not the worker; then a planted copy in the worker's own cache…
      const apiOnline = page.waitForResponse((r) => r.url().endsWith('/api/workshop'));
      await fetchFromPage(page, '/api/workshop');
      expect((await apiOnline).fromServiceWorker()).toBe(false);
      await page.evaluate(async () => {
        const name = (await caches.keys()).find((key) => key.startsWith('prasan:'))!;
        await (await caches.open(name)).put('/api/workshop', new Response('{"stale":true}'));
      });

      await served.server.close();
      serverUp = false;
      await context.setOffline(true);
      responses.length = 0;
      const reloadStarted = Date.now();
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      const offlineReload = Date.now() - reloadStarted;
      await page.locator('section.screen.menu').waitFor();
      const page0 = responses.find((r) => r.request().isNavigationRequest());
      expect(page0?.fromServiceWorker()).toBe(true);

      // …is never served: offline, the API simply fails.
      expect(await fetchFromPage(page, '/api/workshop')).toBe('failed');

      await startFromMenu(page, s.id, 'th');
      await playStep(page, s, firstStep, 'th', false);
      const scenarioChunk = responses.filter((r) => r.url().endsWith(chunk));
      expect(scenarioChunk.length).toBeGreaterThan(0);
      expect(scenarioChunk.every((r) => r.fromServiceWorker() && r.status() === 200)).toBe(true);
      // Nothing the page needed was missing: the only failure is the API call above.
      expect(opened.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      console.log(`offline cache: first load ${firstLoad} ms, precached by ${cached} ms; offline reload ${offlineReload} ms`);
    } finally {
      await browser.close();
      if (serverUp) await served.server.close();
    }
  });
});
