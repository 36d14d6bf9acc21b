/**
 * `npm run bench`: builds the game and a bare Phaser page with the same Vite, then compares them —
 * built bytes, time from navigation to an interactive menu in headless Chromium, the JS a trainee
 * loads to play the largest scenario, the main thread's cost of an untouched decision, and JS heap
 * growth over 100 plays (after 20 of warm-up) — prints a table and writes bench/results.json. A missed target is reported, not an
 * error: the exit code is non-zero only when measuring itself fails.
 *
 * Environment: BENCH_RUNS (timed runs per page, default 7, at least 5), BENCH_PLAYS (default 100; the first fifth, at most 20, are warm-up),
 * CHROMIUM_PATH (see tests/e2e/browser.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { version as viteVersion } from 'vite';
import { launchBrowser, serveBuild } from '../tests/e2e/browser';
import { buildBare, buildGame, ROOT } from './build';
import { heapOverPlays, playCost, timeToReady, type HeapResult, type PageProblems, type PlayCost, type ReadySample } from './measure';
import { contributors, measureBuild, type BuildSizes, type Bytes, type Contributor } from './sizes';
import { table } from './table';

const TARGETS = { jsRatio: 1.3, jsStretch: 1.0, playRatio: 1.0, menuRatio: 1.1, heapGrowthPercent: 2, idleMsPerSecond: 10 };

const RUNS = Math.max(5, Number(process.env['BENCH_RUNS'] ?? 7) || 7);
const PLAYS = Math.max(2, Number(process.env['BENCH_PLAYS'] ?? 100) || 100);
/** Plays before the heap is taken as settled (V8 compiles and caches over the first plays). */
const WARM_PLAYS = Math.min(20, Math.max(1, Math.floor(PLAYS / 5)));

