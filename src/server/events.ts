/**
 * Taking in what trainees' games send. Each event is checked against the scenario with the engine's
 * own rules (the run must be the sender's, the step the next one, the choice offered there), so the
 * server scores runs itself and a forged or replayed event can't change anyone's results. Batches
 * that arrive together share one commit, each in its own savepoint; a reply is sent only after the
 * commit.
 */
import { isEnded, isStuck, replay, shownChoices, startRun, step, type RunState, type ScenarioModel } from '../engine';
import type { EventAck, WorkshopEvent } from '../workshop/protocol';
import type { EventRow, SessionRow, Store, TraineeRow } from './db';
import type { ReadyScenario, ScenarioCatalog } from './scenarios';

interface Accepted {
  acks: EventAck[];
  changedRuns: string[];
}

interface QueuedBatch {
  trainee: TraineeRow;
  session: SessionRow;
  events: readonly WorkshopEvent[];
  now: Date;
  resolve: (accepted: Accepted) => void;
  reject: (error: unknown) => void;
}

type Outcome = { accepted: Accepted } | { error: unknown };
type RunMoves = Map<string, { model: ScenarioModel; state: RunState } | null>;

/** Open runs' states remembered at most; past this they are forgotten (a miss replays from the file). */
const REMEMBERED_RUNS = 10_000;

/** A client's time clamped to [earliest, now] and written in UTC, as every time the server keeps. */
function serverTime(at: string, earliest: string, now: Date): string {
  const sent = Date.parse(at);
  const kept = Math.min(Math.max(Number.isNaN(sent) ? now.getTime() : sent, Date.parse(earliest)), now.getTime());
  return new Date(kept).toISOString();
}

type Verdict = { status: 'stored'; run: string } | { status: 'duplicate' } | { status: 'rejected'; reason: string };

export class EventIntake {
  /**
   * Each open run's state after its stored decisions, so a decision doesn't replay the whole run;
   * with the model it was reached in (a trainer may replace their file while runs are under way).
   */
  private readonly states = new Map<string, { model: ScenarioModel; state: RunState }>();

  constructor(
    private readonly store: Store,
    private readonly catalog: ScenarioCatalog,
  ) {}

  /** Batches waiting for the next commit. */
  private queue: QueuedBatch[] = [];

