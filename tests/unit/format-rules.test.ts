/**
 * The rules of a run (docs: scenario-format.md, "How a run goes"), one small fixture per rule. The
 * expected numbers are worked out by hand from the fixture next to each test.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  compileScenario,
  conditionHolds,
  eventFor,
  isEnded,
  isStuck,
  machineOf,
  offeredIds,
  startRun,
  step,
  tableStepper,
  type Condition,
  type DecisionModel,
  type RunState,
  type ScenarioModel,
} from '../../src/engine';
import { takeOutcome } from '../../src/engine/rules';
import { compileOk, nonZero, walk } from './helpers';

const END = 'end: { ending: success, title: { en: E }, text: { en: E } }';

/** A decision node `a` with the given choices (YAML flow maps, one a line), and the ending `end`. */
function oneNode(choices: string[], extra = ''): ScenarioModel {
  return compileOk(
    ['a:', '  text: { en: A }', ...(extra ? [`  ${extra}`] : []), '  choices:', ...choices.map((c) => `    - ${c}`), END].join('\n'),
  ).model;
}

describe('first-time scoring', () => {
  it('a choice that loops back to its own node scores once but applies its effects every time', () => {
    const model = oneNode([
      '{ id: loop, text: { en: L }, next: a, scores: { ethics: 2, strategy: -1 }, effects: { m: 1 } }',
      '{ id: done, text: { en: D }, next: end }',
    ]);
    const state = walk(model, ['loop', 'loop', 'loop']);
    // scores once: ethics 2, strategy -1; effects three times: m 5 + 1 + 1 + 1 = 8
    expect(nonZero(state.skills)).toEqual({ ethics: 2, strategy: -1 });
    expect(state.meters['m']).toBe(8);
    expect(state.taken).toEqual(['a.loop']);
    expect(state.path).toHaveLength(3);
  });

  it('a hub revisited through another node: each choice scores once, effects count on every visit', () => {
    const { model } = compileOk(
      `
      hub:
        text: { en: Hub }
        choices:
          - { id: out, text: { en: Out }, next: side, scores: { networking: 3 }, effects: { m: 2 } }
          - { id: done, text: { en: D }, next: end, scores: { ethics: 1 } }
      side:
        text: { en: Side }
        choices:
          - { id: back, text: { en: Back }, next: hub, scores: { networking: -1 }, effects: { m: -1 } }
      ${END}
    `,
      { start: 'hub' },
    );
    const state = walk(model, ['out', 'back', 'out', 'back', 'out', 'back', 'done']);
    // networking: +3 (out, first) - 1 (back, first) = 2; ethics 1; m: 5 + 3 × (2 - 1) = 8
    expect(nonZero(state.skills)).toEqual({ networking: 2, ethics: 1 });
    expect(state.meters['m']).toBe(8);
    expect(state.node).toBe('end');
  });

  it('the same choice id in two different nodes counts as two different choices', () => {
    const { model } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: go, text: { en: Go }, next: b, scores: { ethics: 1 } }
      b:
        text: { en: B }
        choices:
          - { id: go, text: { en: Go }, next: end, scores: { ethics: 1 } }
      ${END}
    `);
    expect(walk(model, ['go', 'go']).skills.ethics).toBe(2);
  });
});

describe('meters are clamped to min and max after every change', () => {
  const model = oneNode([
    '{ id: up, text: { en: Up }, next: a, effects: { m: 4 } }',
    '{ id: down, text: { en: Down }, next: a, effects: { m: -1 } }',
    '{ id: crash, text: { en: Crash }, next: a, effects: { m: -30 } }',
    '{ id: done, text: { en: D }, next: end }',
  ]);

  it('clamps at max (5 + 4 = 9, + 4 = 13 → 10, + 4 → 10)', () => {
    expect(walk(model, ['up']).meters['m']).toBe(9);
    expect(walk(model, ['up', 'up']).meters['m']).toBe(10);
    expect(walk(model, ['up', 'up', 'up']).meters['m']).toBe(10);
  });

  it('clamps each time, not once at the end: 5 → 9 → 10 (not 13) → 9 after -1', () => {
    expect(walk(model, ['up', 'up', 'down']).meters['m']).toBe(9);
  });

  it('clamps at min (5 - 30 → 0) and stays there (0 - 1 → 0), then rises from 0', () => {
    expect(walk(model, ['crash']).meters['m']).toBe(0);
    expect(walk(model, ['crash', 'down']).meters['m']).toBe(0);
    expect(walk(model, ['crash', 'down', 'up']).meters['m']).toBe(4);
  });

  it('a meter no choice changes keeps its initial value', () => {
    const { model: m2 } = compileOk(
      `
      a:
        text: { en: A }
        choices:
          - { id: go, text: { en: Go }, next: end, effects: { m: 1 } }
      ${END}
    `,
      { meters: 'm: { label: { en: M }, initial: 5, min: 0, max: 10 }\nn: { label: { en: N }, initial: -3, min: -5, max: 5 }' },
    );
    expect(walk(m2, ['go']).meters).toEqual({ m: 6, n: -3 });
  });
});

describe('flags', () => {
  const model = oneNode([
    '{ id: raise, text: { en: Raise }, next: a, set: [up] }',
    '{ id: lower, text: { en: Lower }, next: a, unset: [up] }',
    '{ id: gated, text: { en: Gated }, when: { flag: up }, next: end }',
    '{ id: done, text: { en: D }, next: end }',
  ]);

  it('every flag starts off', () => {
    expect(startRun(model).flags).toEqual([]);
    expect(offeredIds(model, startRun(model))).not.toContain('gated');
  });

  it('a flag set by one choice and unset by a later one is off again', () => {
    const raised = walk(model, ['raise']);
    expect(raised.flags).toEqual(['up']);
    expect(offeredIds(model, raised)).toContain('gated');
    const lowered = walk(model, ['raise', 'lower']);
    expect(lowered.flags).toEqual([]);
    expect(offeredIds(model, lowered)).not.toContain('gated');
  });

  it('unsetting a flag that is off, or setting one that is on, changes nothing', () => {
    expect(walk(model, ['lower']).flags).toEqual([]);
    expect(walk(model, ['raise', 'raise']).flags).toEqual(['up']);
  });

  it('within one outcome, `set` applies before `unset` (so a flag in both ends up off)', () => {
    // The checker refuses such a file (PRS038, see diagnostics.test.ts); the runtime's order is still step 3.
    const both = structuredClone(model);
    (both.nodes['a'] as DecisionModel).choices.push({
      id: 'both',
      next: 'a',
      scores: {},
      effects: {},
      set: ['x', 'y'],
      unset: ['x'],
      refs: [],
    });
    const after = takeOutcome(both, startRun(both), 'a', 'both');
    expect(after.flags).toEqual(['y']);
  });

  it('a choice that both sets and unsets the same flag is an error (PRS038)', () => {
    const text = `format: 1
id: t
languages: [en]
title: { en: T }
summary: { en: S }
start: a
nodes:
  a:
    text: { en: A }
    choices:
      - { id: go, text: { en: Go }, next: end, set: [x], unset: [x] }
  ${END}
`;
    const result = compileScenario('t.yaml', text);
    expect(result.compiled).toBeUndefined();
    expect(result.diagnostics.filter((d) => d.code === 'PRS038')).toHaveLength(1);
  });
});

describe('conditions', () => {
  /** A hand-made state: all skills 0, meter m, flags, visited and taken as given. */
  function state(over: Partial<RunState> = {}): RunState {
    return {
      node: 'a',
      skills: { communication: 0, observation: 0, negotiation: 0, networking: 0, ethics: 0, coordination: 0, strategy: 0 },
      meters: { m: 5 },
      flags: [],
      visited: ['a'],
      taken: [],
      path: [],
      entered: [],
      ...over,
    };
  }

  it('flag: holds exactly when the flag is on', () => {
    expect(conditionHolds({ flag: 'x' }, state({ flags: ['x'] }))).toBe(true);
    expect(conditionHolds({ flag: 'x' }, state({ flags: ['y'] }))).toBe(false);
  });

  it.each([
    [{ meter: 'm', atLeast: 5 }, true],
    [{ meter: 'm', atLeast: 6 }, false],
    [{ meter: 'm', atLeast: 4 }, true],
    [{ meter: 'm', atMost: 5 }, true],
    [{ meter: 'm', atMost: 4 }, false],
    [{ meter: 'm', atMost: 6 }, true],
  ] as [Condition, boolean][])('meter bounds are inclusive: %j on m = 5 is %s', (condition, expected) => {
    expect(conditionHolds(condition, state())).toBe(expected);
  });

  it.each([
    [{ skill: 'ethics', atLeast: -2 }, true],
    [{ skill: 'ethics', atLeast: -1 }, false],
    [{ skill: 'ethics', atMost: -2 }, true],
    [{ skill: 'ethics', atMost: -3 }, false],
  ] as [Condition, boolean][])('skill bounds are inclusive: %j on ethics = -2 is %s', (condition, expected) => {
    const s = state();
    s.skills.ethics = -2;
    expect(conditionHolds(condition, s)).toBe(expected);
  });

  it('meter conditions through a file: atLeast/atMost at the exact value are offered, one past is not', () => {
    const model = oneNode([
      '{ id: ge5, text: { en: G }, when: { meter: m, atLeast: 5 }, next: end }',
      '{ id: ge6, text: { en: G }, when: { meter: m, atLeast: 6 }, next: end }',
      '{ id: le5, text: { en: L }, when: { meter: m, atMost: 5 }, next: end }',
      '{ id: le4, text: { en: L }, when: { meter: m, atMost: 4 }, next: end }',
      '{ id: bump, text: { en: B }, next: a, effects: { m: 1 } }',
    ]);
    expect(offeredIds(model, startRun(model))).toEqual(['ge5', 'le5', 'bump']);
    expect(offeredIds(model, walk(model, ['bump']))).toEqual(['ge5', 'ge6', 'bump']);
  });

  it('skill conditions read the running total (earned, then partly lost), not the best possible', () => {
    const { model } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: earn, text: { en: E }, next: b, scores: { ethics: 2 } }
          - { id: plain, text: { en: P }, next: b }
      b:
        text: { en: B }
        choices:
          - { id: lose, text: { en: L }, next: c, scores: { ethics: -1 } }
          - { id: keep, text: { en: K }, next: c }
      c:
        text: { en: C }
        choices:
          - { id: gated, text: { en: G }, when: { skill: ethics, atLeast: 2 }, next: end }
          - { id: low, text: { en: Low }, when: { skill: ethics, atMost: 0 }, next: end }
          - { id: any, text: { en: Any }, next: end }
      ${END}
    `);
    expect(offeredIds(model, walk(model, ['earn', 'keep']))).toEqual(['gated', 'any']); // ethics 2
    expect(offeredIds(model, walk(model, ['earn', 'lose']))).toEqual(['any']); // ethics 1
    expect(offeredIds(model, walk(model, ['plain', 'keep']))).toEqual(['low', 'any']); // ethics 0
    expect(offeredIds(model, walk(model, ['plain', 'lose']))).toEqual(['low', 'any']); // ethics -1
  });

  it('visited holds for the start node, a branch node passed through, and the current node, not for others', () => {
    const { model } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: go, text: { en: Go }, next: br }
      br:
        branch:
          - next: b
      b:
        text: { en: B }
        choices:
          - { id: saw-start, text: { en: S }, when: { visited: a }, next: end }
          - { id: saw-branch, text: { en: S }, when: { visited: br }, next: end }
          - { id: saw-self, text: { en: S }, when: { visited: b }, next: end }
          - { id: saw-c, text: { en: S }, when: { visited: c }, next: end }
          - { id: to-c, text: { en: C }, next: c }
      c:
        text: { en: C }
        choices:
          - { id: back, text: { en: B }, next: b }
      ${END}
    `);
    const atB = walk(model, ['go']);
    expect(atB.visited).toEqual(['a', 'br', 'b']);
    expect(offeredIds(model, atB)).toEqual(['saw-start', 'saw-branch', 'saw-self', 'to-c']);
    expect(offeredIds(model, walk(model, ['go', 'to-c', 'back']))).toContain('saw-c');
  });

  it('chose NODE.CHOICE holds after that choice; NODE.timeout after that timer fired', () => {
    const { model } = compileOk(`
      a:
        text: { en: A }
        timeout: { seconds: 5, next: b }
        choices:
          - { id: x, text: { en: X }, next: b }
          - { id: y, text: { en: Y }, next: b }
      b:
        text: { en: B }
        choices:
          - { id: after-x, text: { en: X }, when: { chose: a.x }, next: end }
          - { id: after-timer, text: { en: T }, when: { chose: a.timeout }, next: end }
          - { id: any, text: { en: Any }, next: end }
      ${END}
    `);
    expect(offeredIds(model, walk(model, ['x']))).toEqual(['after-x', 'any']);
    expect(offeredIds(model, walk(model, ['y']))).toEqual(['any']);
    expect(offeredIds(model, walk(model, ['timeout']))).toEqual(['after-timer', 'any']);
    expect(walk(model, ['timeout']).taken).toEqual(['a.timeout']);
  });

  describe('not, all, any', () => {
    const { model } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: set-p, text: { en: P }, next: b, set: [p] }
          - { id: set-q, text: { en: Q }, next: b, set: [q] }
          - { id: set-pq, text: { en: PQ }, next: b, set: [p, q] }
          - { id: none, text: { en: N }, next: b }
      b:
        text: { en: B }
        choices:
          - { id: both, text: { en: B }, when: { all: [{ flag: p }, { flag: q }] }, next: end }
          - { id: either, text: { en: E }, when: { any: [{ flag: p }, { flag: q }] }, next: end }
          - { id: not-p, text: { en: N }, when: { not: { flag: p } }, next: end }
          - { id: nested, text: { en: N }, when: { all: [{ not: { flag: q } }, { any: [{ flag: p }, { visited: c }] }] }, next: end }
          - { id: to-c, text: { en: C }, next: c }
      c:
        text: { en: C }
        choices:
          - { id: back, text: { en: B }, next: b }
      ${END}
    `);

    it.each([
      [['none'], ['not-p', 'to-c']],
      [
        ['none', 'to-c', 'back'],
        ['not-p', 'nested', 'to-c'],
      ], // nested: not q, and visited c
      [['set-p'], ['either', 'nested', 'to-c']], // nested: not q, and p
      [['set-q'], ['either', 'not-p', 'to-c']],
      [['set-pq'], ['both', 'either', 'to-c']],
    ])('after %j, offered: %j', (ids, expected) => {
      expect(offeredIds(model, walk(model, ids))).toEqual(expected);
    });
  });
});

