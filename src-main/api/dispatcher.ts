// The transport-agnostic entry to every service: validates a request against the contract, calls its handler, and
// answers with data — never a thrown error — so that IPC and WebSocket carry the same `{ ok, result | error }`.
import {
  describeZodIssues,
  AppError,
  channelRole,
  contract,
  isChannel,
  readOnlyMessage,
  roleAllows,
  type ApiResponse,
  type Channel,
  type EventName,
  type EventPayload,
  type ParsedReq,
  type Res,
} from '../../src-shared';
import type { Session } from './session';

export type Handler<C extends Channel> = (request: ParsedReq<C>, session: Session) => Promise<Res<C>> | Res<C>;
export type Handlers = { [C in Channel]: Handler<C> };

export interface Dispatcher {
  dispatch(channel: unknown, payload: unknown, session: Session): Promise<ApiResponse>;
  /**
   * Pushes an event to every open session (order fills, balance changes, alerts): state that every window shows,
   * unlike a market subscription, which belongs to the session that made it.
   */
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export function toErrorData(error: unknown, channel: string): ApiResponse & { ok: false } {
  if (error instanceof AppError) return { ok: false, error: error.toData() };
  // An unexpected failure is a bug: log it in full here, send only its message across.
  console.error(`${channel} failed`, error);
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'INTERNAL', message: `${channel} failed: ${message}`, retryable: false } };
}

export function createDispatcher(handlers: Handlers): Dispatcher {
  // Every session that has called at least once (each renderer starts with `app:info`), until it closes.
  const sessions = new Set<Session>();
  const track = (session: Session): void => {
    if (sessions.has(session)) return;
    sessions.add(session);
    session.onClose(() => sessions.delete(session));
  };
  return {
    broadcast(event, payload) {
      for (const session of sessions) session.push(event, payload);
    },
    async dispatch(channel, payload, session) {
      track(session);
      if (!isChannel(channel)) {
        const name = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no such channel: ${name}`, retryable: false } };
      }
      // Before the payload is even read: a refused role gets no work done and learns nothing from validation.
      if (!roleAllows(session.role, channelRole(channel))) {
        return { ok: false, error: { code: 'FORBIDDEN', message: readOnlyMessage(channel), retryable: false } };
      }
      const spec = contract[channel];
      const parsed = spec.req.safeParse(payload ?? {});
      if (!parsed.success) {
        const message = `${channel}: ${describeZodIssues(parsed.error)}`;
        return { ok: false, error: { code: 'INVALID_REQUEST', message, retryable: false } };
      }
      try {
        const handler = handlers[channel] as Handler<typeof channel>;
        const result = await handler(parsed.data as never, session);
        // Parsing the result strips any field the contract does not name, so nothing extra (a secret, a handle)
        // can ride along to the renderer.
        return { ok: true, result: spec.res.parse(result) };
      } catch (error) {
        return toErrorData(error, channel);
      }
    },
  };
}
