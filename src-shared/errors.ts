// Errors cross the process boundary as data with a stable code. The code says what happens next: whether to retry
// later, fix the input, re-enter keys, or wait for the venue.
import { z } from 'zod';

export const ERROR_CODES = [
  /** The request names no channel of the contract. */
  'UNKNOWN_CHANNEL',
  /** The request's payload failed the contract's schema: fix the input. */
  'INVALID_REQUEST',
  /** A transport frame could not be read at all. */
  'BAD_FRAME',
  /** The caller is not allowed (wrong token, untrusted sender). */
  'UNAUTHORIZED',
  /** The caller is known but its role may not do this (the viewer token is read-only): not worth retrying. */
  'FORBIDDEN',
  /** The thing asked for does not exist (unknown symbol, subscription...). */
  'NOT_FOUND',
  /** The transport to main dropped before an answer came: try again once it reconnects. */
  'DISCONNECTED',
  /** The request took longer than its deadline. */
  'TIMEOUT',
  /** A connection holds as many market subscriptions as it may: end some before starting more. */
  'TOO_MANY_SUBSCRIPTIONS',
  /** The venue or provider is unreachable or failing: retry later. */
  'VENUE_UNAVAILABLE',
  /** Calls to this venue are paused after repeated failures (circuit open): retry after the cool-down. */
  'CIRCUIT_OPEN',
  /** The venue's rate limit was reached: retry after `retryAfterMs`. */
  'RATE_LIMITED',
  /** The venue banned this address for exceeding its limits (Binance 418): no calls until the ban ends. */
  'BANNED',
  /** The venue refused the API key or its permissions: re-enter or fix the keys. */
  'AUTH_FAILED',
  /** Not enough balance for the order. */
  'INSUFFICIENT_FUNDS',
  /** The venue refused the order itself (precision, minimums, market closed…): fix the order. */
  'ORDER_REJECTED',
  /** A risk limit or the engaged kill switch refuses the order: the message names the limit and the figures. */
  'RISK_LIMIT',
  /** The encrypted key file is locked: enter its passphrase (`secrets:unlock`), then try again. */
  'SECRETS_LOCKED',
  /** The passphrase does not open the key file: nothing was changed; type it again. */
  'WRONG_PASSPHRASE',
  /** No key store answers on this machine (no Secret Service): keys cannot be stored until one is set up. */
  'SECRETS_UNAVAILABLE',
  /**
   * Signing in to the product's account failed or was refused (wrong state, a token that does not verify, the user
   * declined, the code expired…): nothing was stored; the message says what happened and what to do.
   */
  'SIGN_IN_FAILED',
  /**
   * The plan does not include this (a live order on an account beyond Free's allowance, SMS alerts…): the message says
   * what Pro adds and how to upgrade or renew. Never raised for viewing, cancelling, the kill switch or closing.
   */
  'PLAN_REQUIRED',
  /** Everything else: a bug; the message says what failed. */
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorData = z.object({
  code: ErrorCode,
  message: z.string(),
  retryable: z.boolean(),
  /** When a retry can succeed (rate limit, ban, open circuit), in milliseconds from now. */
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type ApiErrorData = z.infer<typeof ApiErrorData>;

const RETRYABLE: Record<ErrorCode, boolean> = {
  UNKNOWN_CHANNEL: false,
  INVALID_REQUEST: false,
  BAD_FRAME: false,
  UNAUTHORIZED: false,
  FORBIDDEN: false,
  NOT_FOUND: false,
  DISCONNECTED: true,
  TIMEOUT: true,
  TOO_MANY_SUBSCRIPTIONS: false,
  VENUE_UNAVAILABLE: true,
  CIRCUIT_OPEN: true,
  RATE_LIMITED: true,
  BANNED: true,
  AUTH_FAILED: false,
  INSUFFICIENT_FUNDS: false,
  ORDER_REJECTED: false,
  RISK_LIMIT: false,
  SECRETS_LOCKED: false,
  WRONG_PASSPHRASE: false,
  SECRETS_UNAVAILABLE: false,
  SIGN_IN_FAILED: false,
  PLAN_REQUIRED: false,
  INTERNAL: false,
};

/** An error with a code, thrown by services and rebuilt by the renderer's client from `ApiErrorData`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, retryable: boolean = RETRYABLE[code], options: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = retryable;
    this.retryAfterMs = options.retryAfterMs;
  }

  toData(): ApiErrorData {
    const data: ApiErrorData = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.retryAfterMs !== undefined) data.retryAfterMs = Math.max(0, Math.round(this.retryAfterMs));
    return data;
  }

  static fromData(data: ApiErrorData): AppError {
    return new AppError(data.code, data.message, data.retryable, data.retryAfterMs === undefined ? {} : { retryAfterMs: data.retryAfterMs });
  }
}

/** Any thrown value as the contract carries it: an AppError keeps its code, anything else is INTERNAL. */
export function errorDataOf(error: unknown): ApiErrorData {
  if (error instanceof AppError) return error.toData();
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), retryable: false };
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Ends an exhaustive switch: the compiler proves it is unreachable, and at run time it names the value. */
export function assertNever(value: never): never {
  throw new AppError('INTERNAL', `unhandled case: ${JSON.stringify(value)}`);
}
