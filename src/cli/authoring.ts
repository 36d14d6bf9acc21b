/** The authoring commands: `stats`, `graph` and `test`. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors, SKILLS, type CompiledScenario, type MessageLanguage } from '../engine';
import { scenarioMap, serializeSvg, toDot, toMermaid, toSvgTree } from '../authoring/graph';
import { testScenario, type Problem } from '../authoring/selftest';
import { scenarioStats, type Range } from '../authoring/stats';
import { loadScenarioFile } from '../library/files';
import { expandFileArguments } from './files';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Loads a file for a command that needs it whole: prints its errors and gives the exit code if not. */
export function loadForCommand(file: string, io: Output, lang: MessageLanguage): CompiledScenario | number {
  const loaded = loadScenarioFile(file);
  if (loaded.kind === 'unreadable') {
    io.err(`${file}: error: cannot read the file: ${loaded.reason}`);
    return 2;
  }
  const { compiled, diagnostics } = loaded.result;
  if (!compiled || hasErrors(diagnostics)) {
    diagnostics.forEach((d) => io.err(formatDiagnostic(d, lang)));
    return 1;
  }
  return compiled;
}

const range = (r: Range) => (r.low === r.high ? `${r.low}` : `${r.low} … ${r.high}`);

export function stats(args: string[], io: Output, lang: MessageLanguage): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, lang: { type: 'string' } },
  });
  if (positionals.length !== 1) {
    io.err('usage: prasan stats FILE [--json]');
    return 2;
  }
  const compiled = loadForCommand(positionals[0]!, io, lang);
  if (typeof compiled === 'number') return compiled;
  const s = scenarioStats(compiled.model);
  if (values.json) {
    io.out(JSON.stringify(s, null, 2));
    return 0;
  }
  io.out(`${compiled.model.id}: ${s.nodes} nodes — ${s.decisions} decisions, ${s.branches} branches, ${s.endings} endings`);
  io.out(`runs (no choice taken twice): ${s.runs.atLeast ? 'more than ' : ''}${s.runs.count.toLocaleString('en')}`);
  if (!s.exact) io.out('too many states to explore exactly: the ranges below are missing or partial');
  io.out('');
  io.out('skill           lowest … highest at an ending');
  for (const skill of SKILLS) io.out(`  ${skill.padEnd(14)}${range(s.skills[skill])}`);
  io.out('');
  io.out('endings (kind): total of all seven skills; per skill');
  for (const [id, e] of Object.entries(s.byEnding)) {
    io.out(`  ${id} (${e.kind}): total ${range(e.total)}`);
    io.out(`    ${SKILLS.map((skill) => `${skill.slice(0, 3)} ${range(e.skills[skill])}`).join(', ')}`);
  }
  const unreached = Object.values(compiled.model.nodes).filter((n) => n.kind === 'ending' && !(n.id in s.byEnding));
  if (unreached.length > 0) io.out(`endings no run reaches: ${unreached.map((n) => n.id).join(', ')}`);
  io.out('');
  io.out(`skills never exercised: ${s.neverExercised.join(', ') || 'none'}`);
  io.out(`choices never offered: ${s.neverOffered.join(', ') || 'none'}`);
  return 0;
}

export function graph(args: string[], io: Output, lang: MessageLanguage): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'mermaid' }, lang: { type: 'string' }, output: { type: 'string', short: 'o' } },
  });
  const format = values.format;
  if (positionals.length !== 1 || !['mermaid', 'dot', 'svg'].includes(format ?? '')) {
    io.err('usage: prasan graph FILE [--format mermaid|dot|svg] [--lang th|en] [-o OUTPUT]');
    return 2;
  }
  const compiled = loadForCommand(positionals[0]!, io, lang);
  if (typeof compiled === 'number') return compiled;
  const { model, strings } = compiled;
  const textLanguage = model.languages.includes(values.lang as never) ? values.lang! : model.languages[0]!;
  const map = scenarioMap(model, strings, textLanguage);
  const text = format === 'dot' ? toDot(map) : format === 'svg' ? `${serializeSvg(toSvgTree(map, model.start))}\n` : toMermaid(map);
  if (values.output) {
    writeFileSync(values.output, text);
    io.err(`wrote ${values.output}`);
  } else io.out(text.trimEnd());
  return 0;
}

