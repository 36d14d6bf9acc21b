/** The dashboards watching each session: every stored change is pushed to them at once. */
import type { ServerResponse } from 'node:http';
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

/**
 * A dashboard's stream holds at most this much that its connection hasn't taken yet. A dashboard that
 * stops reading (a laptop asleep, a stalled network) is cut off past it rather than held in memory
 * without bound; a dashboard that is still there reconnects and reloads the room.
 */
export const STREAM_BUFFER_LIMIT_BYTES = 1024 * 1024;

/**
 * Opens a server-sent event stream on a response; returns a writer that sends one message, or does
 * nothing once the stream is closed. The stream is closed when its unsent backlog passes `limit`.
 */
export function openEventStream(out: ServerResponse, limit = STREAM_BUFFER_LIMIT_BYTES): (text: string) => void {
  out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  return (text) => {
    // Nothing is written once the stream has ended (writing after the end would be an error).
    if (out.writableEnded || out.destroyed) return;
    out.write(text);
    if (out.writableLength > limit) out.destroy();
  };
}
