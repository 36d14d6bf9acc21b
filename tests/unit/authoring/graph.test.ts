/**
 * `prasan graph` (issue: a readable map — nodes labelled with a short text, choices as edges labelled
 * with their skill changes, endings coloured by kind; Mermaid, DOT, or SVG with no external program).
 * No Mermaid, Graphviz or XML parser is installed, so the outputs are checked line by line and with a
 * small tag-balance checker.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ENDING_COLOURS,
  scenarioMap,
  serializeSvg,
  shorten,
  skillChangeLabel,
  toDot,
  toMermaid,
  toSvgTree,
} from '../../../src/authoring/graph';
import { compileOk } from '../helpers';
import { EXAMPLE, removeScratch, run, scratch } from './support';

beforeAll(() => vi.stubEnv('PRASAN_LANG', 'en'));
afterAll(() => {
  vi.unstubAllEnvs();
  removeScratch();
});

const HOSTILE = '<script>alert(1)</script>';

/**
 * Six nodes of every kind: a decision with a timer, a decision whose text is hostile markup, a branch,
 * and three endings, one called `end` (a word Mermaid reserves). Eight edges: 3 choices + 1 timer at
 * `start`, 1 choice at `probe`, 2 rules at `gate`... and `probe` loops back to `start`.
 */
const SOURCE = `
  start:
    text: { en: "The whip calls: the vote is at noon and three members are still undecided about the bill" }
    timeout: { seconds: 30, next: lost, scores: { observation: -1 } }
    choices:
      - { id: brief, text: { en: B }, next: gate, scores: { communication: 2, strategy: 1 }, effects: { m: 3 }, set: [briefed] }
      - { id: stall, text: { en: S }, next: gate, scores: { ethics: -3 } }
      - { id: probe, text: { en: P }, next: probe }
  probe:
    text: { en: "${HOSTILE} \\"quoted\\" & more" }
    choices:
      - { id: back, text: { en: Back }, next: start }
  gate:
    branch:
      - { when: { flag: briefed }, next: end }
      - { next: half }
  end: { ending: success, title: { en: "Carried" }, text: { en: E } }
  half: { ending: partial, title: { en: "Carried narrowly" }, text: { en: H } }
  lost: { ending: failure, title: { en: "Lost" }, text: { en: L } }
`;

function fixture() {
  const { model, strings } = compileOk(SOURCE, { start: 'start' });
  return { model, map: scenarioMap(model, strings, 'en') };
}

describe('the map', () => {
  it('one node per scenario node, one edge per choice, timer and branch rule', () => {
    const { map } = fixture();
    expect(map.nodes.map((n) => n.id)).toEqual(['start', 'probe', 'gate', 'end', 'half', 'lost']);
    expect(map.edges.map((e) => `${e.from}→${e.to}:${e.kind}`)).toEqual([
      'start→gate:choice',
      'start→gate:choice',
      'start→probe:choice',
      'start→lost:timeout',
      'probe→start:choice',
      'gate→end:rule',
      'gate→half:rule',
    ]);
  });

  it('edge labels carry the skill changes in the order of the seven skills, then the meter effects', () => {
    const { map } = fixture();
    const label = (id: string) => map.edges.find((e) => e.id === id)?.label;
    // Then the meters the choice moves, by id.
    expect(label('brief')).toBe('brief: com+2 str+1 m+3');
    expect(label('stall')).toBe('stall: eth-3');
    expect(label('probe')).toBe('probe');
    expect(label('timeout')).toBe('timeout: obs-1');
    expect(map.edges.filter((e) => e.kind === 'rule').map((e) => e.label)).toEqual(['1', 'else']);
    expect(skillChangeLabel({ strategy: -2, communication: 1, networking: 0 })).toBe('com+1 str-2');
  });

  it('node labels are short: a long text is cut at a word, with an ellipsis; endings show their title', () => {
    const { map } = fixture();
    const start = map.nodes.find((n) => n.id === 'start')!;
    expect([...start.label].length).toBeLessThanOrEqual(60);
    expect(start.label.endsWith('…')).toBe(true);
    expect(
      'The whip calls: the vote is at noon and three members are still undecided about the bill'.startsWith(start.label.slice(0, -1)),
    ).toBe(true);
    expect(map.nodes.find((n) => n.id === 'half')!.label).toBe('Carried narrowly');
    // Thai has no spaces between words: it is still cut between words, not inside one.
    const thai = shorten('ผู้ประสานงานต้องเตรียมคำตอบให้นายกรัฐมนตรีก่อนการประชุมสภาผู้แทนราษฎรในวันพรุ่งนี้ช่วงเช้า', 20);
    expect(thai.endsWith('…')).toBe(true);
    expect([...thai].length).toBeLessThanOrEqual(20);
    expect('ผู้ประสานงานต้องเตรียมคำตอบให้นายกรัฐมนตรีก่อนการประชุมสภาผู้แทนราษฎรในวันพรุ่งนี้ช่วงเช้า'.startsWith(thai.slice(0, -1))).toBe(true);
  });
});

