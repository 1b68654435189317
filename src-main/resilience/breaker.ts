// Circuit breaker per venue, on cockatiel's CircuitBreakerPolicy (consecutive-failure counting, the half-open trial
// call). What is ours: which errors mean "the venue is failing", the trader-facing CIRCUIT_OPEN error with the time
// left until the trial call, and a state that is readable without making a call.
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { AppError, type VenueId } from '../../src-shared';
import { isLocalError, localError } from './local-errors';
import { duration, venueName } from './venue-names';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive venue failures that open the circuit. */
  threshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  cooldownMs: number;
}

const HALF_OPEN_BUSY_RETRY_MS = 1_000;

export const DEFAULT_BREAKER: BreakerOptions = { threshold: 5, cooldownMs: 30_000 };

/**
 * Only failures of the venue itself count: it is down, erroring or not answering. A rejected order, bad keys or a
 * rate limit say nothing about the venue's health (the rate budget handles limits), and errors raised here before
 * any request was sent say nothing at all. An error that is not an AppError escaped the adapter's mapping: count it,
 * since a failing venue is the likelier cause than a healthy one.
 */
export function isVenueFailure(error: unknown): boolean {
  if (isLocalError(error)) return false;
  if (!(error instanceof AppError)) return true;
  return error.code === 'VENUE_UNAVAILABLE' || error.code === 'TIMEOUT';
}

export class VenueBreaker {
  private readonly policy: CircuitBreakerPolicy;
  // cockatiel keeps its own open time privately; ours is taken from the same clock (Date.now) at the same event.
  private openedAt = 0;
  private readonly listeners = new Set<(state: BreakerState) => void>();

  constructor(
    readonly venue: VenueId,
    readonly options: BreakerOptions = DEFAULT_BREAKER,
  ) {
    this.policy = circuitBreaker(handleWhen(isVenueFailure), {
      halfOpenAfter: options.cooldownMs,
      breaker: new ConsecutiveBreaker(options.threshold),
    });
    this.policy.onBreak(() => {
      this.openedAt = Date.now();
    });
    this.policy.onStateChange(() => {
      const state = this.state;
      for (const listener of this.listeners) listener(state);
    });
  }

  /**
   * 'half-open' also when the cool-down is over but no call has come yet: cockatiel moves there lazily, on the next
   * call, but the next call is the trial either way, and that is what a trader watching the state needs to know.
   */
  get state(): BreakerState {
    switch (this.policy.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Open:
      case CircuitState.Isolated:
        return this.retryAfterMs() === 0 ? 'half-open' : 'open';
    }
  }

  /** Time until the trial call is allowed; 0 when it is allowed now; undefined when the circuit is closed. */
  retryAfterMs(): number | undefined {
    if (this.policy.state !== CircuitState.Open) return undefined;
    return Math.max(0, this.openedAt + this.options.cooldownMs - Date.now());
  }

  onChange(listener: (state: BreakerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fails fast while open, so that a doomed call does not first spend rate budget or wait in a queue. */
  check(): void {
    const wait = this.retryAfterMs();
    if (wait !== undefined && wait > 0) throw this.openError(wait);
  }

  execute<T>(fn: () => Promise<T>): Promise<T> {
    return this.policy.execute(fn).then(undefined, (error: unknown) => {
      // Half-open with its one trial call still running: the answer is due within one call's timeout, not a cool-down.
      if (error instanceof BrokenCircuitError) throw this.openError(this.retryAfterMs() ?? HALF_OPEN_BUSY_RETRY_MS);
      throw error;
    });
  }

  private openError(wait: number): AppError {
    const name = venueName(this.venue);
    return localError(
      'CIRCUIT_OPEN',
      `${name} failed ${this.options.threshold} times in a row, so calls to it are paused; ` +
        `the app tries again in ${duration(wait)}. Other venues are not affected.`,
      wait,
    );
  }
}
