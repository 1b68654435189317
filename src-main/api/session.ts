// A session is one connected renderer: an Electron window or a browser tab over WebSocket. Handlers push events to
// it and tie resources (such as market subscriptions) to its lifetime, without knowing which transport carries it.
import { eventRole, roleAllows, type EventName, type EventPayload, type Role } from '../../src-shared';

export interface Session {
  readonly id: string;
  /** What the session may do: the dispatcher checks every call against it, and `push` every event. */
  readonly role: Role;
  push<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Runs `cleanup` when the session ends; returns a function that cancels the registration. */
  onClose(cleanup: () => void): () => void;
}

/**
 * The transport side of a session: it supplies the sender and calls `close()` when the connection ends. An Electron
 * window is the operator (the desktop user owns the machine); the host gives each WebSocket the role of its token.
 */
export class TransportSession implements Session {
  private readonly cleanups = new Set<() => void>();
  private closed = false;

  constructor(
    readonly id: string,
    private readonly send: (event: EventName, payload: unknown) => void,
    readonly role: Role = 'operator',
  ) {}

  /** Every event reaches a session through here, broadcast or subscribed: the one place its role is checked. */
  push<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (!this.closed && roleAllows(this.role, eventRole(event))) this.send(event, payload);
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
