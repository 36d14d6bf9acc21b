/**
 * `prasan stats` (issue: counts of nodes, decisions and endings; per skill the lowest and highest
 * total reachable; per ending the range of totals that reach it; skills never exercised; choices never
 * offered; the number of runs in which no choice is taken twice, or a bound). Expectations are worked
 * out by hand next to each fixture; random scenarios are checked against brute force; the highest
 * totals must equal what `play --json` prints as attainable.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  compileScenario,
  hasErrors,
  isEnded,
  offeredIds,
  SKILLS,
  startRun,
  step,
  takenKey,
  type ScenarioModel,
  type SkillId,
} from '../../../src/engine';
import { scenarioStats, type Range, type ScenarioStats } from '../../../src/authoring/stats';
import { compileOk, scenarioYaml } from '../helpers';
import { countRunsByWalking, referenceStats, renderScenario, scenarioSpec } from './random-scenario';
import { EXAMPLE, FIXTURES, removeScratch, ROOT, run, scratch } from './support';

// `stats` and `play` each compile the file, and compiling a shipped scenario explores all its states
// (seconds each): remember compile results. Compiling is a pure function of its arguments.
vi.mock('../../../src/engine/compile', async (importOriginal) =>
  (await import('../compile-cache')).withCompileCache(await importOriginal<typeof import('../../../src/engine/compile')>()),
);

beforeAll(() => vi.stubEnv('PRASAN_LANG', 'en'));
afterAll(() => {
  vi.unstubAllEnvs();
  removeScratch();
});

const END = 'end: { ending: success, title: { en: E }, text: { en: E } }';

function compileFile(path: string): ScenarioModel {
  const result = compileScenario(path.split('/').pop()!, readFileSync(path, 'utf8'));
  if (!result.compiled || hasErrors(result.diagnostics)) throw new Error(`${path} does not compile`);
  return result.compiled.model;
}

/** A full skill map from the non-zero ranges given (the rest 0 … 0). */
function ranges(given: Partial<Record<SkillId, [number, number]>>): Record<SkillId, Range> {
  return Object.fromEntries(SKILLS.map((s) => [s, { low: given[s]?.[0] ?? 0, high: given[s]?.[1] ?? 0 }])) as Record<SkillId, Range>;
}