describe('Mermaid', () => {
  const mermaid = () => toMermaid(fixture().map);

  it('a flowchart with one line per node and per edge', () => {
    const lines = mermaid().trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart TD');
    const nodeLines = lines.filter((l) => /^ {2}\w+(\[|\{|\(\[)"/.test(l));
    const edgeLines = lines.filter((l) => / (-->|-\.->)\|/.test(l));
    expect(nodeLines).toHaveLength(6);
    expect(edgeLines).toHaveLength(7);
    expect(lines).toContain('  start -->|"brief: com+2 str+1 m+3"| gate');
    expect(lines).toContain('  start -->|"stall: eth-3"| gate');
    // A timer is drawn dotted; a branch is a diamond; an ending a stadium.
    expect(lines).toContain('  start -.->|"timeout: obs-1"| lost');
    expect(lines).toContain('  gate{"gate"}');
    expect(lines).toContain('  half(["half: Carried narrowly"])');
  });

  it('endings are classed by kind, with the ending colours', () => {
    const text = mermaid();
    for (const [kind, colour] of Object.entries(ENDING_COLOURS)) {
      expect(text).toContain(`  classDef ${kind} fill:${colour},color:#fff`);
    }
    expect(text).toContain('  class half partial');
    expect(text).toContain('  class lost failure');
    expect(text).toMatch(/^ {2}class end_ success$/m);
  });

  it('never writes a bare `end` as a node id (Mermaid reads it as a keyword and the chart breaks)', () => {
    const text = mermaid();
    // Outside the quoted labels, no token is exactly `end`.
    const unquoted = text.replace(/"[^"]*"/g, '""');
    expect(unquoted).not.toMatch(/(^|[\s|,])end($|[\s[({,])/m);
    expect(text).toContain('  gate -->|"1"| end_');
    expect(text).toContain('  end_(["end: Carried"])');
  });

  it('quotes in texts cannot end a label early', () => {
    const text = mermaid();
    const probe = text.split('\n').find((l) => l.startsWith('  probe['))!;
    expect(probe).toContain('#quot;quoted#quot;');
    // Exactly the two quotes that delimit the label.
    expect(probe.split('"')).toHaveLength(3);
  });
});

/** The DOT text with its quoted strings (DOT escapes only `\"` and `\\` in them) blanked out. */
function dotSkeleton(dot: string): string {
  return dot.replace(/"(?:[^"\\]|\\.)*"/g, 'Q');
}

describe('DOT', () => {
  const dot = () => toDot(fixture().map);

  it('balanced braces and brackets outside quoted strings, and no stray quote', () => {
    const skeleton = dotSkeleton(dot());
    expect(skeleton).not.toContain('"');
    let depth = 0;
    for (const c of skeleton) {
      if (c === '{' || c === '[') depth++;
      if (c === '}' || c === ']') depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    expect(skeleton.trimEnd().startsWith('digraph scenario {')).toBe(true);
    expect(skeleton.trimEnd().endsWith('}')).toBe(true);
  });

  it('one statement per node and per edge, `->` edges with their labels, timers dashed', () => {
    const text = dot();
    const skeleton = dotSkeleton(text).split('\n');
    expect(skeleton.filter((l) => /^ {2}Q \[.*\];$/.test(l))).toHaveLength(6);
    expect(skeleton.filter((l) => /^ {2}Q -> Q \[.*\];$/.test(l))).toHaveLength(7);
    expect(text).toContain('  "start" -> "gate" [label="brief: com+2 str+1 m+3"];');
    expect(text).toContain('  "start" -> "lost" [label="timeout: obs-1", style=dashed];');
    expect(text).toContain('  "gate" [label="gate", shape=diamond];');
  });

  it('endings filled with the colour of their kind', () => {
    const text = dot();
    expect(text).toMatch(/ {2}"end" \[label="end\nCarried", style="rounded,filled", fillcolor="#2e7d32", fontcolor="white"\];/);
    expect(text).toContain(`fillcolor="${ENDING_COLOURS.partial}"`);
    expect(text).toContain(`fillcolor="${ENDING_COLOURS.failure}"`);
    expect(text.match(/fillcolor=/g)).toHaveLength(3);
  });

  it('quotes and backslashes in texts are escaped', () => {
    const { model, strings } = compileOk(String.raw`
      a:
        text: { en: "say \"no\" \\ then" }
        choices:
          - { id: go, text: { en: G }, next: end }
      end: { ending: success, title: { en: E }, text: { en: E } }
    `);
    expect(toDot(scenarioMap(model, strings, 'en'))).toContain(String.raw`"a" [label="a` + '\n' + String.raw`say \"no\" \\ then"];`);
  });
});

/**
 * A small XML well-formedness check: every tag closed in order, attribute values quoted and free of
 * `<` and `"`, text free of `<` and `>`, and `&` only in entities. Returns the elements' names.
 */
function checkXml(xml: string): string[] {
  const stack: string[] = [];
  const names: string[] = [];
  let i = 0;
  const text = (s: string) => {
    expect(s).not.toMatch(/[<>]/);
    expect(s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, '')).not.toContain('&');
  };
  while (i < xml.length) {
    const open = xml.indexOf('<', i);
    if (open < 0) {
      text(xml.slice(i));
      break;
    }
    text(xml.slice(i, open));
    // Find the tag's end, skipping over quoted attribute values.
    let j = open + 1;
    let quoted = false;
    for (; j < xml.length; j++) {
      if (xml[j] === '"') quoted = !quoted;
      else if (!quoted && xml[j] === '>') break;
      else if (xml[j] === '<') throw new Error(`"<" inside a tag at ${j}`);
    }
    const tag = xml.slice(open + 1, j);
    i = j + 1;
    if (tag.startsWith('/')) {
      expect(stack.pop(), `closing ${tag}`).toBe(tag.slice(1));
      continue;
    }
    const match = /^([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)$/.exec(tag);
    expect(match, `a malformed tag: <${tag}>`).not.toBeNull();
    for (const [, value] of match![2]!.matchAll(/="([^"]*)"/g)) text(value!);
    names.push(match![1]!);
    if (match![3] !== '/') stack.push(match![1]!);
  }
  expect(stack).toEqual([]);
  return names;
}

describe('SVG', () => {
  const svg = (path: { node: string; choice: string }[] = []) => {
    const { model, map } = fixture();
    return serializeSvg(toSvgTree(map, model.start, path));
  };

  it('is well-formed XML rooted at one <svg> with the SVG namespace', () => {
    const text = svg();
    const names = checkXml(text);
    expect(names[0]).toBe('svg');
    expect(names.filter((n) => n === 'svg')).toHaveLength(1);
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text.endsWith('</svg>')).toBe(true);
    expect(text.match(/<g\b/g)?.length).toBe(text.match(/<\/g>/g)?.length);
  });

  it('one data-node group per node, classed by kind', () => {
    const text = svg();
    for (const [id, kind] of [
      ['start', 'decision'],
      ['probe', 'decision'],
      ['gate', 'branch'],
      ['end', 'ending'],
      ['half', 'ending'],
      ['lost', 'ending'],
    ]) {
      expect(text.match(new RegExp(`<g class="node ${kind}" data-node="${id}">`, 'g')), id).toHaveLength(1);
    }
    expect(text.match(/data-node=/g)).toHaveLength(6);
    // One edge group per (from, to) pair: brief and stall share start→gate.
    expect(text.match(/<g class="edge"/g)).toHaveLength(6);
  });

  it('hostile text is escaped, never markup', () => {
    const text = svg();
    expect(text).not.toContain('<script');
    // The caption is wrapped over <text> lines; put back together it is the text, escaped.
    const group = /<g class="node decision" data-node="probe">(.*?)<\/g>/.exec(text)![1]!;
    const lines = [...group.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(lines.length).toBeGreaterThan(1);
    const unspaced = (s: string) => s.replace(/ /g, '');
    expect(unspaced(lines.join(''))).toBe(unspaced('probe: &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; more'));
  });

  it('endings are filled with the colour of their kind; other nodes are not', () => {
    const text = svg();
    const fillOf = (id: string) => new RegExp(`data-node="${id}"><rect [^>]*fill="([^"]+)"`).exec(text)?.[1];
    expect(fillOf('end')).toBe(ENDING_COLOURS.success);
    expect(fillOf('half')).toBe(ENDING_COLOURS.partial);
    expect(fillOf('lost')).toBe(ENDING_COLOURS.failure);
    for (const id of ['start', 'probe', 'gate']) expect(Object.values(ENDING_COLOURS)).not.toContain(fillOf(id));
  });

  it('a path marks the edges taken and the nodes where a choice was taken', () => {
    const text = svg([
      { node: 'start', choice: 'probe' },
      { node: 'probe', choice: 'back' },
      { node: 'start', choice: 'brief' },
    ]);
    checkXml(text);
    // Three lines taken: start→probe, probe→start, start→gate (which brief and stall share).
    const groups = [...text.matchAll(/<g class="edge taken"><path [^>]*><\/path>(.*?)<\/g>/g)].map((m) =>
      [...m[1]!.matchAll(/>([^<]+)<\/text>/g)].map((t) => t[1]).join(' | '),
    );
    expect(groups.sort()).toEqual(['back', 'brief: com+2 str+1 m+3 | stall: eth-3', 'probe']);
    expect(text.match(/class="edge taken"/g)).toHaveLength(3);
    // The steps' own labels in bold: exactly those three.
    const bold = [...text.matchAll(/font-weight="700">([^<]*)</g)].map((m) => m[1]);
    expect(bold.sort()).toEqual(['back', 'brief: com+2 str+1 m+3', 'probe']);
    expect(text).toContain('<g class="node decision visited" data-node="start">');
    expect(text).toContain('<g class="node decision visited" data-node="probe">');
    expect(text).toContain('<g class="node ending" data-node="lost">');
    // Not taken: the timer; among the labels sharing start→gate only `brief` is in bold.
    expect(text).toMatch(/<text [^>]*font-weight="700">brief: com\+2 str\+1 m\+3<\/text>/);
    expect(text).toMatch(/<text [^>]*font-weight="400">stall: eth-3<\/text>/);
    expect(svg()).not.toContain('taken');
    expect(svg()).not.toContain('visited');
  });
});

describe('prasan graph (the command)', () => {
  it("mermaid by default, on stdout, in the file's first language unless --lang", async () => {
    const th = await run('graph', EXAMPLE);
    expect(th.code).toBe(0);
    expect(th.out.split('\n')[0]).toBe('flowchart TD');
    expect(th.out).toContain('good_end(["good-end: คำตอบที่ชัดเจน"])');
    const en = await run('graph', EXAMPLE, '--lang', 'en');
    expect(en.out).toContain('good_end(["good-end: A clear answer"])');
    expect(en.out).toContain('filed -->|"brief-early: com+2 str+1 trust+10"| answer');
  });

  it('--format dot and --format svg', async () => {
    const dot = await run('graph', EXAMPLE, '--format', 'dot');
    expect(dot.code).toBe(0);
    expect(dot.out.startsWith('digraph scenario {')).toBe(true);
    const svg = await run('graph', EXAMPLE, '--format', 'svg');
    expect(svg.code).toBe(0);
    expect(checkXml(svg.out)[0]).toBe('svg');
    expect(svg.out.match(/data-node=/g)).toHaveLength(5);
  });

  it('-o writes the file and says so on stderr', async () => {
    const { dir } = scratch('graph');
    const output = `${dir}/map.svg`;
    const result = await run('graph', EXAMPLE, '--format', 'svg', '-o', output);
    expect(result.code).toBe(0);
    expect(result.out).toBe('');
    expect(result.err).toBe(`wrote ${output}`);
    checkXml(readFileSync(output, 'utf8').trimEnd());
  });

  it('a bad format or no file: usage, exit 2; an -o into a missing folder: exit 2, no stack trace', async () => {
    expect((await run('graph', EXAMPLE, '--format', 'png')).code).toBe(2);
    expect((await run('graph')).code).toBe(2);
    const result = await run('graph', EXAMPLE, '-o', '/nonexistent-folder/map.mmd');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^prasan: .*nonexistent-folder/);
    expect(result.err).not.toMatch(/^\s+at /m);
  });
});
