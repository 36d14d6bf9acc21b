/**
 * A Vite plugin that compiles the scenario files at build time (and on every save during `npm
 * start`), so the browser receives ready models instead of YAML: no parser or schema validator in the
 * game's first download, no exploring thousands of states before the menu appears.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { loadScenarioFile } from '../cli/files';
import type { Diagnostic } from '../engine';
import type { LibraryEntry } from '../ui/library-types';

export const LIBRARY_MODULE = 'virtual:prasan-library';
const RESOLVED = `\0${LIBRARY_MODULE}`;

function scenarioFiles(dirs: readonly string[]): string[] {
  return dirs.flatMap((dir) => {
    try {
      return readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => join(dir, name));
    } catch {
      return [];
    }
  });
}

export function compileLibrary(dirs: readonly string[]): LibraryEntry[] {
  return scenarioFiles(dirs).map((path): LibraryEntry => {
    const file = path.split(/[\\/]/).pop()!;
    const fallbackId = file.replace(/\.ya?ml$/, '');
    const loaded = loadScenarioFile(path);
    if (loaded.kind === 'unreadable') {
      const diagnostic: Diagnostic = { file, line: 1, column: 1, severity: 'error', code: 'PRS002', params: {} };
      return { file, id: fallbackId, diagnostics: [diagnostic] };
    }
    const { compiled, diagnostics } = loaded.result;
    const relative = diagnostics.map((d) => ({ ...d, file }));
    if (!compiled) return { file, id: fallbackId, diagnostics: relative };
    const { model, strings, exploration } = compiled;
    return { file, id: model.id, playable: { model, strings, attainable: exploration.max, lowest: exploration.min }, diagnostics: relative };
  });
}

/**
 * `dirs`: the folders whose `*.yaml` files make the library, relative to the project root;
 * `byMode`: more folders for a build mode (the end-to-end build adds broken and hostile fixtures).
 */
export function scenarioLibrary(dirs: readonly string[], byMode: Record<string, readonly string[]> = {}): Plugin {
  let root = process.cwd();
  let all = [...dirs];
  const folders = () => all.map((d) => resolve(root, d));
  return {
    name: 'prasan-scenarios',
    configResolved(config) {
      root = config.root;
      all = [...dirs, ...(byMode[config.mode] ?? [])];
    },
    resolveId(source) {
      return source === LIBRARY_MODULE ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      for (const file of scenarioFiles(folders())) this.addWatchFile(file);
      // JSON.parse of a string is much quicker for engines to load than the same data as an object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(compileLibrary(folders())))});`;
    },
    configureServer(server) {
      server.watcher.add(folders());
      // A saved, added or removed scenario recompiles the library and reloads the page, errors included.
      const onChange = (path: string) => {
        if (!/\.ya?ml$/.test(path) || !folders().some((f) => resolve(path).startsWith(f))) return;
        const module = server.moduleGraph.getModuleById(RESOLVED);
        if (module) server.moduleGraph.invalidateModule(module);
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onChange);
      server.watcher.on('unlink', onChange);
    },
  };
}
