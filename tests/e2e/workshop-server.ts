/**
 * The real workshop server for end-to-end tests: the built game (dist-e2e/), the API, and a real
 * SQLite file in a fresh temporary folder, on a free loopback port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { buildServer } from '../../src/server/app';
import { openDatabase, Store } from '../../src/server/db';
import { ScenarioCatalog } from '../../src/server/scenarios';
import { button, ui } from './helpers';

export const TRAINER_KEY = 'e2e-trainer-key';

export interface WorkshopServer {
  url: string;
  store: Store;
  app: FastifyInstance;
  dataFile: string;
  close(): Promise<void>;
}

let catalog: ScenarioCatalog | undefined;

export async function startWorkshopServer(outDir = 'dist-e2e'): Promise<WorkshopServer> {
  // Compiling the library takes a few seconds; the tests in one file share it.
  catalog ??= new ScenarioCatalog(['scenarios']);
  const folder = mkdtempSync(join(tmpdir(), 'prasan-workshop-'));
  const dataFile = join(folder, 'prasan.sqlite');
  const store = new Store(openDatabase(dataFile));
  let url = 'http://127.0.0.1';
  const app = await buildServer({ store, catalog, trainerKey: TRAINER_KEY, staticDir: resolve(outDir) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the workshop server has no port');
  url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    store,
    app,
    dataFile,
    async close() {
      await app.close();
      store.db.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Creates a session through the trainer API, as the dashboard does; returns its join code. */
export async function createSession(server: WorkshopServer, scenarios: string[], title = 'การฝึกอบรม'): Promise<string> {
  const response = await fetch(`${server.url}/api/trainer/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TRAINER_KEY}` },
    body: JSON.stringify({ title, scenarios }),
  });
  if (response.status !== 201) throw new Error(`creating a session failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { code: string }).code;
}

/**
 * A trainee opens the join link, reads the privacy notice, gives a name and joins (in Thai); returns
 * when the menu shows the session.
 */
export async function joinByLink(page: Page, server: WorkshopServer, code: string, name: string): Promise<void> {
  await page.goto(`${server.url}/?join=${code}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  const dialog = page.locator('dialog.join-dialog[open]');
  await dialog.locator('.privacy').waitFor();
  await dialog.getByLabel(ui('th', 'workshop.nameLabel')).fill(name);
  await button(page, ui('th', 'workshop.join')).click();
  await page.locator('.workshop-session').waitFor();
}

/** Starts one of the session's scenarios from the workshop's own section of the menu. */
export async function startFromWorkshop(page: Page, scenario: string): Promise<void> {
  await page
    .locator(`.workshop-session li.card[data-scenario="${scenario}"]`)
    .getByRole('button', { name: ui('th', 'menu.start'), exact: true })
    .click();
  await page.locator('section.screen.play').waitFor();
}
