/**
 * Every diagnostic the engine can give, each from a fixture that triggers it, with its exact line and
 * column (1-based; columns in characters). The base file has no problem at all, not even a warning,
 * so each test can assert the complete list of diagnostics.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLibrary, loadScenarioFile } from '../../src/library/files';
import {
  compileScenario,
  formatDiagnostic,
  formatMessage,
  HINTS,
  MAX_FILE_BYTES,
  MESSAGES,
  resolveLook,
  type CompileResult,
  type DiagnosticCode,
} from '../../src/engine';
import { codeAt, codesAt, scenarioYaml, type ScenarioOptions } from './helpers';

const ALL_SKILLS = 'communication: 1, observation: 1, negotiation: 1, networking: 1, ethics: 1, coordination: 1, strategy: 1';
const CHOICE = `{ id: go, text: { en: Go }, next: end, feedback: { en: F }, scores: { ${ALL_SKILLS} } }`;
const END = 'end: { ending: success, title: { en: E }, text: { en: E } }';

/** Nodes with no problem: `a` (one choice, `go`, scoring every skill, with feedback) and `end`. */
function goodNodes(choices: string[] = [CHOICE], extra: string[] = [], more: string[] = []): string {
  return ['a:', '  text: { en: A }', ...extra.map((e) => `  ${e}`), '  choices:', ...choices.map((c) => `    - ${c}`), ...more, END].join(
    '\n',
  );
}

/**
 * The base file, line by line:
 *  1 format: 1 · 2 id: t · 3 languages: [en] · 4 title · 5 summary · 6 start: a · 7 meters: · 8 m · 9 nodes:
 * 10 a: · 11 text · 12 choices: · 13 - { id: go, ... } · 14 end: ...
 */
function file(options: ScenarioOptions & { choices?: string[]; extra?: string[]; more?: string[] } = {}): string {
  return scenarioYaml(goodNodes(options.choices, options.extra, options.more), options);
}

function compile(text: string, name = 't.yaml'): CompileResult {
  return compileScenario(name, text);
}

function codes(text: string, name = 't.yaml'): string[] {
  return codesAt(compile(text, name).diagnostics);
}

describe('the base fixture', () => {
  it('has no diagnostics at all, so every test below sees only what it adds', () => {
    const text = file();
    expect(text.split('\n')[12]).toBe(`      - ${CHOICE}`);
    const result = compile(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.compiled).toBeDefined();
  });
});