function describe(problem: Problem, lang: MessageLanguage): string {
  const th = lang === 'th';
  const steps = (path: string[]) => path.join(', ') || (th ? 'ยังไม่มีการเลือก' : 'no steps');
  const via = (path: string[]) =>
    path.length > 0 ? (th ? ` (ไปถึงได้โดย ${path.join(', ')})` : ` (reached by ${path.join(', ')})`) : th ? ' (ตั้งแต่เริ่ม)' : ' (at the start)';
  switch (problem.kind) {
    case 'stuck':
      return th
        ? `โหนด "${problem.node}" ไม่มีตัวเลือกให้เลือกและไม่มีการจับเวลา${via(problem.path)}`
        : `node "${problem.node}" offers nothing and has no timer${via(problem.path)}`;
    case 'no-ending-ahead':
      return th
        ? `จากโหนด "${problem.node}" ไปไม่ถึงตอนจบใดอีกแล้ว: วนซ้ำโดยไม่มีทางออก${via(problem.path)}`
        : `from node "${problem.node}" no ending can be reached any more: a loop with no exit${via(problem.path)}`;
    case 'unreached-ending':
      return th ? `ไม่มีการเล่นใดไปถึงตอนจบ "${problem.node}"` : `no run reaches the ending "${problem.node}"`;
    case 'runtime-error':
      return th
        ? `การเล่นรอบที่ ${problem.run} ผิดพลาด: ${problem.message} หลังจาก ${steps(problem.path)}`
        : `run ${problem.run} failed: ${problem.message} after ${steps(problem.path)}`;
  }
}

export function test(args: string[], io: Output, lang: MessageLanguage): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { seed: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } },
  });
  if (positionals.length === 0) {
    io.err('usage: prasan test FILE... [--seed N] [--runs N] [--json]');
    return 2;
  }
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  const runs = values.runs !== undefined ? Number(values.runs) : 200;
  if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 0) {
    io.err('prasan test: --seed and --runs take whole numbers');
    return 2;
  }
  let exit = 0;
  const reports: unknown[] = [];
  const files = expandFileArguments(positionals);
  for (const file of files) {
    const compiled = loadForCommand(file, io, lang);
    if (typeof compiled === 'number') {
      exit = Math.max(exit, compiled);
      continue;
    }
    const report = testScenario(compiled.model, { seed, runs });
    if (report.problems.length > 0) exit = Math.max(exit, 1);
    if (values.json) {
      reports.push({ file, ...report });
      continue;
    }
    if (lang === 'th') {
      const verdict = report.problems.length === 0 ? 'ผ่าน' : `พบปัญหา ${report.problems.length} รายการ`;
      io.out(
        `${file}: ${verdict} — สำรวจ ${report.states} สถานะ ${report.transitions} การเปลี่ยนสถานะ${report.exhaustive ? '' : ' (ไม่ครบ: มากเกินไป)'} และสุ่มเล่น ${report.runs} รอบด้วย seed ${seed}`,
      );
    } else {
      const verdict = report.problems.length === 0 ? 'ok' : `${report.problems.length} problem(s)`;
      io.out(
        `${file}: ${verdict} — ${report.states} states and ${report.transitions} transitions explored${report.exhaustive ? '' : ' (not all: too many)'}, ${report.runs} random runs with seed ${seed}`,
      );
    }
    for (const problem of report.problems) io.out(`  ${describe(problem, lang)}`);
  }
  if (values.json) io.out(JSON.stringify(reports, null, 2));
  else if (exit === 1) io.err(`${lang === 'th' ? 'เล่นซ้ำด้วย' : 'replay with'}: prasan test ${files.join(' ')} --seed ${seed}`);
  return exit;
}
