#!/usr/bin/env node
// The `prasan` command. It runs the TypeScript sources directly through tsx, so `npm install` is
// all a trainer needs before `npx prasan check`.
import { tsImport } from 'tsx/esm/api';

// Output piped into `head` and the like may close early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const { main } = await tsImport('../src/cli/main.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
