/**
 * `npm run bench:workshop`: a room of simulated trainees against the real workshop server on
 * loopback, and the same trainees against a bare Fastify server in the same run, so the figures can
 * be read as ratios on a noisy machine. Prints a table, writes bench/results/workshop-<date>.json.
 *
 * Each mode gets a fresh server (`node bin/prasan.js workshop --no-build`, its own SQLite file), a
 * session made through the trainer API, one dashboard reading the live stream, and the trainees in a
 * worker thread (bench/workshop-trainees.ts). Afterwards the SQLite file is opened to count every
 * acknowledged event. The exit code is 1 when an acknowledged event is missing from the file (or the
 * load itself failed: refused events, failed joins); a missed latency target is a FAIL line only.
 *
 * Flags: --trainees N (200) · --mode realistic|burst|both (both) · --duration S (realistic: stop
 * after S seconds; default: until every trainee has finished one run) · --burst S (burst: keep
 * playing new runs for S seconds, default 10) · --seed N (1) · --scenario ID (whip-tuesday) ·
 * --client-threads N (worker threads the trainees are split over, default 2) · --dashboards N (live
 * streams open, default 1; the delay is timed on the first; 0 shows what the stream costs) ·
 * --profile (the workshop server runs under node --cpu-prof; where its time went is printed).
 */
import Database from 'better-sqlite3';
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { compileScenario, type ScenarioModel } from '../src/engine';
import type { SessionSummary, StreamMessage } from '../src/workshop/protocol';
import { table } from './table';
import { summarizeProfile, type ProfileSummary } from './workshop-profile';
import { clock, mergeReports, requestJson, type Acked, type LoadReport, type TraineeLoad, type TraineesMessage } from './workshop-trainees';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TRAINER_KEY = 'bench-trainer-key';
const TARGET_P99_MS = 50;
/** A trainee reads, thinks and chooses: 2–10 s before each event (the result goes at once). */
const PAUSE_MS = [2000, 10_000] as const;

const { values: flags } = parseArgs({
  options: {
    trainees: { type: 'string', default: '200' },
    mode: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '0' },
    burst: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    scenario: { type: 'string', default: 'whip-tuesday' },
    'client-threads': { type: 'string', default: '2' },
    dashboards: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
  },
});
const TRAINEES = Number(flags.trainees);
const SEED = Number(flags.seed);
const DURATION_S = Number(flags.duration);
const BURST_S = Number(flags.burst);
const CLIENT_THREADS = Math.max(1, Number(flags['client-threads']));
const DASHBOARDS = Math.max(0, Number(flags.dashboards));
if (
  ![TRAINEES, SEED, DURATION_S, BURST_S, CLIENT_THREADS, DASHBOARDS].every(Number.isFinite) ||
  TRAINEES < 1 ||
  !['both', 'realistic', 'burst'].includes(flags.mode)
) {
  console.error(
    'usage: npm run bench:workshop -- [--trainees 200] [--mode realistic|burst|both] [--duration S] [--burst S] [--seed N] [--scenario ID] [--client-threads N] [--dashboards N] [--profile]',
  );
  process.exit(2);
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

// ---- figures ---------------------------------------------------------------------------------

interface Spread {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of a list of milliseconds. */
function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] ?? NaN };
}

interface ModeFigures {
  mode: 'realistic' | 'burst' | 'reference';
  server: string;
  trainees: number;
  /** From the first join to the last reply. */
  seconds: number;
  runs: { started: number; finished: number };
  joins: Spread & { failed: number };
  events: {
    sent: number;
    acknowledged: number;
    duplicates: number;
    rejected: number;
    rejectedExamples: LoadReport['rejected'];
    retries: number;
    gaveUp: number;
    /** null for the reference, which keeps nothing. */
    inDatabase: number | null;
    lost: number | null;
    lostExamples: string[];
  };
  decisionsPerSecond: number;
  eventsPerSecond: number;
  latency: Spread;
  /** Stream message arrival minus the POST's acknowledgement, ms (negative: the dashboard had it first). */
  dashboard: (Spread & { messages: number; missing: number; beforeAckPercent: number }) | null;
  serverProcess: {
    cpuSeconds: number;
    cpuPercentOfOneCore: number;
    /** How long the server's main thread was ready to run but waited for a core (others' load), % of the span. */
    waitedForCpuPercent: number;
    rssStartMb: number;
    rssPeakMb: number;
    rssEndMb: number;
  };
  /** Server CPU time per acknowledged event (joins included in the time): steadier than latency on a busy machine. */
  serverCpuMsPerEvent: number;
  /** This process: the trainees' workers and the dashboard reader together. */
  clientCpuPercentOfOneCore: number;
  profile?: ProfileSummary;
}

