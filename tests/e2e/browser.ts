/**
 * Shared set-up for the end-to-end tests: the built game served by Vite's preview server on
 * loopback, and Debian's Chromium driven by playwright-core. No browser is ever downloaded.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (p): p is string => typeof p === 'string' && p.length > 0,
);

export function chromiumPath(): string {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "No Chromium found for the end-to-end tests. Install Debian's package (as root: apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.",
    );
  }
  return found;
}

/**
 * `extraArgs` are added to Chromium's command line; the tests pass `--disable-webgl` so Phaser draws
 * the stage with its Canvas renderer: without a GPU, WebGL runs in software (SwiftShader) at 13–20 fps
 * for a full-HD stage on two cores, which slows every click, while Canvas keeps 60 fps.
 */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--font-render-hinting=none',
      ...extraArgs,
    ],
  });
}

/**
 * Serves a build on a free loopback port: by default `dist-e2e/`, the end-to-end build that
 * `npm run test:e2e` makes first (the shipped scenarios plus tests/fixtures/menu).
 */
export async function serveBuild(outDir = 'dist-e2e'): Promise<{ server: PreviewServer; url: string }> {
  if (!existsSync(`${outDir}/index.html`)) {
    throw new Error(`${outDir}/ is missing: run \`npx vite build --mode e2e --outDir dist-e2e\` first (npm run test:e2e does).`);
  }
  const server = await preview({
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'silent',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the preview server has no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/** Opens the game and waits until the first screen is up (fonts and scenarios loaded). */
export async function openGame(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}
