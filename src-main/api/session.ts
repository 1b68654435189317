// A session is one connected renderer: an Electron window or a browser tab over WebSocket. Handlers push events to
// it and tie resources (such as market subscriptions) to its lifetime, without knowing which transport carries it.
import type { EventName, EventPayload } from '../../src-shared';

export interface Session {
  readonly id: string;
  push<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Runs `cleanup` when the session ends; returns a function that cancels the registration. */
  onClose(cleanup: () => void): () => void;
}

/** The transport side of a session: it supplies the sender and calls `close()` when the connection ends. */
export class TransportSession implements Session {
  private readonly cleanups = new Set<() => void>();
  private closed = false;

  constructor(
    readonly id: string,
    private readonly send: (event: EventName, payload: unknown) => void,
  ) {}

  push<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (!this.closed) this.send(event, payload);
  }

  onClose(cleanup: () => void): () => void {
    if (this.closed) {
      cleanup();
      return () => {};
    }
    this.cleanups.add(cleanup);
    return () => this.cleanups.delete(cleanup);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const cleanup of this.cleanups) {
      try {
        cleanup();
      } catch (error) {
        console.error(`session ${this.id}: cleanup failed`, error);
      }
    }
    this.cleanups.clear();
  }
}