describe('the file as a whole', () => {
  it('PRS001: a text over 1 MiB is refused before parsing, at 1:1', () => {
    const text = `${file()}#${'x'.repeat(MAX_FILE_BYTES)}\n`;
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual(['PRS001@1:1']);
    expect(result.diagnostics[0]!.params['limit']).toBe(1024 * 1024);
  });

  it('PRS001 counts bytes, not characters: 400,000 Thai characters (1.2 MB in UTF-8) are too large', () => {
    const text = `${file()}# ${'ก'.repeat(400_000)}\n`;
    expect(text.length).toBeLessThan(MAX_FILE_BYTES);
    expect(codes(text)).toEqual(['PRS001@1:1']);
  });

  it('PRS002: a file that is not UTF-8 is an error when loaded from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prasan-diag-'));
    const path = join(dir, 't.yaml');
    writeFileSync(
      path,
      Buffer.concat([Buffer.from('format: 1\nid: t\ntitle: { en: "'), Buffer.from([0xff, 0xfe, 0xe0]), Buffer.from('" }\n')]),
    );
    const loaded = loadScenarioFile(path);
    expect(loaded.kind).toBe('compiled');
    if (loaded.kind !== 'compiled') return;
    expect(codesAt(loaded.result.diagnostics)).toEqual(['PRS002@1:1']);
    expect(loaded.result.compiled).toBeUndefined();
  });

  it("PRS008: a file in a scenario folder that can't be read is listed with the reason, not blamed on its encoding", () => {
    const dir = mkdtempSync(join(tmpdir(), 'prasan-diag-'));
    writeFileSync(join(dir, 'good.yaml'), file().replace('id: t', 'id: good'));
    // A folder named like a scenario file: reading it fails (EISDIR), as a file one may not read would.
    mkdirSync(join(dir, 'odd.yaml'));
    const [good, odd] = compileLibrary([dir]);
    expect(good?.info?.id).toBe('good');
    expect(odd?.diagnostics.map((d) => d.code)).toEqual(['PRS008']);
    expect(formatDiagnostic(odd!.diagnostics[0]!)).toMatch(/^odd\.yaml:1:1: error: the file can't be read: .*EISDIR.* \[PRS008\]$/);
    expect(() => compileLibrary([join(dir, 'no-such-folder')])).toThrow(/no-such-folder.*ENOENT/);
  });

  it('PRS003: a YAML syntax error, at the value that breaks it', () => {
    const text = file().replace('summary: { en: S }', 'summary: en: S');
    expect(codes(text)).toEqual(['PRS003@5:10']);
  });

  it('PRS009: an unquoted sentence with ": " in it, at its line, in Thai and English; a word before the colon stays PRS003', () => {
    const english = file().replace('summary: { en: S }', 'summary:\n  en: Give him the figures: say it plainly');
    expect(codes(english)).toEqual(['PRS009@6:7']);
    const thai = file().replace('summary: { en: S }', 'summary:\n  en: ให้ตัวเลขท่าน: พูดให้ตรง');
    expect(codes(thai)).toEqual(['PRS009@6:7']);
    // Quoted, the same sentence is a text like any other.
    expect(codes(file().replace('summary: { en: S }', 'summary:\n  en: "Give him the figures: say it plainly"'))).toEqual([]);
  });

  it("PRS003 in the trainer's language: the parser's sentence in English, Thai words in Thai (quoted when there are none)", () => {
    const tab = compile(file().replace('summary: { en: S }', 'summary:\n\ten: S')).diagnostics[0]!;
    expect(tab.code).toBe('PRS003');
    expect(formatMessage(tab, 'en')).toBe('not valid YAML: Tabs are not allowed as indentation');
    expect(formatMessage(tab, 'th')).toBe('YAML ไม่ถูกต้อง: ย่อหน้าด้วยแท็บ ต้องใช้ช่องว่าง');
    const unusual = compile(file().replace('summary: { en: S }', 'summary: "\\q"')).diagnostics[0]!;
    expect(unusual.code).toBe('PRS003');
    expect(formatMessage(unusual, 'th')).toMatch(/^YAML ไม่ถูกต้อง: ตัวอ่าน YAML แจ้งว่า ".+"$/);
  });

  it('PRS003: a second YAML document (`---`) in the file, where it begins', () => {
    const text = `${file()}---\nid: other\n`;
    expect(codes(text)).toEqual([`PRS003@${text.split('\n').indexOf('---') + 1}:1`]);
  });

  it('PRS004: a duplicate key, at the second occurrence, naming the key', () => {
    const text = file().replace('summary: { en: S }', 'summary: { en: S }\ntitle: { en: U }');
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual(['PRS004@6:1']);
    expect(result.diagnostics[0]!.params['key']).toBe('title');
  });

  it('PRS004 in a flow map (a choice with two `next`)', () => {
    const text = file({ choices: ['{ id: go, next: end, text: { en: Go }, next: a, feedback: { en: F }, scores: { ethics: 1 } }'] });
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual([codeAt('PRS004', text, 'next: a')]);
    expect(result.diagnostics[0]!.params['key']).toBe('next');
  });

  it('PRS005: a custom tag (`!foo`), once, at the tag', () => {
    const text = file().replace('summary: { en: S }', 'summary: !foo { en: S }');
    expect(codes(text)).toEqual(['PRS005@5:10']);
  });

  it('PRS005: even a standard tag (`!!str`) is refused, at the tag', () => {
    const text = file().replace('title: { en: T }', 'title: { en: !!str T }');
    expect(codes(text)).toEqual([codeAt('PRS005', text, '!!str')]);
  });

  it('PRS006: an alias bomb (billion laughs) is refused quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `${levels.join('\n')}\n`;
    const started = performance.now();
    const result = compile(text);
    const elapsed = performance.now() - started;
    expect(codesAt(result.diagnostics)).toEqual(['PRS006@1:1']);
    expect(elapsed).toBeLessThan(1000);
  });

  it('a few honest aliases are fine (anchors reuse a text)', () => {
    const text = file().replace('title: { en: T }', 'title: &t { en: T }').replace('summary: { en: S }', 'summary: *t');
    expect(codes(text)).toEqual([]);
  });

  it.each([
    ['a list', '- a\n- b\n'],
    ['a string', 'just words\n'],
    ['an empty file', ''],
  ])('PRS007: a file that is %s, not a map, at 1:1', (_, text) => {
    expect(codes(text)).toEqual(['PRS007@1:1']);
  });

  it('YAML 1.2 core schema: `no`, `yes`, `on`, `off` are strings, not booleans', () => {
    const text = file({ extra: [] })
      .replace('text: { en: A }', 'text: { en: no }')
      .replace('text: { en: Go }', 'text: { en: yes }')
      .replace('title: { en: E }', 'title: { en: on }')
      .replace('text: { en: E }', 'text: { en: off }');
    const result = compile(text);
    expect(result.diagnostics).toEqual([]);
    const en = result.compiled!.strings.en!;
    expect(en['nodes/a/text']).toBe('no');
    expect(en['nodes/a/choices/go/text']).toBe('yes');
    expect(en['nodes/end/title']).toBe('on');
    expect(en['nodes/end/text']).toBe('off');
  });
});

