/**
 * The trainer controls the room from the dashboard, by clicking its labels as a person would, against
 * the real server: joining closed (a trainee's join is refused, in words) and opened again (the same
 * trainee joins), a new join code (the old one stops working; a second dashboard open on the room,
 * the projector's, follows to the new code), a trainee removed with their runs kept and another with
 * theirs deleted. Opened from another address than the laptop's own, the dashboard warns that the key
 * crosses the network. Screenshot of the room with its controls at 1366×768 (test-results/).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { JoinReply, SessionSnapshot } from '../../src/workshop/protocol';
import th from '../../src/dashboard/locales/th.json';
import { launchBrowser } from './browser';
import { button, newPage, ROOT, screenshotPath, ui } from './helpers';
import { createSession, startWorkshopServer, TRAINER_KEY, type WorkshopServer } from './workshop-server';

/** A name that resolves to the loopback address but is not "localhost": another device, to the page. */
const OTHER_HOST = 'prasan-laptop.test';

let server: WorkshopServer;
let browser: Browser;
let port = '';

beforeAll(async () => {
  server = await startWorkshopServer(`${ROOT}/dist-e2e`);
  port = new URL(server.url).port;
  browser = await launchBrowser([`--host-resolver-rules=MAP ${OTHER_HOST} 127.0.0.1`]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function api<T>(path: string, key?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as T };
}

async function joinByApi(code: string, name: string): Promise<JoinReply> {
  const response = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as JoinReply;
}

/** Signs in on a dashboard page opened at `origin` and opens the session's room. */
async function openRoom(page: Page, origin: string, code: string): Promise<void> {
  await page.goto(`${origin}/dashboard.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.getByLabel(th.signIn.key).fill(TRAINER_KEY);
  await page.getByRole('button', { name: th.signIn.submit }).click();
  await page.getByRole('heading', { name: th.create.heading }).waitFor();
  await page.locator(`tr[data-code="${code}"]`).getByRole('button', { name: th.sessions.open }).click();
  await page.locator('.link-status.live').waitFor();
}

/** Buttons, the code and the QR that overlap one another on screen, and an open menu off the screen. */
async function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll('button, summary, .link-status, .join-code, .join-qr, .joining-state, .joining-panel p')]
      .filter((el) => el.getBoundingClientRect().width > 0 && el.checkVisibility())
      .map((el) => [el, el.getBoundingClientRect()] as const);
    const found: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, ra] = boxes[i]!;
        const [b, rb] = boxes[j]!;
        if (a.contains(b) || b.contains(a)) continue;
        // An open menu floats over the page by design: its parts are checked only against one another.
        if (Boolean(a.closest('details[open] .export-panel')) !== Boolean(b.closest('details[open] .export-panel'))) continue;
        const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (x > 1 && y > 1) found.push(`"${a.textContent?.slice(0, 24)}" overlaps "${b.textContent?.slice(0, 24)}"`);
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth) found.push('the page scrolls sideways');
    for (const panel of document.querySelectorAll('details[open] .export-panel')) {
      const box = panel.getBoundingClientRect();
      if (box.left < 0 || box.right > window.innerWidth || box.bottom > window.innerHeight) found.push('an open menu runs off the screen');
    }
    return found;
  });
}

describe('the trainer controls the room', () => {
  test('closes joining, opens it again, issues a new code and removes trainees, by clicking', async () => {
    const code = await createSession(server, ['whip-tuesday'], 'รุ่นควบคุมห้อง');
    const kept = await joinByApi(code, 'สมชาย กลับก่อน');
    const deleted = await joinByApi(code, 'สมปอง ส่งมั่ว');

    const trainer = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    const projector = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    const trainee = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    const page = trainer.page;
    try {
      await openRoom(page, server.url, code);
      await openRoom(projector.page, server.url, code);
      // Opened on the laptop itself: no warning.
      expect(await page.locator('.remote-warning .message').count()).toBe(0);
      const state = page.getByTestId('joining-state');
      expect(await state.textContent()).toBe(th.joining.roomOpen);
      const menu = page.getByTestId('joining-menu');
      expect(await menu.textContent()).toBe(th.joining.summaryOpen);

      // Close joining: the room says so, and a trainee's join is refused in words.
      await menu.click();
      await page.getByText(th.joining.openTonight).waitFor();
      await page.screenshot({ path: screenshotPath('dashboard-joining-menu-1366') });
      expect(await overlaps(page)).toEqual([]);
      await button(page, th.joining.close).click();
      await expect.poll(() => state.textContent()).toBe(th.joining.roomClosed);
      expect(await menu.textContent()).toBe(th.joining.summaryClosed);
      await page.getByText(th.joining.closed).waitFor();
      await expect.poll(() => projector.page.getByTestId('joining-state').textContent()).toBe(th.joining.roomClosed);

      await trainee.page.goto(`${server.url}/?join=${code}`);
      await trainee.page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      const dialog = trainee.page.locator('dialog.join-dialog[open]');
      const error = dialog.locator('.join-error');
      await expect.poll(() => error.textContent()).toBe(ui('th', 'workshop.errorJoiningClosed'));
      expect(await dialog.locator('.privacy').isVisible()).toBe(false);

      // Open it again: the same trainee, trying again, joins.
      await button(page, th.joining.open).click();
      await expect.poll(() => state.textContent()).toBe(th.joining.roomOpen);
      await button(trainee.page, ui('th', 'workshop.next')).click();
      await dialog.locator('.privacy').waitFor();
      await dialog.getByLabel(ui('th', 'workshop.nameLabel')).fill('สมหญิง มาสาย');
      await button(trainee.page, ui('th', 'workshop.join')).click();
      await trainee.page.locator('.workshop-session').waitFor();

      // A new join code: asked first, then the old code is no one's; both dashboards show the new one.
      await button(page, th.joining.newCode).click();
      const confirm = page.locator('dialog.confirm[open]');
      await confirm.getByText(th.joining.newCodeTitle.replace('{{code}}', code)).waitFor();
      await confirm.getByRole('button', { name: th.joining.newCodeConfirm }).click();
      const codeShown = page.getByTestId('join-code');
      await expect.poll(() => codeShown.textContent()).not.toBe(code);
      const fresh = (await codeShown.textContent())!;
      expect(fresh).toMatch(/^[A-Z2-9]{6}$/);
      await page.getByText(th.joining.newCodeDone.replace('{{code}}', fresh)).waitFor();
      expect(new URL(page.url()).hash).toBe(`#room=${fresh}`);
      expect(await page.locator('.room-title .code-small').textContent()).toBe(fresh);
      await expect.poll(() => projector.page.getByTestId('join-code').textContent()).toBe(fresh);
      await expect.poll(() => new URL(projector.page.url()).hash).toBe(`#room=${fresh}`);
      expect(await projector.page.locator('.join-qr').getAttribute('src')).toBe(`api/join/${fresh}/qr.svg`);
      expect((await api(`/api/join/${code}`)).status).toBe(404);
      expect((await api(`/api/join/${fresh}`)).status).toBe(200);
      // Trainees already in keep their place.
      expect((await api('/api/me', kept.key)).status).toBe(200);
      // Pressing Escape closes the menu (the screenshot of the room has it folded).
      await page.keyboard.press('Escape');
      await page.locator('body').click({ position: { x: 5, y: 300 } });

      // Remove a trainee, keeping their runs: their key stops working, their row says removed.
      await page.locator('.tabs button[data-tab="trainees"]').click();
      await page.getByRole('button', { name: th.trainees.removeLabel.replace('{{who}}', kept.trainee.pseudonym) }).click();
      const choose = page.locator('dialog.confirm[open]');
      await choose.getByText(th.trainees.removeBody).waitFor();
      await choose.getByRole('button', { name: th.trainees.removeKeep }).click();
      await page.getByText(th.trainees.removedDone.replace('{{who}}', kept.trainee.pseudonym)).waitFor();
      const keptRow = page.locator(`tr[data-trainee="${kept.trainee.pseudonym}"]`);
      await keptRow.locator('.removed-badge', { hasText: th.trainees.removed }).waitFor();
      expect(await keptRow.getByRole('button', { name: th.trainees.remove }).count()).toBe(0);
      expect((await api('/api/me', kept.key)).status).toBe(401);

      // Remove another with their data deleted: gone from the room and from the file.
      await page.getByRole('button', { name: th.trainees.removeLabel.replace('{{who}}', deleted.trainee.pseudonym) }).click();
      await choose.getByRole('button', { name: th.trainees.removeDelete }).click();
      await page.getByText(th.trainees.deletedDone.replace('{{who}}', deleted.trainee.pseudonym)).waitFor();
      await expect.poll(() => page.locator(`tr[data-trainee="${deleted.trainee.pseudonym}"]`).count()).toBe(0);
      await expect.poll(() => projector.page.locator('.join-panel .chip').allTextContents()).toEqual(['P03']);
      const snapshot = await api<SessionSnapshot>(`/api/trainer/sessions/${fresh}`, TRAINER_KEY);
      expect(snapshot.body.trainees.map((t) => [t.pseudonym, Boolean(t.removedAt)])).toEqual([
        ['P01', true],
        ['P03', false],
      ]);
      await page.screenshot({ path: screenshotPath('dashboard-trainees-removed-1366') });
      expect(await overlaps(page)).toEqual([]);
      await page.locator('.tabs button[data-tab="join"]').click();
      await page.screenshot({ path: screenshotPath('dashboard-room-controls-1366') });
      expect(await overlaps(page)).toEqual([]);
      for (const opened of [trainer, projector]) expect(opened.errors).toEqual([]);
    } finally {
      await trainer.context.close();
      await projector.context.close();
      await trainee.context.close();
    }
  }, 180_000);

  test('opened from another address than the laptop itself, the dashboard warns that the key crosses the network', async () => {
    const opened = await newPage(browser, { viewport: { width: 1366, height: 768 } });
    try {
      await opened.page.goto(`http://${OTHER_HOST}:${port}/dashboard.html`);
      await opened.page.waitForSelector('body[data-ready="true"]');
      const warning = opened.page.locator('.remote-warning .message');
      expect(await warning.textContent()).toBe(th.app.remote.replace('{{host}}', OTHER_HOST));
      // Before the key is typed: the warning is on the sign-in screen.
      expect(await opened.page.getByLabel(th.signIn.key).isVisible()).toBe(true);
      await opened.page.screenshot({ path: screenshotPath('dashboard-remote-warning-1366') });
      await opened.page.locator('#language').selectOption('en');
      await expect.poll(() => warning.textContent()).toContain('crosses the network unencrypted');
    } finally {
      await opened.context.close();
    }
  }, 60_000);
});
