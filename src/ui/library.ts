/**
 * The scenarios shipped in `scenarios/`, bundled by Vite and compiled in the browser. A file with
 * errors stays in the list with its diagnostics, so one broken file never hides the others.
 */
import { compileScenario, type CompiledScenario, type Diagnostic } from '../engine';
import { registerScenarioStrings } from '../i18n';

export interface LibraryEntry {
  /** The file name, e.g. `no-confidence-motion.yaml`. */
  file: string;
  /** The scenario id, or the file name's stem when the file doesn't compile. */
  id: string;
  compiled?: CompiledScenario;
  diagnostics: Diagnostic[];
}

const shipped = import.meta.glob<string>('/scenarios/*.yaml', { query: '?raw', import: 'default' });
// The end-to-end build (`vite build --mode e2e`) adds broken and hostile files, to test that the
// menu shows their problems and keeps the rest playable. Production builds never contain them.
const sources =
  import.meta.env.MODE === 'e2e'
    ? { ...shipped, ...import.meta.glob<string>('/tests/fixtures/menu/*.yaml', { query: '?raw', import: 'default' }) }
    : shipped;

export function compileEntry(file: string, text: string): LibraryEntry {
  let result;
  try {
    result = compileScenario(file, text);
  } catch (error) {
    // The compiler collects problems rather than throwing; this guards the menu against a bug in it.
    console.error(error);
    result = { file, diagnostics: [] as Diagnostic[] };
  }
  const compiled = result.compiled;
  if (compiled) registerScenarioStrings(compiled.model.id, compiled.strings);
  return { file, id: compiled?.model.id ?? file.replace(/\.ya?ml$/, ''), compiled, diagnostics: result.diagnostics };
}

export async function loadLibrary(onProgress: (fraction: number) => void): Promise<LibraryEntry[]> {
  const paths = Object.keys(sources).sort();
  const entries: LibraryEntry[] = [];
  let done = 0;
  for (const path of paths) {
    const file = path.split('/').pop()!;
    try {
      const text = await sources[path]!();
      entries.push(compileEntry(file, text));
    } catch (error) {
      console.error(error);
      entries.push({ file, id: file.replace(/\.ya?ml$/, ''), diagnostics: [] });
    }
    onProgress(++done / Math.max(1, paths.length));
  }
  return entries;
}