// ---- child processes ---------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Child {
  process: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts a server as a child process and waits until GET /api/workshop answers. */
async function startChild(args: string[], port: number, env: NodeJS.ProcessEnv = process.env): Promise<Child> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); Date.now() - started < 120_000; await sleep(100)) {
    if (gone) throw new Error(`the server exited at start:\n${output}`);
    try {
      if ((await requestJson(url, 'GET', '/api/workshop')).status === 200) return { process: child, url, output: () => output, exited };
    } catch {
      // not listening yet
    }
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer within 2 minutes:\n${output}`);
}

/** SIGTERM, as Ctrl+C would: the server closes its database and (with --cpu-prof) writes its profile. */
async function stopChild(child: Child): Promise<void> {
  child.process.kill('SIGTERM');
  const code = await Promise.race([child.exited, sleep(20_000).then(() => 'timeout' as const)]);
  if (code === 'timeout') {
    child.process.kill('SIGKILL');
    await child.exited;
    console.log('  (the server did not stop within 20 s of SIGTERM and was killed)');
  }
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU (utime + stime from /proc/<pid>/stat), resident memory (VmRSS) and the main thread's time
 * waiting in the run queue (/proc/<pid>/schedstat, ns) of a process over a span.
 */
class ProcessMeter {
  private ticksAtStart = 0;
  private waitAtStart = 0;
  private startedAt = 0;
  private rssStart = 0;
  private rssPeak = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pid: number) {}

  private ticks(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime is field 14.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  }

  private runQueueWaitMs(): number {
    return Number(readFileSync(`/proc/${this.pid}/schedstat`, 'utf8').split(' ')[1] ?? 0) / 1e6;
  }

  private rssMb(): number {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) / 1024;
  }

  start(): void {
    this.startedAt = clock();
    this.ticksAtStart = this.ticks();
    this.waitAtStart = this.runQueueWaitMs();
    this.rssStart = this.rssPeak = this.rssMb();
    this.timer = setInterval(() => (this.rssPeak = Math.max(this.rssPeak, this.rssMb())), 200);
  }

  stop(): ModeFigures['serverProcess'] {
    clearInterval(this.timer);
    const seconds = (clock() - this.startedAt) / 1000;
    const cpuSeconds = (this.ticks() - this.ticksAtStart) / CLOCK_TICKS;
    const waitedForCpuPercent = (this.runQueueWaitMs() - this.waitAtStart) / (10 * seconds);
    const rssEnd = this.rssMb();
    return {
      cpuSeconds,
      cpuPercentOfOneCore: (100 * cpuSeconds) / seconds,
      waitedForCpuPercent,
      rssStartMb: this.rssStart,
      rssPeakMb: Math.max(this.rssPeak, rssEnd),
      rssEndMb: rssEnd,
    };
  }
}

/** This process's CPU (every thread: the trainees' worker and the dashboard reader) over a span, in % of one core. */
class ClientMeter {
  private before = process.cpuUsage();
  private startedAt = 0;

  start(): void {
    this.before = process.cpuUsage();
    this.startedAt = clock();
  }

  stop(): number {
    const used = process.cpuUsage(this.before);
    return (100 * (used.user + used.system)) / 1000 / (clock() - this.startedAt);
  }
}

// ---- the dashboard ---------------------------------------------------------------------------

interface Dashboard {
  /** When each run stage's message arrived: `<run>:<decisions>` or `<run>:end`, as Acked.stage. */
  arrivals: Map<string, number>;
  runMessages: () => number;
  close(): void;
}

/** Opens the session's live stream as the dashboard does (with the trainer key); resolves once it says hello. */
function watchDashboard(url: string, code: string): Promise<Dashboard> {
  const arrivals = new Map<string, number>();
  let runMessages = 0;
  return new Promise((resolve, reject) => {
    const request = http.get(
      new URL(`/api/trainer/sessions/${code}/stream`, url),
      { agent: false, headers: { authorization: `Bearer ${TRAINER_KEY}`, accept: 'text/event-stream' } },
      (response) => {
        if (response.statusCode !== 200) return reject(new Error(`the stream answered ${response.statusCode}`));
        response.setEncoding('utf8');
        let buffer = '';
        response.on('data', (chunk: string) => {
          const at = clock();
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of block.split('\n')) {
              if (!line.startsWith('data: ')) continue;
              const message = JSON.parse(line.slice(6)) as StreamMessage | { type: 'hello' };
              if (message.type === 'hello') resolve({ arrivals, runMessages: () => runMessages, close: () => request.destroy() });
              if (message.type !== 'run') continue;
              runMessages++;
              const stage = `${message.run.id}:${message.run.result ? 'end' : message.run.steps.length}`;
              if (!arrivals.has(stage)) arrivals.set(stage, at);
            }
          }
        });
        response.on('error', () => undefined);
      },
    );
    request.on('error', reject);
  });
}

function dashboardDelays(acked: readonly Acked[], dashboard: Dashboard): NonNullable<ModeFigures['dashboard']> {
  const delays: number[] = [];
  let missing = 0;
  for (const ack of acked) {
    // A duplicate was stored, and streamed, when an earlier POST whose reply was lost arrived.
    if (ack.duplicate) continue;
    const arrived = dashboard.arrivals.get(ack.stage);
    if (arrived === undefined) missing++;
    else delays.push(arrived - ack.at);
  }
  const before = delays.filter((d) => d < 0).length;
  return {
    ...spread(delays),
    messages: dashboard.runMessages(),
    missing,
    beforeAckPercent: delays.length ? (100 * before) / delays.length : 0,
  };
}

// ---- the trainees ------------------------------------------------------------------------------

/**
 * Runs the trainees, split over CLIENT_THREADS worker threads. Node 20 doesn't hand tsx's loader to
 * workers, so each loads its TypeScript through tsx's API. Once all are loaded, `onReady` runs and
 * they start together.
 */
async function startTrainees(load: Omit<TraineeLoad, 'first'>, onReady: () => void): Promise<LoadReport> {
  const file = new URL('./workshop-trainees.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(file)}, ${JSON.stringify(import.meta.url)}))`;
  const threads = Math.min(CLIENT_THREADS, load.trainees);
  const workers = Array.from({ length: threads }, (_, i) => {
    const first = Math.floor((i * load.trainees) / threads);
    const trainees = Math.floor(((i + 1) * load.trainees) / threads) - first;
    return new Worker(boot, { eval: true, workerData: { role: 'trainees', load: { ...load, first, trainees } satisfies TraineeLoad } });
  });
  let ready = 0;
  const reports = workers.map(
    (worker) =>
      new Promise<LoadReport>((resolve, reject) => {
        worker.on('message', (message: TraineesMessage) => {
          if (message.type === 'report') {
            resolve(message.report);
            void worker.terminate();
          } else if (++ready === workers.length) {
            onReady();
            for (const w of workers) w.postMessage('go');
          }
        });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`a trainees' worker stopped (${code}) before reporting`)));
      }),
  );
  return mergeReports(await Promise.all(reports));
}

