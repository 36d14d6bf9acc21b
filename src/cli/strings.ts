/** `prasan strings export|import`: translation through a CSV a translator fills in a spreadsheet. */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compileScenario, hasErrors, LANGUAGES, type MessageLanguage } from '../engine';
import { importTranslations, parseCsv, toCsv, translationRows } from '../authoring/translation';
import { loadForCommand, type Output } from './authoring';
import { say } from './messages';

export function strings(args: string[], io: Output, messages: MessageLanguage): number {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { lang: { type: 'string' }, output: { type: 'string', short: 'o' } },
  });
  const lang = values.lang;
  if (!lang || !(LANGUAGES as readonly string[]).includes(lang) || (action !== 'export' && action !== 'import')) {
    io.err(say('stringsUsage', messages));
    return 2;
  }
  const [file, csvFile] = positionals;
  if (!file || (action === 'import' && !csvFile)) {
    io.err(say('stringsUsage', messages));
    return 2;
  }
  const compiled = loadForCommand(file, io, messages);
  if (typeof compiled === 'number') return compiled;
  const { scenario } = compiled;

  if (action === 'export') {
    const rows = translationRows(scenario, lang);
    const csv = toCsv(rows, scenario.languages[0]!, lang);
    // Beside the scenario, never over it (a file not named .yaml keeps its name, plus .en.csv).
    const output = values.output ?? (/\.ya?ml$/i.test(file) ? file.replace(/\.ya?ml$/i, `.${lang}.csv`) : `${file}.${lang}.csv`);
    writeFileSync(output, csv);
    const missing = rows.filter((r) => r.target === '').length;
    io.out(say('stringsExported', messages, { file: output, texts: rows.length, missing, lang }));
    return 0;
  }

  const csvBytes = readFileSync(csvFile!);
  let csvText: string;
  try {
    // A CSV saved by an old spreadsheet in a Thai code page would write garbled text: refuse it.
    csvText = new TextDecoder('utf-8', { fatal: true }).decode(csvBytes);
  } catch {
    io.err(say('stringsNotUtf8', messages, { file: csvFile! }));
    return 1;
  }
  const result = importTranslations(readFileSync(file, 'utf8'), scenario, parseCsv(csvText), lang);
  for (const key of result.unknown) io.err(say('stringsUnknownKey', messages, { file: csvFile!, key }));
  // The result must still be a valid scenario before it replaces anything.
  const output = values.output ?? file;
  const check = compileScenario(output, result.text);
  if (hasErrors(check.diagnostics)) {
    io.err(say('stringsInvalid', messages));
    check.diagnostics.filter((d) => d.severity === 'error').forEach((d) => io.err(`  ${d.line}:${d.column} ${d.code}`));
    return 1;
  }
  writeFileSync(output, result.text);
  io.out(say('stringsImported', messages, { file: output, updated: result.updated, added: result.added }));
  return 0;
}
