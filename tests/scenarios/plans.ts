/**
 * Golden playthroughs: one plan file per scenario in tests/scenarios/plans/<id>.plan.yaml, each
 * naming its scenario file and listing plays (the choices, the ending they reach, the seven skills).
 * plans.test.ts plays each through `prasan play --json`; `npm run plans:update` rewrites them after a
 * deliberate change to a scenario.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PLANS = fileURLToPath(new URL('./plans/', import.meta.url));

export interface Play {
  choices: string[];
  ending: { node: string; kind: string };
  skills: Record<string, number>;
}

export interface Plan {
  /** The scenario file, relative to the project's root. */
  scenario: string;
  plays: Play[];
}

/** Reads a plan file, failing with the file's name when it is not the shape above. */
export function readPlan(file: string): Plan {
  const data = parse(readFileSync(file, 'utf8')) as Partial<Plan> | null;
  const plays = data?.plays;
  if (typeof data?.scenario !== 'string' || !Array.isArray(plays)) throw new Error(`${file}: needs "scenario:" and "plays:"`);
  for (const [i, play] of plays.entries()) {
    if (!Array.isArray(play?.choices) || typeof play.ending?.node !== 'string' || typeof play.skills !== 'object') {
      throw new Error(`${file}: play ${i + 1} needs "choices", "ending" and "skills"`);
    }
  }
  return { scenario: data.scenario, plays };
}

/** An id or a number as YAML reads it back unchanged: quoted only where YAML would read another value. */
function scalar(value: string | number): string {
  return typeof value === 'number' || (/^[a-z][a-z0-9-]*$/.test(value) && !['null', 'true', 'false'].includes(value))
    ? String(value)
    : JSON.stringify(value);
}

/** A plan as its file says it: one play to a few lines, in the order given. */
export function planText(plan: Plan): string {
  const flow = (record: Record<string, string | number>) =>
    `{ ${Object.entries(record)
      .map(([k, v]) => `${k}: ${scalar(v)}`)
      .join(', ')} }`;
  const lines = [
    `# Golden playthroughs of ${plan.scenario}, played by tests/scenarios/plans.test.ts.`,
    '# After a deliberate change to the scenario: npm run plans:update, then read the diff.',
    `scenario: ${plan.scenario}`,
    'plays:',
  ];
  for (const play of plan.plays) {
    lines.push(`  - choices: [${play.choices.map(scalar).join(', ')}]`);
    lines.push(`    ending: ${flow(play.ending)}`);
    lines.push(`    skills: ${flow(play.skills)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every plan's plays, by scenario id (the plan file's name). */
export function playsById(): Record<string, Play[]> {
  return Object.fromEntries(
    readdirSync(PLANS)
      .filter((f) => f.endsWith('.plan.yaml'))
      .sort()
      .map((f) => [f.replace(/\.plan\.yaml$/, ''), readPlan(`${PLANS}${f}`).plays]),
  );
}
