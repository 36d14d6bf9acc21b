/**
 * The dashboard's counting (src/dashboard/aggregate.ts): the room's state from a snapshot and the
 * stream, where each trainee is, how the room chose, the class's skills, endings, and the paths'
 * heat on the engine's own map. A small scenario with a timer, a loop and a branch; runs written
 * by hand as the server would send them.
 */
import { describe, expect, it } from 'vitest';
import { scenarioMap, toSvgTree, type SvgElement } from '../../../src/authoring/graph';
import { zeroSkills, type SkillTotals } from '../../../src/engine';
import {
  applyMessage,
  countedRuns,
  decisionTallies,
  endingTallies,
  heatTree,
  nodeOrder,
  parseEventStream,
  pathHeat,
  positionOf,
  reconnectDelay,
  roomFromSnapshot,
  skillStats,
  withChoiceCounts,
} from '../../../src/dashboard/aggregate';
import type { RunRecord, SessionSnapshot, TraineeRecord } from '../../../src/workshop/protocol';
import { compileOk } from '../helpers';

const SOURCE = `
  start:
    text: { en: "The whip calls" }
    timeout: { seconds: 30, next: lost, scores: { observation: -1 } }
    choices:
      - { id: brief, text: { en: Brief them }, next: gate, scores: { communication: 2, strategy: 1 }, set: [briefed] }
      - { id: stall, text: { en: Stall }, next: gate, scores: { ethics: -3 } }
      - { id: probe, text: { en: Probe }, next: probe }
  probe:
    text: { en: "Who is wavering?" }
    choices:
      - { id: back, text: { en: Back }, next: start }
  gate:
    branch:
      - { when: { flag: briefed }, next: won }
      - { next: half }
  won: { ending: success, title: { en: "Carried" }, text: { en: W } }
  half: { ending: partial, title: { en: "Carried narrowly" }, text: { en: H } }
  lost: { ending: failure, title: { en: "Lost" }, text: { en: L } }
`;

const { model, strings } = compileOk(SOURCE, { start: 'start', id: 'whip' });
const models = new Map([['whip', model]]);

function skills(values: Partial<SkillTotals>): SkillTotals {
  return { ...zeroSkills(), ...values };
}

let runNumber = 0;
function run(
  trainee: string,
  startedAt: string,
  choices: [string, string][],
  result?: { ending: string | null; kind: string | null; skills: Partial<SkillTotals> },
): RunRecord {
  runNumber += 1;
  return {
    id: `run-${runNumber}`,
    trainee,
    scenario: 'whip',
    version: model.version,
    language: 'en',
    startedAt,
    steps: choices.map(([node, choice], seq) => ({ seq, node, choice, at: startedAt })),
    result: result ? { ending: result.ending, endingKind: result.kind, skills: skills(result.skills), finishedAt: startedAt } : null,
  };
}

function trainee(id: string, n: number): TraineeRecord {
  const at = `2025-01-01T09:0${n}:00.000Z`;
  return { id, name: `Name ${n}`, pseudonym: `P0${n}`, joinedAt: at, lastSeenAt: at };
}

// t1 wins, then replays and stalls; t2 stalls; t3 probes and comes back (still playing); t4 lets time run out.
const t1First = run('t1', '2025-01-01T10:00:00.000Z', [['start', 'brief']], {
  ending: 'won',
  kind: 'success',
  skills: { communication: 2, strategy: 1 },
});
const t1Replay = run('t1', '2025-01-01T11:00:00.000Z', [['start', 'stall']], { ending: 'half', kind: 'partial', skills: { ethics: -3 } });
const t2Run = run('t2', '2025-01-01T10:01:00.000Z', [['start', 'stall']], { ending: 'half', kind: 'partial', skills: { ethics: -3 } });
const t3Run = run('t3', '2025-01-01T10:02:00.000Z', [
  ['start', 'probe'],
  ['probe', 'back'],
]);
const t4Run = run('t4', '2025-01-01T10:03:00.000Z', [['start', 'timeout']], {
  ending: 'lost',
  kind: 'failure',
  skills: { observation: -1 },
});
const allRuns = [t1First, t1Replay, t2Run, t3Run, t4Run];

