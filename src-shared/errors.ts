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

/**
 * What a screen needs to say a failure in the reader's language: `reason` names the sentence (`killSwitch`,
 * `limit.maxOrderNotional`, `order.minNotional`…), `params` its values. The English `message` stays for logs and for
 * clients that do not translate; a screen shows the translation of code + reason + params.
 */
export const ErrorParams = z.record(z.string().max(64), z.union([z.string().max(2_000), z.number()]));
export type ErrorParams = z.infer<typeof ErrorParams>;

export const ApiErrorData = z.object({
  code: ErrorCode,
  message: z.string(),
  reason: z.string().max(64).optional(),
  params: ErrorParams.optional(),
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

export interface AppErrorOptions {
  retryAfterMs?: number;
  cause?: unknown;
  reason?: string;
  params?: ErrorParams;
}

/** An error with a code, thrown by services and rebuilt by the renderer's client from `ApiErrorData`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly reason: string | undefined;
  readonly params: ErrorParams | undefined;

  constructor(code: ErrorCode, message: string, retryable: boolean = RETRYABLE[code], options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.reason = options.reason;
    this.params = options.params;
  }

  /** An error whose sentence a screen translates: `reason` and `params` as ApiErrorData describes them. */
  static because(code: ErrorCode, reason: string, params: ErrorParams, message: string): AppError {
    return new AppError(code, message, RETRYABLE[code], { reason, params });
  }

  toData(): ApiErrorData {
    const data: ApiErrorData = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.retryAfterMs !== undefined) data.retryAfterMs = Math.max(0, Math.round(this.retryAfterMs));
    if (this.reason !== undefined) data.reason = this.reason;
    if (this.params !== undefined) data.params = this.params;
    return data;
  }

  static fromData(data: ApiErrorData): AppError {
    const options: AppErrorOptions = {};
    if (data.retryAfterMs !== undefined) options.retryAfterMs = data.retryAfterMs;
    if (data.reason !== undefined) options.reason = data.reason;
    if (data.params !== undefined) options.params = data.params;
    return new AppError(data.code, data.message, data.retryable, options);
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