describe('stats on hand-made fixtures', () => {
  it('a 2 × 3 grid (stats-dag.yaml): every number by hand', () => {
    // Runs: x/y then p/q/r. communication: x +2, y -1, r +1; ethics: x -1, q +2; strategy: p +1, r -2.
    //   x p: com 2, eth -1, str 1 → total 2      y p: com -1, str 1 → total 0
    //   x q: com 2, eth 1        → total 3      y q: com -1, eth 2 → total 1
    //   x r: com 3, eth -1, str -2 → total 0    y r: com 0, str -2 → total -2
    const expected: ScenarioStats = {
      nodes: 5,
      decisions: 2,
      branches: 0,
      endings: 3,
      skills: ranges({ communication: [-1, 3], ethics: [-1, 2], strategy: [-2, 1] }),
      byEnding: {
        win: { kind: 'success', skills: ranges({ communication: [-1, 2], ethics: [-1, 0], strategy: [1, 1] }), total: { low: 0, high: 2 } },
        meh: { kind: 'partial', skills: ranges({ communication: [-1, 2], ethics: [1, 2] }), total: { low: 1, high: 3 } },
        lose: {
          kind: 'failure',
          skills: ranges({ communication: [0, 3], ethics: [-1, 0], strategy: [-2, -2] }),
          total: { low: -2, high: 0 },
        },
      },
      neverExercised: ['observation', 'negotiation', 'networking', 'coordination'],
      neverOffered: [],
      runs: { count: 6, atLeast: false },
      exact: true,
    };
    expect(scenarioStats(compileFile(join(FIXTURES, 'stats-dag.yaml')))).toEqual(expected);
  });

  it('a loop (stats-loop.yaml): 3 runs with no choice taken twice; ranges over every run', () => {
    // Ranges count every run, choices repeated or not (a repeat scores nothing):
    //   leave                      str -1          total -1
    //   enter finish               net 1, coo 1    total 2
    //   enter back leave           net 3, str -1   total 2
    //   enter back enter finish    net 3, coo 1    total 4  (the second "enter" scores nothing)
    //   enter back enter back …    no new points; the run still ends by leave or finish.
    const s = scenarioStats(compileFile(join(FIXTURES, 'stats-loop.yaml')));
    expect(s).toMatchObject({ nodes: 3, decisions: 2, branches: 0, endings: 1, exact: true });
    expect(s.runs).toEqual({ count: 3, atLeast: false });
    expect(s.skills).toEqual(ranges({ networking: [0, 3], coordination: [0, 1], strategy: [-1, 0] }));
    expect(s.byEnding).toEqual({ done: { kind: 'success', skills: s.skills, total: { low: -1, high: 4 } } });
    expect(s.neverExercised).toEqual(['communication', 'observation', 'negotiation', 'ethics']);
    expect(s.neverOffered).toEqual([]);
  });

  it('the format page example (quick-question.yaml): a branch node counted, timer runs included', () => {
    // Runs: brief-early → answer → good-end; wait → answer → weak-end; timeout → missed.
    const s = scenarioStats(compileFile(EXAMPLE));
    expect(s).toMatchObject({ nodes: 5, decisions: 1, branches: 1, endings: 3, runs: { count: 3, atLeast: false }, exact: true });
    expect(s.skills).toEqual(ranges({ communication: [0, 2], observation: [-1, 1], strategy: [-1, 1] }));
    expect(s.byEnding['good-end']).toEqual({
      kind: 'success',
      skills: ranges({ communication: [2, 2], strategy: [1, 1] }),
      total: { low: 3, high: 3 },
    });
    expect(s.byEnding['weak-end']).toEqual({
      kind: 'partial',
      skills: ranges({ observation: [1, 1], strategy: [-1, -1] }),
      total: { low: 0, high: 0 },
    });
    expect(s.byEnding['missed']).toEqual({ kind: 'failure', skills: ranges({ observation: [-1, -1] }), total: { low: -1, high: -1 } });
    expect(s.neverExercised).toEqual(['negotiation', 'networking', 'ethics', 'coordination']);
  });

  it('a choice whose condition can never hold is never offered, and its skill never exercised', () => {
    // `early` needs the flag `done`, which only `finish` on the later node b sets: never offered at a.
    const { model } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: early, when: { flag: done }, text: { en: Early }, next: b, scores: { networking: 3 } }
          - { id: go, text: { en: Go }, next: b, scores: { ethics: 1 } }
      b:
        text: { en: B }
        choices:
          - { id: finish, set: [done], text: { en: Finish }, next: end, scores: { strategy: 2 } }
      ${END}
    `);
    const s = scenarioStats(model);
    expect(s.neverOffered).toEqual(['a.early']);
    // networking is scored (so check does not warn about it) but no run can ever earn it.
    expect(s.neverExercised).toContain('networking');
    expect(s.skills.networking).toEqual({ low: 0, high: 0 });
    expect(s.skills.strategy).toEqual({ low: 2, high: 2 });
    expect(s.runs).toEqual({ count: 1, atLeast: false });
  });

  it('an ending no run reaches has no range at all', () => {
    // The meter m runs 0..10, so `atLeast: 11` never holds and `secret` is never reached.
    const { model } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: go, text: { en: Go }, next: gate, scores: { ethics: 1 } }
      gate:
        branch:
          - { when: { meter: m, atLeast: 11 }, next: secret }
          - { next: end }
      secret: { ending: partial, title: { en: S }, text: { en: S } }
      ${END}
    `);
    const s = scenarioStats(model);
    expect(Object.keys(s.byEnding)).toEqual(['end']);
    expect(s).toMatchObject({ nodes: 4, decisions: 1, branches: 1, endings: 2 });
  });

  it('runs count only the choices actually offered', () => {
    // x sets f; p needs f. Runs: x p, x q, y q — not y p.
    const { model } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: x, set: [f], text: { en: X }, next: b }
          - { id: y, text: { en: Y }, next: b }
      b:
        text: { en: B }
        choices:
          - { id: p, when: { flag: f }, text: { en: P }, next: end }
          - { id: q, text: { en: Q }, next: end }
      ${END}
    `);
    expect(scenarioStats(model).runs).toEqual({ count: 3, atLeast: false });
  });
});

/**
 * `rooms(k)`: k rooms in a row; in each, two ways to the door (x or y), and from the door back once
 * (to take the other way) or on. 4 runs per room with no choice taken twice: x on, y on, x back y on,
 * y back x on — so 4^k runs in all.
 */
function rooms(k: number, options: { lockedExit?: boolean } = {}): string {
  const nodes: string[] = [];
  for (let i = 0; i < k; i++) {
    const next = i + 1 < k ? `r${i + 1}` : 'end';
    const quit = i === 0 && options.lockedExit ? '\n    - { id: quit, text: { en: Q }, next: end }' : '';
    const locked = i === k - 1 && options.lockedExit ? ', when: { meter: m, atLeast: 11 }' : '';
    nodes.push(
      `r${i}:\n  text: { en: R }\n  choices:\n    - { id: x, text: { en: X }, next: s${i}, scores: { ethics: 1 } }\n    - { id: y, text: { en: Y }, next: s${i} }${quit}`,
    );
    nodes.push(
      `s${i}:\n  text: { en: S }\n  choices:\n    - { id: back, text: { en: B }, next: r${i} }\n    - { id: on, text: { en: O }, next: ${next}${locked} }`,
    );
  }
  return scenarioYaml([...nodes, END].join('\n'), { start: 'r0' });
}

describe('run counts in loops', () => {
  it('two rooms: 4 × 4 = 16 runs', () => {
    const result = compileScenario('t.yaml', rooms(2));
    expect(scenarioStats(result.compiled!.model).runs).toEqual({ count: 16, atLeast: false });
    expect(countRunsByWalking(result.compiled!.model)).toBe(16);
  });

  it('nine rooms: 4^9 = 262,144 runs, counted exactly', () => {
    const result = compileScenario('t.yaml', rooms(9));
    expect(scenarioStats(result.compiled!.model).runs).toEqual({ count: 262_144, atLeast: false });
  });

  it('twelve rooms: 4^12 = 16,777,216 runs, beyond the cap — a bound, quickly', async () => {
    const file = scratch('stats-rooms').write('t.yaml', rooms(12));
    const started = performance.now();
    const result = await run('stats', file);
    expect(result.code).toBe(0);
    expect(result.out).toContain('runs (no choice taken twice): more than 10,000,000');
    // Counting run by run took many seconds here; adding up over states takes milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('runs that lead nowhere cost nothing: twenty rooms whose last door never opens', () => {
    // The only way to the ending is `quit` at the first room: quit; x back quit; y back quit.
    // Every other run wanders the rooms (4^19 ways) and gets stuck behind the locked door.
    const result = compileScenario('t.yaml', rooms(20, { lockedExit: true }));
    expect(result.compiled, JSON.stringify(result.diagnostics)).toBeDefined();
    const started = performance.now();
    expect(scenarioStats(result.compiled!.model).runs).toEqual({ count: 3, atLeast: false });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('stats against brute force on random scenarios', () => {
  it('skills, endings, never exercised, never offered and runs all agree', () => {
    let compared = 0;
    let withLoops = 0;
    fc.assert(
      fc.property(scenarioSpec(), (spec) => {
        const result = compileScenario('r.yaml', renderScenario(spec));
        if (!result.compiled || hasErrors(result.diagnostics)) return;
        const model = result.compiled.model;
        const reference = referenceStats(model);
        const walked = countRunsByWalking(model);
        if (!reference || walked === undefined) return;
        const s = scenarioStats(model);
        expect(s.exact).toBe(true);
        expect(s.skills).toEqual(reference.skills);
        expect(Object.keys(s.byEnding).sort()).toEqual(Object.keys(reference.byEnding).sort());
        for (const [id, e] of Object.entries(reference.byEnding)) {
          expect(s.byEnding[id]!.skills, id).toEqual(e.skills);
          expect(s.byEnding[id]!.total, id).toEqual(e.total);
        }
        expect(s.neverExercised).toEqual(SKILLS.filter((k) => !reference.exercised.has(k)));
        const all = Object.values(model.nodes).flatMap((n) => (n.kind === 'decision' ? n.choices.map((c) => takenKey(n.id, c.id)) : []));
        expect(s.neverOffered).toEqual(all.filter((c) => !reference.offered.has(c)));
        expect(s.runs).toEqual({ count: Math.min(walked, 10_000_000), atLeast: walked > 10_000_000 });
        // The highest totals are the attainable figures `play` prints.
        for (const k of SKILLS) expect(s.skills[k].high).toBe(result.compiled.exploration.max[k]);
        compared++;
        if (spec.nodes.some((n, i) => n.kind === 'decision' && n.choices.some((c) => c.next <= i))) withLoops++;
      }),
      { numRuns: 300, seed: 20_240_501 },
    );
    // The generator must really produce valid scenarios, loops among them, for this to mean anything.
    expect(compared).toBeGreaterThan(60);
    expect(withLoops).toBeGreaterThan(10);
  });
});

/** Choice ids from the start to an ending: a new choice where there is one, else the first offered. */
function someRun(model: ScenarioModel): string[] {
  let state = startRun(model);
  const ids: string[] = [];
  const taken = new Set<string>();
  for (let n = 0; n < 300 && !isEnded(model, state); n++) {
    const offered = offeredIds(model, state);
    const id = offered.find((o) => !taken.has(takenKey(state.node, o))) ?? offered[0];
    if (id === undefined) break;
    taken.add(takenKey(state.node, id));
    ids.push(id);
    state = step(model, state, id)!;
  }
  if (!isEnded(model, state)) throw new Error(`no ending reached for ${model.id}`);
  return ids;
}

const SHIPPED = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => join(ROOT, 'scenarios', f));

describe('stats highs equal the attainable figures of play --json', () => {
  it('there are shipped scenarios to compare', () => {
    expect(SHIPPED.length).toBeGreaterThanOrEqual(2);
  });

  for (const file of [EXAMPLE, ...SHIPPED]) {
    it(
      file.slice(ROOT.length),
      async () => {
        const stats = await run('stats', file, '--json');
        expect(stats.code, stats.err).toBe(0);
        const s = JSON.parse(stats.out) as ScenarioStats;
        expect(s.exact).toBe(true);
        const choices = someRun(compileFile(file));
        const play = await run('play', file, '--choices', choices.join(','), '--json');
        expect(play.code, play.err).toBe(0);
        const { attainable, skills } = JSON.parse(play.out) as { attainable: Record<SkillId, number>; skills: Record<SkillId, number> };
        expect(Object.fromEntries(SKILLS.map((k) => [k, s.skills[k].high]))).toEqual(attainable);
        // And the run just played lies inside the ranges, for its ending too.
        for (const k of SKILLS) {
          expect(skills[k]).toBeGreaterThanOrEqual(s.skills[k].low);
          expect(skills[k]).toBeLessThanOrEqual(s.skills[k].high);
        }
        // Every shipped ending is reached by some run, with a range of totals.
        expect(s.endings).toBe(Object.keys(s.byEnding).length);
      },
      120_000,
    );
  }
});

describe('prasan stats (the command)', () => {
  it('prints the counts, the ranges and what is never used', async () => {
    const result = await run('stats', join(FIXTURES, 'stats-dag.yaml'));
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('stats-dag: 5 nodes — 2 decisions, 0 branches, 3 endings');
    expect(lines[1]).toBe('runs (no choice taken twice): 6');
    expect(lines).toContain('  communication -1 … 3');
    expect(lines).toContain('  observation   0');
    expect(lines).toContain('  strategy      -2 … 1');
    expect(lines).toContain('  lose (failure): total -2 … 0');
    expect(lines).toContain('    com 0 … 3, obs 0, neg 0, net 0, eth -1 … 0, coo 0, str -2');
    expect(lines).toContain('skills never exercised: observation, negotiation, networking, coordination');
    expect(lines).toContain('choices never offered: none');
  });

  it('names choices never offered and endings no run reaches', async () => {
    const file = scratch('stats-cli').write(
      't.yaml',
      scenarioYaml(`
        a:
          text: { en: A }
          choices:
            - { id: early, when: { flag: done }, text: { en: Early }, next: gate }
            - { id: go, text: { en: Go }, next: gate }
        gate:
          branch:
            - { when: { meter: m, atLeast: 11 }, next: secret }
            - { next: b }
        b:
          text: { en: B }
          choices:
            - { id: finish, set: [done], text: { en: Finish }, next: end }
        secret: { ending: partial, title: { en: S }, text: { en: S } }
        ${END}
      `),
    );
    const result = await run('stats', file);
    expect(result.code).toBe(0);
    expect(result.out).toContain('choices never offered: a.early');
    expect(result.out).toContain('endings no run reaches: secret');
    expect(result.out.split('\n')[0]).toBe('t: 5 nodes — 2 decisions, 1 branches, 2 endings');
  });

  it('--json prints exactly what scenarioStats returns', async () => {
    const file = join(FIXTURES, 'stats-loop.yaml');
    const result = await run('stats', file, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual(scenarioStats(compileFile(file)));
  });

  it('a file with errors: exit 1, the errors on stderr; a missing file: exit 2; no file: exit 2', async () => {
    const bad = scratch('stats-bad').write('t.yaml', scenarioYaml(END, { start: 'nowhere' }));
    const result = await run('stats', bad);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('error: the start node "nowhere" does not exist [PRS043]');
    expect((await run('stats', join(FIXTURES, 'no-such-file.yaml'))).code).toBe(2);
    const usage = await run('stats');
    expect(usage.code).toBe(2);
    expect(usage.err).toBe('usage: prasan stats FILE [--json]');
  });
});
