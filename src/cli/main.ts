/**
 * `prasan`: the command trainers run. `check` reports every problem in scenario files; `play` plays
 * one headlessly with a list of choices; `stats`, `graph` and `test` help an author see and test one. Exit codes: 0 fine, 1 a problem in a file or a play, 2 a
 * file that can't be read or a command used wrongly.
 */
import { parseArgs } from 'node:util';
import {
  formatDiagnostic,
  formatHint,
  formatMessage,
  hasErrors,
  playChoices,
  textKey,
  type MessageLanguage,
  type PlayOutcome,
} from '../engine';
import { graph, stats, test, type Output } from './authoring';
import { loadScenarioFile } from '../library/files';
import { expandFileArguments } from './files';
import { newScenario } from './new';
import { strings } from './strings';

const USAGE = `usage:
  prasan check FILE... [--lang th|en] [--json]
  prasan play FILE --choices ID,ID,... [--lang th|en] [--json]
  prasan stats FILE [--json]
  prasan graph FILE [--format mermaid|dot|svg] [--lang th|en] [-o OUTPUT]
  prasan test FILE... [--seed N] [--runs N] [--json]
  prasan new ID [--dir scenarios]
  prasan strings export FILE --lang en [-o FILE.csv]
  prasan strings import FILE FILE.csv --lang en [-o OUTPUT.yaml]
  prasan workshop [--port 8080] [--data FILE] [--public-url URL]`;

const console_: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function flagValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

/** The trainer's language: `--lang`, else the environment's locale (Thai when it says so). */
function messageLanguage(flag: string | undefined): MessageLanguage {
  if (flag === 'th' || flag === 'en') return flag;
  const env = process.env['PRASAN_LANG'] ?? process.env['LC_ALL'] ?? process.env['LC_MESSAGES'] ?? process.env['LANG'] ?? '';
  return env.toLowerCase().startsWith('th') ? 'th' : 'en';
}

export async function main(argv: string[], io: Output = console_): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'check') return check(rest, io);
    if (command === 'play') return play(rest, io);
    const lang = messageLanguage(flagValue(rest, '--lang'));
    if (command === 'stats') return stats(rest, io, lang);
    if (command === 'graph') return graph(rest, io, lang);
    if (command === 'test') return test(rest, io, lang);
    if (command === 'new') return newScenario(rest, io);
    if (command === 'strings') return strings(rest, io, lang);
    if (command === 'workshop') return (await import('../server/main')).startWorkshop(rest);
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`prasan: ${error.message}\n${USAGE}`);
      return 2;
    }
    // A file the command can't read or write (a CSV that isn't there, -o into a missing folder).
    if (error instanceof Error && 'syscall' in error && 'path' in error) {
      io.err(`prasan: ${error.message}`);
      return 2;
    }
    throw error;
  }
  io.err(command ? `prasan: unknown command "${command}"\n${USAGE}` : USAGE);
  return 2;
}

function check(args: string[], io: Output): number {
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    options: { lang: { type: 'string' }, json: { type: 'boolean' } },
  });
  const { values } = parsed;
  const positionals = expandFileArguments(parsed.positionals);
  if (positionals.length === 0) {
    io.err(`prasan check: name at least one file\n${USAGE}`);
    return 2;
  }
  const lang = messageLanguage(values.lang);
  let unreadable = false;
  let errors = 0;
  let warnings = 0;
  const report: unknown[] = [];
  for (const file of positionals) {
    const loaded = loadScenarioFile(file);
    if (loaded.kind === 'unreadable') {
      unreadable = true;
      if (values.json) report.push({ file, unreadable: loaded.reason });
      else io.err(`${file}: error: cannot read the file: ${loaded.reason}`);
      continue;
    }
    const { diagnostics } = loaded.result;
    errors += diagnostics.filter((d) => d.severity === 'error').length;
    warnings += diagnostics.filter((d) => d.severity === 'warning').length;
    if (values.json) {
      report.push({
        file,
        diagnostics: diagnostics.map((d) => ({ ...d, message: formatMessage(d, lang), hint: formatHint(d, lang) })),
      });
    } else {
      for (const d of diagnostics) {
        io.out(formatDiagnostic(d, lang));
        io.out(`    ${lang === 'th' ? 'วิธีแก้' : 'hint'}: ${formatHint(d, lang)}`);
      }
    }
  }
  if (values.json) io.out(JSON.stringify(report, null, 1));
  else {
    const summary =
      lang === 'th'
        ? `ตรวจ ${positionals.length} แฟ้ม: ข้อผิดพลาด ${errors} คำเตือน ${warnings}`
        : `${positionals.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)`;
    io.err(summary);
  }
  if (unreadable) return 2;
  return errors > 0 ? 1 : 0;
}

