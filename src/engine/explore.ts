/**
 * Explores every state a scenario can reach to find, for each skill on its own, the highest and lowest
 * total a run that ends can have: exactly, with conditions, clamping and first-time scoring applied.
 *
 * Two runs that differ only in things no condition reads and no future score depends on behave alike
 * from then on, so states are merged on a key of just the things that matter (the current node, the
 * meters, flags, skills, visits and choices that conditions test, and which looping choices were
 * already taken). That keeps ordinary scenarios to a few thousand states. Where even that is too many,
 * the result falls back to a bound that ignores conditions.
 */
import { closure } from './check';
import { outcomeOf, type ScenarioModel } from './model';
import { tableStepper } from './machine';
import { isEnded, startRun, takenKey, type RunState } from './run';
import type { Condition } from './schema';
import { SKILLS, zeroSkills, type SkillId, type SkillTotals } from './skills';

export const DEFAULT_STATE_LIMIT = 200_000;

export interface Exploration {
  /** Highest total for each skill over runs that reach an ending. */
  max: SkillTotals;
  /** Lowest total for each skill over runs that reach an ending. */
  min: SkillTotals;
  /** False when the state limit was passed and `max`/`min` are bounds that ignore conditions. */
  exact: boolean;
  /** Merged states explored. */
  states: number;
  transitions: number;
  /** Endings some run reaches. */
  endingsReached: string[];
  /** Decision nodes where some run finds nothing offered and no timer. */
  stuckAt: string[];
  /** Every `NODE.CHOICE` some run can take. */
  takeable: Set<string>;
  /**
   * Where a skill's highest total needs wrongdoing: the most a run reaches taking no choice with a
   * negative ethics score, and a `NODE.CHOICE` with negative ethics on a run that reaches `max`.
   * Only skills where the clean most is lower are listed; empty when not exact.
   */
  dirtyMax: Partial<Record<SkillId, { clean: number; via: string }>>;
}

interface Relevance {
  /** What a state's key is made of at this node: meters and skills read ahead, sorted … */
  meters: string[];
  skills: SkillId[];
  /** … and the flags, visits and choices taken that matter, each numbered. */
  flagIndex: Map<string, number>;
  visitedIndex: Map<string, number>;
  takenIndex: Map<string, number>;
  /**
   * For each meter (then skill) above, the values beyond which every test ahead comes out the same
   * (see `valueBounds`): below `low` all are alike, as are all above `high`.
   */
  meterBounds: { low: number; high: number }[];
  skillBounds: { low: number; high: number }[];
}

/** A quantity conditions read: a meter or a skill, with the tests ahead and how far it can still move. */
interface Quantity {
  /** The meter's range (a skill has none). */
  min: number;
  max: number;
  /** The most it can still rise and fall from a node on, along any run (Infinity in a loop that moves it). */
  rise: Map<string, number>;
  fall: Map<string, number>;
}

/**
 * For each node, what of a run's state can still matter from there on: what the conditions of the
 * nodes reachable from it read, and which looping choices ahead were already taken. A meter no
 * condition ahead reads, say, no longer splits states; nor does a difference between two values of a
 * meter or skill that no test ahead can tell apart.
 */
