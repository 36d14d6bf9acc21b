/**
 * A scenario's map for its author: nodes labelled with a short text, choices as edges labelled with
 * their skill changes, endings coloured by kind. Written as Mermaid, Graphviz DOT, or SVG laid out
 * here (no external program). The SVG is a plain tree that the command line serialises and the game
 * builds as DOM, text always as text.
 */
import { type NodeModel, type Outcome, type ScenarioModel, type SkillId, SKILLS, type Step, type StringTable, textKey } from '../engine';
import { PALETTE } from '../palette';

export const SKILL_ABBREVIATIONS: Record<SkillId, string> = {
  communication: 'com',
  observation: 'obs',
  negotiation: 'neg',
  networking: 'net',
  ethics: 'eth',
  coordination: 'coo',
  strategy: 'str',
};

export const ENDING_COLOURS = { success: PALETTE.success, partial: PALETTE.partial, failure: PALETTE.failure } as const;

export interface MapEdge {
  from: string;
  to: string;
  /** The choice id, `timeout`, or for a branch rule its position (`rule 1`). */
  id: string;
  label: string;
  kind: 'choice' | 'timeout' | 'rule';
}

export interface MapNode {
  id: string;
  kind: NodeModel['kind'];
  ending?: 'success' | 'partial' | 'failure';
  /** A short text: the node's opening words, or an ending's title. */
  label: string;
}

export interface ScenarioMap {
  nodes: MapNode[];
  edges: MapEdge[];
}

const LABEL_CHARACTERS = 60;

/** Cuts a text to about `limit` characters at a word boundary (Thai has no spaces, so ask Intl). */
export function shorten(text: string, limit = LABEL_CHARACTERS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if ([...flat].length <= limit) return flat;
  const words = [...new Intl.Segmenter('th', { granularity: 'word' }).segment(flat)].map((s) => s.segment);
  let out = '';
  for (const word of words) {
    if ([...(out + word)].length > limit - 1) break;
    out += word;
  }
  return `${out.trimEnd()}…`;
}

export function skillChangeLabel(scores: Partial<Record<SkillId, number>>): string {
  return SKILLS.filter((s) => (scores[s] ?? 0) !== 0)
    .map((s) => `${SKILL_ABBREVIATIONS[s]}${scores[s]! > 0 ? '+' : ''}${scores[s]}`)
    .join(' ');
}

/**
 * A choice's or timer's arrow: its id, then what it changes — the skills in their order, then the
 * meters it moves (by meter id), so a meter-driven scenario can be balanced from the map.
 */
function outcomeLabel(id: string, outcome: Pick<Outcome, 'scores' | 'effects'>): string {
  const meters = Object.entries(outcome.effects)
    .filter(([, delta]) => delta !== 0)
    .map(([meter, delta]) => `${meter}${delta > 0 ? '+' : ''}${delta}`);
  const changes = [skillChangeLabel(outcome.scores), ...meters].filter((part) => part !== '');
  return changes.length > 0 ? `${id}: ${changes.join(' ')}` : id;
}

export function scenarioMap(model: ScenarioModel, strings: StringTable, language: string): ScenarioMap {
  const table = strings[language as keyof StringTable] ?? strings[model.languages[0]!] ?? {};
  const nodes: MapNode[] = [];
  const edges: MapEdge[] = [];
  for (const node of Object.values(model.nodes)) {
    if (node.kind === 'ending') {
      nodes.push({ id: node.id, kind: 'ending', ending: node.ending, label: shorten(table[textKey.endingTitle(node.id)] ?? '') });
    } else if (node.kind === 'branch') {
      nodes.push({ id: node.id, kind: 'branch', label: '' });
      node.rules.forEach((rule, i) =>
        edges.push({ from: node.id, to: rule.next, id: `rule ${i + 1}`, label: rule.when ? `${i + 1}` : 'else', kind: 'rule' }),
      );
    } else {
      nodes.push({ id: node.id, kind: 'decision', label: shorten(table[textKey.nodeText(node.id)] ?? '') });
      for (const choice of node.choices) {
        edges.push({ from: node.id, to: choice.next, id: choice.id, label: outcomeLabel(choice.id, choice), kind: 'choice' });
      }
      if (node.timeout) {
        edges.push({ from: node.id, to: node.timeout.next, id: 'timeout', label: outcomeLabel('timeout', node.timeout), kind: 'timeout' });
      }
    }
  }
  return { nodes, edges };
}