interface Timing {
  samples: number[];
  median: number;
  min: number;
  max: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const timing = (samples: number[]): Timing => ({ samples, median: median(samples), min: Math.min(...samples), max: Math.max(...samples) });

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (value: number) => `${Math.round(value)} ms`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function sizeRows(game: BuildSizes, bare: BuildSizes): string[][] {
  const row = (label: string, g: Bytes, b: Bytes) => [
    label,
    kb(g.raw),
    kb(g.gzip),
    kb(b.raw),
    kb(b.gzip),
    b.gzip > 0 ? ratio(g.gzip / b.gzip) : '–',
  ];
  const total = (s: BuildSizes): Bytes => ({
    raw: s.js.raw + s.css.raw + s.fonts.raw + s.other.raw,
    gzip: s.js.gzip + s.css.gzip + s.fonts.gzip + s.other.gzip,
    files: s.js.files + s.css.files + s.fonts.files + s.other.files,
  });
  return [
    ['', 'game raw', 'game gzip', 'bare raw', 'bare gzip', 'game/bare gzip'],
    row('JS (all chunks)', game.js, bare.js),
    row('  entry chunk', game.jsByKind.entry, bare.jsByKind.entry),
    row('  phaser chunk', game.jsByKind.phaser, bare.jsByKind.phaser),
    row('  scenario library chunk', game.jsByKind.scenario, bare.jsByKind.scenario),
    row('  other chunks (lazy, workers, runtime)', game.jsByKind.other, bare.jsByKind.other),
    row('dashboard page JS (trainers only; not in the game total)', game.jsByKind.dashboard, bare.jsByKind.dashboard),
    row('CSS', game.css, bare.css),
    row('Fonts (woff2 + woff)', game.fonts, bare.fonts),
    row('Other (html…)', game.other, bare.other),
    row('Total', total(game), total(bare)),
  ];
}

function contributorRows(list: Contributor[], top: number): string[][] {
  const rows = [['module owner', 'min. bytes', 'gzip alone', 'share of raw']];
  const all = list.reduce((sum, c) => sum + c.raw, 0);
  for (const c of list.slice(0, top)) rows.push([c.owner, kb(c.raw), kb(c.gzip), `${((100 * c.raw) / all).toFixed(1)} %`]);
  const rest = list.slice(top);
  if (rest.length > 0) rows.push([`(${rest.length} more)`, kb(rest.reduce((s, c) => s + c.raw, 0)), '', '']);
  return rows;
}

const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

async function main(): Promise<void> {
  process.chdir(ROOT);
  // The project's config is loaded the default way; Vite's notice about a future loader is noise here.
  process.env['VITE_CONFIG_NATIVE_IGNORE_WARNING'] ??= 'true';
  const date = new Date().toISOString();
  console.log(
    `Prasan bench — ${date} — ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  // 1. Builds, one after the other, with the same Vite.
  const game = await buildGame();
  const bare = await buildBare();
  console.log(
    `built game in ${game.seconds.toFixed(1)} s (Phaser: ${game.phaserEntry}), bare in ${bare.seconds.toFixed(1)} s (Phaser: ${bare.phaserEntry})`,
  );

  // 2. Bytes.
  const gameSizes = measureBuild(game);
  const bareSizes = measureBuild(bare);
  const entry = game.chunks.find((c) => c.kind === 'entry');
  if (!entry) throw new Error('the game build has no entry chunk');
  const mainChunk = contributors(game.outDir, entry.fileName, entry.moduleIds);

  // 3 and 4. Browser measurements.
  const browser = await launchBrowser();
  const servers = await Promise.all([serveBuild(path.relative(ROOT, game.outDir)), serveBuild(path.relative(ROOT, bare.outDir))]);
  const [gameServer, bareServer] = servers;
  const problems: Record<'game' | 'bare' | 'heap', PageProblems> = { game: { errors: [] }, bare: { errors: [] }, heap: { errors: [] } };
  const samples = { game: [] as ReadySample[], bare: [] as ReadySample[] };
  let heap: HeapResult;
  let play: { game: PlayCost; bare: PlayCost };
  // The largest scenario: the one whose content chunk is biggest (its name is the scenario's id and a hash).
  const largestChunk = gameSizes.files.filter((f) => f.kind === 'scenario').sort((a, b) => b.gzip - a.gzip)[0];
  const largest = largestChunk?.file
    .split('/')
    .pop()!
    .replace(/-[\w-]{8}\.js$/, '');
  if (!largest) throw new Error('the game build has no scenario chunk');
  let chromium = 'unknown';
  try {
    chromium = browser.version();
    const once = (which: 'game' | 'bare') => timeToReady(browser, which === 'game' ? gameServer.url : bareServer.url, problems[which]);
    // One discarded run of each warms the disk cache and the servers.
    const warm = { game: await once('game'), bare: await once('bare') };
    console.log(`warm-up (discarded): game ${ms(warm.game.ms)}, bare ${ms(warm.bare.ms)}`);
    for (let i = 0; i < RUNS; i++) {
      // Alternate, and swap the order every other pair (game-bare, bare-game, …), so drifting noise hits both.
      const order: ('game' | 'bare')[] = i % 2 === 0 ? ['game', 'bare'] : ['bare', 'game'];
      for (const which of order) samples[which].push(await once(which));
      process.stdout.write(`  run ${i + 1}/${RUNS}: game ${ms(samples.game[i]!.ms)}, bare ${ms(samples.bare[i]!.ms)}\n`);
    }
    play = {
      game: await playCost(browser, gameServer.url, largest, problems.game),
      bare: await playCost(browser, bareServer.url, undefined, problems.bare),
    };
    heap = await heapOverPlays(browser, gameServer.url, PLAYS, WARM_PLAYS, problems.heap);
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.server.close()));
  }

  const times = { game: timing(samples.game.map((s) => s.ms)), bare: timing(samples.bare.map((s) => s.ms)) };
  const files = (list: ReadySample[]) => ({ count: median(list.map((s) => s.files)), lastFileEnd: timing(list.map((s) => s.lastFileEnd)) });
  const loading = { game: files(samples.game), bare: files(samples.bare) };
  const jsRatio = gameSizes.js.gzip / bareSizes.js.gzip;
  // The JS files the game had fetched by the time its menu was ready, in any timed run.
  const fetched = new Set(samples.game.flatMap((s) => s.waterfall.map((f) => f.file)));
  const startupFiles = gameSizes.files.filter((f) => /\.m?js$/.test(f.file) && fetched.has(f.file.split('/').pop()!));
  const startupJs = { gzip: startupFiles.reduce((sum, f) => sum + f.gzip, 0), files: startupFiles.length };
  const startupRatio = startupJs.gzip / bareSizes.js.gzip;
  const startupContent = startupFiles.filter((f) => f.kind === 'scenario').reduce((sum, f) => sum + f.gzip, 0);
  const codeRatio = (startupJs.gzip - startupContent) / bareSizes.js.gzip;
  const menuRatio = times.game.median / times.bare.median;
  const playFiles = gameSizes.files.filter((f) => /\.m?js$/.test(f.file) && play.game.jsFiles.includes(f.file.split('/').pop()!));
  const playJs = playFiles.reduce((sum, f) => sum + f.gzip, 0);
  const playRatio = playJs / bareSizes.js.gzip;
  // Scenario content grows with the library (8 scenarios: about 230 kB gzip, each fetched only when
  // played); the target is read on the code, and the total is reported beside it.
  const codeOnlyRatio = (gameSizes.js.gzip - gameSizes.jsByKind.scenario.gzip) / bareSizes.js.gzip;
  const targets = [
    {
      target: `JS code gzip (all shipped, without scenario content) ≤ ${TARGETS.jsRatio}× stock Phaser bundle`,
      value: ratio(codeOnlyRatio),
      pass: codeOnlyRatio <= TARGETS.jsRatio,
    },
    {
      target: `JS gzip (all shipped, scenario content included) ≤ ${TARGETS.jsRatio}× stock Phaser bundle`,
      value: ratio(jsRatio),
      pass: jsRatio <= TARGETS.jsRatio,
    },
    {
      target: `stretch: JS code gzip (without scenario content) < ${TARGETS.jsStretch}× stock Phaser bundle`,
      value: ratio(codeOnlyRatio),
      pass: codeOnlyRatio < TARGETS.jsStretch,
    },
    {
      target: `JS gzip to open the menu and play the largest scenario (${largest}) ≤ ${TARGETS.playRatio}× stock Phaser bundle`,
      value: ratio(playRatio),
      pass: playRatio <= TARGETS.playRatio,
    },
    { target: `menu time ≤ ${TARGETS.menuRatio}× bare page (medians)`, value: ratio(menuRatio), pass: menuRatio <= TARGETS.menuRatio },
    {
      target: `an untouched decision costs the main thread ≤ ${TARGETS.idleMsPerSecond} ms a second (bare page: ${play.bare.idleMsPerSecond.toFixed(1)})`,
      value: `${play.game.idleMsPerSecond.toFixed(1)} ms/s`,
      pass: play.game.idleMsPerSecond <= TARGETS.idleMsPerSecond,
    },
    {
      target: `heap growth, play ${WARM_PLAYS} → ${PLAYS}, within ${TARGETS.heapGrowthPercent} %`,
      value: `${heap.growthPercent.toFixed(2)} %`,
      pass: Math.abs(heap.growthPercent) <= TARGETS.heapGrowthPercent,
    },
  ];

  // 5. Report.
  const pkg = (name: string) =>
    (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  console.log(`\nChromium ${chromium} (headless), Node ${process.version}, Vite ${viteVersion}, Phaser ${pkg('phaser')}`);
  console.log(`game Phaser entry: ${game.phaserEntry}; bare (stock): ${bare.phaserEntry}`);

  console.log('\nBuilt bytes (gzip = zlib level 9 on each file, summed; source maps not counted)');
  console.log(table(sizeRows(gameSizes, bareSizes), new Set([1, 2, 3, 4, 5])));
  for (const kind of ['scenario', 'other'] as const) {
    const names = gameSizes.files.filter((f) => f.kind === kind).map((f) => f.file.split('/').pop());
    if (names.length > 0) console.log(`  ${kind === 'scenario' ? 'scenario library' : 'other'} chunks: ${names.join(', ')}`);
  }
  console.log(
    `  JS the game loaded before its menu was ready (every timed run): ${kb(startupJs.gzip)} gzip in ${startupJs.files} files = ${ratio(startupRatio)} bare;` +
      ` without the scenario library (content, not code): ${ratio(codeRatio)}`,
  );
  console.log(
    `  JS the game loaded from opening to the debrief of ${largest}: ${kb(playJs)} gzip in ${playFiles.length} files = ${ratio(playRatio)} bare (${playFiles.map((f) => f.file.split('/').pop()).join(', ')})`,
  );
  console.log(
    `  main thread while a decision sits untouched for ${play.game.idleSeconds} s: game ${play.game.idleMsPerSecond.toFixed(1)} ms/s, bare Phaser page ${play.bare.idleMsPerSecond.toFixed(1)} ms/s`,
  );

  console.log(
    `\nNavigation → interactive menu (performance.now() when body[data-ready] is set; ${RUNS} runs each, alternating, fresh context each)`,
  );
  console.log(
    table(
      [
        ['', 'median', 'min–max', 'samples (ms)', 'files loaded', 'last file in (median)'],
        ...(['game', 'bare'] as const).map((w) => [
          w,
          ms(times[w].median),
          `${ms(times[w].min)}–${ms(times[w].max)}`,
          times[w].samples.map(Math.round).join(' '),
          String(loading[w].count),
          ms(loading[w].lastFileEnd.median),
        ]),
        ['game/bare', ratio(menuRatio), '', '', '', ''],
      ],
      new Set([1, 4, 5]),
    ),
  );

  // Where the game's time goes: the files of its median run, by when they were requested and arrived.
  const medianRun = [...samples.game].sort((a, b) => a.ms - b.ms)[Math.floor(samples.game.length / 2)]!;
  console.log(`\ngame files in its median run (ready at ${ms(medianRun.ms)}): requested → arrived`);
  console.log(
    table(
      [...medianRun.waterfall].sort((a, b) => a.start - b.start).map((f) => [`  ${f.file}`, ms(f.start), '→', ms(f.end)]),
      new Set([1, 3]),
    ),
  );

  console.log(
    `\nJS heap (scenario ${heap.scenario}, ${PLAYS} plays in one page, first choice each time, ${heap.steps[0]} decisions a play, ${heap.clicks} clicks, GC forced before each reading)`,
  );
  console.log(
    `after play 1: ${mb(heap.first)}   around play ${WARM_PLAYS}: ${mb(heap.warm)} (warm-up: ${heap.warmUpGrowthPercent.toFixed(1)} %)   around play ${PLAYS}: ${mb(heap.last)}   growth ${WARM_PLAYS} → ${PLAYS}: ${heap.growthPercent.toFixed(2)} %   (each: the median of the ten readings up to that play)`,
  );
  console.log(`every play: ${heap.heap.map((b) => (b / 1e6).toFixed(2)).join(' ')} MB   (${heap.seconds.toFixed(0)} s)`);
  console.log(
    `what grew (heap snapshots after play ${WARM_PLAYS} and ${PLAYS}, JS side): ${heap.growthByKind
      .filter((g) => g.bytes > 0)
      .map((g) => `${g.kind} +${kb(g.bytes)}`)
      .join(', ')}`,
  );
  const domFirst = heap.dom[0]!;
  const domLast = heap.dom[heap.dom.length - 1]!;
  if (Number.isFinite(domFirst) && Number.isFinite(domLast)) {
    console.log(
      `(for information, Blink's heap outside JS — DOM etc.: ${mb(domFirst)} → ${mb(domLast)}, ${((100 * (domLast - domFirst)) / domFirst).toFixed(1)} %)`,
    );
  }

  const errors = [...problems.game.errors, ...problems.bare.errors, ...problems.heap.errors];
  console.log(`\nPage errors: ${errors.length === 0 ? 'none' : ''}`);
  for (const e of [...new Set(errors)].slice(0, 10)) console.log(`  ${e}`);

  console.log(`\nGame entry chunk ${entry.fileName} by owner (minified bytes from its source map; each owner gzipped alone)`);
  console.log(table(contributorRows(mainChunk, 14), new Set([1, 2, 3])));

  const otherChunks = gameSizes.files
    .filter((f) => (f.kind === 'other' || f.kind === 'scenario') && f.gzip > 10_000 && existsSync(path.join(game.outDir, `${f.file}.map`)))
    .map((f) => ({
      file: f.file,
      owners: contributors(game.outDir, f.file, game.chunks.find((c) => c.fileName === f.file)?.moduleIds ?? []),
    }));
  for (const chunk of otherChunks) {
    const owners = chunk.owners.slice(0, 6).map((c) => `${c.owner} ${kb(c.raw)} (${kb(c.gzip)} gzip)`);
    const name = chunk.file.split('/').pop()!;
    console.log(`${name} (${fetched.has(name) ? 'loaded' : 'not loaded'} before the menu): ${owners.join(', ')}`);
  }

  console.log('\nTargets');
  console.log(table([['target', 'measured', ''], ...targets.map((t) => [t.target, t.value, verdict(t.pass)])]));
  console.log(
    `(for information: JS loaded before the menu = ${ratio(startupRatio)} the stock bundle: ${startupRatio <= TARGETS.jsRatio ? 'within' : 'over'} ${TARGETS.jsRatio}×, ${startupRatio < TARGETS.jsStretch ? 'under' : 'not under'} ${TARGETS.jsStretch}×)`,
  );

  const results = {
    date,
    machine: { cpus: os.cpus().length, loadavg: os.loadavg(), node: process.version, chromium, vite: viteVersion, phaser: pkg('phaser') },
    builds: {
      game: { phaserEntry: game.phaserEntry, seconds: game.seconds, sizes: gameSizes },
      bare: { phaserEntry: bare.phaserEntry, seconds: bare.seconds, sizes: bareSizes },
    },
    ratios: {
      jsGzip: jsRatio,
      jsGzipMenuAndLargestPlay: playRatio,
      jsGzipLoadedBeforeMenu: startupRatio,
      jsGzipLoadedBeforeMenuWithoutScenarios: codeRatio,
      menuMedian: menuRatio,
    },
    jsLoadedBeforeMenu: startupFiles.map((f) => f.file),
    playLargest: { scenario: largest, jsFiles: playFiles.map((f) => f.file), jsGzip: playJs, ratio: playRatio },
    idle: { seconds: play.game.idleSeconds, gameMsPerSecond: play.game.idleMsPerSecond, bareMsPerSecond: play.bare.idleMsPerSecond },
    menuTime: { runs: RUNS, unit: 'ms from navigation start', game: times.game, bare: times.bare, loading, gameMedianRun: medianRun },
    heap,
    pageErrors: errors,
    mainChunk: { file: entry.fileName, owners: mainChunk },
    otherChunks,
    targets,
  };
  writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nwrote bench/results.json');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('\nbench: measurement failed:', error);
    process.exit(1);
  },
);