function relevanceByNode(model: ScenarioModel): Map<string, Relevance> {
  type Reads = {
    flags: Set<string>;
    meters: Set<string>;
    skills: Set<SkillId>;
    visited: Set<string>;
    taken: Set<string>;
    edges: Map<string, number[]>;
  };
  const empty = (): Reads => ({
    flags: new Set(),
    meters: new Set(),
    skills: new Set(),
    visited: new Set(),
    taken: new Set(),
    edges: new Map(),
  });
  const component = stronglyConnected(model);
  const own = new Map<string, Reads>();
  for (const node of Object.values(model.nodes)) {
    const r = empty();
    const read = (c: Condition): void => {
      if ('flag' in c) r.flags.add(c.flag);
      else if ('meter' in c) {
        r.meters.add(c.meter);
        edge(r, `meter:${c.meter}`, c);
      } else if ('skill' in c) {
        r.skills.add(c.skill);
        edge(r, `skill:${c.skill}`, c);
      } else if ('visited' in c) r.visited.add(c.visited);
      else if ('chose' in c) r.taken.add(c.chose);
      else if ('not' in c) read(c.not);
      else if ('all' in c) c.all.forEach(read);
      else c.any.forEach(read);
    };
    if (node.kind === 'branch') node.rules.forEach((rule) => rule.when && read(rule.when));
    if (node.kind === 'decision') {
      for (const o of [...node.choices, ...(node.timeout ? [node.timeout] : [])]) {
        if ('when' in o && o.when) read(o.when);
        // A choice that can be taken twice scores only the first time, so whether it was taken matters.
        if (component.get(node.id) === component.get(o.next)) r.taken.add(takenKey(node.id, o.id));
      }
    }
    own.set(node.id, r);
  }
  const quantities = movement(model, component);
  const result = new Map<string, Relevance>();
  for (const id of Object.keys(model.nodes)) {
    const live = empty();
    for (const ahead of closure([id], (n) => successorsOf(model, n))) {
      const r = own.get(ahead)!;
      r.flags.forEach((f) => live.flags.add(f));
      r.meters.forEach((m) => live.meters.add(m));
      r.skills.forEach((s) => live.skills.add(s));
      r.visited.forEach((v) => live.visited.add(v));
      r.taken.forEach((t) => live.taken.add(t));
      for (const [name, edges] of r.edges) live.edges.set(name, [...(live.edges.get(name) ?? []), ...edges]);
    }
    const sorted = <T extends string>(set: Set<T>) => [...set].sort();
    const meters = sorted(live.meters);
    const skills = sorted(live.skills);
    const bounds = (name: string) => {
      const splits = live.edges.get(name);
      return splits ? valueBounds(quantities.get(name)!, id, splits) : { low: -Infinity, high: Infinity };
    };
    const numbered = (set: Set<string>) => new Map([...set].map((item, i) => [item, i]));
    result.set(id, {
      meters,
      skills,
      flagIndex: numbered(live.flags),
      visitedIndex: numbered(live.visited),
      takenIndex: numbered(live.taken),
      meterBounds: meters.map((m) => bounds(`meter:${m}`)),
      skillBounds: skills.map((k) => bounds(`skill:${k}`)),
    });
  }
  return result;
}

/** Records where a test splits a quantity's values: `atLeast t` between t-1 and t, `atMost t` between t and t+1. */
function edge(r: { edges: Map<string, number[]> }, name: string, c: { atLeast: number } | { atMost: number }): void {
  r.edges.set(name, [...(r.edges.get(name) ?? []), 'atLeast' in c ? c.atLeast : c.atMost + 1]);
}

/**
 * Below `low` every value of the quantity stays below every split ahead, however it moves (it can
 * rise at most `rise`, from its floor at worst), so every test ahead comes out the same: they are
 * one state. Likewise above `high`. Where no such region exists the bound is infinite.
 */
function valueBounds(q: Quantity, node: string, splits: number[]): { low: number; high: number } {
  const first = Math.min(...splits);
  const last = Math.max(...splits);
  const rise = q.rise.get(node)!;
  const fall = q.fall.get(node)!;
  const low = first - rise - 1;
  const high = last + fall;
  return { low: Number.isFinite(low) && low >= q.min ? low : -Infinity, high: Number.isFinite(high) && high <= q.max ? high : Infinity };
}

/**
 * How far each meter and skill can still move from each node on: the most it can rise (and fall)
 * along any run. Meters move every time a choice is taken, so one that a loop moves can move without
 * end; skills score once per choice, so a loop adds each of its choices' points once.
 */