function loadFigures(
  mode: ModeFigures['mode'],
  server: string,
  report: LoadReport,
  serverProcess: ModeFigures['serverProcess'],
  clientCpuPercentOfOneCore: number,
): Omit<ModeFigures, 'dashboard'> {
  const seconds = (report.endedAt - report.startedAt) / 1000;
  return {
    mode,
    server,
    trainees: TRAINEES,
    seconds,
    runs: report.runs,
    joins: { ...spread(report.joins.latencies), failed: report.joins.failed },
    events: {
      sent: report.sent,
      acknowledged: report.acked.length,
      duplicates: report.duplicates,
      rejected: report.rejected.length,
      rejectedExamples: report.rejected.slice(0, 5),
      retries: report.retries,
      gaveUp: report.gaveUp,
      inDatabase: null,
      lost: null,
      lostExamples: [],
    },
    decisionsPerSecond: report.decisionsAcked / seconds,
    eventsPerSecond: report.acked.length / seconds,
    latency: spread(report.latencies),
    serverProcess,
    serverCpuMsPerEvent: (1000 * serverProcess.cpuSeconds) / report.acked.length,
    clientCpuPercentOfOneCore,
  };
}

/** Every acknowledged event must be in the file the server wrote. */
function checkDatabase(file: string, acked: readonly Acked[]): { inDatabase: number; lost: string[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const stored = new Set(db.prepare('SELECT id FROM events').pluck().all() as string[]);
    return { inDatabase: stored.size, lost: acked.filter((a) => !stored.has(a.id)).map((a) => a.id) };
  } finally {
    db.close();
  }
}

