/**
 * The two builds the bench compares, made in the same run with the same Vite: the game (the
 * project's vite.config.ts, production mode) and the bare reference page (bench/bare, no project
 * config at all, so `phaser` is the stock prebuilt bundle).
 */
import path from 'node:path';
import { build } from 'vite';

/** `dashboard`: the trainer's dashboard page's own chunk, which no trainee loads. */
export type ChunkKind = 'entry' | 'phaser' | 'scenario' | 'dashboard' | 'other';

export interface BuiltChunk {
  fileName: string;
  kind: ChunkKind;
  moduleIds: string[];
}

export interface BuildResult {
  name: string;
  outDir: string;
  chunks: BuiltChunk[];
  /** Which Phaser entry ended up in the build: Phaser's src/phaser-core.js, its dist bundle, … */
  phaserEntry: string;
  seconds: number;
}

export const ROOT = path.resolve(import.meta.dirname, '..');

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  name: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  moduleIds: string[];
}

function chunksOf(result: unknown): ChunkLike[] {
  const outputs = Array.isArray(result) ? result : [result];
  const chunks: ChunkLike[] = [];
  for (const output of outputs) {
    if (!output || typeof output !== 'object' || !('output' in output)) throw new Error('vite build() returned a watcher, not a bundle');
    for (const item of (output as { output: { type: string }[] }).output) if (item.type === 'chunk') chunks.push(item as ChunkLike);
  }
  return chunks;
}

function kindOf(chunk: ChunkLike): ChunkKind {
  if (chunk.isEntry) return chunk.facadeModuleId?.endsWith('dashboard.html') ? 'dashboard' : 'entry';
  // Scenario content, not code: each scenario's compiled chunk (virtual:prasan-scenario/<id>).
  if (chunk.moduleIds.length > 0 && chunk.moduleIds.every((id) => /\.ya?ml(\?|$)|prasan-(library|scenario)/.test(id))) return 'scenario';
  if (chunk.moduleIds.some((id) => id.includes('/node_modules/phaser/'))) return 'phaser';
  return 'other';
}

function phaserEntryOf(chunks: ChunkLike[]): string {
  const ids = chunks.flatMap((c) => c.moduleIds).filter((id) => id.includes('/node_modules/phaser/'));
  const entry = ids.find((id) => /\/phaser\/(src\/phaser[^/]*\.js|dist\/[^/]+\.js)$/.test(id));
  if (entry) return entry.slice(entry.indexOf('phaser/'));
  return ids.length > 0 ? `${ids.length} phaser modules` : 'none';
}

async function runBuild(name: string, config: Parameters<typeof build>[0]): Promise<BuildResult> {
  const started = performance.now();
  const chunks = chunksOf(await build(config));
  const outDir = config?.build?.outDir;
  if (!outDir) throw new Error('no outDir');
  return {
    name,
    outDir,
    chunks: chunks.map((c) => ({ fileName: c.fileName, kind: kindOf(c), moduleIds: c.moduleIds })),
    phaserEntry: phaserEntryOf(chunks),
    seconds: (performance.now() - started) / 1000,
  };
}

/** The game as shipped (`vite build`), into dist-bench/game, plus hidden source maps for the size breakdown. */
export function buildGame(): Promise<BuildResult> {
  return runBuild('game', {
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'error',
    // 'hidden' writes .map files without referencing them: the shipped JS is byte-for-byte what
    // `vite build` makes. The bench counts no .map file in the sizes.
    build: { outDir: path.join(ROOT, 'dist-bench/game'), emptyOutDir: true, sourcemap: 'hidden' },
  });
}

/** The reference page: stock `phaser`, no project config (no alias, no defines). */
export function buildBare(): Promise<BuildResult> {
  return runBuild('bare', {
    root: path.join(ROOT, 'bench/bare'),
    configFile: false,
    mode: 'production',
    logLevel: 'error',
    base: './',
    build: {
      outDir: path.join(ROOT, 'dist-bench/bare'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: 'hidden',
      chunkSizeWarningLimit: 1600,
    },
  });
}
