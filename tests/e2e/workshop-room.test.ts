/**
 * A whole workshop, as issue 5 defines "done": the real server with a real SQLite file and a real
 * Chromium. The trainer signs in to the dashboard and creates a session by clicking; three trainees
 * join from the join link and play by clicking the choices' labels, one of them losing the network
 * mid-play and coming back; the dashboard follows them live; the CSV export holds every decision.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import th from '../../src/dashboard/locales/th.json';
import { launchBrowser } from './browser';
import { cliPlay, loadScenario, newPage, PATHS, playStep, screenshotPath, ui, type Opened, type Step } from './helpers';
import { joinByLink, startFromWorkshop, startWorkshopServer, TRAINER_KEY, type WorkshopServer } from './workshop-server';
import { playsById } from '../scenarios/plans';

const WHIP = 'scenarios/whip-tuesday.yaml';
const whip = loadScenario(WHIP);
const golden = playsById();

/** Three trainees, three different paths through whip-tuesday (no timers: a person clicks each). */
const TRAINEES = [
  { name: 'สมชาย ใจดี', choices: golden['whip-tuesday']![0]!.choices },
  { name: 'วิภาวรรณ ศรีสุข', choices: golden['whip-tuesday']![1]!.choices },
  { name: 'Kittipong', choices: PATHS.whipNine.choices },
];

let server: WorkshopServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWorkshopServer();
  browser = await launchBrowser(['--disable-webgl']);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Player {
  opened: Opened;
  path: Step[];
  done: number;
}

/** Plays the next `count` steps of the player's path by clicking their labels. */
async function play(player: Player, count: number): Promise<void> {
  const until = Math.min(player.path.length, player.done + count);
  for (; player.done < until; player.done++) {
    await playStep(player.opened.page, whip, player.path[player.done]!, 'th', player.done === player.path.length - 1);
  }
}

function sentLine(page: Page) {
  return page.locator('.hud .workshop-status').textContent();
}