const paceOf = (mode: 'realistic' | 'burst') =>
  ({
    pace: mode,
    pauseMs: PAUSE_MS,
    durationMs: (mode === 'realistic' ? DURATION_S : BURST_S) * 1000,
    trainees: TRAINEES,
    seed: SEED,
  }) as const;

/**
 * The server's fair-use limits for the bench (src/server/fair-use.ts). Every simulated trainee comes
 * from 127.0.0.1, so the limits per address are raised as for a room behind one router: 200 joins
 * at once and a connection each, plus the dashboards. The per-trainee event rate keeps its default in
 * the realistic mode (a real trainee's pace must never meet it); a burst has no pauses at all, which
 * no person does, so its trainees may send as fast as the server takes them.
 */
function benchFairUse(mode: 'realistic' | 'burst'): string {
  const room = TRAINEES + DASHBOARDS + 50;
  const perAddress = `connectionsPerAddress=${room},joinsBurst=${room},lookupsBurst=${room}`;
  return mode === 'burst' ? `${perAddress},eventsBurst=1000000,eventsPerSecond=1000000` : perAddress;
}

async function runWorkshop(mode: 'realistic' | 'burst', model: ScenarioModel): Promise<ModeFigures> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'prasan-bench-'));
  const dataFile = path.join(folder, 'workshop.sqlite');
  const profileDir = path.join(folder, 'profile');
  const port = await freePort();
  const profiling = flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=250'] : [];
  const args = [...profiling, 'bin/prasan.js', 'workshop', '--no-build', '--host', '127.0.0.1', '--port', String(port), '--data', dataFile];
  const child = await startChild(args, port, { ...process.env, PRASAN_TRAINER_KEY: TRAINER_KEY, PRASAN_FAIR_USE: benchFairUse(mode) });
  try {
    const created = await requestJson(child.url, 'POST', '/api/trainer/sessions', { title: 'bench', scenarios: [model.id] }, TRAINER_KEY);
    if (created.status !== 201) throw new Error(`creating a session failed: ${created.status} ${created.text}`);
    const { code } = JSON.parse(created.text) as SessionSummary;
    const dashboards = await Promise.all(Array.from({ length: DASHBOARDS }, () => watchDashboard(child.url, code)));
    const meter = new ProcessMeter(child.process.pid!);
    const client = new ClientMeter();
    const span = { fromUs: 0, toUs: 0 };
    const report = await startTrainees({ url: child.url, code, model, ...paceOf(mode) }, () => {
      meter.start();
      client.start();
      span.fromUs = Number(process.hrtime.bigint() / 1000n);
    });
    const serverProcess = meter.stop();
    const clientCpu = client.stop();
    span.toUs = Number(process.hrtime.bigint() / 1000n);
    // The last messages may still be on their way: wait until every stored event has one (or 5 s).
    const stored = report.acked.length - report.duplicates;
    for (const since = Date.now(); dashboards.some((d) => d.runMessages() < stored) && Date.now() - since < 5000;) await sleep(50);
    for (const dashboard of dashboards) dashboard.close();
    await stopChild(child);

    const figures: ModeFigures = {
      ...loadFigures(mode, 'workshop (Fastify + SQLite, bin/prasan.js workshop)', report, serverProcess, clientCpu),
      dashboard: null,
    };
    if (dashboards[0]) figures.dashboard = dashboardDelays(report.acked, dashboards[0]);
    const { inDatabase, lost } = checkDatabase(dataFile, report.acked);
    figures.events = { ...figures.events, inDatabase, lost: lost.length, lostExamples: lost.slice(0, 5) };
    if (flags.profile) {
      const file = existsSync(profileDir) ? readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile')) : undefined;
      if (file) {
        const kept = path.join(ROOT, 'bench/results', `workshop-${mode}.cpuprofile`);
        mkdirSync(path.dirname(kept), { recursive: true });
        writeFileSync(kept, readFileSync(path.join(profileDir, file)));
        figures.profile = summarizeProfile(kept, span);
      } else {
        console.log('  (no CPU profile was written)');
      }
    }
    return figures;
  } finally {
    if (child.process.exitCode === null && child.process.signalCode === null) await stopChild(child);
    rmSync(folder, { recursive: true, force: true });
  }
}