describe('the shape of the file (schema)', () => {
  it('PRS010: an unknown key, at the key', () => {
    const text = file({ top: 'colour: red' });
    expect(codes(text)).toEqual([codeAt('PRS010', text, 'colour')]);
  });

  it('PRS010: an unknown key inside a choice', () => {
    const text = file({ choices: [CHOICE.replace('next: end', 'next: end, nxet: a')] });
    expect(codes(text)).toEqual([codeAt('PRS010', text, 'nxet')]);
  });

  it('PRS011: a missing top-level key points at the map that lacks it (the root, 1:1)', () => {
    const text = file().replace('summary: { en: S }\n', '');
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual(['PRS011@1:1']);
    expect(result.diagnostics[0]!.params['key']).toBe('summary');
  });

  it('PRS011: a node missing `text` is reported once, at the node key `a` (10:3)', () => {
    const text = file().replace('  a:\n    text: { en: A }\n', '  a:\n');
    expect(codes(text)).toEqual(['PRS011@10:3']);
  });

  it('PRS011: an ending missing `title`, at its key', () => {
    const text = file().replace('end: { ending: success, title: { en: E }, text: { en: E } }', 'end: { ending: success, text: { en: E } }');
    expect(codes(text)).toEqual([codeAt('PRS011', text, 'end:')]);
  });

  it('PRS011: a choice missing `next` (a map in a list has no key: its own start)', () => {
    const text = file({ choices: [CHOICE.replace(' next: end,', '')] });
    expect(codes(text)).toEqual(['PRS011@13:9']);
  });

  it('PRS012: a value of the wrong type (a word for a number), at the value', () => {
    const text = file({ meters: 'm: { label: { en: M }, initial: five, min: 0, max: 10 }' });
    expect(codes(text)).toEqual(['PRS012@8:35']);
  });

  it('PRS012: a list where a text map belongs', () => {
    const text = file().replace('title: { en: T }', 'title: [T]');
    expect(codes(text)).toEqual(['PRS012@4:8']);
  });

  it('PRS013: an invalid choice id, at the value', () => {
    const text = file({ choices: [CHOICE.replace('id: go', 'id: Go_Now')] });
    expect(codes(text)).toEqual([codeAt('PRS013', text, 'Go_Now')]);
  });

  it('PRS013: an invalid node id (a key), at the key', () => {
    const text = file({ more: ['Side_Room: { ending: partial, title: { en: S }, text: { en: S } }'] });
    expect(codes(text)).toEqual([codeAt('PRS013', text, 'Side_Room')]);
  });

  it('PRS014: a bad enum value (background: garden), at the value, listing the allowed ones', () => {
    const text = file({ extra: ['background: garden'] });
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual([codeAt('PRS014', text, 'garden')]);
    expect(String(result.diagnostics[0]!.params['allowed'])).toContain('meeting-room');
  });

  it('PRS014: an expression the portraits do not have (angry), at the value, listing the four they do', () => {
    const text = file({ extra: ['speaker: boss', 'expression: angry'], top: 'characters:\n  boss: { name: { en: B } }' });
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual([codeAt('PRS014', text, 'angry')]);
    expect(result.diagnostics[0]!.params['allowed']).toBe('"neutral", "pleased", "concerned", "displeased"');
    expect(HINTS.PRS014.en).toMatch(/allowed values/);
  });

  it("PRS014: a reaction on a choice and a character's appearance are checked the same way", () => {
    const choice = CHOICE.replace('next: end', 'next: end, expression: happy');
    const text = file({
      choices: [choice],
      extra: ['speaker: boss'],
      top: 'characters:\n  boss: { name: { en: B }, appearance: { gender: woman, dress: robe } }',
    });
    expect(codes(text)).toEqual([codeAt('PRS014', text, 'robe'), codeAt('PRS014', text, 'happy')]);
  });

  it('PRS014: `format: 2`, at the value', () => {
    expect(codes(file().replace('format: 1', 'format: 2'))).toEqual(['PRS014@1:9']);
  });

  it('PRS015: a score out of range (4), at the value', () => {
    const text = file({ choices: [CHOICE.replace('ethics: 1', 'ethics: 4')] });
    expect(codes(text)).toEqual([codeAt('PRS015', text, '4')]);
  });

  it('PRS015: a timer of 0 seconds', () => {
    const text = file({ extra: ['timeout: { seconds: 0, next: end }'] });
    expect(codes(text)).toEqual([codeAt('PRS015', text, '0, next')]);
  });

  it('PRS016: a text over 2,000 characters (Thai: counted in characters, not bytes)', () => {
    const ok = file().replace('summary: { en: S }', `summary: { en: "${'ก'.repeat(2000)}" }`);
    expect(codes(ok)).toEqual([]);
    const text = file().replace('summary: { en: S }', `summary: { en: "${'ก'.repeat(2001)}" }`);
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual(['PRS016@5:16']);
    expect(result.diagnostics[0]!.params['length']).toBe(2001);
  });

  it('PRS017: too many choices (7), at the list', () => {
    const choices = Array.from({ length: 7 }, (_, i) => CHOICE.replace('id: go', `id: c${i + 1}`));
    expect(codes(file({ choices }))).toEqual(['PRS017@13:7']);
  });

  it('PRS017: no choices at all', () => {
    const text = file().replace(/ {4}choices:\n {6}- .*\n/, '    choices: []\n');
    expect(codes(text)).toEqual([codeAt('PRS017', text, '[]')]);
  });

  it('PRS018: a list that repeats an item (set: [x, x]), at the list', () => {
    const text = file({ choices: [CHOICE.replace('next: end', 'next: end, set: [x, x]')] });
    expect(codes(text)).toEqual([codeAt('PRS018', text, '[x, x]')]);
  });

  it('PRS018: languages that repeat', () => {
    expect(codes(file({ languages: '[en, en]' }))).toEqual(['PRS018@3:12']);
  });

  it('PRS019: an empty text map, at the map', () => {
    const text = file({ choices: [CHOICE.replace('text: { en: Go }', 'text: {}')] });
    expect(codes(text)).toEqual([codeAt('PRS019', text, '{}')]);
  });

  it('PRS020: a node with two kinds (choices and ending), at the node key', () => {
    const text = file({ extra: ['ending: success'] });
    expect(codes(text)).toEqual(['PRS020@10:3']);
  });

  it('PRS020: a node with no kind at all, at its key', () => {
    const text = file({ more: ['odd: { colour: red }'] });
    expect(codes(text)).toEqual([codeAt('PRS020', text, 'odd')]);
  });

  it('a node with no kind key but a decision-only key is told what a decision lacks, at its key', () => {
    const text = file({ extra: [], more: ['odd: { background: office }'] });
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual([codeAt('PRS011', text, 'odd'), codeAt('PRS011', text, 'odd')]);
    expect(result.diagnostics.map((d) => d.params['key']).sort()).toEqual(['choices', 'text']);
  });

  it('PRS021: a condition of no known kind, at the condition', () => {
    const text = file({ choices: [CHOICE, '{ id: b, text: { en: B }, next: end, feedback: { en: F }, when: { colour: red } }'] });
    expect(codes(text)).toEqual([codeAt('PRS021', text, '{ colour')]);
  });

  it('PRS022: `chose` with a choice id but no node, at its value, naming it (not PRS013: the id itself is fine)', () => {
    const text = file({ choices: [CHOICE, '{ id: b, text: { en: B }, next: end, feedback: { en: F }, when: { chose: hold-off } }'] });
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual([codeAt('PRS022', text, 'hold-off')]);
    expect(result.diagnostics[0]!.params).toEqual({ value: 'hold-off' });
  });

  it('PRS023: a meter condition with a misspelt bound: the missing bound, either one (at the key `when`), and the unknown key, nothing else', () => {
    const text = file({ choices: [CHOICE, '{ id: b, text: { en: B }, next: end, feedback: { en: F }, when: { meter: m, atleast: 3 } }'] });
    expect(codes(text)).toEqual([codeAt('PRS023', text, 'when'), codeAt('PRS010', text, 'atleast')]);
    const below = file({
      choices: [CHOICE, '{ id: b, text: { en: B }, next: end, feedback: { en: F }, when: { skill: ethics, below: 0 } }'],
    });
    expect(codes(below)).toEqual([codeAt('PRS023', below, 'when'), codeAt('PRS010', below, 'below')]);
  });
});

