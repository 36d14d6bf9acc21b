/** Reading scenario files from disk for the command line: bytes to text, with the file-level errors. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { compileBytes, type CompileResult } from '../engine';

export type LoadedFile = { kind: 'unreadable'; file: string; reason: string } | { kind: 'compiled'; result: CompileResult };

/** Reads and compiles one file; a file that can't be read at all is told apart (exit code 2). */
export function loadScenarioFile(file: string): LoadedFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message);
    return { kind: 'unreadable', file, reason };
  }
  return { kind: 'compiled', result: compileBytes(file, bytes) };
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