describe('a workshop from start to finish', () => {
  test('a trainer and three trainees: sessions, live dashboard, a dropped network, and a CSV with every decision', async () => {
    // The trainer signs in and creates the session.
    const trainer = await newPage(browser, { viewport: { width: 1920, height: 1080 } });
    const dashboard = trainer.page;
    await dashboard.goto(`${server.url}/dashboard.html`);
    await dashboard.waitForSelector('body[data-ready="true"]');
    await dashboard.getByLabel(th.signIn.key).fill(TRAINER_KEY);
    await dashboard.getByRole('button', { name: th.signIn.submit }).click();
    await dashboard.getByLabel(th.create.title).fill('อบรมผู้ประสานงานการเมือง รุ่นที่ 1');
    await dashboard.locator('label.scenario-pick', { hasText: whip.title.th! }).click();
    await dashboard.getByRole('button', { name: th.create.submit }).click();
    const row = dashboard.locator('tr[data-code]');
    await row.waitFor();
    const code = (await row.getAttribute('data-code'))!;
    await row.getByRole('button', { name: th.sessions.open }).click();
    await expect.poll(() => dashboard.locator('.join-code').textContent()).toBe(code);
    await dashboard.locator('.link-status.live').waitFor();

    // Three trainees join, each in their own browser.
    const players: Player[] = [];
    for (const trainee of TRAINEES) {
      const opened = await newPage(browser, { viewport: { width: 1366, height: 768 } });
      // Timers off, as in the menu's settings: while one trainee waits for the test to play the
      // others, a 40-second countdown must not decide for them.
      await opened.context.addInitScript(() =>
        localStorage.setItem('prasan.settings.v1', JSON.stringify({ language: 'th', timer: 'off', textSize: 'normal' })),
      );
      const { path } = await cliPlay(WHIP, trainee.choices);
      expect(path).toHaveLength(trainee.choices.length);
      await joinByLink(opened.page, server, code, trainee.name);
      await startFromWorkshop(opened.page, 'whip-tuesday');
      players.push({ opened, path, done: 0 });
    }
    await expect.poll(() => dashboard.locator('.chips .chip').allTextContents()).toEqual(['P01', 'P02', 'P03']);

    // Everyone makes three decisions; the dashboard shows each at the fourth.
    for (const player of players) await play(player, 3);
    await dashboard.locator('.tabs button[data-tab="trainees"]').click();
    for (const pseudonym of ['P01', 'P02', 'P03']) {
      await expect
        .poll(() => dashboard.locator(`tr[data-trainee="${pseudonym}"] .where`).textContent())
        .toContain(th.trainees.playing.replace('{{n}}', '4'));
    }

    // P02's network drops; they play on, and their decisions wait in the browser.
    const offline = players[1]!;
    await offline.opened.context.setOffline(true);
    await play(offline, 3);
    await expect.poll(() => sentLine(offline.opened.page)).toBe(ui('th', 'workshop.statusOffline', { count: 3 }));
    await offline.opened.page.screenshot({ path: screenshotPath('workshop-room-offline-trainee') });

    // The other two finish; the room sees it while P02 is still where the network left them.
    for (const player of [players[0]!, players[2]!]) await play(player, Infinity);
    await expect.poll(() => dashboard.locator('tr[data-trainee="P01"]').getAttribute('class')).toBe('status-finished');
    await expect.poll(() => dashboard.locator('tr[data-trainee="P03"]').getAttribute('class')).toBe('status-finished');
    expect(await dashboard.locator('tr[data-trainee="P02"] .where').textContent()).toContain(th.trainees.playing.replace('{{n}}', '4'));

    // The network comes back: what waited goes at once, and P02 finishes.
    await offline.opened.context.setOffline(false);
    await expect.poll(() => sentLine(offline.opened.page), { timeout: 15_000 }).toBe(ui('th', 'workshop.statusSent'));
    await expect
      .poll(() => dashboard.locator('tr[data-trainee="P02"] .where').textContent())
      .toContain(th.trainees.playing.replace('{{n}}', '7'));
    await play(offline, Infinity);
    await expect.poll(() => dashboard.locator('tr[data-trainee="P02"]').getAttribute('class')).toBe('status-finished');
    for (const player of players) {
      await expect
        .poll(() => player.opened.page.locator('.debrief .workshop-delivery').textContent(), { timeout: 10_000 })
        .toBe(ui('th', 'workshop.resultDelivered'));
    }

    // The room's endings, live.
    await dashboard.locator('.tabs button[data-tab="endings"]').click();
    const total = await dashboard
      .locator('.endings [data-ending]')
      .evaluateAll((bars) => bars.reduce((sum, bar) => sum + Number(bar.getAttribute('data-count')), 0));
    expect(total).toBe(3);
    await dashboard.screenshot({ path: screenshotPath('workshop-room-endings-1920') });

    // The CSV export holds every decision, by pseudonym, in the order each was made.
    await dashboard.locator('.export-menu summary').click();
    const download = dashboard.waitForEvent('download');
    await dashboard.getByRole('button', { name: th.export.csv }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, ...lines] = csv
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    const column = (name: string) => header!.indexOf(name);
    const decisions = lines.filter((cells) => cells[column('record')] === 'decision');
    players.forEach((player, i) => {
      const pseudonym = `P0${i + 1}`;
      const mine = decisions.filter((cells) => cells[column('trainee')] === pseudonym);
      expect(mine.map((cells) => ({ node: cells[column('node')], choice: cells[column('choice')] }))).toEqual(player.path);
    });
    expect(decisions).toHaveLength(players.reduce((sum, p) => sum + p.path.length, 0));
    expect(lines.filter((cells) => cells[column('record')] === 'result')).toHaveLength(3);
    expect(csv).not.toContain('สมชาย');

    // Nothing went wrong on any page (the offline trainee's failed requests aside).
    for (const opened of [trainer, ...players.map((p) => p.opened)]) {
      expect(opened.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      await opened.context.close();
    }
  });
});