  /**
   * Stores what can be stored; resolves, once committed, to a verdict per event (in order) and the
   * runs that changed. Batches that arrive together (in one turn of the event loop) share one
   * transaction: one commit for many requests, and still no reply before its events are committed.
   */
  submit(trainee: TraineeRow, session: SessionRow, events: readonly WorkshopEvent[], now: Date): Promise<Accepted> {
    return new Promise((resolve, reject) => {
      this.queue.push({ trainee, session, events, now, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  private commitQueued(): void {
    const batches = this.queue;
    this.queue = [];
    /** Runs these batches moved on: their new state, or null once finished. */
    const pending: RunMoves = new Map();
    let outcomes: Outcome[];
    try {
      outcomes = this.store.db.transaction(() => batches.map((batch) => this.judgeInSavepoint(batch, pending)))();
    } catch (error) {
      // The commit failed: nothing was stored. What the store remembers may be ahead of the file.
      this.store.forgetRemembered();
      for (const batch of batches) batch.reject(error);
      return;
    }
    // Only now, with the batches committed, may the remembered states move on.
    for (const [run, moved] of pending) {
      if (moved) this.states.set(run, moved);
      else this.states.delete(run);
    }
    if (this.states.size > REMEMBERED_RUNS) this.states.clear();
    batches.forEach((batch, i) => {
      const outcome = outcomes[i]!;
      if ('accepted' in outcome) batch.resolve(outcome.accepted);
      else batch.reject(outcome.error);
    });
  }

  /** One batch in a savepoint of its own: if it fails, it alone is undone and answered with an error. */
  private judgeInSavepoint(batch: QueuedBatch, pending: RunMoves): Outcome {
    const moves: RunMoves = new Map(pending);
    try {
      const accepted = this.store.db.transaction(() => this.judgeBatch(batch, moves))();
      for (const [run, moved] of moves) pending.set(run, moved);
      return { accepted };
    } catch (error) {
      this.store.forgetRemembered();
      return { error };
    }
  }

  private judgeBatch(batch: QueuedBatch, pending: RunMoves): Accepted {
    const scenarios = this.catalog.ofSession(this.store, batch.session);
    const changed = new Set<string>();
    const acks = batch.events.map((event): EventAck => {
      const verdict = this.judge(batch.trainee, scenarios, event, pending, batch.now);
      if (verdict.status === 'stored') changed.add(verdict.run);
      return verdict.status === 'rejected'
        ? { id: event.id, status: 'rejected', reason: verdict.reason }
        : { id: event.id, status: verdict.status };
    });
    return { acks, changedRuns: [...changed] };
  }

  /** Forgets remembered states (a session was deleted). */
  forget(): void {
    this.states.clear();
  }

  private judge(trainee: TraineeRow, scenarios: Map<string, ReadyScenario>, event: WorkshopEvent, pending: RunMoves, now: Date): Verdict {
    const known = this.store.event(event.id);
    if (known) return known.trainee_id === trainee.id ? { status: 'duplicate' } : { status: 'rejected', reason: 'id-conflict' };
    const scenario = scenarios.get(event.scenario);
    if (!scenario) return { status: 'rejected', reason: 'unknown-scenario' };
    const model = scenario.playable.model;
    const run = this.store.run(event.run);
    if (run && (run.trainee_id !== trainee.id || run.scenario_id !== event.scenario)) return { status: 'rejected', reason: 'run-conflict' };
    if (model.version !== event.version || (run && run.version !== event.version))
      return { status: 'rejected', reason: 'version-mismatch' };
    if (run?.finished_at) return { status: 'rejected', reason: 'run-finished' };

    // The device's clock may be wrong (or lie): the time kept is in UTC, no earlier than the trainee
    // joined and no later than the server received it. The event as sent stays in `body`.
    const at = serverTime(event.at, trainee.joined_at, now);
    const row: EventRow = {
      id: event.id,
      trainee_id: trainee.id,
      run_id: event.run,
      kind: event.kind,
      seq: null,
      node: null,
      choice: null,
      at,
      received_at: now.toISOString(),
      body: JSON.stringify(event),
    };
    // A run is made by its first stored event: usually its start, but a start that never arrived
    // must not keep the decisions after it out (and a late start still fills in the language).
    const addRun = (language: string | null = null, timer: string | null = null) => {
      if (!run)
        this.store.addRun({
          id: event.run,
          trainee: trainee.id,
          scenario: event.scenario,
          version: event.version,
          at,
          language,
          timer,
        });
    };

    if (event.kind === 'start') {
      if (run?.language) return { status: 'rejected', reason: 'already-started' };
      if (run) this.store.setRunStart(event.run, event.language, event.timer, at);
      addRun(event.language, event.timer);
      this.store.addEvent(row);
      return { status: 'stored', run: event.run };
    }

    const state = run ? this.stateOf(event.run, model, pending) : startRun(model);
    if (!state) return { status: 'rejected', reason: 'run-damaged' };
    if (event.kind === 'decision') {
      if (event.seq !== state.path.length)
        return { status: 'rejected', reason: event.seq < state.path.length ? 'step-taken' : 'out-of-order' };
      if (event.node !== state.node) return { status: 'rejected', reason: 'wrong-node' };
      const next = step(model, state, event.choice);
      if (!next) return { status: 'rejected', reason: 'not-offered' };
      // The run's id is its seed: the server knows the order the trainee saw, and checks the position.
      if (
        event.position !== undefined &&
        event.position !== shownChoices(model, state, event.run).findIndex((c) => c.id === event.choice) + 1
      ) {
        return { status: 'rejected', reason: 'wrong-position' };
      }
      addRun();
      this.store.addEvent({ ...row, seq: event.seq, node: event.node, choice: event.choice });
      pending.set(event.run, { model, state: next });
    } else {
      if (event.steps !== state.path.length) return { status: 'rejected', reason: 'out-of-order' };
      const endedHere = isEnded(model, state) ? event.ending === state.node : event.ending === null && isStuck(model, state);
      if (!endedHere) return { status: 'rejected', reason: 'wrong-ending' };
      const node = model.nodes[state.node]!;
      addRun();
      this.store.addEvent(row);
      // The skills are the server's own replay of the stored choices, never the client's word.
      this.store.finishRun(event.run, at, event.ending, node.kind === 'ending' ? node.ending : null, state.skills);
      pending.set(event.run, null);
    }
    return { status: 'stored', run: event.run };
  }

  /** A stored run's state: moved on in this batch, remembered, or replayed from its decisions. */
  private stateOf(
    run: string,
    model: ScenarioModel,
    pending: ReadonlyMap<string, { model: ScenarioModel; state: RunState } | null>,
  ): RunState | undefined {
    const known = pending.get(run) ?? this.states.get(run);
    if (known?.model === model) return known.state;
    const path = this.store.decisions(run).map((d) => ({ node: d.node!, choice: d.choice! }));
    const state = replay(model, path, startRun(model))?.at(-1);
    if (state) this.states.set(run, { model, state });
    return state;
  }
}