function play(args: string[], io: Output): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { choices: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1 || values.choices === undefined) {
    io.err(`prasan play: name one file and --choices\n${USAGE}`);
    return 2;
  }
  const loaded = loadScenarioFile(file);
  if (loaded.kind === 'unreadable') {
    io.err(`${file}: error: cannot read the file: ${loaded.reason}`);
    return 2;
  }
  const messages = messageLanguage(values.lang);
  const { compiled, diagnostics } = loaded.result;
  if (!compiled || hasErrors(diagnostics)) {
    diagnostics.forEach((d) => io.err(formatDiagnostic(d, messages)));
    return 1;
  }
  const { model, strings, exploration } = compiled;
  let lang = model.languages[0]!;
  if (values.lang !== undefined) {
    if ((model.languages as string[]).includes(values.lang)) lang = values.lang as typeof lang;
    else io.err(`prasan play: warning: ${file} has no "${values.lang}" text; using "${lang}"`);
  }
  const ids = values.choices
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const outcome = playChoices(model, ids);
  const problem = describeProblem(outcome, messages);
  if (problem) {
    io.err(`prasan play: ${problem}`);
    return 1;
  }
  const { state } = outcome;
  const node = model.nodes[state.node]!;
  const kind = node.kind === 'ending' ? node.ending : 'failure';
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          scenario: model.id,
          ending: { node: state.node, kind },
          skills: state.skills,
          attainable: exploration.max,
          meters: state.meters,
          path: state.path,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const text = strings[lang] ?? {};
  io.out(`${model.id}: ${kind} — ${state.node}: ${text[textKey.endingTitle(state.node)] ?? ''}`);
  io.out(`path: ${state.path.map((s) => `${s.node}.${s.choice}`).join(' → ')}`);
  io.out(
    `skills: ${Object.entries(state.skills)
      .map(([s, v]) => `${s} ${v}/${exploration.max[s as keyof typeof exploration.max]}`)
      .join(', ')}`,
  );
  if (Object.keys(state.meters).length > 0) {
    io.out(
      `meters: ${Object.entries(state.meters)
        .map(([m, v]) => `${m} ${v}`)
        .join(', ')}`,
    );
  }
  return 0;
}

function describeProblem(outcome: PlayOutcome, lang: MessageLanguage): string | undefined {
  const th = lang === 'th';
  const list = (ids: string[]) => ids.join(', ') || (th ? '(ไม่มี)' : '(nothing)');
  switch (outcome.kind) {
    case 'not-offered':
      return th
        ? `ที่โหนด "${outcome.node}" ไม่มีตัวเลือก "${outcome.choice}" ให้เลือก ตัวเลือกที่มีคือ: ${list(outcome.offered)}`
        : `"${outcome.choice}" is not offered at node "${outcome.node}"; offered there: ${list(outcome.offered)}`;
    case 'ran-out':
      return th
        ? `รายการตัวเลือกหมดที่โหนด "${outcome.node}" ก่อนถึงตอนจบ ตัวเลือกที่มีคือ: ${list(outcome.offered)}`
        : `the choices ran out at node "${outcome.node}" before an ending; offered there: ${list(outcome.offered)}`;
    case 'ended-early':
      return th
        ? `การเล่นถึงตอนจบ "${outcome.ending}" แล้ว แต่ยังเหลือตัวเลือก: ${outcome.left.join(', ')}`
        : `the run reached the ending "${outcome.ending}" with choices left over: ${outcome.left.join(', ')}`;
    case 'ended':
      return undefined;
  }
}
