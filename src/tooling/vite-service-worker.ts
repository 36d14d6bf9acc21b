/**
 * Emits `sw.js` beside the built `index.html`: a small service worker that keeps the game playable
 * offline after its first load (where browsers allow workers: HTTPS and localhost). It precaches every
 * file of the build; its cache is named after a hash of those files, so a new build replaces the old
 * cache instead of mixing with it. The dev server never gets a worker (`apply: 'build'`).
 *
 * The worker is plain JavaScript kept here as text: it runs in the browser as its own file, outside
 * the game's bundle, and is small enough to read in one screen.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

export const SERVICE_WORKER_FILE = 'sw.js';

/**
 * The files the worker keeps, sorted, relative to the output's root. Left out: the worker itself,
 * Vite's own metadata, source maps, and `.woff` fonts that have a `.woff2` twin (every browser with
 * service workers reads WOFF2, so the WOFF fallbacks would only cost download).
 */
export function precacheList(fileNames: readonly string[]): string[] {
  const names = [...new Set(fileNames)];
  // A font's name without its content hash: `assets/sarabun-thai-400-normal-CH-UbWgg.woff` → `assets/sarabun-thai-400-normal`.
  const fontStem = (name: string) => name.replace(/-[\w-]{8}\.woff2?$/, '');
  const woff2 = new Set(names.filter((name) => name.endsWith('.woff2')).map(fontStem));
  return names
    .filter((name) => name !== SERVICE_WORKER_FILE && !name.startsWith('.vite/') && !name.endsWith('.map'))
    .filter((name) => !(name.endsWith('.woff') && woff2.has(fontStem(name))))
    .sort();
}

/** A short hash of the files' names and contents: it changes whenever anything the worker serves does. */
export function buildHash(files: ReadonlyMap<string, string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) hash.update(name).update('\0').update(files.get(name)!).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** How long a page load waits for the network before it takes the cached game instead (a venue's Wi-Fi can hang rather than fail). */
export const NAVIGATION_TIMEOUT_MS = 4000;

/** The worker's source for this precache list and build hash. */
export function serviceWorkerSource(precache: readonly string[], hash: string): string {
  return `// Prasan's offline cache, generated at build time by src/tooling/vite-service-worker.ts.
const PRECACHE = ${JSON.stringify(precache)};
const PAGE = 'index.html';
const NAVIGATION_TIMEOUT_MS = ${NAVIGATION_TIMEOUT_MS};
// Caches are shared by the whole origin: the scope in the name keeps builds served under other paths apart.
const CACHE_PREFIX = 'prasan:' + self.registration.scope + ':';
const CACHE = CACHE_PREFIX + ${JSON.stringify(hash)};
// Paths are relative to this file, which sits at the root of the build (the game may live under a sub-path).
const PRECACHED = new Set(PRECACHE.map((path) => new URL(path, self.location.href).href));
// A built file is the same whatever the query or the request's headers: servers that answer "Vary: Origin"
// (Vite's preview does) would otherwise miss, since module scripts send an Origin the precache requests don't.
const MATCH = { ignoreSearch: true, ignoreVary: true };

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // Hashed files may come from the HTTP cache (the page has just downloaded them); pages are revalidated.
      cache.addAll(PRECACHE.map((path) => new Request(path, { cache: path.endsWith('.html') ? 'no-cache' : 'default' }))),
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // The workshop API is always live: never answered from a cache, never stored.
  if (url.origin !== self.location.origin || url.pathname.includes('/api/')) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request));
  else if (PRECACHED.has(url.origin + url.pathname)) event.respondWith(cacheFirst(request));
});

// Pages: the network's copy when it answers, so a new build shows at once; the cached one when it doesn't.
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = (await cache.match(request, MATCH)) || (await cache.match(PAGE));
  if (!cached) return fetch(request);
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), NAVIGATION_TIMEOUT_MS); });
  try {
    return await Promise.race([fetch(request), timeout]);
  } catch {
    return cached;
  } finally {
    clearTimeout(timer);
  }
}

// Built files never change under their hashed names: the cached copy is the right one.
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request, MATCH)) || fetch(request);
}
`;
}

/** The files of public/ (served as they are, beside the build), by their path inside it. */
function publicFiles(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  if (!dir || !existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split(sep).join('/'), readFileSync(path));
  }
  return files;
}

export function serviceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'prasan-service-worker',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle: {
      // After Vite's own plugins have written the HTML pages and settled every chunk's code.
      order: 'post',
      handler(_options, bundle) {
        const files = new Map<string, string | Uint8Array>(publicFiles(publicDir));
        for (const name of precacheList(Object.keys(bundle))) {
          const output = bundle[name]!;
          files.set(name, output.type === 'chunk' ? output.code : output.source);
        }
        this.emitFile({ type: 'asset', fileName: SERVICE_WORKER_FILE, source: serviceWorkerSource([...files.keys()], buildHash(files)) });
      },
    },
  };
}