describe('names, texts and the graph (checks)', () => {
  it('PRS030: a text lacking a language points at the key of the text map', () => {
    const text = file({ languages: '[en, th]' })
      .replace(/\{ en: ([^{}]*) \}/g, '{ en: $1, th: ท }')
      .replace('text: { en: Go, th: ท }', 'text: { en: Go }');
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual([codeAt('PRS030', text, 'text: { en: Go }')]);
    expect(result.diagnostics[0]!.params['lang']).toBe('th');
  });

  it('PRS031: a text with a language the scenario lacks, at that language key', () => {
    const text = file({ choices: [CHOICE.replace('text: { en: Go }', 'text: { en: Go, th: ไป }')] });
    expect(codes(text)).toEqual([codeAt('PRS031', text, 'th: ไป')]);
  });

  it('PRS032: an unknown `next`, at the value', () => {
    const text = file({ choices: [CHOICE, CHOICE.replace('id: go', 'id: lost').replace('next: end', 'next: nowhere')] });
    expect(codes(text)).toEqual([codeAt('PRS032', text, 'nowhere')]);
  });

  it('PRS032: an unknown node in `visited` and in `chose`', () => {
    const text = file({
      choices: [
        CHOICE,
        '{ id: b, text: { en: B }, next: end, feedback: { en: F }, when: { visited: ghost } }',
        '{ id: c, text: { en: C }, next: end, feedback: { en: F }, when: { chose: spook.go } }',
      ],
    });
    expect(codes(text)).toEqual([codeAt('PRS032', text, 'ghost'), codeAt('PRS032', text, 'spook.go')]);
  });

  it('PRS033: an unknown speaker, at the value', () => {
    const text = file({ extra: ['speaker: bob'] });
    expect(codes(text)).toEqual([codeAt('PRS033', text, 'bob')]);
  });

  it('PRS034: an unknown reference, at the list item', () => {
    const text = file({ choices: [CHOICE.replace('next: end', 'next: end, refs: [s150]')] });
    expect(codes(text)).toEqual([codeAt('PRS034', text, 's150')]);
  });

  it('PRS035: an unknown meter in effects (at the key) and in a condition (at the value)', () => {
    const text = file({
      choices: [
        CHOICE.replace('next: end', 'next: end, effects: { heat: 1 }'),
        '{ id: b, text: { en: B }, next: end, feedback: { en: F }, when: { meter: cold, atLeast: 1 } }',
      ],
    });
    expect(codes(text)).toEqual([codeAt('PRS035', text, 'heat'), codeAt('PRS035', text, 'cold')]);
  });

  it('PRS036: chose names a choice the node lacks', () => {
    const text = file({ choices: [CHOICE, '{ id: b, text: { en: B }, next: end, feedback: { en: F }, when: { chose: a.fly } }'] });
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual([codeAt('PRS036', text, 'a.fly')]);
    expect(result.diagnostics[0]!.params).toEqual({ node: 'a', choice: 'fly' });
  });

  it('PRS037: a flag tested but never set', () => {
    const text = file({ choices: [CHOICE, '{ id: b, text: { en: B }, next: end, feedback: { en: F }, when: { flag: ready } }'] });
    expect(codes(text)).toEqual([codeAt('PRS037', text, 'ready')]);
  });

  it('PRS037: a flag that is only ever unset counts as never set', () => {
    const text = file({
      choices: [
        CHOICE.replace('next: end', 'next: end, unset: [ready]'),
        '{ id: b, text: { en: B }, next: end, feedback: { en: F }, when: { not: { flag: ready } } }',
      ],
    });
    expect(codes(text)).toEqual([codeAt('PRS037', text, 'ready }')]);
  });

  it('PRS038: one choice sets and unsets the same flag', () => {
    const text = file({ choices: [CHOICE.replace('next: end', 'next: end, set: [x], unset: [x]')] });
    expect(codes(text)).toEqual([codeAt('PRS038', text, 'x]')]);
  });

  it('PRS039: a duplicate choice id, at the second', () => {
    const text = file({ choices: [CHOICE, CHOICE] });
    expect(codes(text)).toEqual([codeAt('PRS039', text, 'go, text', 1)]);
  });

  it('PRS040: the choice id "timeout"', () => {
    const text = file({ choices: [CHOICE, CHOICE.replace('id: go', 'id: timeout')] });
    expect(codes(text)).toEqual([codeAt('PRS040', text, 'timeout')]);
  });

  it('PRS041: a branch whose default rule is not last (both misplaced rules reported)', () => {
    const text = file({
      choices: [CHOICE.replace('next: end', 'next: br, set: [x]')],
      more: ['br:', '  branch:', '    - next: end', '    - { when: { flag: x }, next: end }'],
    });
    expect(codes(text)).toEqual([codeAt('PRS041', text, 'next: end\n'), codeAt('PRS041', text, '{ when: { flag: x }')]);
  });

  it('PRS042: a cycle made only of branch nodes, once, at the first node of it', () => {
    const text = file({
      choices: [CHOICE.replace('next: end', 'next: b1, set: [x]')],
      more: [
        'b1:',
        '  branch:',
        '    - { when: { flag: x }, next: b2 }',
        '    - next: end',
        'b2:',
        '  branch:',
        '    - { when: { flag: x }, next: b1 }',
        '    - next: end',
      ],
    });
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual([codeAt('PRS042', text, 'b1:')]);
    expect(result.diagnostics[0]!.params['cycle']).toBe('b1 → b2 → b1');
  });

  it('PRS043: an unknown start, at the value', () => {
    expect(codes(file({ start: 'begin' }))).toEqual(['PRS043@6:8']);
  });

  it('PRS044: a node not reachable from the start, at its key', () => {
    const text = file({ more: ['island: { ending: failure, title: { en: I }, text: { en: I } }'] });
    expect(codes(text)).toEqual([codeAt('PRS044', text, 'island')]);
  });

  it('PRS045: a node with no way to an ending (a trap loop), at its key', () => {
    const text = file({
      choices: [CHOICE, '{ id: trap, text: { en: T }, next: pit, feedback: { en: F } }'],
      more: ['pit:', '  text: { en: P }', '  choices:', '    - { id: again, text: { en: A }, next: pit, feedback: { en: F } }'],
    });
    expect(codes(text)).toEqual([codeAt('PRS045', text, 'pit:')]);
  });

  it('PRS046: no success ending, at the `nodes` key', () => {
    const text = file().replace('ending: success', 'ending: partial');
    expect(codes(text)).toEqual(['PRS046@9:1']);
  });

  it('PRS047: more than 500 nodes, at the `nodes` key', () => {
    const chain = Array.from(
      { length: 500 },
      (_, i) =>
        `n${i}: { text: { en: N }, choices: [{ id: go, text: { en: Go }, feedback: { en: F }, next: ${i === 499 ? 'end' : `n${i + 1}`} }] }`,
    );
    const text = file({ choices: [CHOICE.replace('next: end', 'next: n0')], more: chain });
    expect(codes(text)).toEqual(['PRS047@9:1']);
  });

  it('PRS048: a meter whose initial value is outside min..max, at the meter key', () => {
    expect(codes(file({ meters: 'm: { label: { en: M }, initial: 11, min: 0, max: 10 }' }))).toEqual(['PRS048@8:3']);
    expect(codes(file({ meters: 'm: { label: { en: M }, initial: 0, min: 1, max: 0 }' }))).toEqual(['PRS048@8:3']);
  });

  it('PRS049: chose NODE.timeout where the node has no timer', () => {
    const text = file({ choices: [CHOICE, '{ id: b, text: { en: B }, next: end, feedback: { en: F }, when: { chose: a.timeout } }'] });
    expect(codes(text)).toEqual([codeAt('PRS049', text, 'a.timeout')]);
  });

  it('chose NODE.timeout where the node has a timer is fine', () => {
    const text = file({
      extra: ['timeout: { seconds: 5, next: end }'],
      choices: [CHOICE, '{ id: b, text: { en: B }, next: end, feedback: { en: F }, when: { chose: a.timeout } }'],
    });
    expect(codes(text)).toEqual([]);
  });
});

