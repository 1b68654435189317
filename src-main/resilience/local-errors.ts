// Errors this domain raises itself (open circuit, exhausted budget, full bulkhead) never reached the venue. They must
// not be mistaken for the venue's own answers: retrying them would spin, and feeding our own RATE_LIMITED back into
// the rate budget would extend a pause the venue never asked for.
import { AppError, type ErrorCode } from '../../src-shared';

const local = new WeakSet<Error>();

export function localError(code: ErrorCode, message: string, retryAfterMs?: number): AppError {
  const error = new AppError(code, message, undefined, retryAfterMs === undefined ? {} : { retryAfterMs: Math.ceil(retryAfterMs) });
  local.add(error);
  return error;
}

export function markLocal<E extends Error>(error: E): E {
  local.add(error);
  return error;
}

/** True when the error was raised by this domain before any request was sent. */
export function isLocalError(error: unknown): boolean {
  return error instanceof Error && local.has(error);
}
