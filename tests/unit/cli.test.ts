/**
 * `prasan check` and `prasan play` (docs: scenario-format.md, "The command a trainer runs"), run
 * in-process through `main(argv, io)` with the output captured.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { expandFileArguments } from '../../src/cli/files';
import { HINTS } from '../../src/engine';
import { scenarioYaml } from './helpers';

const EXAMPLE = fileURLToPath(new URL('../fixtures/quick-question.yaml', import.meta.url));
const EXPECTED = JSON.parse(readFileSync(new URL('../fixtures/quick-question.expected.json', import.meta.url), 'utf8')) as {
  attainable: Record<string, number>;
  plays: ({ choices: string } & (
    | {
        ending: { node: string; kind: string };
        skills: Record<string, number>;
        meters: Record<string, number>;
        path: { node: string; choice: string }[];
      }
    | { exit: number; names: string }
  ))[];
};

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'prasan-cli-'));
  // Messages follow the environment's locale when --lang is not given: pin it for these tests.
  vi.stubEnv('PRASAN_LANG', 'en');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('prasan check', () => {
  it('the example file: exit 0 (warnings allowed), a summary on stderr', async () => {
    const result = await run('check', EXAMPLE);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(/: error: /);
    expect(result.err).toMatch(/1 file\(s\) checked: 0 error\(s\)/);
  });

  it('a bad file: exit 1, each problem as file:line:column: error: message', async () => {
    // Line 13 is the choice; `next: nowhere` is an unknown node.
    const text = scenarioYaml(`
      a:
        text: { en: A }
        choices:
          - { id: go, text: { en: Go }, next: nowhere }
          - { id: ok, text: { en: Ok }, next: end }
      end: { ending: success, title: { en: E }, text: { en: E } }
    `);
    const file = write('bad.yaml', text);
    const column = text.split('\n')[12]!.indexOf('nowhere') + 1;
    const result = await run('check', file);
    expect(result.code).toBe(1);
    const lines = result.out.split('\n');
    const at = lines.indexOf(`${file}:13:${column}: error: no node "nowhere" [PRS032]`);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]).toBe(`    hint: ${HINTS.PRS032.en}`);
    // Every diagnostic line is followed by its hint.
    expect(lines.length % 2).toBe(0);
    lines.forEach((line, i) => {
      if (i % 2 === 0) expect(line).toMatch(/^.+:\d+:\d+: (error|warning): .+ \[PRS\d{3}\]$/);
      else expect(line).toMatch(/^ {4}hint: \S/);
    });
  });

  it('a file with only warnings exits 0', async () => {
    const file = write('warn-only.yaml', scenarioYaml('end: { ending: success, title: { en: E }, text: { en: E } }', { start: 'end' }));
    const result = await run('check', file);
    expect(result.out).toMatch(/warning: no choice or timer scores the skill "ethics" \[PRS060\]/);
    expect(result.code).toBe(0);
  });

  it('a missing file: exit 2', async () => {
    const result = await run('check', join(dir, 'does-not-exist.yaml'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/does-not-exist\.yaml: error: cannot read the file/);
  });

  it('a missing file among others still exits 2, and the others are still checked', async () => {
    const bad = write('bad-start.yaml', scenarioYaml('end: { ending: success, title: { en: E }, text: { en: E } }', { start: 'nope' }));
    const result = await run('check', EXAMPLE, join(dir, 'nothing.yaml'), bad);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/bad-start\.yaml:6:8: error: the start node "nope" does not exist \[PRS043\]/);
  });

  it('a file that is not UTF-8: exit 1 with PRS002', async () => {
    const file = write(
      'latin1.yaml',
      Buffer.concat([Buffer.from('format: 1\nid: t\ntitle: { en: "caf'), Buffer.from([0xe9]), Buffer.from('" }\n')]),
    );
    const result = await run('check', file);
    expect(result.code).toBe(1);
    expect(result.out).toBe(`${file}:1:1: error: the file is not UTF-8 text [PRS002]\n    hint: ${HINTS.PRS002.en}`);
  });

  it('a file over 1 MiB: exit 1 with PRS001', async () => {
    const file = write(
      'huge.yaml',
      `${scenarioYaml('end: { ending: success, title: { en: E }, text: { en: E } }', { start: 'end' })}#${'x'.repeat(1024 * 1024)}\n`,
    );
    const result = await run('check', file);
    expect(result.code).toBe(1);
    expect(result.out.split('\n')[0]).toMatch(/huge\.yaml:1:1: error: the file is \d+ bytes; the limit is 1048576 \[PRS001\]$/);
  });

  it('a file that is not YAML: exit 1 with PRS003', async () => {
    const file = write('not-yaml.yaml', 'format: 1\nid: [unclosed\n');
    const result = await run('check', file);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/error: not valid YAML: .* \[PRS003\]/);
  });

  it('--lang th prints the messages and the summary in Thai', async () => {
    const file = write('bad-th.yaml', scenarioYaml('end: { ending: success, title: { en: E }, text: { en: E } }', { start: 'nope' }));
    const result = await run('check', file, '--lang', 'th');
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${file}:6:8: error: ไม่มีโหนดเริ่มต้น "nope" [PRS043]\n    วิธีแก้: ${HINTS.PRS043.th}`);
    expect(result.err).toMatch(/^ตรวจ 1 แฟ้ม: ข้อผิดพลาด 1 คำเตือน \d+$/);
  });

  it('the locale picks Thai when --lang is absent (PRASAN_LANG=th)', async () => {
    vi.stubEnv('PRASAN_LANG', 'th');
    try {
      const file = write('bad-env.yaml', scenarioYaml('end: { ending: success, title: { en: E }, text: { en: E } }', { start: 'nope' }));
      const result = await run('check', file);
      expect(result.out).toContain('ไม่มีโหนดเริ่มต้น "nope"');
    } finally {
      vi.stubEnv('PRASAN_LANG', 'en');
    }
  });

  it('no file named: a usage error, exit 2', async () => {
    expect((await run('check')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });
});

describe('prasan play: the expected plays of the example', () => {
  for (const play of EXPECTED.plays) {
    if ('exit' in play) {
      it(`--choices ${play.choices}: exit ${play.exit}, naming node "${play.names}"`, async () => {
        const result = await run('play', EXAMPLE, '--choices', play.choices, '--json');
        expect(result.code).toBe(play.exit);
        expect(result.out).toBe('');
        expect(result.err).toContain(`"${play.names}"`);
      });
    } else {
      it(`--choices ${play.choices}: ${play.ending.kind} at ${play.ending.node}, with exactly the expected JSON`, async () => {
        const result = await run('play', EXAMPLE, '--choices', play.choices, '--json');
        expect(result.code).toBe(0);
        expect(JSON.parse(result.out)).toEqual({
          scenario: 'quick-question',
          ending: play.ending,
          skills: play.skills,
          attainable: EXPECTED.attainable,
          meters: play.meters,
          path: play.path,
        });
      });
    }
  }

  it('the expected file covers every ending kind and both kinds of failure', () => {
    const kinds = EXPECTED.plays.flatMap((p) => ('ending' in p ? [p.ending.kind] : []));
    expect(kinds.sort()).toEqual(['failure', 'partial', 'success']);
    expect(EXPECTED.plays.filter((p) => 'exit' in p)).toHaveLength(2);
  });
});

describe('prasan play: problems', () => {
  it('a choice not offered: names the node and what was offered there (timeout included)', async () => {
    const result = await run('play', EXAMPLE, '--choices', 'answer');
    expect(result.code).toBe(1);
    expect(result.err).toBe('prasan play: "answer" is not offered at node "filed"; offered there: brief-early, wait, timeout');
  });

  it('an ending before the ids run out: names the ending and the ids left over', async () => {
    const result = await run('play', EXAMPLE, '--choices', 'brief-early,wait,timeout');
    expect(result.code).toBe(1);
    expect(result.err).toBe('prasan play: the run reached the ending "good-end" with choices left over: wait, timeout');
  });

  it('the ids run out before an ending: names the node reached', async () => {
    const file = write(
      'two-steps.yaml',
      scenarioYaml(`
      a:
        text: { en: A }
        choices:
          - { id: go, text: { en: Go }, next: b }
      b:
        text: { en: B }
        choices:
          - { id: fin, text: { en: Fin }, next: end }
      end: { ending: success, title: { en: E }, text: { en: E } }
    `),
    );
    const result = await run('play', file, '--choices', 'go');
    expect(result.code).toBe(1);
    expect(result.err).toContain('node "b"');
    expect(result.err).toContain('fin');
  });

  it('a bad file: exit 1 and its errors on stderr', async () => {
    const file = write('bad-play.yaml', scenarioYaml('end: { ending: success, title: { en: E }, text: { en: E } }', { start: 'nope' }));
    const result = await run('play', file, '--choices', 'x', '--json');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain(`${file}:6:8: error: the start node "nope" does not exist [PRS043]`);
  });

  it('a missing file: exit 2', async () => {
    expect((await run('play', join(dir, 'gone.yaml'), '--choices', 'x')).code).toBe(2);
  });

  it('no --choices: a usage error, exit 2', async () => {
    expect((await run('play', EXAMPLE)).code).toBe(2);
  });
});

describe('prasan play: languages', () => {
  it("without --json, prints the ending title in the file's first language (Thai here)", async () => {
    const result = await run('play', EXAMPLE, '--choices', 'brief-early');
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe('quick-question: success — good-end: คำตอบที่ชัดเจน');
    expect(result.out).toContain('path: filed.brief-early');
    expect(result.out).toContain('communication 2/2');
    expect(result.out).toContain('meters: trust 60');
  });

  it('--lang en prints the English title', async () => {
    const result = await run('play', EXAMPLE, '--choices', 'wait', '--lang', 'en');
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe('quick-question: partial — weak-end: Answered, but thinly');
    expect(result.err).toBe('');
  });

  it('--lang fr: a warning on stderr, and the first language (th) instead', async () => {
    const result = await run('play', EXAMPLE, '--choices', 'timeout', '--lang', 'fr');
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/warning: .*"fr".*"th"/);
    expect(result.out.split('\n')[0]).toBe('quick-question: failure — missed: ไม่มีใครตอบกระทู้');
  });

  it('--lang fr with --json: the same warning, and the JSON is unchanged', async () => {
    const result = await run('play', EXAMPLE, '--choices', 'timeout', '--lang', 'fr', '--json');
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/warning: .*"fr"/);
    expect((JSON.parse(result.out) as { ending: unknown }).ending).toEqual({ node: 'missed', kind: 'failure' });
  });
});

describe('file arguments with * (for shells that pass it through, like Windows cmd)', () => {
  it('expands scenarios/*.yaml itself, and keeps names without * or that exist as they are', () => {
    const shipped = readdirSync('scenarios')
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    expect(expandFileArguments(['scenarios/*.yaml'])).toEqual(shipped.map((f) => `scenarios/${f}`));
    expect(expandFileArguments(['scenarios/whip-*.yaml'])).toEqual(['scenarios/whip-tuesday.yaml']);
    expect(expandFileArguments(['no-such-dir/*.yaml'])).toEqual(['no-such-dir/*.yaml']);
    expect(expandFileArguments(['tests/fixtures/quick-question.yaml'])).toEqual(['tests/fixtures/quick-question.yaml']);
  });
});
