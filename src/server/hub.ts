/** The dashboards watching each session: every stored change is pushed to them at once. */
import type { StreamMessage } from '../workshop/protocol';

type Listener = (message: StreamMessage) => void;

export class Hub {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(session: string, listener: Listener): () => void {
    const set = this.listeners.get(session) ?? new Set();
    set.add(listener);
    this.listeners.set(session, set);
    return () => {
      set.delete(listener);
      if (set.size > 0) return;
      // The set may have moved to another code since (see `rename`): drop it wherever it is now.
      for (const [code, listeners] of this.listeners) if (listeners === set) this.listeners.delete(code);
    };
  }

  /** A session got a new join code: its open streams go on under the new one. */
  rename(from: string, to: string): void {
    const set = this.listeners.get(from);
    if (!set) return;
    this.listeners.delete(from);
    this.listeners.set(to, set);
  }

  /** How many dashboards watch a session (nothing need be prepared for none). */
  watching(session: string): number {
    return this.listeners.get(session)?.size ?? 0;
  }

  publish(session: string, message: StreamMessage): void {
    for (const listener of this.listeners.get(session) ?? []) listener(message);
  }
}
