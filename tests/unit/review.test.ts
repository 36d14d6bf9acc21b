/**
 * The engine's order of choices and its review of a run: what the feedback panel, the debrief, the
 * dashboard and the exports all render.
 */
import { describe, expect, it } from 'vitest';
import {
  buildResult,
  choiceOrder,
  followedEdges,
  inShownOrder,
  newSeed,
  reviewRun,
  shownChoices,
  startRun,
  type DecisionModel,
} from '../../src/engine';
import { compileOk } from './helpers';

const SIX = `
a:
  text: { en: A }
  choices:
    - { id: c1, text: { en: "1" }, next: end, feedback: { en: F } }
    - { id: c2, text: { en: "2" }, next: end, feedback: { en: F } }
    - { id: c3, text: { en: "3" }, next: end, feedback: { en: F } }
    - { id: c4, text: { en: "4" }, next: end, feedback: { en: F } }
    - { id: c5, text: { en: "5" }, next: end, feedback: { en: F } }
    - { id: c6, text: { en: "6" }, next: end, feedback: { en: F } }
end: { ending: success, title: { en: E }, text: { en: E } }
`;

describe('the order of choices', () => {
  const model = compileOk(SIX).model;
  const node = model.nodes['a'] as DecisionModel;

  it('is the same for the same seed and node, and holds every choice once', () => {
    const order = choiceOrder(node, 'seed-1');
    expect(choiceOrder(node, 'seed-1')).toEqual(order);
    expect([...order].sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });

  it('differs between seeds: over 400 seeds every choice comes first about as often as the others', () => {
    const firsts = new Map<string, number>();
    let i = 0;
    const random = () => ((i = (i * 1103515245 + 12345) % 2 ** 31), i / 2 ** 31);
    for (let n = 0; n < 400; n++) {
      const first = choiceOrder(node, newSeed(random))[0]!;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    expect(firsts.size).toBe(6);
    // Uniform would give 66.7 each; a generator biased towards file order would not stay within this.
    for (const count of firsts.values()) expect(count).toBeGreaterThan(35);
    expect(firsts.get('c1')).toBeLessThan(100);
  });

  it('seeds that differ by one character still give different orders', () => {
    const orders = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((s) => choiceOrder(node, `run-${s}`).join()));
    expect(orders.size).toBeGreaterThan(4);
  });

  it('a node with `order: fixed` keeps the file order for every seed', () => {
    const fixed = compileOk(SIX.replace('  text: { en: A }', '  text: { en: A }\n  order: fixed')).model;
    const fixedNode = fixed.nodes['a'] as DecisionModel;
    for (const seed of ['x', 'y', 'z']) expect(choiceOrder(fixedNode, seed)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });

  it('choices a condition hides leave the others in the order they would have had', () => {
    const order = choiceOrder(node, 's');
    const offered = node.choices.filter((c) => c.id !== 'c3');
    expect(inShownOrder(node, offered, 's').map((c) => c.id)).toEqual(order.filter((id) => id !== 'c3'));
  });

  it('without a seed, the offered choices are shown in file order (runs from before shuffling)', () => {
    expect(shownChoices(model, startRun(model)).map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(shownChoices(model, startRun(model), 'k').map((c) => c.id)).toEqual(choiceOrder(node, 'k'));
  });
});

/**
 * `a`: three choices — `good` and `also` tie on 3 points, `weak` earns 1; `good` sets a flag.
 * `gate` is a branch that leads to `b` when the flag is on, else to `c`.
 * `b`: `locked` is offered only with a meter at 8 or more; `open` always; a timer.
 * `c`: `loop` goes back to `c` (scored once), `leave` ends.
 */
const REVIEWED = `
a:
  text: { en: A }
  choices:
    - { id: good, text: { en: G }, next: gate, set: [k], scores: { ethics: 2, coordination: 1 }, effects: { m: 2 }, feedback: { en: F } }
    - { id: also, text: { en: Al }, next: gate, scores: { communication: 3 }, feedback: { en: F } }
    - { id: weak, text: { en: W }, next: gate, scores: { strategy: 1 }, effects: { m: -1 }, feedback: { en: F } }
gate:
  branch:
    - { when: { flag: k }, next: b }
    - { next: c }
b:
  text: { en: B }
  timeout: { seconds: 5, next: end, scores: { observation: -1 }, feedback: { en: T } }
  choices:
    - { id: locked, text: { en: L }, next: end, when: { meter: m, atLeast: 8 }, scores: { negotiation: 3 }, feedback: { en: F } }
    - { id: open, text: { en: O }, next: end, scores: { negotiation: 1 }, feedback: { en: F } }
c:
  text: { en: C }
  choices:
    - { id: loop, text: { en: Lo }, next: c, scores: { networking: 1 }, feedback: { en: F } }
    - { id: leave, text: { en: Le }, next: end, feedback: { en: F } }
end: { ending: success, title: { en: E }, text: { en: E } }
`;

describe('the review of a run', () => {
  const model = compileOk(REVIEWED).model;

  it('gives each step its points, meters, the nodes entered (branches included) and where the choice was shown', () => {
    const review = reviewRun(
      model,
      [
        { node: 'a', choice: 'good' },
        { node: 'b', choice: 'open' },
      ],
      { seed: 's1' },
    )!;
    expect(review.opening).toEqual(['a']);
    const [first, second] = review.steps;
    expect(first!.gained).toMatchObject({ ethics: 2, coordination: 1, communication: 0 });
    expect(first!.meters).toEqual({ m: 7 });
    expect(first!.meterChanges).toEqual({ m: 2 });
    expect(first!.entered).toEqual(['gate', 'b']);
    expect(first!.shown).toEqual(choiceOrder(model.nodes['a'] as DecisionModel, 's1'));
    expect(first!.position).toBe(first!.shown.indexOf('good') + 1);
    expect(second!.entered).toEqual(['end']);
    expect(review.final.node).toBe('end');
    expect(followedEdges(review)).toEqual([
      ['a', 'gate'],
      ['gate', 'b'],
      ['b', 'end'],
    ]);
  });

  it('a tie for the best choice lists both, and taking either counts as the best', () => {
    const took = (choice: string) =>
      reviewRun(model, [
        { node: 'a', choice },
        ...(choice === 'good' ? [{ node: 'b', choice: 'open' }] : [{ node: 'c', choice: 'leave' }]),
      ])!.steps[0]!;
    expect(took('good').best).toEqual({ choices: ['good', 'also'], total: 3 });
    expect(took('good').wasBest).toBe(true);
    expect(took('also').wasBest).toBe(true);
    expect(took('weak').wasBest).toBe(false);
    expect(took('weak').best.choices).toEqual(['good', 'also']);
  });

  it('the best is judged on what was offered then: a choice its condition hid is not the best', () => {
    // m is 5 + 2 = 7 at `b`: `locked` (negotiation 3) is not offered, so `open` is the best.
    const step = reviewRun(model, [
      { node: 'a', choice: 'good' },
      { node: 'b', choice: 'open' },
    ])!.steps[1]!;
    expect(step.shown).toEqual(['open']);
    expect(step.best).toEqual({ choices: ['open'], total: 1 });
    expect(step.wasBest).toBe(true);
    // Started with the meter at 8, `locked` is offered and is the best.
    const from = reviewRun(model, [{ node: 'b', choice: 'open' }], { from: { node: 'b', meters: { m: 8 } } })!;
    expect(from.opening).toEqual(['b']);
    expect(from.steps[0]!.best).toEqual({ choices: ['locked'], total: 3 });
    expect(from.steps[0]!.wasBest).toBe(false);
  });

  it('a timer: no position, its own points, and compared with the choices that were offered', () => {
    const step = reviewRun(model, [
      { node: 'a', choice: 'good' },
      { node: 'b', choice: 'timeout' },
    ])!.steps[1]!;
    expect(step.position).toBeUndefined();
    expect(step.gained.observation).toBe(-1);
    expect(step.wasBest).toBe(false);
  });

  it('a choice taken again earns nothing and says it was a repeat', () => {
    const review = reviewRun(model, [
      { node: 'a', choice: 'weak' },
      { node: 'c', choice: 'loop' },
      { node: 'c', choice: 'loop' },
      { node: 'c', choice: 'leave' },
    ])!;
    expect(review.steps[0]!.entered).toEqual(['gate', 'c']);
    expect(review.steps[1]!.gained.networking).toBe(1);
    expect(review.steps[1]!.repeated).toBe(false);
    expect(review.steps[2]!.gained.networking).toBe(0);
    expect(review.steps[2]!.repeated).toBe(true);
    expect(review.steps[2]!.meterChanges).toEqual({});
  });

  it('is undefined for a path that does not fit the scenario', () => {
    expect(reviewRun(model, [{ node: 'b', choice: 'open' }])).toBeUndefined();
    expect(reviewRun(model, [{ node: 'a', choice: 'nope' }])).toBeUndefined();
    expect(
      reviewRun(model, [
        { node: 'a', choice: 'good' },
        { node: 'b', choice: 'locked' },
      ]),
    ).toBeUndefined();
  });

  it('the result records the seed and where each choice stood on screen', () => {
    const review = reviewRun(
      model,
      [
        { node: 'a', choice: 'good' },
        { node: 'b', choice: 'open' },
      ],
      { seed: 'z' },
    )!;
    const result = buildResult(model, review.final, review.final.skills, {
      language: 'en',
      startedAt: new Date(0),
      finishedAt: new Date(1),
      timer: 'normal',
      seed: 'z',
    });
    expect(result.seed).toBe('z');
    expect(result.path.map((p) => p.position)).toEqual([review.steps[0]!.position, 1]);
  });
});
