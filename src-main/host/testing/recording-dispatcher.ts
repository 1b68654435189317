// A Dispatcher (the port between a transport and the API) that answers every request with an empty result and keeps
// the sessions it saw, so transport tests can push to a real connection as fast and as much as they like.
import type { ApiResponse, EventName, EventPayload } from '../../../src-shared';
import type { Dispatcher, Session } from '../../api';

export interface RecordingDispatcher extends Dispatcher {
  readonly sessions: Session[];
  readonly closed: Set<Session>;
  /** Resolves with the next session that sends a request. */
  nextSession(): Promise<Session>;
}

export function recordingDispatcher(): RecordingDispatcher {
  const sessions: Session[] = [];
  const closed = new Set<Session>();
  const waiting: Array<(session: Session) => void> = [];
  return {
    sessions,
    closed,
    nextSession: () => new Promise((resolve) => waiting.push(resolve)),
    async dispatch(channel, _payload, session): Promise<ApiResponse> {
      if (!sessions.includes(session)) {
        sessions.push(session);
        session.onClose(() => closed.add(session));
        waiting.splice(0).forEach((resolve) => resolve(session));
      }
      return { ok: true, result: { channel } };
    },
    broadcast<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const session of sessions) if (!closed.has(session)) session.push(event, payload);
    },
  };
}
