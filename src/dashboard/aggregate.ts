/**
 * The dashboard's arithmetic, apart from the page: the room's state as snapshot plus stream messages,
 * where each trainee is, how the room chose at each decision, the class's skills, the paths' heat
 * and the endings reached. Pure functions over the wire format and the engine's model: no DOM, so
 * they are tested in Node.
 */
import type { ScenarioMap, SvgElement } from '../authoring/graph';
import { followedEdges, reviewRun, type RunReview, type ScenarioModel, SKILLS, type SkillTotals, zeroSkills } from '../engine';
import type { RunRecord, SessionSnapshot, SessionSummary, StreamMessage, TraineeRecord } from '../workshop/protocol';

// ---- the room's state ---------------------------------------------------------------------------

export interface RoomState {
  session: SessionSummary;
  /** In the order they joined. */
  trainees: TraineeRecord[];
  runs: Map<string, RunRecord>;
  /** Set once the session has been deleted (by this dashboard or another). */
  deleted: boolean;
}

export function roomFromSnapshot(snapshot: SessionSnapshot): RoomState {
  return {
    session: snapshot.session,
    trainees: [...snapshot.trainees],
    runs: new Map(snapshot.runs.map((r) => [r.id, r])),
    deleted: false,
  };
}

/** The room after one stream message; the state passed in is left as it was. */
export function applyMessage(room: RoomState, message: StreamMessage): RoomState {
  switch (message.type) {
    case 'joined': {
      if (room.trainees.some((t) => t.id === message.trainee.id)) return room;
      const trainees = [...room.trainees, message.trainee];
      return { ...room, trainees, session: { ...room.session, trainees: trainees.length } };
    }
    case 'seen':
      return { ...room, trainees: room.trainees.map((t) => (t.id === message.trainee ? { ...t, lastSeenAt: message.at } : t)) };
    case 'run': {
      // Runs only grow: a message older than what the room holds (sent while a snapshot was being
      // fetched after a reconnection) must not take a step back.
      const known = room.runs.get(message.run.id);
      if (known && progress(known) > progress(message.run)) return room;
      const runs = new Map(room.runs);
      runs.set(message.run.id, message.run);
      return { ...room, runs };
    }
    case 'scenario-added': {
      const others = room.session.scenarios.filter((s) => s.id !== message.scenario.id);
      return { ...room, session: { ...room.session, scenarios: [...others, message.scenario] } };
    }
    case 'session-deleted':
      return { ...room, deleted: true };
    case 'session':
      return { ...room, session: message.session };
    case 'trainee-removed': {
      if (!message.dataDeleted) {
        const trainees = room.trainees.map((t) => (t.id === message.trainee ? { ...t, removedAt: message.at } : t));
        return { ...room, trainees, session: { ...room.session, trainees: trainees.filter((t) => !t.removedAt).length } };
      }
      // Their data is gone: so are they and their runs, from every panel.
      const trainees = room.trainees.filter((t) => t.id !== message.trainee);
      const runs = new Map([...room.runs].filter(([, run]) => run.trainee !== message.trainee));
      return { ...room, trainees, runs, session: { ...room.session, trainees: trainees.filter((t) => !t.removedAt).length } };
    }
  }
}

/** How far a run has gone: its steps, and one more once its result is in. */
function progress(run: RunRecord): number {
  return run.steps.length + (run.result ? 1 : 0);
}

/**
 * Reads server-sent events from a growing buffer: the `data:` payloads of every complete event, and
 * what is left over for the next chunk. Comment lines (the server's keep-alive) carry nothing.
 */
export function parseEventStream(buffer: string): { data: string[]; rest: string } {
  const normalised = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  const data = blocks.flatMap((block) => {
    const lines = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''));
    return lines.length > 0 ? [lines.join('\n')] : [];
  });
  return { data, rest };
}

/** Waits before the n-th reconnection (from 0): doubling from one second, at most fifteen. */
export function reconnectDelay(attempt: number): number {
  return Math.min(15_000, 1000 * 2 ** Math.min(attempt, 4));
}

// ---- whose runs count ---------------------------------------------------------------------------

const byStart = (a: RunRecord, b: RunRecord) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id);

/**
 * One run per trainee for the room's figures, so a replay after the debrief doesn't count twice:
 * each trainee's first finished run of the scenario, or while none is finished, their furthest.
 */
