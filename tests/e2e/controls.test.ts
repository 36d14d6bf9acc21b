/**
 * Playing without a mouse (number keys, Tab and Enter, the reference card) and the node timers:
 * off means no countdown and no timeout; normal lets a node's timer fire and the run goes on.
 */
import { describe, expect, test } from 'vitest';
import {
  button,
  choice,
  choiceLabel,
  cliPlay,
  debriefSkills,
  expectAtNode,
  expectNoErrors,
  feedbackText,
  loadScenario,
  MBC,
  NCM,
  newPage,
  node,
  open,
  paragraphsOf,
  PATHS,
  playStep,
  playToDebrief,
  referenceLabel,
  referenceSummary,
  startFromMenu,
  ui,
  useGame,
  type Step,
} from './helpers';

const game = useGame();

describe('keyboard', () => {
  test('"1" takes the first choice on screen; Enter continues; Tab reaches the choices in screen order and Enter takes one; the reference card opens and closes', async () => {
    const s = loadScenario(NCM);
    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game, `?scenario=${s.id}`);
      await expectAtNode(page, s, s.start, 'th');
      // The run's own order (see order.test.ts): "1" is whatever stands first on screen.
      const shown = () => page.locator('.panel button.choice').evaluateAll((b) => b.map((e) => (e as HTMLElement).dataset['choice']!));
      const firstId = (await shown())[0]!;
      const first = choice(s, s.start, firstId);
      // Keys that name no choice do nothing.
      await page.keyboard.press('9');
      await page.keyboard.press('0');
      expect(await page.locator('body').getAttribute('data-phase')).toBe('decision');

      await page.keyboard.press('1');
      await page.locator('body[data-phase="feedback"]').waitFor();
      expect(await page.locator('.panel .chosen').textContent()).toBe(choiceLabel(s, s.start, first.id, 'th'));

      // The reference chips open a card (a modal <dialog>); while it is open the number keys do nothing.
      const ref = first.refs?.[0];
      if (!ref) throw new Error(`the test expects ${s.start}.${first.id} to cite a reference`);
      await button(page, referenceLabel(s, ref, 'th')).click();
      const dialog = page.locator('dialog.reference-card[open]');
      await dialog.waitFor();
      expect(await dialog.locator('h2').textContent()).toBe(referenceLabel(s, ref, 'th'));
      expect(await dialog.locator(':scope > p').first().textContent()).toBe(paragraphsOf(referenceSummary(s, ref, 'th'))[0]);
      await page.keyboard.press('2');
      expect(await page.locator('body').getAttribute('data-phase')).toBe('feedback');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('dialog.reference-card').count()).toBe(0);

      // Continue by keyboard: the Continue button has the focus after a choice.
      await page.locator('.panel button.continue').focus();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(ui('th', 'play.continue'));
      await page.keyboard.press('Enter');
      const second = nextNodeOf(s, s.start, first.id);
      await expectAtNode(page, s, second, 'th');

      // Tab walks to the choices, in the order on screen; Enter takes the focused one.
      const onScreen = await shown();
      const choices = onScreen.map((id) => choice(s, second, id));
      let focused: string | null = null;
      for (let i = 0; i < 10 && focused === null; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['choice'] ?? null);
      }
      expect(focused).toBe(choices[0]!.id);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['choice'])).toBe(choices[1]!.id);
      await page.keyboard.press('Enter');
      await page.locator('body[data-phase="feedback"]').waitFor();
      expect(await page.locator('.panel .chosen').textContent()).toBe(choiceLabel(s, second, choices[1]!.id, 'th'));
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });
});

function nextNodeOf(s: ReturnType<typeof loadScenario>, nodeId: string, choiceId: string): string {
  const next = choice(s, nodeId, choiceId).next;
  if (!next || !node(s, next).choices) throw new Error(`${nodeId}.${choiceId} should lead straight to a decision node`);
  return next;
}

/** The money-bill best path up to its timed node (the press call), and the rest after it. */
function timedPath() {
  const s = loadScenario(MBC);
  const timed = Object.entries(s.nodes).find(([, n]) => n.timeout)?.[0];
  if (!timed) throw new Error(`${s.id} has no timed node`);
  return { s, timed, seconds: node(s, timed).timeout!.seconds };
}

