// Venue-side rate limiting for fakes: fixed windows aligned to the interval, as Binance documents ("a 1 MINUTE
// interval starts every minute"), plus the escalation real venues apply to clients that ignore a 429 — after
// `banAfter` requests inside a Retry-After period the address is banned (418) for `banMs`.

export interface WindowSpec {
  id: string;
  intervalMs: number;
  limit: number;
}

/** A window's size without its id: what a fake's options scale per class of endpoint. */
export type LimitSpec = Omit<WindowSpec, 'id'>;

export interface RateDecision {
  /** Rejected: 429 (limit) or 418 (banned); retry after this many ms. */
  rejected?: { status: 429 | 418; retryAfterMs: number; windowId?: string };
  /** Used cost per window after this request (for X-…-USED-… headers). */
  used: Record<string, number>;
}

export interface RateGateOptions {
  windows: WindowSpec[];
  /** Requests sent during a Retry-After period before the ban (default 3). */
  banAfter?: number;
  banMs?: number;
  /**
   * 'clock' (default): windows start on multiples of the interval, as Binance's do. 'first-request': the first
   * window starts at the first request, so a test's burst never straddles a boundary by accident.
   */
  align?: 'clock' | 'first-request';
  now?: () => number;
}

export class RateGate {
  private readonly counts = new Map<string, { start: number; used: number }>();
  private retryUntil = 0;
  private violations = 0;
  private bannedUntil = 0;
  private readonly now: () => number;
  private origin: number | undefined;

  constructor(private readonly options: RateGateOptions) {
    this.now = options.now ?? Date.now;
  }

  private windowStart(window: WindowSpec, now: number): number {
    if (this.options.align !== 'first-request') return Math.floor(now / window.intervalMs) * window.intervalMs;
    this.origin ??= now;
    return this.origin + Math.floor((now - this.origin) / window.intervalMs) * window.intervalMs;
  }

  private used(window: WindowSpec, now: number): number {
    const start = this.windowStart(window, now);
    const entry = this.counts.get(window.id);
    if (!entry || entry.start !== start) {
      this.counts.set(window.id, { start, used: 0 });
      return 0;
    }
    return entry.used;
  }

  /** Charges `costs` (window id → cost) unless a window would overflow or the client is banned. */
  charge(costs: Record<string, number>): RateDecision {
    const now = this.now();
    const usedNow = () => Object.fromEntries(this.options.windows.map((w) => [w.id, this.used(w, now)]));
    if (now < this.bannedUntil) return { rejected: { status: 418, retryAfterMs: this.bannedUntil - now }, used: usedNow() };
    if (now < this.retryUntil) {
      this.violations += 1;
      if (this.violations >= (this.options.banAfter ?? 3)) {
        this.bannedUntil = now + (this.options.banMs ?? 120_000);
        return { rejected: { status: 418, retryAfterMs: this.bannedUntil - now }, used: usedNow() };
      }
    } else {
      this.violations = 0;
    }
    for (const window of this.options.windows) {
      const cost = costs[window.id] ?? 0;
      if (cost > 0 && this.used(window, now) + cost > window.limit) {
        const resetAt = this.windowStart(window, now) + window.intervalMs;
        this.retryUntil = Math.max(this.retryUntil, resetAt);
        return { rejected: { status: 429, retryAfterMs: resetAt - now, windowId: window.id }, used: usedNow() };
      }
    }
    for (const window of this.options.windows) {
      const cost = costs[window.id] ?? 0;
      const used = this.used(window, now);
      this.counts.set(window.id, { start: this.windowStart(window, now), used: used + cost });
    }
    return { used: usedNow() };
  }
}
