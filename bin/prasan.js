#!/usr/bin/env node
// The `prasan` command. It runs the TypeScript sources directly through tsx, so `npm install` is
// all a trainer needs before `npx prasan check`.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/cli/main.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