describe('warnings (the file still loads)', () => {
  it('PRS060: a skill no choice or timer scores, at the top of the file', () => {
    const text = file({ choices: [CHOICE.replace('negotiation: 1, ', '')] });
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual(['PRS060@1:1']);
    expect(result.diagnostics[0]!.params['skill']).toBe('negotiation');
    expect(result.diagnostics[0]!.severity).toBe('warning');
    expect(result.compiled).toBeDefined();
  });

  it('PRS060: a skill scored only by a timer counts as scored', () => {
    const text = file({
      choices: [CHOICE.replace('negotiation: 1, ', '')],
      extra: ['timeout: { seconds: 9, next: end, scores: { negotiation: -1 } }'],
    });
    expect(codes(text)).toEqual([]);
  });

  it('PRS061: a choice without feedback, at its id', () => {
    const text = file({ choices: [CHOICE, '{ id: quiet, text: { en: Q }, next: end }'] });
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual([codeAt('PRS061', text, 'quiet')]);
    expect(result.compiled).toBeDefined();
  });

  it('PRS062: a node whose every choice has a `when` and which has no timer, at its key', () => {
    const text = file({
      choices: [CHOICE.replace('next: end', 'next: b, set: [k]')],
      more: [
        'b:',
        '  text: { en: B }',
        '  choices:',
        '    - { id: open, text: { en: O }, when: { flag: k }, next: end, feedback: { en: F } }',
      ],
    });
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual([codeAt('PRS062', text, 'b:')]);
    expect(result.compiled).toBeDefined();
  });

  it('no PRS062 when such a node has a timer', () => {
    const text = file({
      choices: [CHOICE.replace('next: end', 'next: b, set: [k]')],
      more: [
        'b:',
        '  text: { en: B }',
        '  timeout: { seconds: 5, next: end }',
        '  choices:',
        '    - { id: open, text: { en: O }, when: { flag: k }, next: end, feedback: { en: F } }',
      ],
    });
    expect(codes(text)).toEqual([]);
  });

  it('PRS063: the file name differs from the id, at the id', () => {
    const result = compile(file(), 'scenarios/other-name.yaml');
    expect(codesAt(result.diagnostics)).toEqual(['PRS063@2:5']);
    expect(result.diagnostics[0]!.params['expected']).toBe('t.yaml');
    expect(result.compiled).toBeDefined();
    expect(codes(file(), 'scenarios/t.yaml')).toEqual([]);
  });

  it('PRS064: too many states to explore exactly, at the `nodes` key', () => {
    const result = compileScenario('t.yaml', file(), { stateLimit: 1 });
    expect(codesAt(result.diagnostics)).toEqual(['PRS064@9:1']);
    expect(result.compiled?.exploration.exact).toBe(false);
  });
});