function movement(model: ScenarioModel, component: Map<string, number>): Map<string, Quantity> {
  const quantities = new Map<string, Quantity>();
  const outcomes = (id: string) => {
    const node = model.nodes[id]!;
    return node.kind === 'decision' ? [...node.choices, ...(node.timeout ? [node.timeout] : [])] : [];
  };
  const measure = (delta: (o: ReturnType<typeof outcomes>[number]) => number, repeats: boolean, sign: 1 | -1): Map<string, number> => {
    const memo = new Map<string, number>();
    // Within a component, what its own steps can add: without end for a meter a loop moves, once each for a skill.
    const inside = new Map<number, number>();
    for (const id of Object.keys(model.nodes)) {
      for (const o of outcomes(id)) {
        const d = Math.max(0, sign * delta(o));
        if (d === 0 || component.get(id) !== component.get(o.next)) continue;
        const c = component.get(id)!;
        inside.set(c, repeats ? Infinity : (inside.get(c) ?? 0) + d);
      }
    }
    const members = new Map<number, string[]>();
    for (const [id, c] of component) members.set(c, [...(members.get(c) ?? []), id]);
    const of = (id: string): number => {
      const known = memo.get(id);
      if (known !== undefined) return known;
      const c = component.get(id)!;
      // The most leaving the component from any of its members, plus what the component itself adds.
      memo.set(id, 0);
      let most = 0;
      for (const member of members.get(c)!) {
        const node = model.nodes[member]!;
        const exits =
          node.kind === 'branch'
            ? node.rules.map((r) => ({ d: 0, next: r.next }))
            : outcomes(member).map((o) => ({ d: Math.max(0, sign * delta(o)), next: o.next }));
        for (const exit of exits) if (component.get(exit.next) !== c) most = Math.max(most, exit.d + of(exit.next));
      }
      const total = most + (inside.get(c) ?? 0);
      for (const member of members.get(c)!) memo.set(member, total);
      return total;
    };
    for (const id of Object.keys(model.nodes)) of(id);
    return memo;
  };
  for (const [meter, range] of Object.entries(model.meters)) {
    const delta = (o: ReturnType<typeof outcomes>[number]) => o.effects[meter] ?? 0;
    quantities.set(`meter:${meter}`, {
      min: range.min,
      max: range.max,
      rise: measure(delta, true, 1),
      fall: measure(delta, true, -1),
    });
  }
  for (const skill of SKILLS) {
    const delta = (o: ReturnType<typeof outcomes>[number]) => o.scores[skill] ?? 0;
    quantities.set(`skill:${skill}`, {
      min: -Infinity,
      max: Infinity,
      rise: measure(delta, false, 1),
      fall: measure(delta, false, -1),
    });
  }
  return quantities;
}

function successorsOf(model: ScenarioModel, id: string): string[] {
  const node = model.nodes[id]!;
  if (node.kind === 'decision') return [...node.choices.map((c) => c.next), ...(node.timeout ? [node.timeout.next] : [])];
  return node.kind === 'branch' ? node.rules.map((rule) => rule.next) : [];
}

/** The value, or the edge of the region beyond which no test ahead tells values apart. */
function within(value: number, bounds: { low: number; high: number }): number {
  return Math.min(bounds.high, Math.max(bounds.low, value));
}

/**
 * Keeps of a state only what something ahead reads: flags, visits and choices taken that no test
 * ahead mentions are dropped (what is reachable only shrinks, so they can never matter again), and
 * values no test ahead can tell apart are merged, copying the meter or skill table it changes (a
 * step shares the tables it leaves alone with the state it came from). Short lists keep each
 * step's copies short, however long a run gets.
 */
function normalize(state: RunState, r: Relevance): void {
  state.flags = only(state.flags, r.flagIndex);
  state.visited = only(state.visited, r.visitedIndex);
  state.taken = only(state.taken, r.takenIndex);
  r.meters.forEach((m, i) => {
    const value = within(state.meters[m]!, r.meterBounds[i]!);
    if (value === state.meters[m]) return;
    state.meters = { ...state.meters, [m]: value };
  });
  r.skills.forEach((k, i) => {
    const value = within(state.skills[k], r.skillBounds[i]!);
    if (value === state.skills[k]) return;
    state.skills = { ...state.skills, [k]: value };
  });
}

function only(list: string[], index: Map<string, number>): string[] {
  return list.every((item) => index.has(item)) ? list : list.filter((item) => index.has(item));
}

/** What tells this state apart from others at its node: only what something ahead reads. */
function stateKey(state: RunState, byNode: Map<string, Relevance>): string {
  const r = byNode.get(state.node)!;
  let key = state.node;
  for (const m of r.meters) key += `|${state.meters[m]}`;
  for (const k of r.skills) key += `|${state.skills[k]}`;
  return `${key}|${present(state.flags, r.flagIndex)}|${present(state.visited, r.visitedIndex)}|${present(state.taken, r.takenIndex)}`;
}

