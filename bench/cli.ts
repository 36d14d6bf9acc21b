/**
 * `npm run bench:cli`: how long a trainer waits for `npx prasan check`, start-up included. Each
 * shipped scenario, a generated file near the 500-node limit and a generated state bomb are checked
 * by the command as installed (the ahead-of-time build, rebuilt first), each `BENCH_RUNS` times
 * (default 5), alternating with a yardstick run in the same loop: `node -e ''`, a bare Node start.
 * Medians, the ratio to the yardstick, and how many states the explorer merged. A missed target is a
 * FAIL line, not an error: the exit code is non-zero only when a check itself fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { compileScenario } from '../src/engine';
import { largeScenario, stateBomb } from './scenario-files';
import { table } from './table';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Math.max(3, Number(process.env['BENCH_RUNS'] ?? 5) || 5);
/** Wall time targets, start-up included (issue 10). */
const TARGETS = { shipped: 300, large: 1000 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of one command, in milliseconds; throws when it fails (a check that finds errors). */
function timed(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return elapsed;
}

execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, stdio: 'inherit' });

const scratch = mkdtempSync(path.join(os.tmpdir(), 'prasan-bench-cli-'));
const generated = [
  {
    name: 'generated: 495 nodes, 140 visited conditions',
    file: path.join(scratch, 'large.yaml'),
    text: largeScenario(),
    target: TARGETS.large,
  },
  { name: 'generated: state bomb (over the bound)', file: path.join(scratch, 'bomb.yaml'), text: stateBomb(), target: undefined },
];
for (const g of generated) writeFileSync(g.file, g.text);
const shipped = readdirSync(path.join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ name: f, file: path.join(ROOT, 'scenarios', f), target: TARGETS.shipped }));
const cases = [...shipped, ...generated];

console.log(`Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}; ${RUNS} runs each`);
const yardstick: number[] = [];
const help: number[] = [];
const rows = [['file', 'bytes', 'states', 'exact', 'check (median)', 'min–max', '× node -e', 'target', '']];
let failed = 0;
try {
  for (let i = 0; i < RUNS; i++) {
    yardstick.push(timed(['-e', '']));
    help.push(timed(['bin/prasan.js', '--help']));
  }
  for (const c of cases) {
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      yardstick.push(timed(['-e', '']));
      samples.push(timed(['bin/prasan.js', 'check', c.file]));
    }
    const text = readFileSync(c.file, 'utf8');
    const exploration = compileScenario(path.basename(c.file), text).compiled?.exploration;
    const took = median(samples);
    const verdict = c.target === undefined ? '' : took <= c.target ? 'ok' : 'FAIL';
    if (verdict === 'FAIL') failed++;
    rows.push([
      c.name,
      String(Buffer.byteLength(text)),
      String(exploration?.states ?? '–'),
      exploration ? (exploration.exact ? 'yes' : 'bound') : '–',
      `${Math.round(took)} ms`,
      `${Math.round(Math.min(...samples))}–${Math.round(Math.max(...samples))} ms`,
      `${(took / median(yardstick)).toFixed(1)}×`,
      c.target === undefined ? '' : `≤ ${c.target} ms`,
      verdict,
    ]);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
rows.push(["yardstick: node -e ''", '', '', '', `${Math.round(median(yardstick))} ms`, '', '1.0×', '', '']);
rows.push([
  'start-up: prasan --help',
  '',
  '',
  '',
  `${Math.round(median(help))} ms`,
  '',
  `${(median(help) / median(yardstick)).toFixed(1)}×`,
  '',
  '',
]);
console.log(table(rows, new Set([1, 2, 4, 6])));
if (failed > 0) console.log(`FAIL: ${failed} file(s) over their target`);
