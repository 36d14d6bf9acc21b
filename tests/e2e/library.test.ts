/**
 * Every shipped scenario played in the browser by clicking the choices' labels: its golden success
 * path in Thai and a golden path to another ending in English, each checked against `prasan play`.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  cliPlay,
  endingTitle,
  expectNoErrors,
  loadScenario,
  newPage,
  open,
  playToDebrief,
  ROOT,
  startFromMenu,
  ui,
  useGame,
} from './helpers';
import { playsById } from '../scenarios/plans';

const game = useGame();

const golden = playsById();
const shipped = readdirSync(`${ROOT}/scenarios`)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

const runs = shipped.flatMap((file) => {
  const id = file.replace(/\.yaml$/, '');
  // Timers are let run out by waiting, not by a label, so paths with `timeout` are played elsewhere.
  const clickable = (golden[id] ?? []).filter((g) => !g.choices.includes('timeout'));
  const success = clickable.find((g) => g.ending.kind === 'success');
  const other = clickable.find((g) => g.ending.kind !== 'success');
  return [
    { file, lang: 'th' as const, golden: success },
    { file, lang: 'en' as const, golden: other },
  ];
});

describe('every shipped scenario, played through in the browser', () => {
  test.each(runs.map((r) => [`${r.file} in ${r.lang}`, r] as const))('%s', async (_, run) => {
    expect(run.golden, `${run.file} needs a golden path without a timeout for this run`).toBeDefined();
    const path = `scenarios/${run.file}`;
    const scenario = loadScenario(path);
    const expected = await cliPlay(path, run.golden!.choices);
    expect(expected.ending.node).toBe(run.golden!.ending.node);

    const opened = await newPage(game.browser);
    const { page } = opened;
    try {
      await open(page, game, `?lang=${run.lang}`);
      await startFromMenu(page, scenario.id, run.lang);
      await playToDebrief(page, scenario, expected.path, run.lang);
      const debrief = page.locator('section.screen.debrief');
      expect(await debrief.getAttribute('data-ending')).toBe(expected.ending.node);
      expect(await debrief.locator('header.ending h1').textContent()).toBe(endingTitle(scenario, expected.ending.node, run.lang));
      expect(await debrief.locator('header.ending .ending-kind').textContent()).toBe(
        ui(run.lang, `debrief.ending.${expected.ending.kind}`),
      );
      expectNoErrors(opened);
    } finally {
      await opened.context.close();
    }
  });
});