describe('wrongdoing must not pay (warnings)', () => {
  const clean = CHOICE;
  it('PRS065: a choice scored ethics -2 or lower that earns points elsewhere, at its scores key, with the skills named in each language', () => {
    const dirty = '{ id: bribe, text: { en: B }, next: end, feedback: { en: F }, scores: { ethics: -2, negotiation: 2, strategy: 1 } }';
    const text = file({ choices: [clean, dirty] });
    const result = compile(text);
    const found = result.diagnostics.filter((d) => d.code === 'PRS065');
    expect(codesAt(found)).toEqual([`PRS065@14:${text.split('\n')[13]!.indexOf('scores') + 1}`]);
    expect(formatDiagnostic(found[0]!)).toContain('scores -2 on ethics yet earns points on negotiation, strategic thinking');
    expect(formatDiagnostic(found[0]!, 'th')).toContain('แต่ยังได้คะแนนบวกด้านการเจรจาต่อรอง การคิดเชิงกลยุทธ์');
    expect(result.compiled).toBeDefined();
  });

  it('no PRS065 for ethics -1 with points elsewhere, nor for ethics -2 with no positive points', () => {
    const grey = '{ id: grey, text: { en: G }, next: end, feedback: { en: F }, scores: { ethics: -1, negotiation: 1 } }';
    const wrong = '{ id: wrong, text: { en: W }, next: end, feedback: { en: F }, scores: { ethics: -3, negotiation: -1 } }';
    expect(codes(file({ choices: [clean, grey, wrong] })).filter((c) => c.startsWith('PRS065'))).toEqual([]);
  });

  it('PRS065 on a timer too', () => {
    const text = file({ extra: ['timeout: { seconds: 9, next: end, scores: { ethics: -3, strategy: 1 } }'] });
    expect(codes(text).filter((c) => c.startsWith('PRS065'))).toHaveLength(1);
  });

  it('PRS066: a skill whose most attainable needs a negative-ethics choice, at that choice, with the clean most', () => {
    // `fast` earns strategy 3 at ethics -1; the clean choice earns strategy 1: the most (3) needs `fast`.
    const fast = '{ id: fast, text: { en: Fa }, next: end, feedback: { en: F }, scores: { ethics: -1, strategy: 3 } }';
    const text = file({ choices: [clean, fast] });
    const result = compile(text);
    const found = result.diagnostics.filter((d) => d.code === 'PRS066');
    expect(codesAt(found)).toEqual([`PRS066@14:${text.split('\n')[13]!.indexOf('scores') + 1}`]);
    expect(found[0]!.params).toMatchObject({ max: 3, clean: 1, via: 'a.fast', skill_en: 'strategic thinking', skill_th: 'การคิดเชิงกลยุทธ์' });
    expect(formatDiagnostic(found[0]!)).toContain(
      'the most strategic thinking attainable (3) needs a choice with negative ethics (a.fast); runs without such choices reach at most 1',
    );
    expect(result.compiled?.exploration.dirtyMax).toEqual({ strategy: { clean: 1, via: 'a.fast' } });
  });

  it('PRS067: an expression on a node with no speaker, or on its choice, at the expression', () => {
    const choice = CHOICE.replace('next: end', 'next: end, expression: pleased');
    const text = file({ choices: [choice], extra: ['expression: concerned'] });
    expect(codes(text)).toEqual([codeAt('PRS067', text, 'concerned'), codeAt('PRS067', text, 'pleased')]);
    expect(
      codes(
        file({ choices: [choice], extra: ['speaker: boss', 'expression: concerned'], top: 'characters:\n  boss: { name: { en: B } }' }),
      ),
    ).toEqual([]);
  });

  it('no PRS066 when a clean run reaches the same most', () => {
    const fast = '{ id: fast, text: { en: Fa }, next: end, feedback: { en: F }, scores: { ethics: -1, strategy: 1 } }';
    const result = compile(file({ choices: [clean, fast] }));
    expect(codesAt(result.diagnostics)).toEqual([]);
    expect(result.compiled?.exploration.dirtyMax).toEqual({});
  });

  it('PRS066 finds the negative-ethics step that unlocks points later, not only the one that scores them', () => {
    // `shortcut` (ethics -1, no other points) opens `b`, whose only choice earns networking 3.
    const shortcut = '{ id: shortcut, text: { en: S }, next: b, feedback: { en: F }, scores: { ethics: -1 } }';
    const text = file({
      choices: [clean, shortcut],
      more: [
        'b:',
        '  text: { en: B }',
        '  choices:',
        '    - { id: meet, text: { en: M }, next: end, feedback: { en: F }, scores: { networking: 3 } }',
      ],
    });
    const found = compile(text).diagnostics.filter((d) => d.code === 'PRS066');
    expect(found.map((d) => d.params['via'])).toEqual(['a.shortcut']);
    expect(found[0]!.params).toMatchObject({ max: 3, clean: 1 });
  });
});

