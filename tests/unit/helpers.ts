/**
 * Helpers for the engine tests: build a scenario file from a short YAML snippet of nodes, compile it,
 * find where a piece of text sits in a file (1-based line and column, counted in characters), play
 * choices, and walk every run of a scenario over full states (the brute-force reference).
 */
import {
  compileScenario,
  formatDiagnostic,
  hasErrors,
  isEnded,
  offeredIds,
  SKILLS,
  startRun,
  step,
  tableStepper,
  zeroSkills,
  type CompiledScenario,
  type Diagnostic,
  type RunState,
  type ScenarioModel,
  type SkillTotals,
} from '../../src/engine';

export interface ScenarioOptions {
  /** The start node (default `a`). */
  start?: string;
  /** The scenario id (default `t`, so the file name `t.yaml` matches). */
  id?: string;
  /** The `languages` list, as YAML (default `[en]`). */
  languages?: string;
  /** The `meters` block's body, as YAML (default: one meter `m`, 5 in 0..10). Pass '' for no meters. */
  meters?: string;
  /** Extra top-level YAML placed before `nodes:`. */
  top?: string;
}

/** Removes the common indentation of a template literal and its first and last blank lines. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return dedent(text)
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : pad + l))
    .join('\n');
}

const DEFAULT_METERS = 'm: { label: { en: M }, initial: 5, min: 0, max: 10 }';

/** A whole scenario file around a snippet of nodes (written at column 0; it is indented under `nodes:`). */
export function scenarioYaml(nodes: string, options: ScenarioOptions = {}): string {
  const meters = options.meters ?? DEFAULT_METERS;
  return [
    'format: 1',
    `id: ${options.id ?? 't'}`,
    `languages: ${options.languages ?? '[en]'}`,
    'title: { en: T }',
    'summary: { en: S }',
    `start: ${options.start ?? 'a'}`,
    ...(meters.trim() === '' ? [] : ['meters:', indent(meters, 2)]),
    ...(options.top ? [dedent(options.top)] : []),
    'nodes:',
    indent(nodes, 2),
    '',
  ].join('\n');
}

/** Compiles a snippet that must have no errors, and returns the compiled scenario. */
export function compileOk(nodes: string, options: ScenarioOptions = {}): CompiledScenario {
  const file = `${options.id ?? 't'}.yaml`;
  const result = compileScenario(file, scenarioYaml(nodes, options));
  if (!result.compiled || hasErrors(result.diagnostics)) {
    throw new Error(`fixture does not compile:\n${result.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`);
  }
  return result.compiled;
}

/** The errors and warnings of a file, as `code@line:column` strings, for compact assertions. */
export function codesAt(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);
}

/**
 * Where the `nth` (0-based) occurrence of `needle` starts in `text`: 1-based line and column, the
 * column counted in Unicode code points (characters), not UTF-16 units. Throws if not found.
 */
export function positionOf(text: string, needle: string, nth = 0): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" (#${nth}) is not in the text`);
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line, column: [...text.slice(lineStart, offset)].length + 1 };
}

/** `code@line:column` for the `nth` occurrence of `needle`. */
export function codeAt(code: string, text: string, needle: string, nth = 0): string {
  const { line, column } = positionOf(text, needle, nth);
  return `${code}@${line}:${column}`;
}

/** Plays ids from the start (or from `from`), failing loudly if one is not offered. */
export function walk(model: ScenarioModel, ids: readonly string[], from?: RunState): RunState {
  let state = from ?? startRun(model);
  for (const id of ids) {
    const next = step(model, state, id);
    if (!next) throw new Error(`"${id}" is not offered at "${state.node}" (offered: ${offeredIds(model, state).join(', ')})`);
    state = next;
  }
  return state;
}

/** The skills as a sparse map (only the non-zero ones), for short assertions. */
export function nonZero(skills: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(skills).filter(([, v]) => v !== 0));
}

