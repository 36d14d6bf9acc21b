/**
 * One session, live: the stream opened first (so nothing said meanwhile is missed), then the
 * snapshot, then every stream message applied as it comes. When the venue's network drops, it
 * reconnects with a growing pause and takes a fresh snapshot, since messages sent while it was away
 * are not replayed.
 */
import type { StreamMessage } from '../workshop/protocol';
import { ApiError, type TrainerApi } from './api';
import { applyMessage, parseEventStream, reconnectDelay, roomFromSnapshot, type RoomState } from './aggregate';

export type LinkStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveHandlers {
  room(room: RoomState, message?: StreamMessage): void;
  status(status: LinkStatus): void;
  /** The session is gone (deleted, or never existed). */
  gone(): void;
}

/** The server writes a comment every 15 s; this long without a byte means the link is dead. */
const SILENCE_LIMIT_MS = 40_000;

export class LiveRoom {
  private room: RoomState | undefined;
  private controller: AbortController | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly api: TrainerApi,
    /** The session's join code: the trainer may give it a new one, which the stream then says. */
    public code: string,
    private readonly handlers: LiveHandlers,
  ) {}

  current(): RoomState | undefined {
    return this.room;
  }

  /** A change this dashboard made and the server confirmed: shown now, not only when the stream says it. */
  applyLocal(message: StreamMessage): void {
    if (message.type === 'session') this.code = message.session.code;
    if (!this.room) return;
    this.room = applyMessage(this.room, message);
    this.handlers.room(this.room, message);
  }

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    this.wake?.();
  }

  private async loop(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      this.handlers.status(attempt === 0 && !this.room ? 'connecting' : 'reconnecting');
      try {
        const connected = await this.connect();
        if (connected) attempt = 0;
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 401)) {
          if (error.status === 404) this.handlers.gone();
          return;
        }
      }
      if (this.stopped || this.room?.deleted) return;
      this.handlers.status('reconnecting');
      await this.pause(reconnectDelay(attempt++));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One connection, until it ends; true when it got as far as being live. */
  private async connect(): Promise<boolean> {
    const controller = new AbortController();
    this.controller = controller;
    let silence = setTimeout(() => controller.abort(), SILENCE_LIMIT_MS);
    let live = false;
    try {
      const response = await this.api.stream(this.code, controller.signal);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      // Messages that arrive before the snapshot wait for it, then go on top of it.
      let waiting: StreamMessage[] | undefined;
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        clearTimeout(silence);
        silence = setTimeout(() => controller.abort(), SILENCE_LIMIT_MS);
        const parsed = parseEventStream(buffer + value);
        buffer = parsed.rest;
        for (const data of parsed.data) {
          const message = JSON.parse(data) as StreamMessage | { type: 'hello' };
          if (message.type === 'hello') {
            waiting = [];
            void this.api.snapshot(this.code).then(
              (snapshot) => {
                let room = roomFromSnapshot(snapshot);
                for (const m of waiting ?? []) room = applyMessage(room, m);
                waiting = undefined;
                this.room = room;
                live = true;
                this.handlers.status('live');
                this.handlers.room(room);
              },
              (error: unknown) => {
                if (error instanceof ApiError && error.status === 404) {
                  this.stopped = true;
                  this.handlers.gone();
                }
                controller.abort();
              },
            );
          } else if (waiting) {
            // A new code is followed at once: the snapshot is asked for under it.
            if (message.type === 'session') this.code = message.session.code;
            waiting.push(message);
          } else if (this.room) {
            if (message.type === 'session') this.code = message.session.code;
            this.room = applyMessage(this.room, message);
            this.handlers.room(this.room, message);
            if (message.type === 'session-deleted') {
              this.stopped = true;
              this.handlers.gone();
            }
          }
        }
      }
    } catch (error) {
      if (error instanceof ApiError) throw error;
      // Anything else (the network dropped, the silence limit passed): reconnect.
    } finally {
      clearTimeout(silence);
      controller.abort();
    }
    return live;
  }
}