describe('hidden choices', () => {
  const model = oneNode([
    '{ id: open, text: { en: O }, next: a, set: [key] }',
    '{ id: locked, text: { en: L }, when: { flag: key }, next: end, scores: { ethics: 3 } }',
    '{ id: done, text: { en: D }, next: end }',
  ]);

  it('a choice whose `when` fails is not offered', () => {
    expect(offeredIds(model, startRun(model))).toEqual(['open', 'done']);
  });

  it('step refuses a hidden choice (undefined), though the node has it', () => {
    expect(step(model, startRun(model), 'locked')).toBeUndefined();
  });

  it('step refuses an id the node does not have, and `timeout` where there is no timer', () => {
    expect(step(model, startRun(model), 'nope')).toBeUndefined();
    expect(step(model, startRun(model), 'timeout')).toBeUndefined();
  });

  it('once the condition holds, the same choice is offered and taken', () => {
    const state = walk(model, ['open', 'locked']);
    expect(state.node).toBe('end');
    expect(state.skills.ethics).toBe(3);
  });
});

describe('branch nodes', () => {
  const { model } = compileOk(`
    a:
      text: { en: A }
      choices:
        - { id: p, text: { en: P }, next: br, set: [p] }
        - { id: q, text: { en: Q }, next: br, set: [q] }
        - { id: pq, text: { en: PQ }, next: br, set: [p, q] }
        - { id: hot, text: { en: H }, next: br, effects: { m: 20 } }
        - { id: none, text: { en: N }, next: br }
    br:
      branch:
        - { when: { flag: p }, next: end-p }
        - { when: { flag: q }, next: end-q }
        - { when: { meter: m, atLeast: 10 }, next: end-hot }
        - next: end-default
    end-p: { ending: success, title: { en: P }, text: { en: P } }
    end-q: { ending: partial, title: { en: Q }, text: { en: Q } }
    end-hot: { ending: partial, title: { en: H }, text: { en: H } }
    end-default: { ending: failure, title: { en: D }, text: { en: D } }
  `);

  it.each([
    ['p', 'end-p'],
    ['q', 'end-q'],
    ['pq', 'end-p'], // both p and q hold: the first matching rule wins
    ['hot', 'end-hot'], // judged after the effect (5 + 20, clamped to 10) is applied
    ['none', 'end-default'], // nothing holds: the default, last
  ])('after choice %s the branch leads to %s', (choice, ending) => {
    const state = walk(model, [choice]);
    expect(state.node).toBe(ending);
    expect(state.visited).toEqual(['a', 'br', ending]);
    expect(isEnded(model, state)).toBe(true);
  });

  it('a branch is judged on entry: the run never waits at it', () => {
    const state = walk(model, ['none']);
    expect(state.node).not.toBe('br');
    expect(state.path).toEqual([{ node: 'a', choice: 'none' }]);
  });

  it('a branch node as start is judged on the initial state', () => {
    const { model: m2 } = compileOk(
      `
      br:
        branch:
          - { when: { meter: m, atLeast: 6 }, next: high }
          - { when: { meter: m, atLeast: 5 }, next: mid }
          - next: low
      high: { ending: failure, title: { en: H }, text: { en: H } }
      mid:
        text: { en: Mid }
        choices:
          - { id: go, text: { en: Go }, next: ${'end'} }
      low: { ending: failure, title: { en: L }, text: { en: L } }
      ${END}
    `,
      { start: 'br' },
    );
    const state = startRun(m2);
    expect(state.node).toBe('mid'); // m starts at 5: not ≥ 6, but ≥ 5
    expect(state.visited).toEqual(['br', 'mid']);
    expect(state.path).toEqual([]);
  });

  it('chained branches are followed until a decision or an ending', () => {
    const { model: m3 } = compileOk(`
      a:
        text: { en: A }
        choices:
          - { id: go, text: { en: Go }, next: b1, set: [x] }
      b1:
        branch:
          - { when: { flag: x }, next: b2 }
          - next: end
      b2:
        branch:
          - { when: { visited: b1 }, next: c }
          - next: end
      c:
        text: { en: C }
        choices:
          - { id: fin, text: { en: F }, next: end }
      ${END}
    `);
    const state = walk(m3, ['go']);
    expect(state.node).toBe('c');
    expect(state.visited).toEqual(['a', 'b1', 'b2', 'c']);
  });
});

