/**
 * Built bytes: every file of a build, raw and gzip (zlib level 9, file by file, summed), grouped as
 * JS, CSS, fonts and the rest; and which packages/modules the bytes of a chunk come from, read from
 * its source map (like source-map-explorer).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BuildResult, ChunkKind } from './build';

export interface Bytes {
  raw: number;
  gzip: number;
  files: number;
}

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  /** JS files only: which kind of chunk (a worker's bundle, not in the main build's chunk list, counts as 'other'). */
  kind?: ChunkKind;
}

export interface BuildSizes {
  js: Bytes;
  css: Bytes;
  fonts: Bytes;
  other: Bytes;
  /** JS by chunk kind: the entry, Phaser, the scenario files (loaded while the menu loads), the rest. */
  jsByKind: Record<ChunkKind, Bytes>;
  files: FileSize[];
}

export const gzipSize = (data: Buffer | string): number => gzipSync(data, { level: 9 }).length;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const empty = (): Bytes => ({ raw: 0, gzip: 0, files: 0 });
const add = (into: Bytes, file: FileSize) => {
  into.raw += file.raw;
  into.gzip += file.gzip;
  into.files += 1;
};

export function measureBuild(result: BuildResult): BuildSizes {
  const sizes: BuildSizes = {
    js: empty(),
    css: empty(),
    fonts: empty(),
    other: empty(),
    jsByKind: { entry: empty(), phaser: empty(), scenario: empty(), dashboard: empty(), other: empty() },
    files: [],
  };
  const kinds = new Map(result.chunks.map((c) => [c.fileName, c.kind]));
  for (const full of walk(result.outDir).sort()) {
    const file = path.relative(result.outDir, full).split(path.sep).join('/');
    if (file.endsWith('.map')) continue; // hidden source maps: written for the breakdown, never loaded
    const data = readFileSync(full);
    const size: FileSize = { file, raw: data.length, gzip: gzipSize(data) };
    sizes.files.push(size);
    if (/\.m?js$/.test(file)) {
      size.kind = kinds.get(file) ?? 'other';
      // The game's JS: the trainer's dashboard is a page of its own that no trainee loads.
      if (size.kind !== 'dashboard') add(sizes.js, size);
      add(sizes.jsByKind[size.kind], size);
    } else if (file.endsWith('.css')) add(sizes.css, size);
    else if (/\.woff2?$/.test(file)) add(sizes.fonts, size);
    else add(sizes.other, size);
  }
  return sizes;
}

// ---- source-map attribution -------------------------------------------------------------------

const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Decodes one source-map segment's VLQ fields. */
function vlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = B64.get(char);
    if (digit === undefined) throw new Error(`bad VLQ character ${char}`);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Who owns a source: an npm package, a top-level folder of src/, a scenario file, or Vite's own helpers. */
export function ownerOf(source: string): string {
  const s = source.replace(/\\/g, '/');
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const [scope = '', name = ''] = s.slice(nm + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const virtual = /virtual:[^?]+/.exec(s);
  if (virtual) return virtual[0];
  if (s.includes('\0') || s.includes('vite/') || s.startsWith('vite:') || s.includes('rolldown')) return 'vite/rolldown runtime';
  const src = /(?:^|\/)src\/([^/]+)(\/)?/.exec(s);
  if (src) return src[2] ? `src/${src[1]}/` : `src/${src[1]}`;
  const scenario = /(?:^|\/)(scenarios\/[^/]+)$/.exec(s);
  if (scenario) return scenario[1]!;
  return s.replace(/^(\.\.\/)+/, '');
}

export interface Contributor {
  owner: string;
  raw: number;
  /** gzip (level 9) of this owner's bytes of the chunk, alone: the parts' sum exceeds the chunk's gzip. */
  gzip: number;
}

/**
 * Splits a built chunk's bytes by owner, from its (hidden) source map next to it. Modules with no
 * source map (JSON, Vite's helpers) are counted together, labelled with the chunk's modules that
 * are missing from the map.
 */
export function contributors(outDir: string, fileName: string, moduleIds: readonly string[]): Contributor[] {
  const code = readFileSync(path.join(outDir, fileName), 'utf8');
  const mapFile = path.join(outDir, `${fileName}.map`);
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string };
  const owners = map.sources.map(ownerOf);
  const inMap = new Set(map.sources.map((s) => path.resolve(path.dirname(mapFile), s)));
  const missing = new Map<string, number>();
  for (const id of moduleIds) {
    // CSS and HTML leave no bytes in a JS chunk.
    if (inMap.has(id) || /\.(css|html)$/.test(id)) continue;
    const owner = id.endsWith('.json') ? `${ownerOf(id)}*.json` : ownerOf(id);
    missing.set(owner, (missing.get(owner) ?? 0) + 1);
  }
  const unmapped = `(no source map: ${[...missing].map(([o, n]) => (n > 1 ? `${o} ×${n}` : o)).join(', ') || 'runtime'})`;
  const parts = new Map<string, string[]>();
  const put = (owner: string, text: string) => {
    if (text.length === 0) return;
    const list = parts.get(owner);
    if (list) list.push(text);
    else parts.set(owner, [text]);
  };
  const lines = code.split('\n');
  const mapped = map.mappings.split(';');
  let source = 0;
  lines.forEach((line, i) => {
    const segments: { column: number; source: number | undefined }[] = [];
    let column = 0;
    for (const segment of (mapped[i] ?? '').split(',')) {
      if (segment.length === 0) continue;
      const fields = vlq(segment);
      column += fields[0] ?? 0;
      if (fields.length >= 4) {
        source += fields[1] ?? 0;
        segments.push({ column, source });
      } else segments.push({ column, source: undefined });
    }
    // Source-map columns count UTF-16 code units, as JS string indices do.
    put(unmapped, line.slice(0, segments[0]?.column ?? line.length));
    segments.forEach((seg, j) => {
      const text = line.slice(seg.column, segments[j + 1]?.column ?? line.length);
      put(seg.source === undefined ? unmapped : (owners[seg.source] ?? unmapped), text);
    });
    if (i < lines.length - 1) put(unmapped, '\n');
  });
  return [...parts]
    .map(([owner, texts]) => {
      const text = texts.join('');
      return { owner, raw: Buffer.byteLength(text), gzip: gzipSize(text) };
    })
    .sort((a, b) => b.raw - a.raw);
}
