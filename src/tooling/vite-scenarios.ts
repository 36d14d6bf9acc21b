/**
 * A Vite plugin that compiles the scenario files at build time (and on every save during `npm
 * start`), so the browser receives ready models instead of YAML: no parser or schema validator in the
 * game's first download, no exploring thousands of states before the menu appears.
 */
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { LibraryEntry } from '../library/entry';
import { compileLibrary, scenarioFiles } from '../library/files';
import { portraitSvg } from '../portraits/render';

export const LIBRARY_MODULE = 'virtual:prasan-library';
const RESOLVED = `\0${LIBRARY_MODULE}`;
/** One module per scenario with its full content, loaded when it is first played. */
const SCENARIO_MODULE = 'virtual:prasan-scenario/';

/**
 * `dirs`: the folders whose `*.yaml` files make the library, relative to the project root;
 * `byMode`: more folders for a build mode (the end-to-end build adds broken and hostile fixtures);
 * `draftDirs`: of those, the folders of trainers' work in progress, whose cards say "draft".
 */
export function scenarioLibrary(
  dirs: readonly string[],
  byMode: Record<string, readonly string[]> = {},
  draftDirs: readonly string[] = ['drafts'],
): Plugin {
  let root = process.cwd();
  let all = [...dirs];
  let library: LibraryEntry[] | undefined;
  let building = false;
  const folders = () => all.map((d) => resolve(root, d));
  const isDraftFolder = (folder: string) => draftDirs.some((d) => resolve(root, d) === folder);
  // Compiled folder by folder, so a draft's card can say what it is.
  const compileAll = () =>
    folders().flatMap((folder) => {
      const entries = compileLibrary([folder]);
      return isDraftFolder(folder) ? entries.map((entry) => ({ ...entry, draft: true })) : entries;
    });
  return {
    name: 'prasan-scenarios',
    configResolved(config) {
      root = config.root;
      building = config.command === 'build';
      all = [...dirs, ...(byMode[config.mode] ?? [])];
    },
    resolveId(source) {
      if (source === LIBRARY_MODULE) return RESOLVED;
      return source.startsWith(SCENARIO_MODULE) ? `\0${source}` : undefined;
    },
    load(id) {
      // JSON.parse of a string is much quicker for engines to load than the same data as an object literal.
      const json = (value: unknown) => `JSON.parse(${JSON.stringify(JSON.stringify(value))})`;
      if (id.startsWith(`\0${SCENARIO_MODULE}`)) {
        const scenario = id.slice(SCENARIO_MODULE.length + 1);
        const entry = (library ??= compileAll()).find((e) => e.id === scenario && e.playable);
        if (!entry?.playable || !building) return `export default ${json(entry?.playable ?? null)};`;
        // Each character's portrait is its own SVG file beside the build (not JavaScript); the same
        // person in two scenarios is one file. The dev server leaves them out: the game draws them then.
        const portraits = Object.entries(entry.playable.model.characters).map(([id, character]) => {
          const ref = this.emitFile({ type: 'asset', name: `portrait-${id}.svg`, source: portraitSvg(id, character.look) });
          return `${JSON.stringify(id)}: import.meta.ROLLUP_FILE_URL_${ref}`;
        });
        return `export default { ...${json(entry.playable)}, portraits: { ${portraits.join(', ')} } };`;
      }
      if (id !== RESOLVED) return undefined;
      for (const file of scenarioFiles(folders())) this.addWatchFile(file);
      library = compileAll();
      // The menu's index is small; each scenario's content is its own chunk, fetched when first played.
      const index = library.map((entry) => ({ ...entry, playable: undefined }));
      const loaders = library
        .filter((e) => e.playable)
        .map((e) => `${JSON.stringify(e.id)}: () => import(${JSON.stringify(SCENARIO_MODULE + e.id)}).then((m) => m.default)`)
        .join(',\n  ');
      return [
        `const index = ${json(index)};`,
        `const loaders = {\n  ${loaders}\n};`,
        'export default index.map((entry) => (loaders[entry.id] ? { ...entry, load: loaders[entry.id] } : entry));',
      ].join('\n');
    },
    configureServer(server) {
      server.watcher.add(folders());
      // A saved, added or removed scenario recompiles the library and reloads the page, errors included.
      const onChange = (path: string) => {
        if (!/\.ya?ml$/.test(path) || !folders().some((f) => resolve(path).startsWith(f))) return;
        library = undefined;
        for (const module of server.moduleGraph.idToModuleMap.values()) {
          if (module.id === RESOLVED || module.id?.startsWith(`\0${SCENARIO_MODULE}`)) server.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onChange);
      server.watcher.on('unlink', onChange);
    },
  };
}
