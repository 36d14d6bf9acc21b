// Builds the `prasan` command ahead of time (npm runs it after installing: "prepare"), so a trainer's
// `npx prasan check` starts in a tenth of a second instead of transpiling TypeScript on every call.
// bin/prasan.js runs this build while it is newer than every source file, and the sources otherwise.
import { build } from 'vite';

/** The build of one entry into dist-cli/ (a fresh object each time: Vite changes what it is given). */
const config = (entry, output, emptyOutDir) => ({
  configFile: false,
  logLevel: 'warn',
  // Only the command: nothing of public/ belongs beside it.
  publicDir: false,
  // The engine's own packages go inside the build: one file loads in a quarter of the time that
  // resolving them in node_modules takes. The workshop server's (Fastify, SQLite) stay outside.
  ssr: { noExternal: ['yaml', '@sinclair/typebox', 'xstate'] },
  build: {
    ssr: entry,
    outDir: 'dist-cli',
    emptyOutDir,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: { output: { entryFileNames: output, chunkFileNames: '[name].mjs' } },
  },
});
// The command, on its own so it loads as one file; then the worker the workshop server compiles
// trainers' files in, beside it (a build of its own, so the command doesn't split into shared chunks).
await build(config('src/cli/main.ts', 'prasan.mjs', true));
await build(config('src/server/upload-worker.ts', 'upload-worker.mjs', false));
