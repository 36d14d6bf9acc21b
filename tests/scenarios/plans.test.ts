/**
 * Golden playthroughs: every scenario has a plan file in tests/scenarios/plans/, and every play in it
 * still reaches the same ending with the same skills through `prasan play --json`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { ENDING_KINDS, SKILLS } from '../../src/engine';
import { PLANS, planText, readPlan, ROOT } from './plans';

// Each `prasan play` compiles its scenario, exploring every state (up to a second each): remember the
// result. Compiling is a pure function of (file, text, options), so this changes nothing but the time.
vi.mock('../../src/engine/compile', async (importOriginal) =>
  (await import('../unit/compile-cache')).withCompileCache(await importOriginal<typeof import('../../src/engine/compile')>()),
);

const planFiles = readdirSync(PLANS)
  .filter((f) => f.endsWith('.plan.yaml'))
  .sort();
const shipped = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('the plans themselves', () => {
  it('every shipped scenario has a plan file named after it', () => {
    const missing = shipped.map((f) => f.replace(/\.yaml$/, '.plan.yaml')).filter((plan) => !planFiles.includes(plan));
    expect(missing, 'add tests/scenarios/plans/ID.plan.yaml for each (copy one and edit it)').toEqual([]);
  });

  it.each(planFiles)('%s names a scenario file that exists and has that id, and is written as plans:update writes it', (name) => {
    const plan = readPlan(join(PLANS, name));
    const scenario = join(ROOT, plan.scenario);
    expect(existsSync(scenario), `${plan.scenario} does not exist`).toBe(true);
    expect(readFileSync(scenario, 'utf8')).toMatch(new RegExp(`^id: ${name.replace(/\.plan\.yaml$/, '')}$`, 'm'));
    expect(readFileSync(join(PLANS, name), 'utf8')).toBe(planText(plan));
  });

  it.each(planFiles)('%s has at least three plays, reaching every kind of ending, each with all seven skills', (name) => {
    const { plays } = readPlan(join(PLANS, name));
    expect(plays.length).toBeGreaterThanOrEqual(3);
    expect([...new Set(plays.map((p) => p.ending.kind))].sort()).toEqual([...ENDING_KINDS].sort());
    for (const play of plays) expect(Object.keys(play.skills).sort()).toEqual([...SKILLS].sort());
  });
});

describe.each(planFiles)('%s, through `prasan play --json`', (name) => {
  const plan = readPlan(join(PLANS, name));
  it.each(plan.plays.map((play) => [play.choices.join(','), play] as const))('%s', async (_label, play) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['play', join(ROOT, plan.scenario), '--choices', play.choices.join(','), '--json'], {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    const played = JSON.parse(out.join('\n')) as { ending: unknown; skills: unknown };
    expect(played.ending).toEqual(play.ending);
    expect(played.skills).toEqual(play.skills);
  });
});