async function runReference(model: ScenarioModel): Promise<ModeFigures> {
  const port = await freePort();
  const child = await startChild(['--import', 'tsx', 'bench/workshop-reference.ts', '--port', String(port)], port);
  try {
    const meter = new ProcessMeter(child.process.pid!);
    const client = new ClientMeter();
    const report = await startTrainees({ url: child.url, code: 'AAAAAA', model, ...paceOf('burst') }, () => {
      meter.start();
      client.start();
    });
    const serverProcess = meter.stop();
    return {
      ...loadFigures(
        'reference',
        'bare Fastify: parse JSON, answer 200 (bench/workshop-reference.ts)',
        report,
        serverProcess,
        client.stop(),
      ),
      dashboard: null,
    };
  } finally {
    await stopChild(child);
  }
}

// ---- the report ----------------------------------------------------------------------------------

const msText = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : '–');
const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

function figureRows(all: ModeFigures[]): string[][] {
  const row = (label: string, cell: (f: ModeFigures) => string) => [label, ...all.map(cell)];
  const na = '–';
  return [
    ['', ...all.map((f) => (f.mode === 'reference' ? 'reference (burst)' : f.mode))],
    row('load time', (f) => `${f.seconds.toFixed(1)} s`),
    row('runs started / finished', (f) => `${f.runs.started} / ${f.runs.finished}`),
    row('joins: p50 / p99 (failed)', (f) => `${msText(f.joins.p50)} / ${msText(f.joins.p99)} (${f.joins.failed})`),
    row('decisions per second', (f) => f.decisionsPerSecond.toFixed(1)),
    row('events per second', (f) => f.eventsPerSecond.toFixed(1)),
    row('event POST p50', (f) => msText(f.latency.p50)),
    row('event POST p95', (f) => msText(f.latency.p95)),
    row('event POST p99', (f) => msText(f.latency.p99)),
    row('event POST max', (f) => msText(f.latency.max)),
    row('events sent', (f) => String(f.events.sent)),
    row('  acknowledged (of which duplicates)', (f) => `${f.events.acknowledged} (${f.events.duplicates})`),
    row('  in the SQLite file afterwards', (f) => (f.events.inDatabase === null ? na : String(f.events.inDatabase))),
    row('  LOST (acknowledged, not in the file)', (f) => (f.events.lost === null ? na : String(f.events.lost))),
    row('  refused / never answered / retries', (f) => `${f.events.rejected} / ${f.events.gaveUp} / ${f.events.retries}`),
    row('dashboard delay after ack p50', (f) => (f.dashboard ? msText(f.dashboard.p50) : na)),
    row('dashboard delay after ack p99', (f) => (f.dashboard ? msText(f.dashboard.p99) : na)),
    row('  stream messages (none for)', (f) => (f.dashboard ? `${f.dashboard.messages} (${f.dashboard.missing})` : na)),
    row('  arrived before the ack', (f) => (f.dashboard ? `${f.dashboard.beforeAckPercent.toFixed(0)} %` : na)),
    row('server CPU (% of one core)', (f) => `${f.serverProcess.cpuPercentOfOneCore.toFixed(0)} %`),
    row('server CPU per event', (f) => `${f.serverCpuMsPerEvent.toFixed(2)} ms`),
    row('server waited for a free core', (f) => `${f.serverProcess.waitedForCpuPercent.toFixed(0)} % of the time`),
    row(
      'server RSS start / peak / end',
      (f) =>
        `${f.serverProcess.rssStartMb.toFixed(0)} / ${f.serverProcess.rssPeakMb.toFixed(0)} / ${f.serverProcess.rssEndMb.toFixed(0)} MB`,
    ),
    row('client CPU (trainees + dashboard)', (f) => `${f.clientCpuPercentOfOneCore.toFixed(0)} %`),
  ];
}

