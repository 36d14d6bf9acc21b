/**
 * Helpers for the authoring-command tests: run `prasan` in-process with its output captured, a
 * scratch folder, and a check that an error output carries no stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main';

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** `prasan ARGV...` in this process: the exit code and everything printed, line by line joined. */
export async function run(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const EXAMPLE = join(ROOT, 'tests/fixtures/quick-question.yaml');
export const FIXTURES = join(ROOT, 'tests/fixtures/authoring');

const scratchDirs: string[] = [];

/** A fresh scratch folder, and a function writing a file in it (returns the path). */
export function scratch(prefix: string): { dir: string; write: (name: string, content: string | Buffer) => string } {
  const dir = mkdtempSync(join(tmpdir(), `prasan-${prefix}-`));
  scratchDirs.push(dir);
  return {
    dir,
    write: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/** Removes the scratch folders this test file made (call it in afterAll). */
export function removeScratch(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A line of a JavaScript stack trace (`    at fn (file:1:2)`), or an uncaught error's name. */
export const STACK_TRACE = /^\s+at .*(:\d+:\d+\)?|native\)?)$|^(Type|Range|Reference|Syntax)?Error: /m;