describe('columns count characters', () => {
  const thai = (choice: string) => `format: 1
id: t
languages: [th, en]
title: { th: ท, en: T }
summary: { th: ส, en: S }
start: a
nodes:
  a:
    text: { th: ก, en: A }
    choices:
      ${choice}
  end: { ending: success, title: { th: จ, en: E }, text: { th: จ, en: E } }
`;

  it('a line with Thai text before the offending value: the column counts Thai characters, not bytes', () => {
    const text = thai('- { text: { th: ไปเลย, en: Go }, id: go, next: nowhere, feedback: { th: ผ, en: F } }');
    // "      - { text: { th: " is 22 characters, "ไปเลย" 5, ", en: Go }, id: go, next: " 26: `nowhere` is at 54.
    // (Counted in UTF-8 bytes it would be 64.)
    const found = codes(text).filter((c) => !c.startsWith('PRS06'));
    expect(found).toEqual(['PRS045@8:3', 'PRS032@11:54', 'PRS044@12:3']); // a can't reach an ending, end can't be reached
  });

  it('the same for a schema error: an invalid id after Thai text', () => {
    const text = thai('- { text: { th: ไปเลย, en: Go }, id: Go, next: end, feedback: { th: ผ, en: F } }');
    // 22 + 5 + ", en: Go }, id: " (16): `Go` is at 44.
    expect(codes(text)).toEqual(['PRS013@11:44']);
  });

  it('a character outside the BMP (an emoji) counts once, not as two UTF-16 units', () => {
    const text = file({ choices: [CHOICE.replace('text: { en: Go }', 'text: { en: "😀 Go" }').replace('next: end', 'next: nowhere')] });
    const line = text.split('\n')[12]!;
    expect(line).toContain('😀');
    const column = [...line.slice(0, line.indexOf('nowhere'))].length + 1;
    expect(line.indexOf('nowhere') + 1).toBe(column + 1); // the emoji is two UTF-16 units
    expect(codes(text).filter((c) => c.startsWith('PRS032'))).toEqual([`PRS032@13:${column}`]);
  });
});