function printProfile(figures: ModeFigures): void {
  const profile = figures.profile;
  if (!profile) return;
  const shareRows = (list: ProfileSummary['byOwner']) =>
    list.map((s) => [`  ${s.name}`, `${s.ms.toFixed(0)} ms`, `${s.percent.toFixed(1)} %`]);
  console.log(
    `\nWorkshop server CPU profile, ${figures.mode} (${path.relative(ROOT, profile.file)}; load only: ${profile.busyMs.toFixed(0)} ms busy, ${profile.idleMs.toFixed(0)} ms idle)`,
  );
  console.log('self time by owner');
  console.log(table(shareRows(profile.byOwner.slice(0, 10)), new Set([1, 2])));
  console.log('self time by function');
  console.log(table(shareRows(profile.selfByFunction), new Set([1, 2])));
  console.log("the project's own functions, with what they call");
  console.log(table(shareRows(profile.inclusiveOwn), new Set([1, 2])));
}

async function main(): Promise<number> {
  process.chdir(ROOT);
  const date = new Date().toISOString();
  const cpus = os.cpus().length;
  console.log(
    `Prasan workshop bench — ${date} — ${cpus} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, Node ${process.version}`,
  );
  console.log(
    `Client and server share these ${cpus} cores: the server is one process; the trainees run in ${CLIENT_THREADS} worker thread(s) of this one, the ${DASHBOARDS} dashboard reader(s) in its main thread.`,
  );

  const file = path.join(ROOT, 'scenarios', `${flags.scenario}.yaml`);
  const { compiled, diagnostics } = compileScenario(path.basename(file), readFileSync(file, 'utf8'));
  if (!compiled) throw new Error(`${flags.scenario} does not compile: ${JSON.stringify(diagnostics[0])}`);
  const model = compiled.model;
  const modes = flags.mode === 'both' ? (['realistic', 'burst'] as const) : ([flags.mode] as ('realistic' | 'burst')[]);
  console.log(
    `Scenario ${model.id}: each run is a start, one decision per step (random offered choices, seed ${SEED}), a result; one event per POST.`,
  );

  const all: ModeFigures[] = [];
  // The burst and its reference go one after the other, so the same noise hits both.
  if (modes.includes('burst')) {
    console.log(`\nreference: ${TRAINEES} trainees, no pauses, ${BURST_S} s, bare Fastify …`);
    const reference = await runReference(model);
    console.log(`burst: ${TRAINEES} trainees, no pauses, ${BURST_S} s …`);
    all.push(await runWorkshop('burst', model), reference);
  }
  if (modes.includes('realistic')) {
    const cap = DURATION_S > 0 ? `, at most ${DURATION_S} s` : ', until every trainee has finished one run (about 1–2 minutes)';
    console.log(`realistic: ${TRAINEES} trainees, ${PAUSE_MS[0] / 1000}–${PAUSE_MS[1] / 1000} s before each event${cap} …`);
    all.unshift(await runWorkshop('realistic', model));
  }

  console.log(
    `\n${TRAINEES} trainees on loopback (latency: request to the reply's last byte; dashboard delay: stream message arrival minus the POST's acknowledgement, negative = the dashboard had it first)`,
  );
  console.log(table(figureRows(all), new Set(all.map((_, i) => i + 1))));

  const burst = all.find((f) => f.mode === 'burst');
  const reference = all.find((f) => f.mode === 'reference');
  const ratios =
    burst && reference
      ? {
          p99: burst.latency.p99 / reference.latency.p99,
          throughput: burst.eventsPerSecond / reference.eventsPerSecond,
          cpuPerEvent: burst.serverCpuMsPerEvent / reference.serverCpuMsPerEvent,
        }
      : undefined;
  if (ratios) {
    console.log(
      `\nburst against the bare reference, same client, same run: p99 ${ratio(ratios.p99)}, events per second ${ratio(ratios.throughput)}, server CPU per event ${ratio(ratios.cpuPerEvent)}`,
    );
  }
  if (burst) {
    // A burst is a closed loop: every trainee always has one POST in flight, so the mean wait is
    // trainees ÷ throughput whatever the server does per request (Little's law).
    const floor = (1000 * TRAINEES) / burst.eventsPerSecond;
    console.log(
      `burst: ${TRAINEES} POSTs always in flight ÷ ${burst.eventsPerSecond.toFixed(0)} events/s = ${msText(floor)} mean wait (Little's law); a p99 under ${TARGET_P99_MS} ms here needs more than ${((1000 * TRAINEES) / TARGET_P99_MS).toFixed(0)} events/s`,
    );
  }

  const workshops = all.filter((f) => f.mode !== 'reference');
  const targets = workshops.flatMap((f) => [
    { target: `${f.mode}: event POST p99 < ${TARGET_P99_MS} ms`, value: msText(f.latency.p99), pass: f.latency.p99 < TARGET_P99_MS },
    { target: `${f.mode}: acknowledged events lost = 0`, value: String(f.events.lost), pass: f.events.lost === 0 },
  ]);
  console.log('\nTargets');
  console.log(table([['target', 'measured', ''], ...targets.map((t) => [t.target, t.value, t.pass ? 'PASS' : 'FAIL'])]));
  for (const f of workshops) printProfile(f);

  const results = {
    date,
    machine: { cpus, loadavg: os.loadavg(), node: process.version, note: 'client and server share the cores' },
    options: {
      trainees: TRAINEES,
      modes,
      durationS: DURATION_S,
      burstS: BURST_S,
      seed: SEED,
      scenario: model.id,
      pauseMs: PAUSE_MS,
      clientThreads: CLIENT_THREADS,
      dashboards: DASHBOARDS,
    },
    modes: all,
    burstVersusReference: ratios,
    targets,
  };
  const out = path.join(ROOT, 'bench/results', `workshop-${date.replace(/[:.]/g, '-')}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(ROOT, out)}`);

  const broken = workshops.filter((f) => (f.events.lost ?? 0) > 0);
  const failedLoad = all.filter((f) => f.events.rejected > 0 || f.events.gaveUp > 0 || f.joins.failed > 0);
  for (const f of broken)
    console.log(`LOST in ${f.mode}: ${f.events.lost} acknowledged events are not in the file, e.g. ${f.events.lostExamples.join(', ')}`);
  for (const f of failedLoad)
    console.log(`${f.mode}: the load did not run clean: ${JSON.stringify(f.events.rejectedExamples)} (joins failed: ${f.joins.failed})`);
  return broken.length > 0 || failedLoad.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('\nbench:workshop: measurement failed:', error);
    process.exit(1);
  },
);
