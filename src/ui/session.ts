/**
 * One trainee's run of one scenario: an actor of the scenario's machine, the times of each step, and
 * persistence after every step. The UI reads state from here and sends events; it never scores
 * anything itself.
 */
import { createActor, type Actor } from 'xstate';
import {
  buildResult,
  createScenarioMachine,
  eventFor,
  isStuck,
  machineOf,
  newSeed,
  reviewRun,
  shownChoices,
  type ChoiceModel,
  type NodeModel,
  type RunResult,
  type RunReview,
  type RunState,
  type ScenarioMachine,
  type StartSetup,
  type TimerSetting,
} from '../engine';
import type { LibraryEntry, PlayableScenario } from './library';
import { discardGame, storeGame, type ResumedRun } from './save';

export class PlaySession {
  readonly playable: PlayableScenario;
  private readonly actor: Actor<ScenarioMachine>;
  private readonly startedAt: Date;
  private readonly stepTimes: string[];
  private finishedAt: Date | undefined;
  showingFeedback: boolean;

  /** A run started mid-scenario by a trainer, or from a file opened from disk: never saved. */
  readonly preview: boolean;
  /** Where a trainer's "play from here" run began; reviews of its path start there. */
  readonly startedFrom: StartSetup | undefined;
  /** The id a workshop run reports under (kept in the save, so a resumed run keeps it); else undefined. */
  readonly run: string | undefined;
  /** The trainee it reports as. */
  readonly runBy: string | undefined;
  /**
   * The seed of this run's order of choices: kept in the save, and in a workshop the run's id, so
   * the server knows the order each trainee saw.
   */
  readonly seed: string;
  private readonly onStep: ((session: PlaySession) => void) | undefined;

  constructor(
    readonly entry: LibraryEntry,
    readonly language: string,
    readonly timer: TimerSetting,
    options: {
      resumed?: ResumedRun;
      from?: StartSetup;
      preview?: boolean;
      run?: { id: string; by: string };
      onStep?: (session: PlaySession) => void;
    } = {},
  ) {
    const saved = options.resumed?.save;
    this.run = options.run?.id;
    this.runBy = options.run?.by;
    this.onStep = options.onStep;
    this.playable = entry.playable!;
    this.preview = options.preview === true || options.from !== undefined;
    this.startedFrom = options.from;
    this.seed = saved?.seed ?? this.run ?? newSeed();
    this.actor = startActor(this.playable.model, options);
    this.startedAt = saved ? new Date(saved.startedAt) : new Date();
    this.stepTimes = saved ? [...saved.stepTimes] : [];
    this.showingFeedback = saved?.showingFeedback ?? false;
    if (saved && this.ended) this.finishedAt = new Date(this.stepTimes[this.stepTimes.length - 1] ?? saved.startedAt);
    this.persist();
  }

  /** When the run began: with the scenario, what tells one saved run from another. */
  get startedAtIso(): string {
    return this.startedAt.toISOString();
  }

  get model() {
    return this.playable.model;
  }

  get state(): RunState {
    return this.actor.getSnapshot().context;
  }

  get node(): NodeModel {
    return this.model.nodes[this.state.node]!;
  }

  get ended(): boolean {
    return this.node.kind === 'ending';
  }

  get stuck(): boolean {
    return isStuck(this.model, this.state);
  }

  /** The choices offered now, in the order this run shows them. */
  offered(): ChoiceModel[] {
    return shownChoices(this.model, this.state, this.seed);
  }

  /** The engine's review of the run so far (undefined only if the run no longer fits its scenario). */
  review(): RunReview | undefined {
    return reviewRun(this.model, this.state.path, { seed: this.seed, from: this.startedFrom });
  }

  choose(choice: string): boolean {
    const before = this.state.path.length;
    this.actor.send(eventFor(choice));
    return this.afterStep(before);
  }

  expire(): boolean {
    return this.choose('timeout');
  }

  /** Called when the trainee leaves the feedback for the next node. */
  acknowledge(): void {
    this.showingFeedback = false;
    this.persist();
  }

  private afterStep(before: number): boolean {
    if (this.state.path.length === before) return false;
    this.stepTimes.push(new Date().toISOString());
    this.showingFeedback = true;
    if (this.ended) this.finishedAt = new Date();
    this.persist();
    this.onStep?.(this);
    return true;
  }

  /**
   * Saves the run. Once it has ended the save stays only while the trainee reads the last step's
   * feedback, so a reload there still leads to the debrief; after that the result holds the run.
   */
  persist(): void {
    // A preview (play from here, or a file from disk) never touches the trainee's saved game.
    if (this.preview) return;
    if (this.ended && !this.showingFeedback) {
      discardGame();
      return;
    }
    storeGame({
      format: 2,
      scenario: this.model.id,
      version: this.model.version,
      language: this.language,
      path: this.state.path,
      startedAt: this.startedAt.toISOString(),
      stepTimes: this.stepTimes,
      showingFeedback: this.showingFeedback,
      timer: this.timer,
      seed: this.seed,
      ...(this.run ? { run: this.run, runBy: this.runBy } : {}),
    });
  }

  result(): RunResult {
    return buildResult(this.model, this.state, this.playable.attainable, {
      language: this.language,
      startedAt: this.startedAt,
      finishedAt: this.finishedAt ?? new Date(),
      timer: this.timer,
      stepTimes: this.stepTimes,
      startedFrom: this.startedFrom,
      seed: this.seed,
    });
  }

  stop(): void {
    this.actor.stop();
  }
}

/**
 * The run's actor: resumed where a saved path led (the machine's own state for it), started at a
 * trainer's chosen node, or started afresh.
 */
function startActor(model: PlaySession['model'], options: { resumed?: ResumedRun; from?: StartSetup }): Actor<ScenarioMachine> {
  if (options.from) return createActor(createScenarioMachine(model, options.from)).start();
  const machine = machineOf(model);
  const resumed = options.resumed?.state;
  const snapshot = resumed ? machine.getPersistedSnapshot(machine.resolveState({ value: resumed.node, context: resumed })) : undefined;
  return createActor(machine, snapshot ? { snapshot } : {}).start();
}