/** Which of the items that matter a list holds, as their indexes in order (one pass over the list, however long). */
function present(list: readonly string[], index: Map<string, number>): string {
  if (index.size === 0) return '';
  const found: number[] = [];
  for (const item of list) {
    const i = index.get(item);
    if (i !== undefined) found.push(i);
  }
  return found.sort((a, b) => a - b).join(',');
}

// Shared by every explored state: nothing appends to a run's path or entries in place.
const NO_STEPS: RunState['path'] = Object.freeze([]) as unknown as RunState['path'];
const NO_NODES: string[] = Object.freeze([]) as unknown as string[];

/** The merged state graph: states (index 0 is the start) and the steps between them. */
export interface StateGraph {
  states: RunState[];
  edges: { from: number; to: number; id: string; gain: SkillTotals }[];
  /** False when the state limit was passed before the graph was complete. */
  complete: boolean;
}

/** Builds the merged state graph, stopping (incomplete) past `limit` states. */
export function exploreStates(model: ScenarioModel, limit = DEFAULT_STATE_LIMIT): StateGraph {
  const r = relevanceByNode(model);
  const walk = tableStepper(model);
  const first = { ...startRun(model), path: NO_STEPS };
  const index = new Map<string, number>([[stateKey(first, r), 0]]);
  const states: RunState[] = [first];
  const edges: StateGraph['edges'] = [];
  for (let i = 0; i < states.length; i++) {
    if (states.length > limit) return { states, edges, complete: false };
    const state = states[i]!;
    for (const { choice: id, next } of walk.successors(state)) {
      // Where a state came from is the graph's business: its path and last entries don't split states.
      next.path = NO_STEPS;
      next.entered = NO_NODES;
      const gain = zeroSkills();
      for (const s of SKILLS) gain[s] = next.skills[s] - state.skills[s];
      normalize(next, r.get(next.node)!);
      const key = stateKey(next, r);
      let to = index.get(key);
      if (to === undefined) {
        to = states.length;
        index.set(key, to);
        states.push(next);
      }
      edges.push({ from: i, to, id, gain });
    }
  }
  return { states, edges, complete: true };
}

export function explore(model: ScenarioModel, limit = DEFAULT_STATE_LIMIT): Exploration {
  const graph = exploreStates(model, limit);
  const { states, edges } = graph;
  if (!graph.complete) return { ...boundByGraph(model), states: states.length, transitions: edges.length };
  const endingsReached = new Set<string>();
  const stuckAt = new Set<string>();
  const takeable = new Set(edges.map((e) => takenKey(states[e.from]!.node, e.id)));
  const leaving = new Set(edges.map((e) => e.from));
  states.forEach((state, i) => {
    if (isEnded(model, state)) endingsReached.add(state.node);
    else if (!leaving.has(i)) stuckAt.add(state.node);
  });

  const endingStates = states.flatMap((s, i) => (isEnded(model, s) ? [i] : []));
  const highest = (best: (number | undefined)[]) =>
    // A loop, not `Math.max(...)`: spreading more than ~120k ending states overflows the call stack.
    endingStates.reduce<number | undefined>((high, i) => (best[i] === undefined ? high : Math.max(high ?? -Infinity, best[i])), undefined);
  // Steps whose choice is scored below zero on ethics: a clean run takes none of them.
  const dirtyEdges = new Set(
    edges.filter((e) => {
      const node = model.nodes[states[e.from]!.node];
      return node?.kind === 'decision' && (outcomeOf(node, e.id)?.scores.ethics ?? 0) < 0;
    }),
  );
  const dirty = (e: StateGraph['edges'][number]) => dirtyEdges.has(e);
  const dirtyAt = edges.map(dirty);
  const plan = relaxPlan(states.length, edges);
  const max = zeroSkills();
  const min = zeroSkills();
  const dirtyMax: Exploration['dirtyMax'] = {};
  for (const skill of SKILLS) {
    // Read once into a column: the relaxations below read each edge's gain many times.
    const column = Float64Array.from(edges, (e) => e.gain[skill]);
    const gain = (_e: StateGraph['edges'][number], i: number) => column[i]!;
    const parents: (number | undefined)[] = [];
    const best = relax(plan, edges, gain, 1, { parents });
    const worst = relax(plan, edges, gain, -1);
    const high = highest(best);
    if (high === undefined) continue;
    max[skill] = high;
    min[skill] = endingStates.reduce((low, i) => (worst[i] === undefined ? low : Math.min(low, worst[i])), Infinity);
    const clean = highest(relax(plan, edges, gain, 1, { skip: (_e, i) => dirtyAt[i]! })) ?? -Infinity;
    if (clean < high) {
      const via = dirtyStepOnBestRun(
        endingStates.find((i) => best[i] === high)!,
        parents,
        edges,
        dirty,
      );
      if (via) dirtyMax[skill] = { clean: Number.isFinite(clean) ? clean : 0, via: takenKey(states[via.from]!.node, via.id) };
    }
  }
  return {
    max,
    min,
    exact: true,
    states: states.length,
    transitions: edges.length,
    endingsReached: [...endingsReached].sort(),
    stuckAt: [...stuckAt].sort(),
    takeable,
    dirtyMax,
  };
}