describe('all problems at once', () => {
  it('three unrelated shape errors in different parts of the file are all reported, in file order', () => {
    const text = file({
      top: 'colour: red',
      choices: [CHOICE.replace('id: go', 'id: Go')],
    }).replace(
      'end: { ending: success, title: { en: E }, text: { en: E } }',
      'end: { ending: success, title: { en: E }, text: { en: E }, refs: [r, r] }',
    );
    expect(codes(text)).toEqual([codeAt('PRS010', text, 'colour'), codeAt('PRS013', text, 'Go,'), codeAt('PRS018', text, '[r, r]')]);
  });

  it('three unrelated name and graph errors are all reported', () => {
    const text = file({
      meters: 'm: { label: { en: M }, initial: 12, min: 0, max: 10 }',
      extra: ['speaker: nobody'],
      more: ['island: { ending: failure, title: { en: I }, text: { en: I } }'],
    });
    expect(codes(text)).toEqual([codeAt('PRS048', text, 'm:'), codeAt('PRS033', text, 'nobody'), codeAt('PRS044', text, 'island')]);
  });

  it('errors and warnings together: the errors stop the file from loading', () => {
    const text = file({ choices: [CHOICE, '{ id: quiet, text: { en: Q }, next: nowhere }'] });
    const result = compile(text);
    expect(codesAt(result.diagnostics)).toEqual([codeAt('PRS061', text, 'quiet'), codeAt('PRS032', text, 'nowhere')]);
    expect(result.compiled).toBeUndefined();
  });
});

describe('the diagnostic itself', () => {
  it('formats as file:line:column: severity: message [code], in English or Thai', () => {
    const text = file({ extra: ['speaker: bob'] });
    const [d] = compile(text, 'scenarios/t.yaml').diagnostics;
    expect(d).toBeDefined();
    const { line, column } = d!;
    expect(formatDiagnostic(d!)).toBe(`scenarios/t.yaml:${line}:${column}: error: no character "bob" in characters [PRS033]`);
    expect(formatDiagnostic(d!, 'th')).toBe(`scenarios/t.yaml:${line}:${column}: error: ไม่มีตัวละคร "bob" ใน characters [PRS033]`);
  });

  it('every code has a message and a hint in both languages, the same placeholders, and a stable severity', () => {
    for (const [code, template] of Object.entries(MESSAGES) as [DiagnosticCode, (typeof MESSAGES)[DiagnosticCode]][]) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(template.th), code).toEqual(names(template.en));
      expect(['error', 'warning']).toContain(template.severity);
      expect(Number(code.slice(3)) >= 60, code).toBe(template.severity === 'warning');
      expect(HINTS[code].en.trim(), code).not.toBe('');
      expect(HINTS[code].th.trim(), code).not.toBe('');
    }
  });
});

describe('portraits in the model', () => {
  it("resolves a character's look from the file, deriving what it leaves out from the id, the same on every compile", () => {
    const top =
      'characters:\n  boss: { name: { en: B }, appearance: { gender: woman, age: senior, glasses: true } }\n  aide: { name: { en: A } }';
    const text = file({ extra: ['speaker: boss', 'expression: concerned'], top });
    const model = compile(text).compiled!.model;
    expect(model.characters['boss']!.look).toMatchObject({ gender: 'woman', age: 'senior', glasses: true });
    expect(['long', 'bob', 'bun']).toContain(model.characters['boss']!.look.hair);
    // The same id gets the same look in another file; the look is whole.
    const again = compile(file({ top: 'characters:\n  aide: { name: { en: Other name } }' })).compiled!.model;
    expect(again.characters['aide']!.look).toEqual(model.characters['aide']!.look);
    expect(Object.keys(model.characters['aide']!.look).sort()).toEqual(['age', 'dress', 'gender', 'glasses', 'hair', 'skin']);
    expect(model.nodes['a']).toMatchObject({ speaker: 'boss', expression: 'concerned' });
  });

  it('different ids give different people often enough that a cast is told apart', () => {
    const looks = new Set(Array.from({ length: 40 }, (_, i) => JSON.stringify(resolveLook(`person-${i}`))));
    expect(looks.size).toBeGreaterThan(30);
  });
});