describe('reading the live stream', () => {
  it('returns the data of each complete event and keeps the unfinished tail for the next chunk', () => {
    const first = parseEventStream('data: {"type":"hello"}\n\n: still here\n\ndata: {"type":"se');
    expect(first.data).toEqual(['{"type":"hello"}']);
    expect(first.rest).toBe('data: {"type":"se');
    const second = parseEventStream(`${first.rest}en"}\r\n\r\n`);
    expect(second.data).toEqual(['{"type":"seen"}']);
    expect(second.rest).toBe('');
  });

  it('joins the lines of a multi-line data field', () => {
    expect(parseEventStream('data: a\ndata: b\n\n').data).toEqual(['a\nb']);
  });

  it('waits longer after each failed reconnection, up to fifteen seconds', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  });
});

describe('the room state', () => {
  const snapshot: SessionSnapshot = {
    session: {
      code: 'ABCDEF',
      title: 'T',
      createdAt: '2025-01-01T09:00:00.000Z',
      retentionDays: 90,
      expiresAt: '2025-04-01T09:00:00.000Z',
      joinUntil: '2025-01-01T17:00:00.000Z',
      scenarios: [{ id: 'whip', version: 1, uploaded: false }],
      trainees: 1,
    },
    trainees: [trainee('t1', 1)],
    runs: [t3Run],
  };

  it('adds a trainee once, however often the join is announced, and counts them', () => {
    const room = roomFromSnapshot(snapshot);
    const once = applyMessage(room, { type: 'joined', trainee: trainee('t2', 2) });
    const twice = applyMessage(once, { type: 'joined', trainee: trainee('t2', 2) });
    expect(twice.trainees.map((t) => t.pseudonym)).toEqual(['P01', 'P02']);
    expect(twice.session.trainees).toBe(2);
    expect(room.trainees).toHaveLength(1);
  });

  it('takes a run that went further, and ignores an older copy that arrives late', () => {
    const room = roomFromSnapshot(snapshot);
    const further = { ...t3Run, steps: [...t3Run.steps, { seq: 2, node: 'start', choice: 'brief', at: 'x' }] };
    const advanced = applyMessage(room, { type: 'run', run: further });
    expect(advanced.runs.get(t3Run.id)!.steps).toHaveLength(3);
    expect(applyMessage(advanced, { type: 'run', run: t3Run }).runs.get(t3Run.id)!.steps).toHaveLength(3);
    expect(room.runs.get(t3Run.id)!.steps).toHaveLength(2);
  });

  it('records last-seen times, a replaced scenario version and a deletion', () => {
    let room = roomFromSnapshot(snapshot);
    room = applyMessage(room, { type: 'seen', trainee: 't1', at: '2025-01-01T12:00:00.000Z' });
    room = applyMessage(room, { type: 'scenario-added', scenario: { id: 'whip', version: 2, uploaded: true } });
    expect(room.trainees[0]!.lastSeenAt).toBe('2025-01-01T12:00:00.000Z');
    expect(room.session.scenarios).toEqual([{ id: 'whip', version: 2, uploaded: true }]);
    expect(applyMessage(room, { type: 'session-deleted' }).deleted).toBe(true);
  });

  it('takes a new summary (joining closed, a new code) as it is sent', () => {
    const room = roomFromSnapshot(snapshot);
    const moved = applyMessage(room, {
      type: 'session',
      session: { ...snapshot.session, code: 'GHJKMN', joinUntil: '2025-01-01T10:00:00.000Z' },
    });
    expect(moved.session.code).toBe('GHJKMN');
    expect(moved.session.joinUntil).toBe('2025-01-01T10:00:00.000Z');
    expect(room.session.code).toBe('ABCDEF');
  });

  it('marks a removed trainee whose runs are kept, and drops one whose data was deleted with their runs', () => {
    const room = applyMessage(roomFromSnapshot({ ...snapshot, runs: allRuns }), { type: 'joined', trainee: trainee('t2', 2) });
    const deleted = applyMessage(room, { type: 'trainee-removed', trainee: 't1', at: '2025-01-01T11:00:00.000Z', dataDeleted: true });
    expect(deleted.trainees.map((t) => t.id)).toEqual(['t2']);
    expect([...deleted.runs.values()].some((r) => r.trainee === 't1')).toBe(false);
    expect([...deleted.runs.values()].some((r) => r.trainee === 't2')).toBe(true);
    expect(deleted.session.trainees).toBe(1);
    const keptT1 = applyMessage(room, { type: 'trainee-removed', trainee: 't1', at: '2025-01-01T11:00:00.000Z', dataDeleted: false });
    expect(keptT1.trainees.find((t) => t.id === 't1')?.removedAt).toBe('2025-01-01T11:00:00.000Z');
    expect(keptT1.session.trainees).toBe(1);
    expect([...keptT1.runs.values()].filter((r) => r.trainee === 't1')).toHaveLength(allRuns.filter((r) => r.trainee === 't1').length);
  });
});

