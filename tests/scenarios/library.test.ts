/**
 * The scenario library as a whole: every mechanism of the seed covered, every skill trained by at
 * least two scenarios, and each scenario's targets the skills it really scores most.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario, SKILLS, type CompiledScenario, type SkillId } from '../../src/engine';
import { scenarioStats } from '../../src/authoring/stats';

const MECHANISM_TAGS = [
  'whip',
  'money-bill',
  'interpellation',
  'no-confidence',
  'general-debate',
  'senate-debate',
  'consultation',
  'committee',
];

const library: CompiledScenario[] = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => {
    const { compiled, diagnostics } = compileScenario(f, readFileSync(`scenarios/${f}`, 'utf8'));
    if (!compiled) throw new Error(`${f} does not compile: ${diagnostics.map((d) => d.code).join(', ')}`);
    return compiled;
  });

function matrix(): string {
  const width = Math.max(...library.map((c) => c.model.id.length));
  const header = `${''.padEnd(width)}  ${SKILLS.map((s) => s.slice(0, 5).padStart(6)).join('')}`;
  const rows = library.map(
    (c) =>
      `${c.model.id.padEnd(width)}  ${SKILLS.map((s) => `${c.model.targets.includes(s) ? '*' : ' '}${c.exploration.max[s]}`.padStart(6)).join('')}`,
  );
  const counts = `${'targeted by'.padEnd(width)}  ${SKILLS.map((s) => String(library.filter((c) => c.model.targets.includes(s)).length).padStart(6)).join('')}`;
  return [header, ...rows, counts, '(* = a target; numbers = the most attainable total)'].join('\n');
}

describe('the scenario library', () => {
  it('prints the skill-by-scenario matrix', () => {
    console.log(`\n${matrix()}\n`);
    expect(library.length).toBeGreaterThan(0);
  });

  it('has at least eight scenarios', () => {
    expect(library.length).toBeGreaterThanOrEqual(8);
  });

  it.each(MECHANISM_TAGS)('covers the mechanism tag "%s"', (tag) => {
    expect(library.filter((c) => c.model.tags.includes(tag)).map((c) => c.model.id)).not.toEqual([]);
  });

  it.each([...SKILLS])('trains "%s" as a target of at least two scenarios', (skill) => {
    expect(library.filter((c) => c.model.targets.includes(skill)).map((c) => c.model.id).length).toBeGreaterThanOrEqual(2);
  });

  // "Scores most" is judged on runs that end in success: what a trainee who plays the case well is
  // trained in. (Tempting wrong turns can pile up points in other skills without teaching them.)
  // Per-ending ranges walk every state (money-bill-certification has about 77,000): seconds, not milliseconds.
  it.each(library.map((c) => [c.model.id, c] as const))(
    '%s: its targets are among the three skills a successful run scores most',
    { timeout: 60_000 },
    (_, c) => {
      const stats = scenarioStats(c.model);
      const successes = Object.values(stats.byEnding).filter((e) => e.kind === 'success');
      expect(successes.length).toBeGreaterThan(0);
      const high = Object.fromEntries(SKILLS.map((s) => [s, Math.max(...successes.map((e) => e.skills[s].high))])) as Record<
        SkillId,
        number
      >;
      const ranked = [...SKILLS].sort((a, b) => high[b] - high[a]);
      const cutoff = high[ranked[2]!];
      expect(c.model.targets.length).toBeGreaterThanOrEqual(1);
      for (const target of c.model.targets)
        expect(high[target], `${target} in ${c.model.id}: ${JSON.stringify(high)}`).toBeGreaterThanOrEqual(cutoff);
    },
  );

  it.each(library.map((c) => [c.model.id, c] as const))('%s: has difficulty, minutes and trainer notes with three questions', (_, c) => {
    expect(c.model.difficulty).toBeDefined();
    expect(c.model.minutes).toBeGreaterThan(0);
    expect(c.model.trainerQuestions).toBeGreaterThanOrEqual(3);
    expect(c.model.hasTrainerNotes).toBe(true);
    expect(Object.keys(c.strings.th ?? {})).toContain('trainer/objectives');
  });
});