describe('timers', () => {
  test('with timers off no countdown shows, time passing changes nothing, and the result records "off"', async () => {
    const { s, timed, seconds } = timedPath();
    const full = await cliPlay(MBC, PATHS.mbcSuccess.choices);
    const at = full.path.findIndex((step) => step.node === timed);
    expect(at).toBeGreaterThan(0);

    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await page.clock.install();
      await open(page, game);
      await page.locator('details.settings summary').click();
      await page.getByLabel(ui('th', 'menu.timer')).selectOption({ label: ui('th', 'menu.timerOff') });
      await expect.poll(() => page.evaluate(() => localStorage.getItem('prasan.settings.v1'))).toContain('"timer":"off"');
      await startFromMenu(page, s.id, 'th');
      for (const step of full.path.slice(0, at)) await playStep(page, s, step, 'th', false);
      await expectAtNode(page, s, timed, 'th');
      expect(await page.locator('.hud .countdown').isVisible()).toBe(false);
      expect(await page.getByRole('timer').count()).toBe(0);
      await page.clock.fastForward((seconds * 3 + 5) * 1000);
      expect(await page.locator('body').getAttribute('data-phase')).toBe('decision');
      await expectAtNode(page, s, timed, 'th');

      await playToDebrief(page, s, full.path.slice(at), 'th');
      const result = await page.evaluate(
        () => (window as unknown as { prasan: { result: { settings: { timer: string }; path: Step[] } } }).prasan.result,
      );
      expect(result.settings.timer).toBe('off');
      expect(result.path.map((p) => p.choice)).toEqual(PATHS.mbcSuccess.choices);
      expect(await page.locator('section.screen.debrief > p.meta').textContent()).toContain(
        ui('th', 'debrief.timerSetting', { setting: ui('th', 'menu.timerOff') }),
      );
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });

  test('with normal timers the countdown runs down, the timer fires, the feedback says so, and the run continues', async () => {
    const { s, timed, seconds } = timedPath();
    const best = await cliPlay(MBC, PATHS.mbcSuccess.choices);
    const at = best.path.findIndex((step) => step.node === timed);
    const choices = [...PATHS.mbcSuccess.choices.slice(0, at), 'timeout', ...PATHS.mbcSuccess.choices.slice(at + 1)];
    // The engine's verdict on the same run with the timer firing at the timed node.
    const expected = await cliPlay(MBC, choices);
    expect(expected.path[at]).toEqual({ node: timed, choice: 'timeout' });

    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await page.clock.install();
      await open(page, game, `?scenario=${s.id}`);
      for (const step of expected.path.slice(0, at)) await playStep(page, s, step, 'th', false);
      await expectAtNode(page, s, timed, 'th');

      const timer = page.getByRole('timer');
      const secondsLeft = async () => {
        const text = (await timer.textContent()) ?? '';
        const left = Number(/\d+/.exec(text)?.[0]);
        expect(text).toBe(ui('th', 'play.timeLeft', { count: left }));
        return left;
      };
      expect(await page.locator('.hud .countdown').isVisible()).toBe(true);
      const shown = await secondsLeft();
      expect(shown).toBeLessThanOrEqual(seconds);
      expect(shown).toBeGreaterThan(seconds - 10);
      // Stop the page's clock, then move it on by whole seconds: the countdown follows exactly.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
      await page.clock.fastForward(1000);
      const before = await secondsLeft();
      await page.clock.fastForward(20_000);
      expect(await secondsLeft()).toBe(before - 20);
      expect(await page.locator('body').getAttribute('data-phase')).toBe('decision');
      await page.clock.fastForward((before - 20) * 1000);
      await page.clock.resume();

      await page.locator('body[data-phase="feedback"]').waitFor();
      expect(await page.locator('.panel .chosen').textContent()).toBe(ui('th', 'play.timeoutChosen'));
      expect(await page.locator('.panel .feedback p').allTextContents()).toEqual(paragraphsOf(feedbackText(s, timed, 'timeout', 'th')));
      expect(await page.locator('.hud .countdown').isVisible()).toBe(false);
      await button(page, ui('th', 'play.continue')).click();

      await playToDebrief(page, s, expected.path.slice(at + 1), 'th');
      const result = await page.evaluate(
        () => (window as unknown as { prasan: { result: { settings: { timer: string }; path: Step[]; ending: unknown } } }).prasan.result,
      );
      expect(result.settings.timer).toBe('normal');
      expect(result.path.map(({ node, choice }) => ({ node, choice }))).toEqual(expected.path);
      expect(result.ending).toEqual(expected.ending);
      expect((await debriefSkills(page)).earned).toEqual(expected.skills);
      const review = page.locator(`li.decision[data-node="${timed}"] p.chosen`);
      expect(await review.textContent()).toBe(`${ui('th', 'debrief.youChose')}: ${ui('th', 'play.timeoutChosen')}`);
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });
});
