/**
 * The review of a run, step by step: what was chosen and where it stood on screen, the points it
 * earned, the meters after it, every node entered (branches included), and the best choice that was
 * on offer. The feedback panel, the debrief, the dashboard and the exports all render this one
 * review; none of them judges a score, a best choice or a branch for itself.
 */
import { outcomeOf, type ScenarioModel } from './model';
import { offeredChoices, shownChoices, startRun, step as takeStep, type RunState, type StartSetup, type Step } from './run';
import { SKILLS, zeroSkills, type SkillTotals } from './skills';

export interface StepReview {
  node: string;
  /** The choice id, or `timeout`. */
  choice: string;
  /** Where the choice stood among those shown (1 = first); undefined for a timer. */
  position?: number;
  /** The choices offered, in the order this run showed them. */
  shown: string[];
  /** Points earned (a choice scores only the first time it is taken). */
  gained: SkillTotals;
  /** The choice carries points but earned none: it had been taken before in this run. */
  repeated: boolean;
  meters: Record<string, number>;
  /** How each meter moved, for those that did. */
  meterChanges: Record<string, number>;
  /** The nodes entered after the step: the choice's `next`, then each branch it passed through. */
  entered: string[];
  /** The offered choices that would have earned the most points here, all of them on a tie. */
  best: { choices: string[]; total: number };
  /** This step earned as much as the best on offer. */
  wasBest: boolean;
  before: RunState;
  after: RunState;
}

export interface RunReview {
  /** The nodes entered as the run began: its first node, then each branch it passed through. */
  opening: string[];
  steps: StepReview[];
  /** The state after the last step. */
  final: RunState;
}

const total = (skills: SkillTotals) => SKILLS.reduce((sum, s) => sum + skills[s], 0);

function gainedBetween(before: RunState, after: RunState): SkillTotals {
  const gained = zeroSkills();
  for (const s of SKILLS) gained[s] = after.skills[s] - before.skills[s];
  return gained;
}

/**
 * Reviews a path from where the run began (the start, or a trainer's starting point). `seed` is the
 * run's seed for the order of choices; without one, choices were shown in file order. Undefined when
 * the path does not fit the scenario.
 *
 * @example
 * const review = reviewRun(model, result.path, { seed: result.seed });
 * review?.steps.map((s) => s.wasBest);
 */
export function reviewRun(
  model: ScenarioModel,
  path: readonly Step[],
  options: { seed?: string; from?: StartSetup } = {},
): RunReview | undefined {
  const first = startRun(model, options.from);
  const steps: StepReview[] = [];
  let state = first;
  for (const taken of path) {
    const node = model.nodes[state.node];
    if (node?.kind !== 'decision' || taken.node !== state.node) return undefined;
    const after = takeStep(model, state, taken.choice);
    const outcome = outcomeOf(node, taken.choice);
    if (!after || !outcome) return undefined;
    const shown = shownChoices(model, state, options.seed).map((c) => c.id);
    const gained = gainedBetween(state, after);
    const alternatives = offeredChoices(model, state).map((c) => ({
      id: c.id,
      total: total(gainedBetween(state, takeStep(model, state, c.id)!)),
    }));
    const bestTotal = Math.max(...alternatives.map((a) => a.total));
    const meterChanges = Object.fromEntries(
      Object.keys(after.meters)
        .map((m) => [m, (after.meters[m] ?? 0) - (state.meters[m] ?? 0)] as const)
        .filter(([, d]) => d !== 0),
    );
    steps.push({
      node: node.id,
      choice: taken.choice,
      ...(taken.choice === 'timeout' ? {} : { position: shown.indexOf(taken.choice) + 1 }),
      shown,
      gained,
      repeated: SKILLS.some((s) => (outcome.scores[s] ?? 0) !== 0) && SKILLS.every((s) => gained[s] === 0),
      meters: { ...after.meters },
      meterChanges,
      entered: after.entered,
      best: { choices: alternatives.filter((a) => a.total === bestTotal).map((a) => a.id), total: bestTotal },
      wasBest: alternatives.length === 0 || total(gained) >= bestTotal,
      before: state,
      after,
    });
    state = after;
  }
  return { opening: first.entered, steps, final: state };
}

/** The edges a reviewed run followed on the scenario's map, as `[from, to]`, in order. */
export function followedEdges(review: RunReview): [string, string][] {
  const edges: [string, string][] = [];
  const chain = (from: string, entered: readonly string[]) => {
    let at = from;
    for (const to of entered) {
      edges.push([at, to]);
      at = to;
    }
  };
  chain(review.opening[0]!, review.opening.slice(1));
  for (const s of review.steps) chain(s.node, s.entered);
  return edges;
}