export function countedRuns(runs: Iterable<RunRecord>, scenario: string): RunRecord[] {
  const byTrainee = new Map<string, RunRecord[]>();
  for (const run of runs) {
    if (run.scenario !== scenario) continue;
    byTrainee.set(run.trainee, [...(byTrainee.get(run.trainee) ?? []), run]);
  }
  return [...byTrainee.values()].map((list) => {
    const ordered = [...list].sort(byStart);
    const finished = ordered.find((r) => r.result !== null);
    if (finished) return finished;
    return ordered.reduce((best, r) => (r.steps.length >= best.steps.length ? r : best));
  });
}

/** A trainee's runs, oldest first. */
export function runsOf(runs: Iterable<RunRecord>, trainee: string): RunRecord[] {
  return [...runs].filter((r) => r.trainee === trainee).sort(byStart);
}

// ---- where each trainee is ----------------------------------------------------------------------

export type Position =
  | { status: 'waiting' }
  | { status: 'playing'; scenario: string; run: RunRecord; decision: number; node?: string }
  | { status: 'finished'; scenario: string; run: RunRecord; ending: string | null; endingKind: string | null };

/** The engine's review of a run (its id is its seed); undefined when its model is missing or differs. */
export function runReview(model: ScenarioModel | undefined, run: RunRecord): RunReview | undefined {
  if (!model || model.version !== run.version) return undefined;
  return reviewRun(
    model,
    run.steps.map((s) => ({ node: s.node, choice: s.choice })),
    { seed: run.id },
  );
}

/**
 * Where a trainee is: their latest run (the one on their screen), at which decision of its path and
 * which node, or finished with which ending.
 */
export function positionOf(trainee: string, runs: Iterable<RunRecord>, models: ReadonlyMap<string, ScenarioModel>): Position {
  const run = runsOf(runs, trainee).at(-1);
  if (!run) return { status: 'waiting' };
  if (run.result) return { status: 'finished', scenario: run.scenario, run, ending: run.result.ending, endingKind: run.result.endingKind };
  const node = runReview(models.get(run.scenario), run)?.final.node ?? run.steps.at(-1)?.node;
  return { status: 'playing', scenario: run.scenario, run, decision: run.steps.length + 1, ...(node ? { node } : {}) };
}

// ---- how the room chose ---------------------------------------------------------------------------

export interface ChoiceTally {
  /** The choice id, or `timeout`. */
  id: string;
  count: number;
  /** Who chose it (trainee ids), in the order they joined the counted runs. */
  trainees: string[];
}

export interface DecisionTally {
  node: string;
  /** How many times the counted runs decided here. */
  total: number;
  choices: ChoiceTally[];
}