describe('whose runs count', () => {
  it('counts each trainee once: the first finished run, else the furthest', () => {
    const counted = countedRuns(allRuns, 'whip');
    expect(counted.map((r) => r.id).sort()).toEqual([t1First.id, t2Run.id, t3Run.id, t4Run.id].sort());
    const empty = run('t3', '2025-01-01T12:00:00.000Z', []);
    expect(countedRuns([t3Run, empty], 'whip').map((r) => r.id)).toEqual([t3Run.id]);
    expect(countedRuns(allRuns, 'another')).toEqual([]);
  });
});

describe('where each trainee is', () => {
  it('is waiting before any run, at decision n (and its node) while playing, or at an ending', () => {
    expect(positionOf('t9', allRuns, models)).toEqual({ status: 'waiting' });
    const playing = positionOf('t3', allRuns, models);
    expect(playing).toMatchObject({ status: 'playing', scenario: 'whip', decision: 3, node: 'start' });
    // The latest run is what is on the trainee's screen: t1's replay.
    expect(positionOf('t1', allRuns, models)).toMatchObject({ status: 'finished', ending: 'half', endingKind: 'partial' });
  });

  it('still gives the last node decided at when the scenario content is missing', () => {
    expect(positionOf('t3', allRuns, new Map())).toMatchObject({ status: 'playing', decision: 3, node: 'probe' });
  });
});

describe('how the room chose', () => {
  it('orders decisions nearest the start first', () => {
    expect(nodeOrder(model).slice(0, 2)).toEqual(['start', 'gate']);
    expect(nodeOrder(model)).toContain('probe');
  });

  it('counts every choice at each decision reached, zeros and the timer included, with who chose', () => {
    const tallies = decisionTallies(model, countedRuns(allRuns, 'whip'));
    expect(tallies.map((t) => t.node)).toEqual(['start', 'probe']);
    const start = tallies[0]!;
    expect(start.total).toBe(4);
    expect(start.choices.map((c) => [c.id, c.count])).toEqual([
      ['brief', 1],
      ['stall', 1],
      ['probe', 1],
      ['timeout', 1],
    ]);
    expect(start.choices.find((c) => c.id === 'stall')!.trainees).toEqual(['t2']);
    expect(tallies[1]!.choices).toEqual([{ id: 'back', count: 1, trainees: ['t3'] }]);
  });
});

describe('the class skills', () => {
  it('gives mean, population spread, min and max over finished runs; the band stays inside min–max', () => {
    const stats = skillStats(countedRuns(allRuns, 'whip'))!;
    expect(stats.count).toBe(3);
    expect(stats.mean.communication).toBeCloseTo(2 / 3);
    expect(stats.sd.communication).toBeCloseTo(Math.sqrt(((2 - 2 / 3) ** 2 + 2 * (2 / 3) ** 2) / 3));
    expect(stats.min.ethics).toBe(-3);
    expect(stats.max.ethics).toBe(0);
    expect(stats.low.communication).toBe(0);
    expect(stats.high.communication).toBeCloseTo(2 / 3 + stats.sd.communication);
    expect(stats.low.ethics).toBeGreaterThanOrEqual(-3);
    expect(stats.high.ethics).toBeLessThanOrEqual(0);
  });

  it('has nothing to show before anyone finishes', () => {
    expect(skillStats([t3Run])).toBeUndefined();
  });
});

