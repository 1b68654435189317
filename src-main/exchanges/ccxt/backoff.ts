// Reconnect delays: exponential so a venue that is down is not hammered, jittered so that many streams dropped by
// the same outage do not reconnect in lockstep, and capped so a long outage still retries at a useful pace.

export interface BackoffPolicy {
  /** Delay before the first retry. */
  initialMs: number;
  /** Growth per failed attempt. */
  factor: number;
  /** No delay is longer than this, jitter included. */
  maxMs: number;
  /** Share of the delay drawn at random (0: none, 1: anywhere from 0 to the full delay). */
  jitter: number;
  /** Failed attempts in a row after which the stream gives up and reports `failed`. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, factor: 2, maxMs: 30_000, jitter: 0.3, maxAttempts: 12 };

/** The exponential part alone: what the jittered delay of `attempt` (1-based) is drawn below. */
export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt - 1));
}

/** The delay before retry number `attempt` (1-based): within [(1 - jitter) × ceiling, ceiling]. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = backoffCeiling(attempt, policy);
  return Math.round(ceiling * (1 - policy.jitter * random()));
}
