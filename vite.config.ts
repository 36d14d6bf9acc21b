import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { preloadStartupAssets } from './src/tooling/vite-preload';
import { scenarioLibrary } from './src/tooling/vite-scenarios';
import { serviceWorker } from './src/tooling/vite-service-worker';
import { SECURITY_HEADERS } from './src/workshop/headers';

// Phaser's own core build (src/phaser-core.js: no physics, tilemaps, particles, bitmap text…) instead
// of its prebuilt bundle, which doesn't tree-shake: about 210 KB of gzipped JS instead of 357 KB. The
// game only uses scenes, Graphics, cameras (fades) and the scale manager, which core has; types still
// come from phaser's own .d.ts. Core's source is CommonJS and expects the compile-time flags that
// Phaser's webpack configs (node_modules/phaser/config/) define; `typeof X` left undefined would be
// the truthy string 'undefined' and pull in e.g. the Spector WebGL debugger.
const phaserCore = path.join(path.dirname(createRequire(import.meta.url).resolve('phaser/package.json')), 'src/phaser-core.js');
const phaserFlags = {
  'typeof CANVAS_RENDERER': 'true',
  'typeof WEBGL_RENDERER': 'true',
  'typeof WEBGL_DEBUG': 'false',
  'typeof EXPERIMENTAL': 'false',
  'typeof PLUGIN_3D': 'false',
  'typeof PLUGIN_CAMERA3D': 'false',
  'typeof PLUGIN_FBINSTANT': 'false',
  'typeof FEATURE_SOUND': 'true',
  // phaser-core.js ends with `global.Phaser = Phaser` (webpack supplies `global`; browsers don't).
  global: 'globalThis',
};

export default defineConfig({
  base: './',
  // The dev server (mode "development") also lists trainers' drafts; the e2e build adds test fixtures.
  plugins: [
    scenarioLibrary(['scenarios'], { development: ['drafts'], e2e: ['tests/fixtures/menu'] }),
    preloadStartupAssets(),
    serviceWorker(),
  ],
  resolve: {
    alias: [{ find: /^phaser$/, replacement: phaserCore }],
  },
  define: phaserFlags,
  // The dev server pre-bundles Phaser with Rolldown, which doesn't see `define`: give it the flags too.
  optimizeDeps: { rolldownOptions: { transform: { define: phaserFlags } } },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      // The game, and the trainer's dashboard the workshop server serves beside it.
      input: { main: 'index.html', dashboard: 'dashboard.html' },
      output: {
        // Phaser in its own chunk: it changes rarely, so browsers keep it cached across our releases.
        manualChunks: (id) => (id.includes('node_modules/phaser') ? 'phaser' : undefined),
      },
    },
  },
  server: { host: '127.0.0.1' },
  // The built game under the workshop server's own headers (its content security policy above all),
  // so the end-to-end tests find anything the policy would block.
  preview: { headers: { ...SECURITY_HEADERS } },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        // Every shipped scenario explored state by state, its plans played, its style read: slower.
        test: {
          name: 'scenarios',
          environment: 'node',
          include: ['tests/scenarios/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
