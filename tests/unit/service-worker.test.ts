/**
 * The offline cache's build step and its worker, in Node: the plugin's precache list and cache name
 * from a stand-in bundle, then the generated sw.js run in a sandbox with stand-ins for the browser's
 * caches and network, to check what it answers from the cache and what it leaves to the network.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildHash, NAVIGATION_TIMEOUT_MS, precacheList, serviceWorker, serviceWorkerSource } from '../../src/tooling/vite-service-worker';

// ---------- the build step ----------

type Output = { type: 'chunk'; fileName: string; code: string } | { type: 'asset'; fileName: string; source: string | Uint8Array };

function bundleOf(outputs: readonly Output[]): Record<string, Output> {
  return Object.fromEntries(outputs.map((o) => [o.fileName, o]));
}

const chunk = (fileName: string, code = `/* ${fileName} */`): Output => ({ type: 'chunk', fileName, code });
const asset = (fileName: string, source: string | Uint8Array = `<${fileName}>`): Output => ({ type: 'asset', fileName, source });

/** Runs the plugin's generateBundle on a bundle and returns what it emitted. */
function emitted(outputs: readonly Output[]): { fileName: string; source: string } {
  const hook = serviceWorker().generateBundle;
  if (!hook || typeof hook !== 'object') throw new Error('the plugin has no ordered generateBundle hook');
  const files: { fileName: string; source: string }[] = [];
  const context = { emitFile: (file: { fileName: string; source: string }) => (files.push(file), 'ref') };
  (hook.handler as (this: unknown, options: unknown, bundle: unknown, isWrite: boolean) => void).call(context, {}, bundleOf(outputs), true);
  expect(files).toHaveLength(1);
  return files[0]!;
}

/** The PRECACHE array and the build hash written into a generated worker. */
function readWorker(source: string): { precache: string[]; hash: string } {
  const precache = JSON.parse(/const PRECACHE = (\[.*\]);/.exec(source)![1]!) as string[];
  const hash = JSON.parse(/const CACHE = CACHE_PREFIX \+ ("\w+");/.exec(source)![1]!) as string;
  return { precache, hash };
}

const BUILD: Output[] = [
  asset('index.html'),
  asset('dashboard.html'),
  chunk('assets/main-Ab12Cd34.js'),
  chunk('assets/phaser-DTvWxSkE.js'),
  chunk('assets/no-confidence-motion-C0wMwD1G.js'),
  chunk('assets/compile-worker-DfgwNxl4.js'),
  asset('assets/main-CyGo2kEz.css'),
  asset('assets/sarabun-thai-400-normal-C2DaJlKK.woff2', new Uint8Array([1, 2, 3])),
  asset('assets/sarabun-thai-400-normal-CH-UbWgg.woff', new Uint8Array([4, 5, 6])),
  asset('assets/main-Ab12Cd34.js.map'),
  asset('.vite/manifest.json'),
];

describe('the precache list', () => {
  it('holds every page, chunk, stylesheet and WOFF2 font of the build, sorted, with paths relative to the root', () => {
    const { fileName, source } = emitted(BUILD);
    expect(fileName).toBe('sw.js');
    expect(readWorker(source).precache).toEqual([
      'assets/compile-worker-DfgwNxl4.js',
      'assets/main-Ab12Cd34.js',
      'assets/main-CyGo2kEz.css',
      'assets/no-confidence-motion-C0wMwD1G.js',
      'assets/phaser-DTvWxSkE.js',
      'assets/sarabun-thai-400-normal-C2DaJlKK.woff2',
      'dashboard.html',
      'index.html',
    ]);
  });

  it('leaves out the worker itself, source maps, Vite metadata and WOFF fonts that have a WOFF2 twin, but keeps a lone WOFF', () => {
    expect(
      precacheList([
        'sw.js',
        'a.js.map',
        '.vite/manifest.json',
        'assets/f-thai-AAAAAAAA.woff',
        'assets/f-thai-B_b-BBBB.woff2',
        'assets/lone-CCCCCCCC.woff',
        'index.html',
        'index.html',
      ]),
    ).toEqual(['assets/f-thai-B_b-BBBB.woff2', 'assets/lone-CCCCCCCC.woff', 'index.html']);
  });

  it('names the cache after the files: the same build gives the same name, any change of a name or a content a new one', () => {
    const hashOf = (outputs: readonly Output[]) => readWorker(emitted(outputs).source).hash;
    const first = hashOf(BUILD);
    expect(hashOf([...BUILD].reverse())).toBe(first);
    // index.html keeps its name from build to build: its content alone must change the cache.
    expect(hashOf(BUILD.map((o) => (o.fileName === 'index.html' ? asset('index.html', '<changed>') : o)))).not.toBe(first);
    expect(
      hashOf(
        BUILD.map((o) =>
          o.fileName === 'assets/main-Ab12Cd34.js' ? chunk('assets/main-Zz99Yy88.js', '/* assets/main-Ab12Cd34.js */') : o,
        ),
      ),
    ).not.toBe(first);
    // Files the worker doesn't keep don't count.
    expect(hashOf([...BUILD, asset('assets/extra.js.map')])).toBe(first);
    expect(buildHash(new Map([['a', 'bc']]))).not.toBe(buildHash(new Map([['ab', 'c']])));
  });
});

// ---------- the worker, run against stand-ins for the browser ----------

const SCOPE = 'https://example.test/prasan/';
const PRECACHE = ['assets/main-1.js', 'assets/scenario-2.js', 'dashboard.html', 'index.html'];

interface FakeRequest {
  url: string;
  method: string;
  mode: string;
  /** The Origin header: module scripts and fonts send one, the worker's own precache requests don't. */
  origin?: string;
}

/**
 * Cache Storage as the worker sees it: named caches of responses by URL. Every response varies on the
 * Origin header, as Vite's preview server says it does, so a request that sends a different Origin
 * than the stored one matches only with `ignoreVary`.
 */
class FakeCache {
  readonly entries = new Map<string, string>();
  constructor(private readonly network: (url: string) => Promise<string>) {}
  async addAll(requests: FakeRequest[]): Promise<void> {
    for (const request of requests) this.entries.set(request.url, await this.network(request.url));
  }
  async put(url: string, body: string): Promise<void> {
    this.entries.set(new URL(url, SCOPE).href, body);
  }
  async match(request: FakeRequest | string, options: { ignoreSearch?: boolean; ignoreVary?: boolean } = {}): Promise<string | undefined> {
    if (typeof request !== 'string' && request.origin !== undefined && !options.ignoreVary) return undefined;
    const url = new URL(typeof request === 'string' ? request : request.url, `${SCOPE}sw.js`);
    if (options.ignoreSearch) url.search = '';
    return this.entries.get(url.href);
  }
}

interface FetchEvent {
  request: FakeRequest;
  answered?: Promise<string>;
  respondWith(response: Promise<string>): void;
}

/** Loads the worker in a sandbox; `online` decides whether the network answers, `hanging` whether it never does. */
function startWorker(existingCaches: string[] = []) {
  const network = { online: true, hanging: false, requests: [] as string[] };
  const fetchFromNetwork = (input: FakeRequest | string): Promise<string> => {
    const url = typeof input === 'string' ? input : input.url;
    network.requests.push(url);
    if (network.hanging) return new Promise(() => undefined);
    return network.online ? Promise.resolve(`network:${url}`) : Promise.reject(new TypeError('Failed to fetch'));
  };
  const caches = new Map<string, FakeCache>(existingCaches.map((name) => [name, new FakeCache(fetchFromNetwork)]));
  const listeners = new Map<string, (event: unknown) => void>();
  const state = { skippedWaiting: false, claimed: false };
  const self = {
    location: new URL(`${SCOPE}sw.js`),
    registration: { scope: SCOPE },
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    skipWaiting: async () => void (state.skippedWaiting = true),
    clients: { claim: async () => void (state.claimed = true) },
  };
  const cacheStorage = {
    open: async (name: string) => caches.get(name) ?? caches.set(name, new FakeCache(fetchFromNetwork)).get(name)!,
    keys: async () => [...caches.keys()],
    delete: async (name: string) => caches.delete(name),
  };
  // The worker builds its precache requests with `new Request(path, …)`, relative to its own address.
  class Request {
    readonly url: string;
    readonly method = 'GET';
    readonly mode = 'cors';
    constructor(path: string) {
      this.url = new URL(path, self.location).href;
    }
  }
  // The navigation timeout fires at once here, so the "hanging network" case needs no waiting.
  const setTimeout = (callback: () => void, ms: number) => (expect(ms).toBe(NAVIGATION_TIMEOUT_MS), globalThis.setTimeout(callback, 0));
  runInNewContext(serviceWorkerSource(PRECACHE, 'build1'), {
    self,
    caches: cacheStorage,
    fetch: fetchFromNetwork,
    Request,
    URL,
    setTimeout,
    clearTimeout,
  });

  const lifecycle = async (type: 'install' | 'activate') => {
    let done: Promise<unknown> = Promise.resolve();
    listeners.get(type)!({ waitUntil: (promise: Promise<unknown>) => (done = promise) });
    await done;
  };
  /** Sends a fetch event; resolves to the worker's answer, or `undefined` when it leaves the request to the browser. */
  const request = async (url: string, init: { method?: string; mode?: string } = {}): Promise<string | undefined> => {
    const event: FetchEvent = {
      request: { url: new URL(url, SCOPE).href, method: init.method ?? 'GET', mode: init.mode ?? 'cors', origin: new URL(SCOPE).origin },
      respondWith(response) {
        this.answered = response;
      },
    };
    listeners.get('fetch')!(event);
    return event.answered;
  };
  return { network, caches, state, lifecycle, request, cacheName: `prasan:${SCOPE}:build1` };
}

describe('the service worker', () => {
  it("on install, keeps every listed file under this build's cache name; on activate, drops its older caches and no one else's", async () => {
    const other = 'prasan:https://example.test/other-path/:old';
    const worker = startWorker([`prasan:${SCOPE}:build0`, other, 'someone-else']);
    await worker.lifecycle('install');
    expect([...worker.caches.get(worker.cacheName)!.entries.keys()]).toEqual(PRECACHE.map((p) => `${SCOPE}${p}`));
    expect(worker.state.skippedWaiting).toBe(true);
    await worker.lifecycle('activate');
    expect([...worker.caches.keys()].sort()).toEqual([other, worker.cacheName, 'someone-else'].sort());
    expect(worker.state.claimed).toBe(true);
  });

  it('answers the built files from its cache, even offline, and leaves everything else to the network', async () => {
    const worker = startWorker();
    await worker.lifecycle('install');
    worker.network.online = false;
    worker.network.requests.length = 0;
    expect(await worker.request('assets/scenario-2.js')).toBe(`network:${SCOPE}assets/scenario-2.js`);
    expect(worker.network.requests).toEqual([]);
    expect(await worker.request('assets/not-built.js')).toBeUndefined();
    expect(await worker.request('https://elsewhere.test/prasan/assets/main-1.js')).toBeUndefined();
    expect(await worker.request('assets/main-1.js', { method: 'POST' })).toBeUndefined();
  });

  it('never answers the workshop API, even when a copy of it sits in the cache', async () => {
    const worker = startWorker();
    await worker.lifecycle('install');
    await worker.caches.get(worker.cacheName)!.put('/api/me', 'stale');
    await worker.caches.get(worker.cacheName)!.put('api/me', 'stale');
    for (const url of ['/api/me', 'api/me', '/api/events', '/api/trainer/sessions/ABC/stream'])
      for (const mode of ['cors', 'navigate']) expect(await worker.request(url, { mode }), `${mode} ${url}`).toBeUndefined();
    expect(await worker.request('/api/events', { method: 'POST' })).toBeUndefined();
  });

  it('loads pages from the network when it answers, and from the cache when it fails or hangs', async () => {
    const worker = startWorker();
    await worker.lifecycle('install');
    const cachedGame = `network:${SCOPE}index.html`;
    expect(await worker.request('?scenario=x', { mode: 'navigate' })).toBe(`network:${SCOPE}?scenario=x`);
    worker.network.online = false;
    expect(await worker.request('', { mode: 'navigate' })).toBe(cachedGame);
    expect(await worker.request('?scenario=x&lang=en', { mode: 'navigate' })).toBe(cachedGame);
    expect(await worker.request('dashboard.html?key=1', { mode: 'navigate' })).toBe(`network:${SCOPE}dashboard.html`);
    worker.network.online = true;
    worker.network.hanging = true;
    expect(await worker.request('index.html', { mode: 'navigate' })).toBe(cachedGame);
  });

  it('before its cache is filled, passes pages through to the network', async () => {
    const worker = startWorker();
    expect(await worker.request('', { mode: 'navigate' })).toBe(`network:${SCOPE}`);
  });
});