/** The scenario's nodes, nearest the start first (breadth-first over choices, timers and branches). */
export function nodeOrder(model: ScenarioModel): string[] {
  const order: string[] = [];
  const seen = new Set<string>([model.start]);
  const queue = [model.start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    order.push(id);
    const node = model.nodes[id];
    if (!node) continue;
    const next =
      node.kind === 'decision'
        ? [...node.choices.map((c) => c.next), ...(node.timeout ? [node.timeout.next] : [])]
        : node.kind === 'branch'
          ? node.rules.map((r) => r.next)
          : [];
    for (const to of next) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  // Nodes nothing leads to (the checker forbids them, but a model is data) go last.
  for (const id of Object.keys(model.nodes)) if (!seen.has(id)) order.push(id);
  return order;
}

/**
 * At each decision the counted runs reached, how many took each choice: every choice the node has
 * (so a choice nobody took shows as 0), its timer if it has one, nearest the start first.
 */
export function decisionTallies(model: ScenarioModel, runs: readonly RunRecord[]): DecisionTally[] {
  const chosen = new Map<string, Map<string, string[]>>();
  for (const run of runs) {
    for (const s of run.steps) {
      const atNode = chosen.get(s.node) ?? new Map<string, string[]>();
      atNode.set(s.choice, [...(atNode.get(s.choice) ?? []), run.trainee]);
      chosen.set(s.node, atNode);
    }
  }
  const tallies: DecisionTally[] = [];
  for (const id of nodeOrder(model)) {
    const node = model.nodes[id];
    const atNode = chosen.get(id);
    if (!node || node.kind !== 'decision' || !atNode) continue;
    const ids = [...node.choices.map((c) => c.id), ...(node.timeout ? ['timeout'] : [])];
    // A choice the model no longer has (it can't be stored, but the data may be older) still counts.
    for (const extra of atNode.keys()) if (!ids.includes(extra)) ids.push(extra);
    const choices = ids.map((c) => ({ id: c, count: atNode.get(c)?.length ?? 0, trainees: atNode.get(c) ?? [] }));
    tallies.push({ node: id, total: choices.reduce((sum, c) => sum + c.count, 0), choices });
  }
  return tallies;
}

// ---- the class's skills -------------------------------------------------------------------------

export interface SkillStats {
  /** Finished runs counted. */
  count: number;
  mean: SkillTotals;
  /** Population standard deviation. */
  sd: SkillTotals;
  min: SkillTotals;
  max: SkillTotals;
  /** Mean ± one standard deviation, kept within what the class actually scored. */
  low: SkillTotals;
  high: SkillTotals;
}

export function skillStats(runs: readonly RunRecord[]): SkillStats | undefined {
  const totals = runs.flatMap((r) => (r.result ? [r.result.skills] : []));
  if (totals.length === 0) return undefined;
  const stats: SkillStats = {
    count: totals.length,
    mean: zeroSkills(),
    sd: zeroSkills(),
    min: zeroSkills(),
    max: zeroSkills(),
    low: zeroSkills(),
    high: zeroSkills(),
  };
  for (const skill of SKILLS) {
    const values = totals.map((t) => t[skill] ?? 0);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    const min = Math.min(...values);
    const max = Math.max(...values);
    stats.mean[skill] = mean;
    stats.sd[skill] = sd;
    stats.min[skill] = min;
    stats.max[skill] = max;
    stats.low[skill] = Math.max(min, mean - sd);
    stats.high[skill] = Math.min(max, mean + sd);
  }
  return stats;
}

// ---- endings reached ----------------------------------------------------------------------------

export interface EndingTally {
  /** The ending node, or null for runs that stopped where nothing was offered. */
  ending: string | null;
  kind: string;
  count: number;
}

const KIND_ORDER = ['success', 'partial', 'failure', 'incomplete'];

/**
 * Every ending of the scenario with how many counted runs reached it (0 included, so the room sees
 * what nobody found), best kind first; runs that stopped without an ending last.
 */
export function endingTallies(model: ScenarioModel | undefined, runs: readonly RunRecord[]): EndingTally[] {
  const counts = new Map<string | null, { kind: string; count: number }>();
  if (model)
    for (const node of nodeOrder(model).map((id) => model.nodes[id]!))
      if (node.kind === 'ending') counts.set(node.id, { kind: node.ending, count: 0 });
  for (const run of runs) {
    if (!run.result) continue;
    const known = counts.get(run.result.ending);
    const kind = run.result.endingKind ?? 'incomplete';
    counts.set(run.result.ending, { kind: known?.kind ?? kind, count: (known?.count ?? 0) + 1 });
  }
  const rank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);
  return [...counts.entries()].map(([ending, { kind, count }]) => ({ ending, kind, count })).sort((a, b) => rank(a.kind) - rank(b.kind));
}

// ---- the paths' heat --------------------------------------------------------------------------------

export interface PathHeat {
  /** Runs that entered each node (once per run). */
  nodes: Map<string, number>;
  /** Times each line of the map was followed, keyed `from→to` as the map groups its lines. */
  edges: Map<string, number>;
  /** Times each choice was taken, keyed `node.choice`. */
  choices: Map<string, number>;
}

const edgeKey = (from: string, to: string) => `${from}→${to}`;

/**
 * Counts the runs' paths over the scenario's map: the lines out of decisions and through branches
 * (branches judged on the state as the engine judges them), and the nodes entered.
 */
export function pathHeat(model: ScenarioModel, runs: readonly RunRecord[]): PathHeat {
  const heat: PathHeat = { nodes: new Map(), edges: new Map(), choices: new Map() };
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const run of runs) {
    const review = runReview(model, run);
    if (!review) continue;
    for (const s of review.steps) bump(heat.choices, `${s.node}.${s.choice}`);
    for (const [from, to] of followedEdges(review)) bump(heat.edges, edgeKey(from, to));
    for (const id of review.final.visited) bump(heat.nodes, id);
  }
  return heat;
}

