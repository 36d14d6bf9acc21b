/**
 * The compiled library, for everything that reads scenario files from disk: the Vite plugin that
 * builds the game, the workshop server and the `prasan` command. Node only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileBytes, type CompileResult, type Diagnostic } from '../engine';
import { entryOf, type LibraryEntry } from './entry';

/** A file that can't be read says why: `missing` when there is no such file, else the system's reason. */
export type LoadedFile =
  { kind: 'unreadable'; file: string; reason: string; missing: boolean } | { kind: 'compiled'; result: CompileResult };

/** Reads and compiles one file; a file that can't be read at all is told apart (exit code 2). */
export function loadScenarioFile(file: string): LoadedFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { kind: 'unreadable', file, reason: missing ? 'no such file' : String((error as Error).message), missing };
  }
  return { kind: 'compiled', result: compileBytes(file, bytes) };
}

/** The scenario files in these folders, sorted; a folder that doesn't exist is a mistake, said so. */
export function scenarioFiles(dirs: readonly string[]): string[] {
  return dirs.flatMap((dir) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (error) {
      throw new Error(`the scenario folder "${dir}" can't be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    return names
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(dir, name));
  });
}

/** Every scenario file of the folders, compiled: a file with errors is an entry with its diagnostics. */
export function compileLibrary(dirs: readonly string[]): LibraryEntry[] {
  return scenarioFiles(dirs).map((path): LibraryEntry => {
    const file = path.split(/[\\/]/).pop()!;
    const fallbackId = file.replace(/\.ya?ml$/, '');
    const loaded = loadScenarioFile(path);
    if (loaded.kind === 'unreadable') {
      const diagnostic: Diagnostic = { file, line: 1, column: 1, severity: 'error', code: 'PRS008', params: { reason: loaded.reason } };
      return { file, id: fallbackId, diagnostics: [diagnostic] };
    }
    const { compiled, diagnostics } = loaded.result;
    const relative = diagnostics.map((d) => ({ ...d, file }));
    if (!compiled) return { file, id: fallbackId, diagnostics: relative };
    return entryOf(file, compiled, relative);
  });
}
