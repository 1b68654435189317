// Retry for reads only, on cockatiel's RetryPolicy. What is ours: which errors are worth repeating, and a backoff
// that grows with every attempt (jitter spreads clients apart without ever shrinking the wait) and never retries a
// rate-limited call before the venue's Retry-After.
import { handleWhen, retry, type IBackoff, type IBackoffFactory, type IRetryBackoffContext, type RetryPolicy } from 'cockatiel';
import { AppError } from '../../src-shared';
import { isLocalError } from './local-errors';

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Delay before the first retry; doubles with each one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Fraction of each delay taken off at random, 0..0.5. At most 0.5 so that the shortest next delay (2d × 0.5) is
   * never below the longest previous one (d): the waits grow however the dice fall.
   */
  jitter: number;
  /** Uniform in [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8_000, jitter: 0.5 };

/**
 * A venue that is down or slow may answer the next time; a 429 will after its Retry-After. Nothing else is repeated:
 * bad input, bad keys and rejected orders fail the same way again; a ban lasts minutes to days; an open circuit and
 * our own refusals (full budget, full queue) were never sent, and repeating them would only spin.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof AppError) || isLocalError(error)) return false;
  return error.code === 'VENUE_UNAVAILABLE' || error.code === 'TIMEOUT' || error.code === 'RATE_LIMITED';
}

/**
 * The delay before retry number `attempt` (1-based) for a given random draw: exported for tests. Never below the
 * previous retry's ceiling, which also keeps the waits growing once they reach `maxDelayMs` (there the jitter
 * range closes: a venue that has failed this long gets the longest wait, not a random shorter one).
 */
export function backoffDelay(options: RetryOptions, attempt: number, draw: number): number {
  const ceilingOf = (n: number) => (n < 1 ? 0 : Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (n - 1)));
  const ceiling = ceilingOf(attempt);
  const jitter = Math.min(0.5, Math.max(0, options.jitter));
  return Math.round(Math.max(ceilingOf(attempt - 1), ceiling * (1 - jitter * draw)));
}

class GrowingJitterBackoff implements IBackoff<IRetryBackoffContext<unknown>> {
  constructor(
    private readonly options: RetryOptions,
    readonly duration: number,
  ) {}

  next(context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    return GrowingJitterBackoff.for(this.options, context);
  }

  static for(options: RetryOptions, context: IRetryBackoffContext<unknown>): GrowingJitterBackoff {
    const delay = backoffDelay(options, context.attempt, (options.random ?? Math.random)());
    const error = 'error' in context.result ? context.result.error : undefined;
    const retryAfter = error instanceof AppError && error.code === 'RATE_LIMITED' ? (error.retryAfterMs ?? 0) : 0;
    return new GrowingJitterBackoff(options, Math.max(delay, retryAfter));
  }
}

export function readRetryPolicy(options: RetryOptions = DEFAULT_RETRY): RetryPolicy {
  const backoff: IBackoffFactory<IRetryBackoffContext<unknown>> = {
    next: (context) => GrowingJitterBackoff.for(options, context),
  };
  return retry(handleWhen(isRetryable), { maxAttempts: options.maxRetries, backoff });
}
