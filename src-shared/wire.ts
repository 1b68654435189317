// Frames of the headless host's WebSocket protocol (`/api`). Documented in docs/host-protocol.md.
import { z } from 'zod';
import { ApiErrorData } from './errors';

/** The subprotocol a client offers; the token travels as a second subprotocol `auth.<token>`. */
export const WIRE_PROTOCOL = 'tbs.v1';
export const AUTH_PROTOCOL_PREFIX = 'auth.';

export const RequestFrame = z.object({
  type: z.literal('req'),
  id: z.number().int().nonnegative(),
  channel: z.string(),
  payload: z.unknown(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

const ResponseBody = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorData }),
]);

export const ResponseFrame = z.object({
  type: z.literal('res'),
  /** The request's id; null when the frame could not be read well enough to know it. */
  id: z.number().int().nonnegative().nullable(),
  response: ResponseBody,
});
export type ResponseFrame = z.infer<typeof ResponseFrame>;

export const EventFrame = z.object({
  type: z.literal('event'),
  event: z.string(),
  payload: z.unknown(),
});
export type EventFrame = z.infer<typeof EventFrame>;

export const ServerFrame = z.discriminatedUnion('type', [ResponseFrame, EventFrame]);
export type ServerFrame = z.infer<typeof ServerFrame>;