const MERMAID_KEYWORDS = new Set([
  'end',
  'graph',
  'flowchart',
  'subgraph',
  'direction',
  'style',
  'class',
  'classdef',
  'linkstyle',
  'click',
  'call',
  'href',
  'default',
]);

/** Mermaid flowchart text (renders on GitHub, in VS Code previews, in mermaid.live). */
export function toMermaid(map: ScenarioMap): string {
  const quote = (s: string) => `"${s.replace(/"/g, '#quot;')}"`;
  // Mermaid reads a node called `end` (and a few other words) as its own keyword, which breaks the
  // whole chart; no scenario id has `_`, so `end_` can't clash with another node.
  const id = (s: string) => (MERMAID_KEYWORDS.has(s) ? `${s}_` : s.replace(/-/g, '_'));
  const lines = ['flowchart TD'];
  for (const n of map.nodes) {
    const text = quote(n.label ? `${n.id}: ${n.label}` : n.id);
    lines.push(`  ${id(n.id)}${n.kind === 'branch' ? `{${text}}` : n.kind === 'ending' ? `([${text}])` : `[${text}]`}`);
  }
  for (const e of map.edges) lines.push(`  ${id(e.from)} ${e.kind === 'timeout' ? '-.->' : '-->'}|${quote(e.label)}| ${id(e.to)}`);
  for (const kind of ['success', 'partial', 'failure'] as const) {
    const ids = map.nodes.filter((n) => n.ending === kind).map((n) => id(n.id));
    if (ids.length > 0) {
      lines.push(`  classDef ${kind} fill:${ENDING_COLOURS[kind]},color:#fff`);
      lines.push(`  class ${ids.join(',')} ${kind}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Graphviz DOT text. */
export function toDot(map: ScenarioMap): string {
  const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const lines = ['digraph scenario {', '  rankdir=TB;', '  node [fontname="Sarabun", shape=box, style="rounded"];'];
  for (const n of map.nodes) {
    const attrs = [`label=${quote(n.label ? `${n.id}\n${n.label}` : n.id)}`];
    if (n.kind === 'branch') attrs.push('shape=diamond');
    if (n.ending) attrs.push(`style="rounded,filled"`, `fillcolor=${quote(ENDING_COLOURS[n.ending])}`, 'fontcolor="white"');
    lines.push(`  ${quote(n.id)} [${attrs.join(', ')}];`);
  }
  for (const e of map.edges) {
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(e.label)}${e.kind === 'timeout' ? ', style=dashed' : ''}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export interface SvgElement {
  tag: string;
  attrs: Record<string, string | number>;
  children: (SvgElement | string)[];
}

const el = (tag: string, attrs: SvgElement['attrs'], ...children: (SvgElement | string)[]): SvgElement => ({ tag, attrs, children });

const BOX_WIDTH = 230;
const LINE_HEIGHT = 17;
const WRAP_CHARACTERS = 30;
const COLUMN_GAP = 60;
const ROW_GAP = 90;
const EDGE_LINE = 14;

function wrap(text: string, width = WRAP_CHARACTERS): string[] {
  const words = [...new Intl.Segmenter('th', { granularity: 'word' }).segment(text)].map((s) => s.segment);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && [...(line + word)].length > width) {
      lines.push(line.trim());
      line = '';
    }
    line += word;
  }
  if (line.trim()) lines.push(line.trim());
  return lines.slice(0, 4);
}

/**
 * Lays the map out in rows by distance from the start (loops drawn back upwards), and returns an SVG
 * tree. `path` marks the steps a trainee took.
 */
export function toSvgTree(map: ScenarioMap, start: string, path: readonly Step[] = [], reached: readonly string[] = []): SvgElement {
  const layer = layers(map, start);
  const rows = new Map<number, MapNode[]>();
  for (const n of map.nodes) {
    const row = layer.get(n.id) ?? 0;
    rows.set(row, [...(rows.get(row) ?? []), n]);
  }
  const caption = (n: MapNode) => (n.label ? `${n.id}: ${n.label}` : n.id);
  const sizes = new Map(map.nodes.map((n) => [n.id, wrap(caption(n)).length]));
  const position = new Map<string, { x: number; y: number; h: number }>();
  const rowNumbers = [...rows.keys()].sort((a, b) => a - b);
  const widest = Math.max(1, ...[...rows.values()].map((r) => r.length));
  const width = widest * (BOX_WIDTH + COLUMN_GAP) + COLUMN_GAP;
  // Choices that lead to the same node share one line, their labels stacked beside it.
  const groups = new Map<string, MapEdge[]>();
  for (const e of map.edges) groups.set(`${e.from}→${e.to}`, [...(groups.get(`${e.from}→${e.to}`) ?? []), e]);
  const labelLines = (row: number) => {
    const perNode = new Map<string, number>();
    for (const e of map.edges) if ((layer.get(e.from) ?? 0) === row) perNode.set(e.from, (perNode.get(e.from) ?? 0) + 1);
    return Math.max(0, ...perNode.values());
  };
  let y = 30;
  for (const row of rowNumbers) {
    const members = rows.get(row)!;
    const offset = (width - members.length * (BOX_WIDTH + COLUMN_GAP) + COLUMN_GAP) / 2;
    const height = Math.max(...members.map((n) => sizes.get(n.id)! * LINE_HEIGHT + 16));
    members.forEach((n, i) => position.set(n.id, { x: offset + i * (BOX_WIDTH + COLUMN_GAP), y, h: height }));
    y += height + Math.max(ROW_GAP, labelLines(row) * EDGE_LINE + 40);
  }

  const taken = new Set(path.map((s) => `${s.node}→${s.choice}`));
  // The nodes decided at, plus any the caller knows were passed or ended at (branches, the ending).
  const visited = new Set([...path.map((s) => s.node), ...reached]);
  // Labels of all the lines leaving one node stack in one column, so they never overprint.
  const linesUsed = new Map<string, number>();
  const edgeElements = [...groups.values()].map((group) => {
    const first = group[0]!;
    const a = position.get(first.from)!;
    const b = position.get(first.to);
    if (!b) return el('g', {});
    const x1 = a.x + BOX_WIDTH / 2;
    const y1 = a.y + a.h;
    const x2 = b.x + BOX_WIDTH / 2;
    const y2 = b.y;
    const upward = y2 <= y1;
    const bend = Math.max(a.x, b.x) + BOX_WIDTH + 30;
    const d = upward
      ? `M${x1},${y1} C${bend},${y1 + 40} ${bend},${y2 - 40} ${x2},${y2}`
      : `M${x1},${y1} C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2} ${x2},${y2}`;
    const onPath = group.some((e) => taken.has(`${e.from}→${e.id}`));
    const labelX = upward ? bend + 6 : x1 + 6;
    const before = upward ? 0 : (linesUsed.get(first.from) ?? 0);
    if (!upward) linesUsed.set(first.from, before + group.length);
    const labelY = upward ? (y1 + y2) / 2 : y1 + 18 + before * EDGE_LINE;
    return el(
      'g',
      { class: `edge${onPath ? ' taken' : ''}` },
      el('path', {
        d,
        // Which nodes the line joins, so a caller can restyle it (the dashboard's heat map).
        'data-from': first.from,
        'data-to': first.to,
        fill: 'none',
        stroke: onPath ? PALETTE.gold : '#8a8f99',
        'stroke-width': onPath ? 4 : 1.5,
        'stroke-dasharray': group.every((e) => e.kind === 'timeout') ? '6 4' : 'none',
        'marker-end': 'url(#arrow)',
      }),
      ...group.map((e, i) =>
        el(
          'text',
          {
            x: labelX,
            y: labelY + i * EDGE_LINE,
            'font-size': 12,
            fill: taken.has(`${e.from}→${e.id}`) ? PALETTE.goldDark : '#33373f',
            'font-weight': taken.has(`${e.from}→${e.id}`) ? 700 : 400,
          },
          e.label,
        ),
      ),
    );
  });
  const nodeElements = map.nodes.map((n) => {
    const p = position.get(n.id)!;
    const fill = n.ending ? ENDING_COLOURS[n.ending] : n.kind === 'branch' ? '#e9e2d0' : '#ffffff';
    const ink = n.ending ? '#ffffff' : PALETTE.ink;
    const lines = wrap(caption(n));
    return el(
      'g',
      { class: `node ${n.kind}${visited.has(n.id) ? ' visited' : ''}`, 'data-node': n.id },
      el('rect', {
        x: p.x,
        y: p.y,
        width: BOX_WIDTH,
        height: p.h,
        rx: n.kind === 'branch' ? 2 : 10,
        fill,
        stroke: visited.has(n.id) ? PALETTE.gold : PALETTE.navy,
        'stroke-width': visited.has(n.id) ? 4 : n.kind === 'branch' ? 1 : 2,
        'stroke-dasharray': n.kind === 'branch' ? '4 3' : 'none',
      }),
      ...lines.map((line, i) => el('text', { x: p.x + 10, y: p.y + 20 + i * LINE_HEIGHT, 'font-size': 13, fill: ink }, line)),
    );
  });
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${width + BOX_WIDTH} ${y}`,
      width: width + BOX_WIDTH,
      height: y,
      'font-family': 'Sarabun, sans-serif',
    },
    el(
      'defs',
      {},
      el(
        'marker',
        { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8a8f99' }),
      ),
    ),
    ...edgeElements,
    ...nodeElements,
  );
}

/** Rows by the longest forward distance from the start, ignoring edges that loop back. */
function layers(map: ScenarioMap, start: string): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const e of map.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  // Depth-first from the start marks the edges that go back to a node still open: the loops.
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: { id: string; next: string[]; i: number }[] = [{ id: start, next: out.get(start) ?? [], i: 0 }];
  state.set(start, 'open');
  const order: string[] = [];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.i < frame.next.length) {
      const to = frame.next[frame.i++]!;
      if (state.get(to) === 'open') back.add(`${frame.id}→${to}`);
      else if (!state.has(to)) {
        state.set(to, 'open');
        stack.push({ id: to, next: out.get(to) ?? [], i: 0 });
      }
    } else {
      state.set(frame.id, 'done');
      order.push(frame.id);
      stack.pop();
    }
  }
  const layer = new Map<string, number>([[start, 0]]);
  for (const id of order.reverse()) {
    for (const to of out.get(id) ?? []) {
      if (back.has(`${id}→${to}`)) continue;
      layer.set(to, Math.max(layer.get(to) ?? 0, (layer.get(id) ?? 0) + 1));
    }
  }
  return layer;
}

/** The SVG tree as text, every attribute and text escaped. */
export function serializeSvg(node: SvgElement | string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  if (typeof node === 'string') return escape(node);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escape(String(v))}"`)
    .join('');
  return `<${node.tag}${attrs}>${node.children.map(serializeSvg).join('')}</${node.tag}>`;
}
