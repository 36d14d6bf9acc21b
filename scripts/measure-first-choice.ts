// `npm run measure:first-choice` (not part of `npm test`): a trainee who always presses "1", measured in
// a real Chromium. Every shipped scenario is played in four fresh browser contexts (four runs, four
// seeds), pressing 1 and Continue until the debrief; the points earned are summed over the seven
// skills and set against the attainable total. Also prints how many different orders the first
// decision showed, and, for comparison, what random play and the best choice at every step earn
// (computed with the engine over many runs).
import { readdirSync, readFileSync } from 'node:fs';
import { compileScenario, isEnded, offeredChoices, SKILLS, startRun, step, type CompiledScenario, type RunState } from '../src/engine';
import { launchBrowser, openGame, serveBuild } from '../tests/e2e/browser';

const RUNS = 4;
const total = (skills: Record<string, number>) => SKILLS.reduce((sum, s) => sum + (skills[s] ?? 0), 0);

/** Plays with the engine, taking the choice `pick` names at each decision (timers never fire). */
function playWith(c: CompiledScenario, pick: (state: RunState) => string): number {
  let state = startRun(c.model);
  for (let guard = 0; !isEnded(c.model, state) && guard < 200; guard++) {
    if (offeredChoices(c.model, state).length === 0) break;
    state = step(c.model, state, pick(state))!;
  }
  return total(state.skills);
}

/** The offered choice that earns the most points at this step (the debrief's "best choice"). */
function bestAt(c: CompiledScenario, state: RunState): string {
  const gain = (id: string) => total(step(c.model, state, id)!.skills) - total(state.skills);
  return offeredChoices(c.model, state).reduce((a, b) => (gain(b.id) > gain(a.id) ? b : a)).id;
}

const { server, url } = await serveBuild('dist-e2e');
const browser = await launchBrowser(['--disable-webgl']);
let earnedAll = 0;
let attainableAll = 0;
let randomAll = 0;
let bestAll = 0;
let seededRandom = 12345;
const random = () => ((seededRandom = (seededRandom * 1103515245 + 12345) % 2 ** 31), seededRandom / 2 ** 31);
console.log('scenario                      first-press  orders of decision 1  random  best at each step');
for (const file of readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  const c = compileScenario(file, readFileSync(`scenarios/${file}`, 'utf8')).compiled!;
  const attainable = total(c.exploration.max);
  const orders = new Set<string>();
  let earned = 0;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await openGame(page, `${url}?scenario=${c.model.id}&lang=th`);
    for (let decision = 0; decision < 200; decision++) {
      await page.locator('body[data-phase="decision"] .panel button.choice').first().waitFor();
      if (decision === 0)
        orders.add(
          (await page.locator('.panel button.choice').evaluateAll((b) => b.map((e) => (e as HTMLElement).dataset['choice']))).join(),
        );
      await page.keyboard.press('1');
      await page.locator('body[data-phase="feedback"] .panel button.continue').waitFor();
      await page.locator('.panel button.continue').click();
      if (await page.locator('section.screen.debrief').count()) break;
    }
    await page.locator('section.screen.debrief').waitFor();
    const result = await page.evaluate(
      () => (window as unknown as { prasan: { result: { skills: Record<string, number> } } }).prasan.result,
    );
    earned += total(result.skills);
    await context.close();
  }
  const randomRuns = 200;
  let randomEarned = 0;
  for (let i = 0; i < randomRuns; i++)
    randomEarned += playWith(c, (s) => {
      const o = offeredChoices(c.model, s);
      return o[Math.floor(random() * o.length)]!.id;
    });
  const best = playWith(c, (s) => bestAt(c, s));
  earnedAll += earned;
  attainableAll += attainable * RUNS;
  randomAll += randomEarned / randomRuns;
  bestAll += best;
  const pct = (x: number) => `${((100 * x) / attainable).toFixed(0)} %`.padStart(6);
  console.log(
    `${c.model.id.padEnd(30)}${pct(earned / RUNS).padStart(11)}  ${String(orders.size).padStart(20)}  ${pct(randomEarned / randomRuns)}  ${pct(best).padStart(17)}`,
  );
}
const share = (x: number) => `${((100 * x) / attainableAll).toFixed(1)} %`;
console.log(
  `\nall scenarios, ${RUNS} runs each: first-press ${share(earnedAll)} of the attainable total; random ${share(randomAll * RUNS)}; best at each step ${share(bestAll * RUNS)}`,
);
await browser.close();
await server.close();