/** A full state as a key: everything but the path (visited and taken are sets to the rules, so sorted). */
export function fullKey(state: RunState): string {
  return [
    state.node,
    SKILLS.map((s) => state.skills[s]).join(','),
    Object.keys(state.meters)
      .sort()
      .map((m) => `${m}=${state.meters[m]}`)
      .join(','),
    state.flags.join(','),
    [...state.visited].sort().join(','),
    [...state.taken].sort().join(','),
  ].join('|');
}

export interface BruteForce {
  /** Distinct full states reached. */
  states: number;
  /** Per skill, the highest and lowest total over every reachable state at an ending. */
  max: SkillTotals;
  min: SkillTotals;
  endingsReached: string[];
  /** Decision nodes where some reachable state offers nothing. */
  stuckAt: string[];
  /** Nodes of reachable states from which no ending can be reached (a cycle with no way out, or stuck). */
  deadEnds: string[];
  /** `NODE.CHOICE` of every choice offered in some reachable state. */
  takeable: Set<string>;
  /** The `fullKey` of every reachable state. */
  keys: Set<string>;
}

/**
 * Every run, walked over full states (skills, meters, flags, visits and choices taken), with no
 * merging beyond identical states: the reference the explorer is checked against. Throws past `limit`.
 */
export function bruteForce(model: ScenarioModel, limit = 200_000): BruteForce {
  // The machine's transition table, as the explorer steps it: this oracle checks how states are
  // merged, not the rules of a step (those are the machine's, tested in format-rules.test.ts).
  const { step } = tableStepper(model);
  const first = startRun(model);
  // States waiting to be expanded; dropped once expanded, to keep memory (and GC time) down.
  const pending: (RunState | undefined)[] = [first];
  const nodeOf: string[] = [first.node];
  const index = new Map<string, number>([[fullKey(first), 0]]);
  const reverse: number[][] = [[]];
  const endingIds: number[] = [];
  const takeable = new Set<string>();
  const stuckAt = new Set<string>();
  const max = zeroSkills();
  const min = zeroSkills();
  for (const skill of SKILLS) {
    max[skill] = -Infinity;
    min[skill] = Infinity;
  }
  for (let i = 0; i < pending.length; i++) {
    const state = pending[i]!;
    pending[i] = undefined;
    if (isEnded(model, state)) {
      endingIds.push(i);
      for (const skill of SKILLS) {
        max[skill] = Math.max(max[skill], state.skills[skill]);
        min[skill] = Math.min(min[skill], state.skills[skill]);
      }
      continue;
    }
    const ids = offeredIds(model, state);
    if (ids.length === 0) stuckAt.add(state.node);
    for (const id of ids) {
      takeable.add(`${state.node}.${id}`);
      const next = step({ ...state, path: [] }, id)!;
      const key = fullKey(next);
      let to = index.get(key);
      if (to === undefined) {
        if (pending.length >= limit) throw new Error(`more than ${limit} full states: raise the bound or simplify the scenario`);
        to = pending.length;
        index.set(key, to);
        pending.push(next);
        nodeOf.push(next.node);
        reverse.push([]);
      }
      reverse[to]!.push(i);
    }
  }
  if (endingIds.length === 0) {
    for (const skill of SKILLS) max[skill] = min[skill] = 0;
  }
  const canEnd = new Set(endingIds);
  const queue = [...endingIds];
  while (queue.length > 0) {
    for (const from of reverse[queue.pop()!]!) {
      if (!canEnd.has(from)) {
        canEnd.add(from);
        queue.push(from);
      }
    }
  }
  return {
    states: pending.length,
    max,
    min,
    endingsReached: [...new Set(endingIds.map((i) => nodeOf[i]!))].sort(),
    stuckAt: [...stuckAt].sort(),
    deadEnds: [...new Set(nodeOf.filter((_, i) => !canEnd.has(i)))].sort(),
    takeable,
    keys: new Set(index.keys()),
  };
}