describe('timers', () => {
  it('a timer that fires twice in a loop scores once and applies its effects twice', () => {
    const model = oneNode(
      ['{ id: done, text: { en: D }, next: end }'],
      'timeout: { seconds: 30, next: a, scores: { observation: -1 }, effects: { m: 2 } }',
    );
    const state = walk(model, ['timeout', 'timeout']);
    expect(nonZero(state.skills)).toEqual({ observation: -1 });
    expect(state.meters['m']).toBe(9); // 5 + 2 + 2
    expect(state.taken).toEqual(['a.timeout']);
    expect(state.path).toEqual([
      { node: 'a', choice: 'timeout' },
      { node: 'a', choice: 'timeout' },
    ]);
  });

  it('`timeout` is offered at a node with a timer, after its choices', () => {
    const model = oneNode(['{ id: done, text: { en: D }, next: end }'], 'timeout: { seconds: 30, next: end }');
    expect(offeredIds(model, startRun(model))).toEqual(['done', 'timeout']);
  });
});

describe('stuck runs', () => {
  const { model } = compileOk(`
    a:
      text: { en: A }
      choices:
        - { id: lock, text: { en: L }, next: b, set: [k] }
        - { id: free, text: { en: F }, next: b }
    b:
      text: { en: B }
      choices:
        - { id: open, text: { en: O }, when: { flag: k }, next: end }
    ${END}
  `);

  it('a decision node where nothing is offered and no timer runs is stuck', () => {
    const state = walk(model, ['free']);
    expect(offeredIds(model, state)).toEqual([]);
    expect(isStuck(model, state)).toBe(true);
    expect(isEnded(model, state)).toBe(false);
  });

  it('the same node with its choice offered is not stuck; an ending is not stuck', () => {
    expect(isStuck(model, walk(model, ['lock']))).toBe(false);
    expect(isStuck(model, walk(model, ['lock', 'open']))).toBe(false);
  });

  it('a node whose every choice is hidden but which has a timer is not stuck', () => {
    const m2 = oneNode(
      ['{ id: open, text: { en: O }, when: { flag: k }, next: end }', '{ id: set, text: { en: S }, when: { flag: k }, next: a, set: [k] }'],
      'timeout: { seconds: 5, next: end }',
    );
    const state = startRun(m2);
    expect(offeredIds(m2, state)).toEqual(['timeout']);
    expect(isStuck(m2, state)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------
// The explorer walks the machine's own transition table; a live actor runs the same machine.

const councilText = readFileSync(new URL('../fixtures/engine/council-loop.yaml', import.meta.url), 'utf8');

function councilModel(): ScenarioModel {
  const result = compileScenario('council-loop.yaml', councilText);
  if (!result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled.model;
}

describe('the scenario machine', () => {
  const model = councilModel();

  it('starts by entering its start node and following the branch there (the start is a branch node)', () => {
    const first = startRun(model);
    expect(first.node).toBe('hub');
    expect(first.entered).toEqual(['gate', 'hub']);
    expect(first.visited).toEqual(['gate', 'hub']);
  });

  it("the explorer's table step and walk take the same steps as XState's own transition, on random walks with hidden and unknown choices", () => {
    const tableStep = tableStepper(model);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { maxLength: 40 }), (picks) => {
        let state = startRun(model);
        for (const pick of picks) {
          if (isEnded(model, state)) break;
          const node = model.nodes[state.node]!;
          const offered = offeredIds(model, state);
          const hidden = node.kind === 'decision' ? node.choices.map((c) => c.id).filter((c) => !offered.includes(c)) : [];
          const id = pick % 5 === 4 ? (hidden[pick % Math.max(1, hidden.length)] ?? 'no-such-choice') : offered[pick % offered.length]!;
          const byTable = tableStep.step(state, id);
          const byXState = step(model, state, id);
          expect(byTable).toEqual(byXState);
          // The explorer's walk: every offered choice, in order, each to the state XState reaches.
          const successors = tableStep.successors(state);
          expect(successors.map((s) => s.choice)).toEqual(offered);
          successors.forEach((s) => expect(s.next).toEqual(step(model, state, s.choice)));
          if (byXState) state = byXState;
        }
      }),
      { numRuns: 200, seed: 20240501 },
    );
  });

  it('an actor resumed from a replayed path goes on exactly like the pure steps', () => {
    const ids = ['timeout', 'press', 'call', 'promise', 'calm'];
    const state = walk(model, ids);
    // By hand: timeout obs -1, heat 3; press neg +1, eth -1, heat 4, goodwill -1; call net +2, goodwill 0;
    // promise com +1, str -1; calm eth +1, coo +1, heat 2.
    expect(state.node).toBe('hub');
    expect(nonZero(state.skills)).toEqual({
      observation: -1,
      negotiation: 1,
      networking: 2,
      communication: 1,
      strategy: -1,
      coordination: 1,
    });
    expect(state.meters).toEqual({ heat: 2, goodwill: 0 });
    const machine = machineOf(model);
    const resumed = createActor(machine, {
      snapshot: machine.getPersistedSnapshot(machine.resolveState({ value: state.node, context: state })),
    }).start();
    // Repeated choices score nothing, their effects count again.
    const more = ['timeout', 'call', 'promise', 'decide'];
    more.forEach((id) => resumed.send(eventFor(id)));
    const finished = walk(model, more, state);
    expect(resumed.getSnapshot().context).toEqual(finished);
    expect(resumed.getSnapshot().status).toBe('done');
    expect(finished.node).toBe('win'); // promised, and goodwill 0 + 1 = 1
    expect(finished.skills).toEqual(state.skills);
    expect(finished.meters).toEqual({ heat: 3, goodwill: 1 });
    resumed.stop();
  });
});
