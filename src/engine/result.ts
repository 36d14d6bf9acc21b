/** The record of one finished (or abandoned) run: what the debrief shows and what is exported. */
import type { ScenarioModel } from './model';
import { reviewRun } from './review';
import { initialContext, type RunState, type StartSetup, type Step } from './rules';
import type { EndingKind } from './schema';
import type { SkillTotals } from './skills';

/** How a room plays the nodes' timers: as written, doubled, or not at all. */
export const TIMER_SETTINGS = ['normal', 'long', 'off'] as const;
export type TimerSetting = (typeof TIMER_SETTINGS)[number];

export function isTimerSetting(value: unknown): value is TimerSetting {
  return (TIMER_SETTINGS as readonly unknown[]).includes(value);
}

export interface RunResult {
  scenario: string;
  version: number;
  language: string;
  startedAt: string;
  finishedAt: string;
  /** Null when the run stopped at a node that offered nothing (`incomplete`). */
  ending: { node: string; kind: EndingKind } | null;
  incomplete: boolean;
  skills: SkillTotals;
  attainable: SkillTotals;
  meters: Record<string, number>;
  /** Each step, with when it was taken and where its choice stood among those shown (1 = first). */
  path: (Step & { at?: string; position?: number })[];
  settings: { timer: TimerSetting };
  /** The seed the run's order of choices was drawn from (see order.ts). */
  seed?: string;
  /** Present when a trainer started the run mid-scenario ("play from here"). */
  startedFrom?: { node: string; meters: Record<string, number>; flags: string[] };
}

export function buildResult(
  model: ScenarioModel,
  state: RunState,
  attainable: SkillTotals,
  run: {
    language: string;
    startedAt: Date;
    finishedAt: Date;
    timer: TimerSetting;
    stepTimes?: readonly string[];
    startedFrom?: StartSetup;
    seed?: string;
  },
): RunResult {
  const node = model.nodes[state.node];
  const review = reviewRun(model, state.path, { seed: run.seed, from: run.startedFrom });
  const ending = node?.kind === 'ending' ? { node: node.id, kind: node.ending } : null;
  return {
    scenario: model.id,
    version: model.version,
    language: run.language,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    ending,
    incomplete: ending === null,
    skills: { ...state.skills },
    attainable: { ...attainable },
    meters: { ...state.meters },
    path: state.path.map((s, i) => {
      const position = review?.steps[i]?.position;
      return { ...s, ...(run.stepTimes?.[i] ? { at: run.stepTimes[i] } : {}), ...(position ? { position } : {}) };
    }),
    settings: { timer: run.timer },
    ...(run.seed !== undefined ? { seed: run.seed } : {}),
    ...(run.startedFrom ? { startedFrom: startedFrom(model, run.startedFrom) } : {}),
  };
}

/** Where a trainer's run began, as the machine started it (meters clamped, every meter listed). */
function startedFrom(model: ScenarioModel, from: StartSetup): NonNullable<RunResult['startedFrom']> {
  const first = initialContext(model, from);
  return { node: from.node, meters: first.meters, flags: first.flags };
}
