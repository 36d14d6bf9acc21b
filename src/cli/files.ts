/** Reading scenario files from disk for the command line: bytes to text, with the file-level errors. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { compileScenario, MAX_FILE_BYTES, MESSAGES, type CompileResult, type DiagnosticCode } from '../engine';

export type LoadedFile = { kind: 'unreadable'; file: string; reason: string } | { kind: 'compiled'; result: CompileResult };

function fileError(file: string, code: DiagnosticCode, params: Record<string, string | number>): CompileResult {
  return { file, diagnostics: [{ file, line: 1, column: 1, severity: MESSAGES[code].severity, code, params }] };
}

/** Reads and compiles one file; a file that can't be read at all is told apart (exit code 2). */
export function loadScenarioFile(file: string): LoadedFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message);
    return { kind: 'unreadable', file, reason };
  }
  if (bytes.length > MAX_FILE_BYTES) {
    return { kind: 'compiled', result: fileError(file, 'PRS001', { size: bytes.length, limit: MAX_FILE_BYTES }) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { kind: 'compiled', result: fileError(file, 'PRS002', {}) };
  }
  return { kind: 'compiled', result: compileScenario(file, text) };
}

/**
 * Expands a `*` in a file argument (`scenarios/*.yaml`) when the shell hasn't — Windows' cmd and
 * PowerShell pass it through as written. Arguments without a `*`, or that name a real file, stay.
 */
export function expandFileArguments(args: readonly string[]): string[] {
  return args.flatMap((arg) => {
    if (!arg.includes('*') || existsSync(arg)) return [arg];
    const slash = Math.max(arg.lastIndexOf('/'), arg.lastIndexOf('\\'));
    const dir = slash >= 0 ? arg.slice(0, slash) : '.';
    const pattern = new RegExp(`^${arg.slice(slash + 1).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((name) => pattern.test(name)).sort();
    } catch {
      return [arg];
    }
    return names.length > 0 ? names.map((name) => (slash >= 0 ? `${dir}${arg[slash]}${name}` : name)) : [arg];
  });
}
