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
      if (set.size === 0) this.listeners.delete(session);
    };
  }

  /** How many dashboards watch a session (nothing need be prepared for none). */
  watching(session: string): number {
    return this.listeners.get(session)?.size ?? 0;
  }

  publish(session: string, message: StreamMessage): void {
    for (const listener of this.listeners.get(session) ?? []) listener(message);
  }
}
