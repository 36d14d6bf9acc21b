/**
 * For `vi.mock` of src/engine/compile: the same module with `compileScenario` remembered. Compiling
 * a shipped scenario explores all its states (seconds); tests that compile the same text several
 * times (directly and through `prasan play`) pay once. Compiling is a pure function of its arguments.
 */
import type * as Compile from '../../src/engine/compile';

export function withCompileCache(actual: typeof Compile): typeof Compile {
  const cache = new Map<string, Compile.CompileResult>();
  const remember = (key: string, compile: () => Compile.CompileResult) => {
    let result = cache.get(key);
    if (!result) {
      result = compile();
      cache.set(key, result);
    }
    return result;
  };
  const compileScenario: typeof actual.compileScenario = (file, text, options) =>
    remember(JSON.stringify([file, text, options ?? {}]), () => actual.compileScenario(file, text, options));
  return {
    ...actual,
    compileScenario,
    // The command line reads files as bytes: decode here so it shares the cache with text compiles.
    compileBytes: (file, bytes, options) => {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return actual.compileBytes(file, bytes, options);
      }
      return compileScenario(file, text, options);
    },
  };
}
