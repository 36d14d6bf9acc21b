/**
 * `npm run plans:update [ID...]`: after a deliberate change to a scenario, plays each golden
 * playthrough in tests/scenarios/plans/ (all plans, or those of the ids given) again and writes the
 * ending and skills it reaches now, printing every play that changed. A play whose choices no longer
 * fit the scenario is printed and left as it was: pick new choices for it by hand (`prasan play`).
 * Review the changes with `git diff` before committing them, as with any snapshot.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileScenario, playChoices, SKILLS } from '../src/engine';
import { PLANS, planText, readPlan, type Play } from '../tests/scenarios/plans';

const wanted = process.argv.slice(2);
let problems = 0;
for (const name of readdirSync(PLANS).filter((f) => f.endsWith('.plan.yaml'))) {
  const id = name.replace(/\.plan\.yaml$/, '');
  if (wanted.length > 0 && !wanted.includes(id)) continue;
  const planFile = path.join(PLANS, name);
  const plan = readPlan(planFile);
  const model = compileScenario(plan.scenario, readFileSync(plan.scenario, 'utf8')).compiled?.model;
  if (!model) {
    console.log(`${id}: ${plan.scenario} does not compile (npx prasan check ${plan.scenario})`);
    problems++;
    continue;
  }
  const plays = plan.plays.map((play): Play => {
    const outcome = playChoices(model, play.choices);
    if (outcome.kind !== 'ended') {
      console.log(`${id}: ${play.choices.join(',')} no longer ends (${outcome.kind}); left as it was`);
      problems++;
      return play;
    }
    const node = model.nodes[outcome.state.node];
    const updated: Play = {
      choices: play.choices,
      ending: { node: outcome.state.node, kind: node?.kind === 'ending' ? node.ending : '' },
      skills: Object.fromEntries(SKILLS.map((s) => [s, outcome.state.skills[s]])),
    };
    if (JSON.stringify(updated) !== JSON.stringify(play)) {
      console.log(
        `${id}: ${play.choices.join(',')}\n  was ${play.ending.node} ${JSON.stringify(play.skills)}\n  now ${updated.ending.node} ${JSON.stringify(updated.skills)}`,
      );
    }
    return updated;
  });
  writeFileSync(planFile, planText({ ...plan, plays }));
}
process.exitCode = problems > 0 ? 1 : 0;
