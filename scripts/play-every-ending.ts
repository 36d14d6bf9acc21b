// `npm run test:endings` (not part of `npm test`: about 5 minutes): every ending of every shipped scenario
// reached in a real Chromium, in Thai and in English, by clicking the choices' labels.
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { compileScenario, exploreStates, startRun, step, isEnded } from '../src/engine';
import { launchBrowser, serveBuild, openGame } from '../tests/e2e/browser';

/** The parts of a scenario file read here: the labels clicked and the ending titles checked. */
interface ScenarioText {
  nodes: Record<string, { choices?: { id: string; text: Record<string, string> }[]; title?: Record<string, string> }>;
}

const { server, url } = await serveBuild('dist-e2e');
const browser = await launchBrowser(['--disable-webgl']);
let played = 0,
  failed = 0;
for (const file of readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  const text = readFileSync(`scenarios/${file}`, 'utf8');
  const raw = parse(text) as ScenarioText;
  const model = compileScenario(file, text).compiled!.model;
  // Shortest path to each ending through the engine's exact state graph, never letting a timer fire.
  const graph = exploreStates(model);
  const prev = new Map<number, { from: number; id: string }>();
  const queue = [0];
  for (let h = 0; h < queue.length; h++)
    for (const e of graph.edges) {
      if (e.from !== queue[h] || e.id === 'timeout' || prev.has(e.to) || e.to === 0) continue;
      prev.set(e.to, { from: e.from, id: e.id });
      queue.push(e.to);
    }
  const paths = new Map<string, string[]>();
  for (const [i, st] of graph.states.entries()) {
    if (!isEnded(model, st) || paths.has(st.node) || (i !== 0 && !prev.has(i))) continue;
    const ids: string[] = [];
    for (let at = i; at !== 0; at = prev.get(at)!.from) ids.unshift(prev.get(at)!.id);
    paths.set(st.node, ids);
  }
  for (const [ending, path] of paths) {
    for (const lang of ['th', 'en'] as const) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      try {
        await openGame(page, `${url}?scenario=${model.id}&lang=${lang}`);
        let state = startRun(model);
        for (const id of path) {
          const label = raw.nodes[state.node]!.choices!.find((c) => c.id === id)!.text[lang];
          await page.getByRole('button', { name: label, exact: true }).click();
          state = step(model, state, id)!;
          await page.locator('button.continue').click();
        }
        await page.locator('section.screen.debrief').waitFor({ timeout: 10000 });
        const got = await page.locator('section.screen.debrief').getAttribute('data-ending');
        const title = await page.locator('header.ending h1').textContent();
        if (got !== ending || title !== raw.nodes[ending]!.title![lang]) throw new Error(`got ${got} "${title}"`);
        played++;
      } catch (e) {
        failed++;
        console.log('FAIL', model.id, ending, lang, String(e).slice(0, 200));
      }
      await context.close();
    }
  }
  console.log(
    model.id,
    `${paths.size}/${Object.values(model.nodes).filter((n) => n.kind === 'ending').length} endings reachable without timers, played in th+en`,
  );
}
console.log(`played ${played}, failed ${failed}`);
await browser.close();
await server.close();
if (failed > 0) process.exitCode = 1;
