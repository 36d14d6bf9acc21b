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
 * PRASAN_TRAINER_KEY sets the trainer key (12 characters or more); otherwise a new one is made and
 * printed at each start. One server per data file (a lock, src/server/data-file.ts); a data file
 * deleted or replaced while the server runs stops it, what it held saved (see `rescue`).
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { buildServer } from './app';
import { openDataFile, watchDataFile } from './data-file';
import { Store } from './db';
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

/** The key the Thai guide once printed as an example: anyone who read the guide would know it. */
const GUIDE_EXAMPLE_KEYS = ['Prasan-Rop3-k7Q2x'];
/** Anyone on the venue's network can try keys: a shorter one could be guessed. */
const MIN_TRAINER_KEY_LENGTH = 12;

/** Why a trainer key given in PRASAN_TRAINER_KEY can't be used, or undefined when it can. */
function trainerKeyProblem(key: string): string | undefined {
  if (key.length < MIN_TRAINER_KEY_LENGTH)
    return `PRASAN_TRAINER_KEY is ${key.length} characters; anyone on this network could guess it. Use ${MIN_TRAINER_KEY_LENGTH} or more (or leave it unset for a new random key).`;
  if (GUIDE_EXAMPLE_KEYS.includes(key))
    return 'PRASAN_TRAINER_KEY is the example from the guide, which anyone can read; make up a key of your own.';
  // The guide writes <…> where the trainer's own key goes.
  if (/^<.*>$/s.test(key)) return 'PRASAN_TRAINER_KEY is the guide’s placeholder; put a key of your own in its place, without the < >.';
  return undefined;
}

export async function startWorkshop(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '0.0.0.0' },
        data: { type: 'string', default: 'workshop-data/prasan.sqlite' },
        dist: { type: 'string', default: 'dist' },
        'public-url': { type: 'string' },
        'no-build': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`prasan: ${(error as Error).message} (prasan workshop --help lists the options)`);
    return 2;
  }
  const givenKey = process.env['PRASAN_TRAINER_KEY'];
  const keyProblem = givenKey ? trainerKeyProblem(givenKey) : undefined;
  if (keyProblem) {
    console.error(`prasan: ${keyProblem}`);
    return 2;
  }
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
  const opened = openDataFile(dataFile);
  if ('problem' in opened) {
    console.error(`prasan: ${opened.problem}`);
    return 2;
  }
  const { lock } = opened;
  const store = new Store(opened.db);
  const catalog = new ScenarioCatalog([join(root, 'scenarios')]);
  const trainerKey = givenKey || randomBytes(9).toString('base64url');
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
    lock.close();
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
    `  Trainer opens:   http://${everywhere ? 'localhost' : values.host}:${actualPort}/dashboard.html   (on this laptop: the key is sent unencrypted)`,
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

  return new Promise<number>((done) => {
    const stop = () => {
      stopWatching();
      forwarder?.stop();
      void app.close().then(() => {
        store.db.close();
        lock.close();
        done(0);
      });
    };
    // A data file deleted or replaced under the server: what it acknowledged is only in the file it
    // still has open, which no one would find again. It stops taking anything (a trainee's game keeps
    // what isn't acknowledged, and sends it later), saves everything it holds where it can be found,
    // and exits, for the trainer to start it again.
    const stopWatching = watchDataFile(dataFile, (what) => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      forwarder?.stop();
      void app
        .close()
        .then(() => rescue(store, dataFile))
        .then(
          (saved) => `everything it held is saved as ${saved}${saved === dataFile ? '' : ` (start with --data ${saved} to go on with it)`}`,
          (error: unknown) => `saving what it held failed too (${String(error)})`,
        )
        .then((outcome) => {
          store.db.close();
          lock.close();
          console.error(`prasan: the data file ${dataFile} was ${what} while the server ran, so it stopped; ${outcome}.`);
          done(2);
        });
    });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * Writes what the open database holds to a file: back to its own path when nothing is there (it was
 * deleted, with its journal), else beside it, so another file that took its place is not overwritten.
 */
async function rescue(store: Store, dataFile: string): Promise<string> {
  const free = !['', '-wal', '-shm'].some((suffix) => existsSync(dataFile + suffix));
  const target = free ? dataFile : dataFile.replace(/(\.sqlite)?$/, `-rescued-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
  await store.db.backup(target);
  return target;
}
