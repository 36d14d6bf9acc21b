/**
 * The seams between src/'s folders hold: the lint rules refuse an import that runs the wrong way
 * (up from a lower layer, or from one app into another's folder), and accept the ones the design
 * allows. Checked with ESLint itself, on files that exist only in this test.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The probes exist only here, outside the TypeScript project: lint them without type information.
const eslint = new ESLint({
  overrideConfig: [tseslint.configs.disableTypeChecked, { languageOptions: { parserOptions: { projectService: false } } }],
});

async function refused(file: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${source}\n`, { filePath: file });
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

describe('the seams between folders', () => {
  it.each([
    ['src/engine/probe.ts', "import { h } from '../web/dom';"],
    ['src/engine/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['src/engine/probe.ts', "import Phaser from 'phaser';"],
    ['src/authoring/probe.ts', "import { compileLibrary } from '../library/files';"],
    ['src/web/probe.ts', "import { t } from '../i18n';"],
    ['src/server/probe.ts', "import { h } from '../web/dom';"],
    ['src/server/probe.ts', "import { scenarioLibrary } from '../tooling/vite-scenarios';"],
    ['src/server/probe.ts', "import { entryOf } from '../ui/library';"],
    ['src/dashboard/probe.ts', "import { h } from '../ui/dom';"],
    ['src/dashboard/probe.ts', "import { t } from '../i18n';"],
    ['src/tooling/probe.ts', "import { main } from '../cli/main';"],
    ['src/ui/workshop/probe.ts', "import { openApi } from '../../dashboard/api';"],
    ['src/scenes/probe.ts', "import { App } from '../ui/app';"],
    ['src/portraits/probe.ts', "import { h } from '../web/dom';"],
    ['src/server/probe.ts', "import { portraitSvg } from '../portraits/render';"],
  ])('%s may not: %s', async (file, source) => {
    expect(await refused(file, source)).toBe(true);
  });

  it.each([
    ['src/authoring/probe.ts', "import { SKILLS } from '../engine';"],
    ['src/dashboard/probe.ts', "import { h } from '../web/dom';"],
    ['src/dashboard/probe.ts', "import th from '../i18n/locales/th/translation.json';"],
    ['src/dashboard/probe.ts', "import { t } from './i18n';"],
    ['src/server/probe.ts', "import { compileLibrary } from '../library/files';"],
    ['src/ui/workshop/probe.ts', "import { h } from '../../web/dom';"],
    ['src/cli/probe.ts', "import { scenarioMap } from '../authoring/graph';"],
    ['src/tooling/probe.ts', "import { portraitSvg } from '../portraits/render';"],
    ['src/ui/probe.ts', "import { portraitSvg } from '../portraits/render';"],
  ])('%s may: %s', async (file, source) => {
    expect(await refused(file, source)).toBe(false);
  });
});
