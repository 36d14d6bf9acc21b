#!/usr/bin/env node
// The `prasan` command. It runs the build that `npm install` made (dist-cli/, see
// scripts/build-cli.mjs) while that build is newer than every source file; otherwise (a source was
// edited since) it runs the TypeScript sources directly through tsx, slower but always current.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Output piped into `head` and the like may close early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}dist-cli/prasan.mjs`;

/** The newest modification time of any file under a folder. */
function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) time = Math.max(time, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return time;
}

const fresh = existsSync(built) && statSync(built).mtimeMs >= newest(`${root}src`);
const { main } = fresh ? await import(built) : await (await import('tsx/esm/api')).tsImport('../src/cli/main.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
