/**
 * The order a trainee sees a decision's choices in. Authors tend to write the best choice first, so
 * showing file order would let a trainee win by pressing 1: each run instead shuffles every decision
 * from a seed made when the run starts. The order depends only on the seed and the node, so a reload,
 * a second tab, a resumed save and the workshop server all see the same one. A node marked
 * `order: fixed` (a scale, say) keeps the file's order.
 */
import type { ChoiceModel, DecisionModel } from './model';

/** A 32-bit hash of a string (FNV-1a), to turn a seed and a node id into a generator's start. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A small deterministic generator (xorshift32) giving numbers in [0, 1). */
function generator(start: number): () => number {
  let x = start || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

/**
 * Every choice id of the node, in the order this run shows them. The whole list is shuffled before
 * conditions filter it, so a choice keeps its place relative to the others whatever is offered.
 */
export function choiceOrder(node: DecisionModel, seed: string): string[] {
  const ids = node.choices.map((c) => c.id);
  if (node.order === 'fixed') return ids;
  const next = generator(hash32(`${seed}\u0000${node.id}`));
  // A few draws first: nearby seeds would otherwise start alike.
  for (let i = 0; i < 4; i++) next();
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids;
}

/** The offered choices in the order this run shows them. */
export function inShownOrder(node: DecisionModel, offered: readonly ChoiceModel[], seed: string): ChoiceModel[] {
  const rank = new Map(choiceOrder(node, seed).map((id, i) => [id, i]));
  return [...offered].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
}

/** A fresh seed for a run: random, and written as text so it travels in saves and events as is. */
export function newSeed(random: () => number = Math.random): string {
  return Array.from({ length: 4 }, () =>
    Math.floor(random() * 0x1_0000)
      .toString(16)
      .padStart(4, '0'),
  ).join('');
}