/** Walks the best run back from its ending to the first step on it that a clean run may not take. */
function dirtyStepOnBestRun<E extends { from: number }>(
  end: number,
  parents: (number | undefined)[],
  edges: E[],
  dirty: (e: E) => boolean,
): E | undefined {
  const steps: E[] = [];
  for (let at = end, guard = 0; parents[at] !== undefined && guard <= edges.length; guard++) {
    const edge = edges[parents[at]!]!;
    steps.push(edge);
    at = edge.from;
  }
  return steps.reverse().find(dirty);
}

/** What every relaxation over one graph shares: each state's outgoing edges, and a forward order if there is one. */
export interface RelaxPlan {
  count: number;
  outgoing: number[][];
  /** States in an order where every step goes forward; undefined when the graph has a loop. */
  order: number[] | undefined;
}

export function relaxPlan(count: number, edges: readonly { from: number; to: number }[]): RelaxPlan {
  const outgoing: number[][] = Array.from({ length: count }, () => []);
  edges.forEach((e, i) => outgoing[e.from]!.push(i));
  return { count, outgoing, order: topologicalOrder(count, edges, outgoing) };
}

/**
 * The best total of one skill on arriving at each state (sign 1: highest; -1: lowest). Loops in the
 * merged graph can only repeat choices already scored, so they gain nothing and relaxation ends.
 * `skip` leaves edges out (a clean run's forbidden steps); `parents` records each state's best edge.
 */
export function relax<E extends { from: number; to: number }>(
  plan: RelaxPlan,
  edges: readonly E[],
  gain: (edge: E, index: number) => number,
  sign: 1 | -1,
  options: { parents?: (number | undefined)[]; skip?: (edge: E, index: number) => boolean } = {},
): (number | undefined)[] {
  const { parents, skip } = options;
  const best = Array.from<number | undefined>({ length: plan.count });
  best[0] = 0;
  const improve = (e: number): boolean => {
    const edge = edges[e]!;
    if (skip?.(edge, e)) return false;
    const value = best[edge.from]! + gain(edge, e);
    const current = best[edge.to];
    if (current !== undefined && sign * value <= sign * current) return false;
    best[edge.to] = value;
    if (parents) parents[edge.to] = e;
    return true;
  };
  if (plan.order) {
    // Without loops one pass in topological order settles every state.
    for (const from of plan.order) if (best[from] !== undefined) for (const e of plan.outgoing[from]!) improve(e);
    return best;
  }
  const queue = [0];
  const queued = new Set([0]);
  // A moving head, not `shift()`: shifting a long array is linear, which made this quadratic.
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head]!;
    queued.delete(from);
    for (const e of plan.outgoing[from]!) {
      const to = edges[e]!.to;
      if (improve(e) && !queued.has(to)) {
        queued.add(to);
        queue.push(to);
      }
    }
  }
  return best;
}

/** States in an order where every step goes forward, or undefined when the graph has a loop. */
export function topologicalOrder(count: number, edges: readonly { to: number }[], outgoing: number[][]): number[] | undefined {
  const indegree = new Array<number>(count).fill(0);
  for (const e of edges) indegree[e.to]!++;
  const queue = indegree.flatMap((d, i) => (d === 0 ? [i] : []));
  for (let head = 0; head < queue.length; head++) {
    for (const e of outgoing[queue[head]!]!) if (--indegree[edges[e]!.to]! === 0) queue.push(edges[e]!.to);
  }
  return queue.length === count ? queue : undefined;
}

