// A provider's own request limits, counted here so that a provider at its limit is skipped (with that reason) instead
// of called: free tiers answer an over-limit call with an error, and some (Alpha Vantage) count it against the day.
// A local limiter rather than resilience's RateBudget, which is keyed by exchange venue and exchange operation; it
// sits behind this small interface so it can be swapped once resilience offers a generic one.
export interface RateWindow {
  readonly intervalMs: number;
  readonly limit: number;
}

export type Admission = { ok: true } | { ok: false; retryAfterMs: number; reason: string };

export interface ProviderLimiter {
  /** Takes one request from every window if all have room; otherwise says how long until one does. */
  tryAcquire(): Admission;
  /** The provider said "too many requests": nothing goes to it for `ms`. */
  pause(ms: number): void;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export function describeWindow({ intervalMs, limit }: RateWindow): string {
  if (intervalMs === DAY) return `${limit}/day`;
  if (intervalMs === HOUR) return `${limit}/hour`;
  if (intervalMs === MINUTE) return `${limit}/min`;
  return `${limit} per ${Math.round(intervalMs / 1000)} s`;
}

export function describeLimits(windows: readonly RateWindow[]): string {
  return windows.length === 0 ? 'paced by the exchange adapter' : `${windows.map(describeWindow).join(', ')} requests`;
}

/** Sliding-window log: exact for the handful of requests free tiers allow (at most a few hundred per window). */
export class SlidingWindowLimiter implements ProviderLimiter {
  private readonly logs: number[][];
  private pausedUntil = 0;

  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly now: () => number = Date.now,
  ) {
    this.logs = windows.map(() => []);
  }

  tryAcquire(): Admission {
    const now = this.now();
    if (now < this.pausedUntil) {
      return { ok: false, retryAfterMs: this.pausedUntil - now, reason: 'it asked us to slow down' };
    }
    let wait = 0;
    let full: RateWindow | undefined;
    this.windows.forEach((window, index) => {
      const log = this.prune(index, now);
      if (log.length >= window.limit) {
        const until = log[0]! + window.intervalMs - now;
        if (until > wait) {
          wait = until;
          full = window;
        }
      }
    });
    if (full) return { ok: false, retryAfterMs: Math.max(1, wait), reason: `its limit of ${describeWindow(full)} is used up` };
    for (const log of this.logs) log.push(now);
    return { ok: true };
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private prune(index: number, now: number): number[] {
    const log = this.logs[index]!;
    const horizon = now - this.windows[index]!.intervalMs;
    let drop = 0;
    while (drop < log.length && log[drop]! <= horizon) drop++;
    if (drop > 0) log.splice(0, drop);
    return log;
  }
}

export const RATE = { MINUTE, HOUR, DAY };
