/**
 * `npm run workshop` / `npx prasan workshop`: starts the workshop server on the trainer's laptop and
 * prints where trainees and the trainer go. Options:
 *
 *   --port N          (default 8080, or PORT)
 *   --host ADDRESS    (default 0.0.0.0: every network the laptop is on)
 *   --data FILE       the SQLite file (default workshop-data/prasan.sqlite)
 *   --public-url URL  the address trainees use, when the one guessed from the network is wrong
 *   --no-build        serve dist/ as it is (don't rebuild it when the sources are newer)
 *
 * Sessions past their retention period are deleted at start and every hour (the server does it).
 * PRASAN_TRAINER_KEY sets the trainer key; otherwise a new one is made and printed at each start.
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { buildServer } from './app';
import { openDatabase, Store } from './db';
import { fairUseFromEnvironment } from './fair-use';
import { LrsForwarder, lrsFromEnvironment } from './lrs';
import { ScenarioCatalog } from './scenarios';

/** The laptop's IPv4 addresses on its networks (Wi-Fi, Ethernet), the likeliest first. */
function lanAddresses(): string[] {
  const found: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const address of list ?? []) {
      if (address.family === 'IPv4' && !address.internal) found.push(address.address);
    }
  }
  // Private ranges first: 192.168.x.x and 10.x.x.x are what a venue's router hands out.
  const rank = (a: string) => (a.startsWith('192.168.') ? 0 : a.startsWith('10.') ? 1 : a.startsWith('172.') ? 2 : 3);
  return found.sort((a, b) => rank(a) - rank(b));
}

/** Newest change among the game's sources, to rebuild dist/ when it is older. */
function newestSource(root: string): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['src', 'scenarios', 'public', 'assets']) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of ['index.html', 'dashboard.html'])
    if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

/** Builds the game when dist/ is missing or older than its sources. */
function ensureBuilt(root: string, dist: string): void {
  const index = join(dist, 'index.html');
  if (existsSync(index) && existsSync(join(dist, 'dashboard.html')) && statSync(index).mtimeMs >= newestSource(root)) return;
  console.log('Building the game (vite build) …');
  execSync('npx vite build', { cwd: root, stdio: 'inherit', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
}

export async function startWorkshop(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '0.0.0.0' },
      data: { type: 'string', default: 'workshop-data/prasan.sqlite' },
      dist: { type: 'string', default: 'dist' },
      'public-url': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const root = process.cwd();
  const port = Number(values.port ?? process.env['PORT'] ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`prasan: --port must be a number from 0 to 65535, not "${values.port ?? process.env['PORT']}"`);
    return 2;
  }
  const chosenUrl = values['public-url'];
  if (chosenUrl !== undefined && !/^https?:\/\/[^/]/.test(chosenUrl)) {
    console.error(`prasan: --public-url must be an address trainees can open, such as http://192.168.1.20:8080, not "${chosenUrl}"`);
    return 2;
  }
  const fairUse = fairUseFromEnvironment(process.env);
  if ('problem' in fairUse) {
    console.error(`prasan: ${fairUse.problem}`);
    return 2;
  }
  const dist = resolve(root, values.dist);
  if (!values['no-build']) ensureBuilt(root, dist);
  const dataFile = resolve(root, values.data);
  mkdirSync(dirname(dataFile), { recursive: true });

  const store = new Store(openDatabase(dataFile));
  const catalog = new ScenarioCatalog([join(root, 'scenarios')]);
  const trainerKey = process.env['PRASAN_TRAINER_KEY'] || randomBytes(9).toString('base64url');
  // Anyone on the venue's network can try keys: a short one could be guessed.
  if (trainerKey.length < 12)
    console.warn('Warning: PRASAN_TRAINER_KEY is short; anyone on this network could guess it. Use 12 characters or more.');
  const lrs = lrsFromEnvironment(process.env);
  const forwarder = lrs ? new LrsForwarder(store, catalog, lrs) : undefined;
  // Listening on every network: trainees use a LAN address. On one address: that one.
  const everywhere = values.host === '0.0.0.0' || values.host === '::';
  const lan = everywhere ? lanAddresses() : [values.host];
  let publicUrl = chosenUrl?.replace(/\/+$/, '');

  const app = await buildServer({
    store,
    catalog,
    fairUse: fairUse.limits,
    trainerKey,
    staticDir: dist,
    // Known once listening (the port may be 0: any free one); read when a QR code is asked for.
    get publicUrl() {
      return publicUrl;
    },
    onStored: () => forwarder?.wake(),
    onExpired: (codes) => console.log(`Deleted ${codes.length} session(s) past their retention period.`),
  });
  try {
    await app.listen({ port, host: values.host });
  } catch (error) {
    store.db.close();
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      `prasan: can't listen on ${values.host}:${port}${code === 'EADDRINUSE' ? ': another program uses that port (try --port 8081)' : `: ${String(error)}`}`,
    );
    return 2;
  }
  const actualPort = (app.server.address() as AddressInfo).port;
  publicUrl ??= `http://${lan[0] ?? 'localhost'}:${actualPort}`;
  forwarder?.start();

  const qr = await QRCode.toString(`${publicUrl}/`, { type: 'terminal', small: true });
  const lines = [
    '',
    'Prasan workshop server is running.',
    '',
    `  Trainees open:   ${publicUrl}/        (or scan the code below)`,
    `  Trainer opens:   http://${everywhere ? 'localhost' : values.host}:${actualPort}/dashboard.html`,
    `  Trainer key:     ${trainerKey}${process.env['PRASAN_TRAINER_KEY'] ? '   (from PRASAN_TRAINER_KEY)' : '   (new each start; set PRASAN_TRAINER_KEY to keep one)'}`,
    `  Data file:       ${dataFile}`,
    ...(lan.length > 1
      ? [
          `  Other addresses: ${lan
            .slice(1)
            .map((a) => `http://${a}:${actualPort}/`)
            .join('  ')}`,
        ]
      : []),
    ...(lan.length === 0 && !chosenUrl
      ? ["  No network found: trainees on other devices can't reach this laptop until it joins one."]
      : []),
    ...(lrs ? [`  Forwarding xAPI statements to ${lrs.endpoint}`] : []),
    '',
    qr,
    'Press Ctrl+C to stop. Everything acknowledged is already saved in the data file.',
  ];
  console.log(lines.join('\n'));

  await new Promise<void>((done) => {
    const stop = () => {
      forwarder?.stop();
      void app.close().then(() => {
        store.db.close();
        done();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
