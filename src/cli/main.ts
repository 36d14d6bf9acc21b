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
import { graph, stats, test, unreadable, type Output } from './authoring';
import { loadScenarioFile } from '../library/files';
import { expandFileArguments } from './files';
import { CLI_TEXT, HELP_TOPICS, say } from './messages';
import { newScenario } from './new';
import { strings } from './strings';

type HelpTopic = (typeof HELP_TOPICS)[number];

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
  const lang = messageLanguage(flagValue(rest, '--lang'));
  // `prasan --help`, `prasan help [COMMAND]` and `prasan COMMAND --help`: usage on stdout, exit 0.
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    if (topic !== undefined && !(HELP_TOPICS as readonly string[]).includes(topic)) {
      io.err(`${say('unknownCommand', lang, { command: topic })}\n${say('usage', lang)}`);
      return 2;
    }
    if (command === undefined) {
      io.err(say('usage', lang));
      return 2;
    }
    io.out(topic ? CLI_TEXT[`help.${topic as HelpTopic}`][lang] : say('usage', lang));
    return 0;
  }
  if ((HELP_TOPICS as readonly string[]).includes(command) && (rest.includes('--help') || rest.includes('-h'))) {
    io.out(CLI_TEXT[`help.${command as HelpTopic}`][lang]);
    return 0;
  }
  try {
    if (command === 'check') return check(rest, io, lang);
    if (command === 'play') return play(rest, io, lang);
    if (command === 'stats') return stats(rest, io, lang);
    if (command === 'graph') return graph(rest, io, lang);
    if (command === 'test') return test(rest, io, lang);
    if (command === 'new') return newScenario(rest, io, lang);
    if (command === 'strings') return strings(rest, io, lang);
    if (command === 'workshop') return await (await import('../server/main')).startWorkshop(rest);
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`${say('badArguments', lang, { detail: error.message })}\n${say('usage', lang)}`);
      return 2;
    }
    // A file the command can't read or write (a CSV that isn't there, -o into a missing folder).
    if (error instanceof Error && 'syscall' in error && 'path' in error) {
      io.err(say('fileProblem', lang, { detail: error.message }));
      return 2;
    }
    throw error;
  }
  io.err(`${say('unknownCommand', lang, { command })}\n${say('usage', lang)}`);
  return 2;
}

function check(args: string[], io: Output, lang: MessageLanguage): number {
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    options: { lang: { type: 'string' }, json: { type: 'boolean' } },
  });
  const { values } = parsed;
  const positionals = expandFileArguments(parsed.positionals);
  if (positionals.length === 0) {
    io.err(`${say('checkNeedsFiles', lang)}\n${say('usage', lang)}`);
    return 2;
  }
  let unreadableFile = false;
  let errors = 0;
  let warnings = 0;
  const report: unknown[] = [];
  for (const file of positionals) {
    const loaded = loadScenarioFile(file);
    if (loaded.kind === 'unreadable') {
      unreadableFile = true;
      if (values.json) report.push({ file, unreadable: loaded.reason });
      else io.err(unreadable(loaded, lang));
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
        io.out(`    ${say('hint', lang)}: ${formatHint(d, lang)}`);
      }
    }
  }
  if (values.json) io.out(JSON.stringify(report, null, 1));
  else io.err(say('checked', lang, { files: positionals.length, errors, warnings }));
  if (unreadableFile) return 2;
  return errors > 0 ? 1 : 0;
}

function play(args: string[], io: Output, messages: MessageLanguage): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { choices: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1 || values.choices === undefined) {
    io.err(`${say('playNeedsFile', messages)}\n${say('usage', messages)}`);
    return 2;
  }
  const loaded = loadScenarioFile(file);
  if (loaded.kind === 'unreadable') {
    io.err(unreadable(loaded, messages));
    return 2;
  }
  const { compiled, diagnostics } = loaded.result;
  if (!compiled || hasErrors(diagnostics)) {
    diagnostics.forEach((d) => io.err(formatDiagnostic(d, messages)));
    return 1;
  }
  const { model, strings, exploration } = compiled;
  let lang = model.languages[0]!;
  if (values.lang !== undefined) {
    if ((model.languages as string[]).includes(values.lang)) lang = values.lang as typeof lang;
    else io.err(say('playNoLanguage', messages, { file, lang: values.lang, used: lang }));
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
  io.out(say('playEnding', messages, { scenario: model.id, kind, node: state.node, title: text[textKey.endingTitle(state.node)] ?? '' }));
  io.out(say('playPath', messages, { path: state.path.map((s) => `${s.node}.${s.choice}`).join(' → ') }));
  const skills = Object.entries(state.skills).map(([s, v]) => `${s} ${v}/${exploration.max[s as keyof typeof exploration.max]}`);
  io.out(say('playSkills', messages, { skills: skills.join(', ') }));
  const meters = Object.entries(state.meters).map(([m, v]) => `${m} ${v}`);
  if (meters.length > 0) io.out(say('playMeters', messages, { meters: meters.join(', ') }));
  return 0;
}

function describeProblem(outcome: PlayOutcome, lang: MessageLanguage): string | undefined {
  const list = (ids: string[]) => ids.join(', ') || say('nothing', lang);
  switch (outcome.kind) {
    case 'not-offered':
      return say('notOffered', lang, { choice: outcome.choice, node: outcome.node, offered: list(outcome.offered) });
    case 'ran-out':
      return say('ranOut', lang, { node: outcome.node, offered: list(outcome.offered) });
    case 'ended-early':
      return say('endedEarly', lang, { ending: outcome.ending, left: outcome.left.join(', ') });
    case 'ended':
      return undefined;
  }
}