/** Strongly connected components of the node graph (ignoring conditions), as node → component. */
export function stronglyConnected(model: ScenarioModel): Map<string, number> {
  const next = (id: string): string[] => {
    const node = model.nodes[id]!;
    if (node.kind === 'decision') return [...node.choices.map((c) => c.next), ...(node.timeout ? [node.timeout.next] : [])];
    if (node.kind === 'branch') return node.rules.map((r) => r.next);
    return [];
  };
  // Tarjan's algorithm, iterative so a long chain of nodes can't overflow the stack.
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  for (const root of Object.keys(model.nodes)) {
    if (indexOf.has(root)) continue;
    const work: { id: string; children: string[]; i: number }[] = [];
    const open = (id: string) => {
      indexOf.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, children: next(id), i: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.children.length) {
        const child = frame.children[frame.i++]!;
        if (!indexOf.has(child)) open(child);
        else if (onStack.has(child)) low.set(frame.id, Math.min(low.get(frame.id)!, indexOf.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === indexOf.get(frame.id)) {
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== frame.id);
        components++;
      }
    }
  }
  return component;
}

/**
 * A bound for scenarios too large to explore: the best (and worst) path through the graph of
 * components, counting every positive (negative) score inside a loop once, and ignoring conditions.
 */
function boundByGraph(model: ScenarioModel): Omit<Exploration, 'states' | 'transitions'> {
  const component = stronglyConnected(model);
  const count = Math.max(-1, ...component.values()) + 1;
  const inner = Array.from({ length: count }, () => ({ up: zeroSkills(), down: zeroSkills() }));
  const across: { from: number; to: number; gain: SkillTotals }[] = [];
  const takeable = new Set<string>();
  for (const node of Object.values(model.nodes)) {
    const from = component.get(node.id)!;
    const outcomes =
      node.kind === 'decision'
        ? [...node.choices, ...(node.timeout ? [node.timeout] : [])]
        : node.kind === 'branch'
          ? node.rules.map((r): { id: string; next: string; scores: Partial<SkillTotals> } => ({ id: '', next: r.next, scores: {} }))
          : [];
    for (const o of outcomes) {
      if (o.id) takeable.add(takenKey(node.id, o.id));
      const to = component.get(o.next)!;
      const gain = zeroSkills();
      for (const s of SKILLS) gain[s] = o.scores[s] ?? 0;
      if (from === to) {
        for (const s of SKILLS) {
          inner[from]!.up[s] += Math.max(0, gain[s]);
          inner[from]!.down[s] += Math.min(0, gain[s]);
        }
      } else across.push({ from, to, gain });
    }
  }
  // Tarjan numbers components in reverse topological order, so walk from the highest number down.
  const start = component.get(model.start)!;
  const endings = Object.values(model.nodes)
    .filter((n) => n.kind === 'ending')
    .map((n) => component.get(n.id)!);
  const max = zeroSkills();
  const min = zeroSkills();
  for (const skill of SKILLS) {
    for (const sign of [1, -1] as const) {
      const best = Array.from<number | undefined>({ length: count });
      best[start] = sign === 1 ? inner[start]!.up[skill] : inner[start]!.down[skill];
      for (let c = count - 1; c >= 0; c--) {
        if (best[c] === undefined) continue;
        for (const e of across.filter((a) => a.from === c)) {
          const own = sign === 1 ? inner[e.to]!.up[skill] : inner[e.to]!.down[skill];
          const value = best[c]! + e.gain[skill] + own;
          if (best[e.to] === undefined || sign * value > sign * best[e.to]!) best[e.to] = value;
        }
      }
      const values = endings.map((c) => best[c]).filter((v): v is number => v !== undefined);
      if (values.length > 0) (sign === 1 ? max : min)[skill] = sign === 1 ? Math.max(...values) : Math.min(...values);
    }
  }
  return {
    max,
    min,
    exact: false,
    endingsReached: Object.values(model.nodes)
      .filter((n) => n.kind === 'ending')
      .map((n) => n.id)
      .sort(),
    stuckAt: [],
    takeable,
    dirtyMax: {},
  };
}