describe('endings reached', () => {
  it('lists every ending, best kind first, nobody-reached ones with 0, and runs that got stuck last', () => {
    const stuck = run('t5', '2025-01-01T10:04:00.000Z', [], { ending: null, kind: null, skills: {} });
    const tallies = endingTallies(model, [...countedRuns(allRuns, 'whip'), stuck]);
    expect(tallies.map((e) => [e.ending, e.kind, e.count])).toEqual([
      ['won', 'success', 1],
      ['half', 'partial', 1],
      ['lost', 'failure', 1],
      [null, 'incomplete', 1],
    ]);
    expect(endingTallies(model, []).map((e) => e.count)).toEqual([0, 0, 0]);
  });
});

describe('the paths on the map', () => {
  const counted = countedRuns(allRuns, 'whip');
  const heat = pathHeat(model, counted);

  it('counts lines out of decisions and through branches, and each node entered once per run', () => {
    expect(heat.edges.get('start→gate')).toBe(2);
    expect(heat.edges.get('gate→won')).toBe(1);
    expect(heat.edges.get('gate→half')).toBe(1);
    expect(heat.edges.get('start→probe')).toBe(1);
    expect(heat.edges.get('probe→start')).toBe(1);
    expect(heat.edges.get('start→lost')).toBe(1);
    // t3 entered start twice (through the loop) but counts once there.
    expect(heat.nodes.get('start')).toBe(4);
    expect(heat.nodes.get('won')).toBe(1);
    expect(heat.nodes.get('lost')).toBe(1);
    expect(heat.choices.get('start.brief')).toBe(1);
  });

  it('adds the counts to the choice labels', () => {
    const labels = withChoiceCounts(scenarioMap(model, strings, 'en'), heat).edges.map((e) => e.label);
    expect(labels).toContain('brief: com+2 str+1 · 1');
    expect(labels).toContain('back · 1');
  });

  const find = (tree: SvgElement, test: (e: SvgElement) => boolean): SvgElement[] => [
    ...(test(tree) ? [tree] : []),
    ...tree.children.flatMap((c) => (typeof c === 'string' ? [] : find(c, test))),
  ];

  it("recolours the engine's own layout: busier lines thicker, unreached nodes faded, counts in badges", () => {
    const tree = toSvgTree(scenarioMap(model, strings, 'en'), model.start);
    const before = JSON.stringify(tree);
    const hot = heatTree(tree, heat);
    expect(JSON.stringify(tree)).toBe(before);
    const width = (from: string, to: string) =>
      Number(find(hot, (e) => e.tag === 'path' && e.attrs['data-from'] === from && e.attrs['data-to'] === to)[0]!.attrs['stroke-width']);
    expect(width('start', 'gate')).toBeGreaterThan(width('gate', 'won'));
    // Arrowheads keep one size however thick the line.
    expect(find(hot, (e) => e.tag === 'marker')[0]!.attrs['markerUnits']).toBe('userSpaceOnUse');
    const node = (id: string) => find(hot, (e) => e.attrs['data-node'] === id)[0]!;
    expect(node('start').attrs['data-count']).toBe(4);
    expect(node('half').attrs['opacity']).toBe(1);
    const badge = find(node('start'), (e) => e.attrs['class'] === 'heat-badge')[0]!;
    expect(find(badge, (e) => e.tag === 'text')[0]!.children).toEqual(['4']);
    // Same layout: the boxes stay where the engine put them.
    const box = (t: SvgElement, id: string) =>
      find(t, (e) => e.attrs['data-node'] === id)[0]!.children.find((c) => typeof c !== 'string' && c.tag === 'rect');
    expect(box(hot, 'gate')).toEqual(box(tree, 'gate'));
  });

  it('fades what nobody reached', () => {
    const quiet = heatTree(toSvgTree(scenarioMap(model, strings, 'en'), model.start), pathHeat(model, [t2Run]));
    expect(find(quiet, (e) => e.attrs['data-node'] === 'won')[0]!.attrs['opacity']).toBe(0.45);
    expect(
      find(quiet, (e) => e.tag === 'path' && e.attrs['data-from'] === 'gate' && e.attrs['data-to'] === 'won')[0]!.attrs['data-count'],
    ).toBe(0);
  });
});