/** The map's choice labels with how many took each (`brief: com+1 · 12`), before it is laid out. */
export function withChoiceCounts(map: ScenarioMap, heat: PathHeat): ScenarioMap {
  return {
    nodes: map.nodes,
    edges: map.edges.map((e) => {
      const count = e.kind === 'rule' ? undefined : heat.choices.get(`${e.from}.${e.id}`);
      return count ? { ...e, label: `${e.label} · ${count}` } : e;
    }),
  };
}

const HEAT_COLD = [138, 143, 153];
const HEAT_HOT = [184, 74, 20];

function mix(from: number[], to: number[], f: number): string {
  const channel = (i: number) => Math.round(from[i]! + (to[i]! - from[i]!) * f);
  return `rgb(${channel(0)},${channel(1)},${channel(2)})`;
}

/**
 * The engine's map of a scenario (its own layout) recoloured as a heat map: lines thicker and warmer
 * the more runs followed them, nodes nobody reached faded, and each node's count in a badge.
 * Returns a new tree; the one passed in is left as it was.
 */
export function heatTree(tree: SvgElement, heat: PathHeat): SvgElement {
  const maxEdge = Math.max(1, ...heat.edges.values());
  const recolour = (element: SvgElement): SvgElement => {
    const className = String(element.attrs['class'] ?? '');
    // Arrowheads sized in the map's units, not by line width: a thick line keeps a modest arrow.
    if (element.tag === 'marker')
      return { ...element, attrs: { ...element.attrs, markerUnits: 'userSpaceOnUse', markerWidth: 18, markerHeight: 18 } };
    if (element.tag === 'g' && className.startsWith('edge')) {
      return {
        ...element,
        children: element.children.map((child) => {
          // A white halo keeps a label readable where it crosses a thick line.
          if (typeof child !== 'string' && child.tag === 'text')
            return { ...child, attrs: { ...child.attrs, stroke: '#ffffff', 'stroke-width': 4, 'paint-order': 'stroke' } };
          if (typeof child === 'string' || child.tag !== 'path' || child.attrs['data-from'] === undefined) return child;
          const count = heat.edges.get(edgeKey(String(child.attrs['data-from']), String(child.attrs['data-to']))) ?? 0;
          const f = count / maxEdge;
          return {
            ...child,
            attrs: {
              ...child.attrs,
              stroke: count > 0 ? mix(HEAT_COLD, HEAT_HOT, 0.35 + 0.65 * f) : '#c9ccd2',
              'stroke-width': count > 0 ? 2.5 + 9 * f : 1.2,
              'data-count': count,
            },
          };
        }),
      };
    }
    if (element.tag === 'g' && className.startsWith('node') && element.attrs['data-node'] !== undefined) {
      const count = heat.nodes.get(String(element.attrs['data-node'])) ?? 0;
      const box = element.children.find((c): c is SvgElement => typeof c !== 'string' && c.tag === 'rect');
      if (!box) return element;
      const x = Number(box.attrs['x']) + Number(box.attrs['width']);
      const y = Number(box.attrs['y']);
      const badge: SvgElement = {
        tag: 'g',
        attrs: { class: 'heat-badge' },
        children: [
          {
            tag: 'circle',
            attrs: { cx: x - 4, cy: y + 4, r: 17, fill: count > 0 ? '#14213d' : '#ffffff', stroke: '#14213d', 'stroke-width': 2 },
            children: [],
          },
          {
            tag: 'text',
            attrs: {
              x: x - 4,
              y: y + 4,
              'text-anchor': 'middle',
              'dominant-baseline': 'central',
              'font-size': 16,
              'font-weight': 700,
              fill: count > 0 ? '#ffffff' : '#14213d',
            },
            children: [String(count)],
          },
        ],
      };
      return {
        ...element,
        attrs: { ...element.attrs, 'data-count': count, opacity: count > 0 ? 1 : 0.45 },
        children: [...element.children, badge],
      };
    }
    return { ...element, children: element.children.map((c) => (typeof c === 'string' ? c : recolour(c))) };
  };
  return recolour(tree);
}
