import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-e2e/', 'dist-bench/', 'node_modules/', 'scratch/', 'coverage/', 'test-results/', 'bench/results/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The engine runs in Node and in the browser alike: no Phaser, no DOM, no i18next.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['phaser', 'i18next'],
          patterns: [{ group: ['phaser/*', 'i18next/*', '../ui/*', '../scenes/*', '../i18n/*'], message: 'src/engine stays free of Phaser, i18next and the UI.' }],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'HTMLElement'],
    },
  },
);
