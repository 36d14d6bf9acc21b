/** The authoring commands: `stats`, `graph` and `test`. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors, SKILLS, type CompiledScenario, type MessageLanguage } from '../engine';
import { scenarioMap, serializeSvg, toDot, toMermaid, toSvgTree } from '../authoring/graph';
import { testScenario, type Problem } from '../authoring/selftest';
import { scenarioStats, type Range } from '../authoring/stats';
import { loadScenarioFile } from '../library/files';
import { expandFileArguments } from './files';
import { say } from './messages';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Loads a file for a command that needs it whole: prints its errors and gives the exit code if not. */
export function loadForCommand(file: string, io: Output, lang: MessageLanguage): CompiledScenario | number {
  const loaded = loadScenarioFile(file);
  if (loaded.kind === 'unreadable') {
    io.err(unreadable(loaded, lang));
    return 2;
  }
  const { compiled, diagnostics } = loaded.result;
  if (!compiled || hasErrors(diagnostics)) {
    diagnostics.forEach((d) => io.err(formatDiagnostic(d, lang)));
    return 1;
  }
  return compiled;
}

/** A file that can't be read, said in the trainer's language. */
export function unreadable(loaded: { file: string; reason: string; missing: boolean }, lang: MessageLanguage): string {
  return say('unreadable', lang, { file: loaded.file, reason: loaded.missing ? say('noSuchFile', lang) : loaded.reason });
}

const range = (r: Range) => (r.low === r.high ? `${r.low}` : `${r.low} … ${r.high}`);

export function stats(args: string[], io: Output, lang: MessageLanguage): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, lang: { type: 'string' } },
  });
  if (positionals.length !== 1) {
    io.err(say('statsUsage', lang));
    return 2;
  }
  const compiled = loadForCommand(positionals[0]!, io, lang);
  if (typeof compiled === 'number') return compiled;
  const s = scenarioStats(compiled.model);
  if (values.json) {
    io.out(JSON.stringify(s, null, 2));
    return 0;
  }
  const list = (items: string[]) => items.join(', ') || say('none', lang);
  io.out(
    say('statsNodes', lang, { id: compiled.model.id, nodes: s.nodes, decisions: s.decisions, branches: s.branches, endings: s.endings }),
  );
  const count = s.runs.count.toLocaleString('en');
  io.out(say('statsRuns', lang, { count: s.runs.atLeast ? say('statsMoreThan', lang, { count }) : count }));
  if (!s.exact) io.out(say('statsNotExact', lang));
  io.out('');
  io.out(say('statsSkillHeading', lang));
  for (const skill of SKILLS) io.out(`  ${skill.padEnd(14)}${range(s.skills[skill])}`);
  io.out('');
  io.out(say('statsEndingHeading', lang));
  for (const [id, e] of Object.entries(s.byEnding)) {
    io.out(say('statsEnding', lang, { id, kind: e.kind, total: range(e.total) }));
    io.out(`    ${SKILLS.map((skill) => `${skill.slice(0, 3)} ${range(e.skills[skill])}`).join(', ')}`);
  }
  const unreached = Object.values(compiled.model.nodes).filter((n) => n.kind === 'ending' && !(n.id in s.byEnding));
  if (unreached.length > 0) io.out(say('statsUnreached', lang, { endings: unreached.map((n) => n.id).join(', ') }));
  io.out('');
  io.out(say('statsNeverExercised', lang, { skills: list(s.neverExercised) }));
  io.out(say('statsNeverOffered', lang, { choices: list(s.neverOffered) }));
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
    io.err(say('graphUsage', lang));
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
    io.err(say('wrote', lang, { file: values.output }));
  } else io.out(text.trimEnd());
  return 0;
}

function describe(problem: Problem, lang: MessageLanguage): string {
  const steps = (path: string[]) => path.join(', ') || say('testNoSteps', lang);
  const via = (path: string[]) => (path.length > 0 ? say('testVia', lang, { path: path.join(', ') }) : say('testFromStart', lang));
  switch (problem.kind) {
    case 'stuck':
      return say('problemStuck', lang, { node: problem.node, via: via(problem.path) });
    case 'no-ending-ahead':
      return say('problemNoEndingAhead', lang, { node: problem.node, via: via(problem.path) });
    case 'unreached-ending':
      return say('problemUnreached', lang, { node: problem.node });
    case 'runtime-error':
      return say('problemRuntime', lang, { run: problem.run, message: problem.message, steps: steps(problem.path) });
  }
}

export function test(args: string[], io: Output, lang: MessageLanguage): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { seed: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } },
  });
  if (positionals.length === 0) {
    io.err(say('testUsage', lang));
    return 2;
  }
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  const runs = values.runs !== undefined ? Number(values.runs) : 200;
  if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 0) {
    io.err(say('testNumbers', lang));
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
    const verdict = report.problems.length === 0 ? say('testOk', lang) : say('testProblems', lang, { count: report.problems.length });
    const partial = report.exhaustive ? '' : say('testPartial', lang);
    io.out(
      say('testReport', lang, { file, verdict, states: report.states, transitions: report.transitions, partial, runs: report.runs, seed }),
    );
    for (const problem of report.problems) io.out(`  ${describe(problem, lang)}`);
  }
  if (values.json) io.out(JSON.stringify(reports, null, 2));
  else if (exit === 1) io.err(say('testReplay', lang, { files: files.join(' '), seed }));
  return exit;
}
