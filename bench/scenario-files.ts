/**
 * Generated scenario files for the speed benchmarks: large, valid, and built to stress the explorer.
 * - `largeScenario`: near the 500-node limit, a long chain of decisions where some choices skip ahead
 *   and many are offered only if an earlier node was visited (so visits split states).
 * - `stateBomb`: a small file whose meters and flags multiply its states past the explorer's bound.
 */

const SKILLS = ['communication', 'observation', 'negotiation', 'networking', 'ethics', 'coordination', 'strategy'];

const text = (s: string) => `{ en: "${s}" }`;

function header(id: string): string[] {
  return [
    'format: 1',
    `id: ${id}`,
    'languages: [en]',
    `title: ${text('Generated')}`,
    `summary: ${text('A generated scenario for benchmarks.')}`,
  ];
}

/**
 * `decisions` decision nodes in a chain (n0 … n{decisions-1}) and five endings. At each node: `on`
 * goes to the next node, `skip` jumps two ahead (so not every node is visited), and at
 * `visitedConditions` nodes spread along the chain a third choice is offered only if the node `back`
 * places earlier was visited. The last node's choices lead to the endings through a branch.
 */
export function largeScenario(decisions = 489, visitedConditions = 140, back = 16): string {
  const lines = [...header('large'), 'start: n0', 'nodes:'];
  const every = Math.max(1, Math.floor(decisions / visitedConditions));
  let conditions = 0;
  for (let i = 0; i < decisions; i++) {
    const next = i + 1 < decisions ? `n${i + 1}` : 'judge';
    const skip = i + 2 < decisions ? `n${i + 2}` : 'judge';
    const skill = SKILLS[i % SKILLS.length]!;
    lines.push(`  n${i}:`, `    text: ${text(`Decision ${i}`)}`, '    choices:');
    lines.push(`      - { id: on, text: ${text('On')}, next: ${next}, scores: { ${skill}: 1 }, feedback: ${text('F')} }`);
    const other = SKILLS[(i + 3) % SKILLS.length]!;
    lines.push(`      - { id: skip, text: ${text('Skip')}, next: ${skip}, scores: { ${other}: 1 }, feedback: ${text('F')} }`);
    if (i >= back && i % every === 0 && conditions < visitedConditions) {
      conditions++;
      lines.push(
        `      - { id: back, text: ${text('Back')}, when: { visited: n${i - back} }, next: ${next}, scores: { ${skill}: 2 }, feedback: ${text('F')} }`,
      );
    }
  }
  lines.push(
    '  judge:',
    '    branch:',
    `      - { when: { visited: n${decisions - 3} }, next: win }`,
    `      - { when: { visited: n${decisions - 4} }, next: draw }`,
    '      - { next: lose }',
    `  win: { ending: success, title: ${text('Win')}, text: ${text('W')} }`,
    `  draw: { ending: partial, title: ${text('Draw')}, text: ${text('D')} }`,
    `  lose: { ending: failure, title: ${text('Lose')}, text: ${text('L')} }`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Thirty decisions of four choices each; the choices move two meters by different steps and set
 * flags that a final branch reads, so nearly every combination is its own state: far past 200,000.
 */
export function stateBomb(decisions = 30): string {
  const lines = [
    ...header('bomb'),
    'meters:',
    `  a: { label: ${text('A')}, initial: 50, min: 0, max: 100 }`,
    `  b: { label: ${text('B')}, initial: 50, min: 0, max: 100 }`,
    'start: d0',
    'nodes:',
  ];
  for (let i = 0; i < decisions; i++) {
    const next = i + 1 < decisions ? `d${i + 1}` : 'judge';
    lines.push(`  d${i}:`, `    text: ${text(`Decision ${i}`)}`, '    choices:');
    for (const [k, [da, db]] of [
      [1, -2],
      [-3, 1],
      [2, 3],
      [-1, -1],
    ].entries()) {
      const skill = SKILLS[(i + k) % SKILLS.length]!;
      lines.push(
        `      - { id: c${k}, text: ${text(`C${k}`)}, next: ${next}, effects: { a: ${da}, b: ${db} }, set: [f${i % 6}-${k}], scores: { ${skill}: ${(k % 3) - 1} }, feedback: ${text('F')} }`,
      );
    }
  }
  const flags = Array.from({ length: 6 }, (_, i) => Array.from({ length: 4 }, (_, k) => `f${i}-${k}`)).flat();
  lines.push('  judge:', '    branch:');
  for (const flag of flags)
    lines.push(`      - { when: { all: [{ flag: ${flag} }, { meter: a, atLeast: 60 }, { meter: b, atMost: 40 }] }, next: win }`);
  lines.push(
    '      - { next: lose }',
    `  win: { ending: success, title: ${text('Win')}, text: ${text('W')} }`,
    `  lose: { ending: failure, title: ${text('Lose')}, text: ${text('L')} }`,
  );
  return `${lines.join('\n')}\n`;
}
