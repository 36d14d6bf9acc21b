/**
 * What the trainer reads from the command line and from `check`: every message in Thai and English,
 * with the same placeholders, and the Thai in Thai — English only where it is something typed (a
 * command, an option, an id, a key of the file format) or a file format's name.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { CLI_TEXT, HELP_TOPICS } from '../../src/cli/messages';
import { ScenarioSchema } from '../../src/engine';
import { compileScenario, formatMessage, MESSAGES } from '../../src/engine';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The words of the scenario format (its keys and enumerated values): a trainer types these as they are. */
function formatWords(): Set<string> {
  const words = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && typeof value === 'object' && value !== null) Object.keys(value).forEach((k) => words.add(k));
      if (key === 'const' && typeof value === 'string') value.split('-').forEach((w) => words.add(w));
      walk(value);
    }
  };
  walk(ScenarioSchema);
  return words;
}

const TYPED = new Set([
  'prasan',
  'npx',
  'seed',
  'timeout',
  'error',
  'warning',
  'true',
  'false',
  'alias',
  'id',
  'NODE',
  'CHOICE',
  'permissions',
]);
/** The syntax's own placeholders, in capitals: FILE, ID, OUTPUT, COMMAND … */
const SYNTAX = /^[A-Z]+$/;
const FORMATS = new Set(['CSV', 'UTF', 'YAML', 'JSON', 'VS', 'Code', 'Save', 'with', 'Encoding', 'Comma', 'delimited']);

/** English words left in a Thai text once placeholders, quoted values, options, paths and names of things typed are taken out. */
function englishIn(thai: string, allowed: ReadonlySet<string>): string[] {
  const stripped = thai
    .replace(/\{\w+\}/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/prasan .*$/gm, ' ') // a command's synopsis, to the end of its line
    .replace(/--?[a-z][\w-]*/g, ' ')
    .replace(/\S*[./]\S*/g, ' ') // files, paths, NODE.CHOICE, UTF-8's dot-free neighbours stay below
    .replace(/\b[A-Z]+\b/g, (w) => (FORMATS.has(w) || TYPED.has(w) ? ' ' : w));
  return [...stripped.matchAll(/[A-Za-z]{2,}/g)]
    .map((m) => m[0])
    .filter((w) => !allowed.has(w) && !TYPED.has(w) && !FORMATS.has(w) && !SYNTAX.test(w));
}

describe('the command line speaks Thai and English', () => {
  it.each(Object.entries(CLI_TEXT))('%s: both languages, the same placeholders', (_, text) => {
    expect(text.en.trim()).not.toBe('');
    expect(text.th.trim()).not.toBe('');
    expect(placeholders(text.th)).toEqual(placeholders(text.en));
  });

  it.each(Object.entries(CLI_TEXT))('%s: the Thai has no English words', (_, text) => {
    const commands = new Set<string>(HELP_TOPICS);
    commands.add('export').add('import').add('mermaid').add('dot').add('svg').add('th').add('en');
    expect(englishIn(text.th, commands)).toEqual([]);
  });

  it('prasan --help and prasan help print usage on stdout and exit 0; prasan help COMMAND prints that command', async () => {
    for (const args of [['--help'], ['help'], ['-h']]) {
      const out: string[] = [];
      expect(await main(args, { out: (l) => out.push(l), err: () => {} })).toBe(0);
      expect(out.join('\n')).toContain('prasan check FILE...');
    }
    for (const topic of HELP_TOPICS) {
      const out: string[] = [];
      expect(await main(['help', topic, '--lang', 'th'], { out: (l) => out.push(l), err: () => {} }), topic).toBe(0);
      expect(out.join('\n')).toBe(CLI_TEXT[`help.${topic}`].th);
    }
    const out: string[] = [];
    expect(await main(['check', '--help'], { out: (l) => out.push(l), err: () => {} })).toBe(0);
    expect(out.join('\n')).toContain('Checks scenario files');
  });

  it('prasan help with a command that does not exist says so and exits 2', async () => {
    const err: string[] = [];
    expect(await main(['help', 'frobnicate', '--lang', 'en'], { out: () => {}, err: (l) => err.push(l) })).toBe(2);
    expect(err.join('\n')).toContain('unknown command "frobnicate"');
  });
});

describe("check's messages in Thai", () => {
  const words = formatWords();

  it.each(Object.entries(MESSAGES))("%s: the Thai template has no English words but the format's own", (_, template) => {
    expect(englishIn(template.th, words)).toEqual([]);
  });

  it('a value of the wrong kind, a range and a list size are said in Thai (no "ต้องเป็นa whole number")', () => {
    const text = `format: 1
id: t
languages: [en]
title: { en: T }
summary: { en: S }
minutes: ten
start: a
references:
  r: { label: { en: L }, checked: "7 Dec" }
nodes:
  a:
    text: { en: A }
    choices:
      - { id: go, text: { en: Go }, next: end, scores: { ethics: 9 } }
  end: { ending: success, title: { en: E }, text: { en: E } }
  b: { branch: [] }
`;
    const diagnostics = compileScenario('t.yaml', text).diagnostics;
    const thai = diagnostics.map((d) => formatMessage(d, 'th'));
    expect(thai).toContain('ต้องเป็นจำนวนเต็ม');
    expect(thai).toContain('ต้องเป็นวันที่ในรูปแบบ ปปปป-ดด-วว (คริสต์ศักราช)');
    expect(thai).toContain('9 อยู่นอกช่วงที่อนุญาต (-3 ถึง 3)');
    expect(thai.some((m) => m.startsWith('รายการมี 0 รายการ ต้องมี อย่างน้อย 1'))).toBe(true);
    for (const message of thai) expect(englishIn(message, words), message).toEqual([]);
    expect(diagnostics.map((d) => formatMessage(d, 'en'))).toContain('expected a whole number');
  });
});
