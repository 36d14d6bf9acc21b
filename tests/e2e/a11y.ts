/**
 * axe-core in a real page, for the accessibility tests: the library is read from node_modules and put
 * into the page as a script (no network), then run with the WCAG 2.0 and 2.1 rules at levels A and
 * AA. What it finds comes back as readable lines, so a failing assertion says what is wrong and where.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Result, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets run: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** What axe reports of a violation, as much as the page hands back. */
type Violation = Pick<Result, 'id' | 'impact' | 'help'> & { nodes: Pick<Result['nodes'][number], 'target' | 'html' | 'failureSummary'>[] };

/** Puts axe into the page once (a reload or a new document needs it again). */
async function inject(page: Page): Promise<void> {
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!present) await page.addScriptTag({ content: AXE_SOURCE });
}

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** One line per failing element: rule, impact, what the rule asks, where, and what axe saw. */
export function formatViolations(violations: readonly Violation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact ?? 'no impact'}): ${v.help} — at ${n.target.map((t) => JSON.stringify(t)).join(' > ')}: ${shorten(n.html, 160)}` +
        (n.failureSummary ? ` [${shorten(n.failureSummary, 200)}]` : ''),
    ),
  );
}

/**
 * Runs axe over the whole document and returns the violations formatted; an accessible page gives [].
 * Nothing is left out: the stage's <canvas> sits in an aria-hidden box, so axe skips it of itself.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await inject(page);
  const violations = await page.evaluate(
    async (tags) => {
      const axe = (window as unknown as { axe: { run: (context: unknown, options: RunOptions) => Promise<{ violations: unknown[] }> } })
        .axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations;
    },
    [...WCAG_TAGS],
  );
  return formatViolations(violations as Violation[]);
}
