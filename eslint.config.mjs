import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-cli/',
      'dist-e2e/',
      'dist-bench/',
      'node_modules/',
      'scratch/',
      'coverage/',
      'test-results/',
      'bench/results/',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  // Type-aware rules: the type checker's view of the code (floating promises, exhaustive switches, …).
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Async without await is how a handler says it returns a promise (Fastify's routes and hooks, fakes of async APIs).
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Phaser's emitters take the listener's `this` as their third argument: a method handed over is bound there.
    files: ['src/scenes/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Tests compare with Vitest's asymmetric matchers (expect.any, expect.stringMatching), typed `any`.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-argument': 'off' },
  },
  {
    // Plain JavaScript (the bin launcher, this file, the install check) is not in the TypeScript project.
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false }, globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  // Seams: each folder imports only from the folders below it, and no app (the game in ui/ and
  // scenes/, the dashboard, the server, the command line, the build plugins) from another's folder.
  // The engine is at the bottom; authoring tools, the compiled library, the wire protocol and the
  // small DOM kit (web/) stand on it; the apps on them. (A dynamic import() is not checked: the
  // command line starts the workshop server that way, as its composition root.)
  ...seams({
    engine: {
      may: [],
      also: ['phaser', 'phaser/*', 'i18next', 'i18next/*', 'node:*'],
      why: 'src/engine is the bottom layer: no Phaser, no i18next, no Node, nothing above it.',
    },
    authoring: {
      may: ['engine'],
      also: ['node:*'],
      why: 'authoring tools (maps, stats, self-test, translation) stand on the engine only.',
    },
    workshop: {
      may: ['engine'],
      also: ['node:*'],
      why: 'the wire protocol is shared by the server, the game and the dashboard: it stands on the engine only.',
    },
    library: { may: ['engine', 'authoring'], why: 'the compiled library stands on the engine.' },
    web: {
      may: ['engine', 'authoring'],
      also: ['i18next', 'i18next/*'],
      why: 'the DOM kit is shared by the game and the dashboard: names come from the page, not its i18next.',
    },
    i18n: { may: ['engine'], why: "the game's strings stand on the engine only." },
    portraits: {
      may: ['engine'],
      why: "portraits are drawn from a character's look alone, at build time and in the browser: they stand on the engine only.",
    },
    scenes: { may: ['engine', 'web'], why: 'scenes draw; the UI calls them, never the reverse.' },
    ui: {
      may: ['engine', 'authoring', 'library', 'web', 'workshop', 'i18n', 'scenes', 'portraits'],
      why: "the game's UI may not reach into the dashboard, the server, the CLI or the build.",
    },
    dashboard: {
      may: ['engine', 'authoring', 'library', 'web', 'workshop', 'i18n/locales'],
      why: "the dashboard uses the shared kits, not the game's UI (the game's strings only as data).",
    },
    server: { may: ['engine', 'library', 'workshop'], why: 'the server stands on the engine, the library and the protocol.' },
    cli: { may: ['engine', 'authoring', 'library'], why: 'the command line stands on the engine, the authoring tools and the library.' },
    tooling: { may: ['engine', 'library', 'portraits'], why: 'the build plugins stand on the engine and the library, not on the CLI.' },
  }),
  {
    // The engine runs in Node and in the browser alike.
    files: ['src/engine/**/*.ts', 'src/authoring/**/*.ts', 'src/web/**/*.ts', 'src/workshop/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['localStorage', 'sessionStorage'].map((name) => ({ name, message: 'shared layers keep no storage of their own' })),
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/authoring/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'HTMLElement'],
    },
  },
);

/** One `no-restricted-imports` rule per folder of src/: every other folder is off limits but `may`. */
function seams(zones) {
  const folders = [
    'engine',
    'authoring',
    'workshop',
    'library',
    'web',
    'i18n',
    'portraits',
    'scenes',
    'ui',
    'dashboard',
    'server',
    'cli',
    'tooling',
  ];
  return Object.entries(zones).map(([zone, { may, also = [], why }]) => {
    const allowed = (folder) => may.some((m) => m === folder || m.startsWith(`${folder}/`));
    const banned = folders.filter((f) => f !== zone && !allowed(f));
    // A folder allowed only in part (i18n/locales): the rest of it is banned.
    const partial = may.filter((m) => m.includes('/')).map((m) => m.split('/')[0]);
    // Imports climb out of a folder with ../ (one level, or more from a sub-folder such as ui/workshop).
    const up = (path) => ['../', '../../', '../../../'].flatMap((dots) => [`${dots}${path}`, `${dots}${path}/*`, `${dots}${path}/**`]);
    const groups = [
      ...banned.filter((f) => !partial.includes(f)).flatMap(up),
      ...partial.flatMap((p) => ['../', '../../'].flatMap((dots) => [`${dots}${p}/index*`, `${dots}${p}/*.ts`])),
      ...(zone === 'engine' ? ['../*'] : []),
      ...also,
    ];
    // The folder itself (its index) by exact name: a pattern naming a folder would ban all inside it.
    const paths = partial.flatMap((p) => ['../', '../../'].map((dots) => ({ name: `${dots}${p}`, message: why })));
    return {
      files: [`src/${zone}/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', { paths, patterns: [{ group: groups, message: why }] }] },
    };
  });
}
