// A venue's REST allowance, spent before each request so that calls stay below the venue's limits instead of
// learning them from 429s. Also where the venue's own signals land: Retry-After pauses this venue's REST, a ban
// (Binance 418) stops it entirely until the ban ends, and the server's count of used weight corrects ours upward.
import { AppError, type VenueId } from '../../src-shared';
import { sleep, systemClock, type Clock } from './clock';
import { localError } from './local-errors';
import type { ExchangeOperation, OperationCost, RateLimitSpec } from '../exchanges';
import { SlidingWindow } from './sliding-window';
import { clockTime, duration, venueName } from './venue-names';

const DEFAULT_SAFETY_MARGIN = 0.1;
const DEFAULT_COST: OperationCost = {};
/** How long to pause after a 429 that names no Retry-After: long enough for a per-second window to roll over. */
const FALLBACK_RETRY_AFTER_MS = 1_000;
/** How long to stop after a ban that names no end: Binance's shortest ban is 2 minutes. */
const FALLBACK_BAN_MS = 120_000;
/** While only in-flight calls block a window, check again this often (their completion frees nothing sooner). */
const IN_FLIGHT_POLL_MS = 10;

export interface RateBudgetWindowSnapshot {
  id: string;
  used: number;
  limit: number;
}

export interface RateBudgetSnapshot {
  windows: RateBudgetWindowSnapshot[];
  pausedUntil?: number;
  bannedUntil?: number;
}

export class RateBudget {
  private readonly windows: SlidingWindow[];
  private readonly costCache = new Map<string, Array<[SlidingWindow, number]>>();
  private pausedUntil = 0;
  private bannedUntil = 0;

  constructor(
    readonly venue: VenueId,
    readonly spec: RateLimitSpec,
    private readonly clock: Clock = systemClock,
  ) {
    const margin = spec.safetyMargin ?? DEFAULT_SAFETY_MARGIN;
    this.windows = spec.windows.map((window) => new SlidingWindow(window, margin));
  }

  /**
   * Reserves `operation`'s cost if it fits now and returns 0 (the caller must then call `complete`), or returns how
   * long to wait before trying again. Throws BANNED during a ban: no request may leave for this venue then.
   */
  tryReserve(operation: ExchangeOperation): number {
    const now = this.clock.now();
    if (now < this.bannedUntil) throw this.bannedError(now);
    if (now < this.pausedUntil) return this.pausedUntil - now;
    const charges = this.charges(operation);
    let wait = 0;
    for (const [window, cost] of charges) wait = Math.max(wait, window.waitFor(cost, now));
    if (wait > 0) return wait === Infinity ? IN_FLIGHT_POLL_MS : wait;
    for (const [window, cost] of charges) window.reserve(cost);
    return 0;
  }

  /** Waits until `operation` fits (or throws RATE_LIMITED when that is later than `deadline`), then reserves it. */
  async acquire(operation: ExchangeOperation, deadline: number): Promise<void> {
    for (;;) {
      const wait = this.tryReserve(operation);
      if (wait === 0) return;
      const now = this.clock.now();
      if (now + wait > deadline) {
        throw localError(
          'RATE_LIMITED',
          `${venueName(this.venue)}'s request limit is used up for now; try again in ${duration(wait)}.`,
          wait,
        );
      }
      await sleep(this.clock, wait);
    }
  }

  /** The reserved call has answered (successfully or not): it keeps counting for one interval from now. */
  complete(operation: ExchangeOperation): void {
    const now = this.clock.now();
    for (const [window, cost] of this.charges(operation)) window.complete(cost, now);
  }

  /** The venue answered 429 with Retry-After: no REST to it until then. */
  pause(retryAfterMs: number = FALLBACK_RETRY_AFTER_MS): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + retryAfterMs);
  }

  /** The venue banned this address (Binance 418): every call fails at once until the ban ends. */
  ban(retryAfterMs: number = FALLBACK_BAN_MS): void {
    this.bannedUntil = Math.max(this.bannedUntil, this.clock.now() + retryAfterMs);
  }

  /**
   * The server's own count of the cost used in a window (Binance `X-MBX-USED-WEIGHT-1M`). When it exceeds ours,
   * something else spends from the same allowance (another app on this IP, ccxt's implicit calls): add the
   * difference so that we slow down too. A lower count is ignored: the venue's fixed window may just have reset,
   * and our stricter sliding count is the safe one.
   */
  reportUsed(windowId: string, used: number): void {
    const window = this.windows.find((w) => w.spec.id === windowId);
    if (!window || !Number.isFinite(used)) return;
    const now = this.clock.now();
    const ours = window.used(now);
    if (used > ours) window.add(used - ours, now);
  }

  /**
   * Reads the used-cost headers the spec names (`usedHeaders`) from a response's headers, in any letter case
   * (ccxt hands them over as `X-Mbx-Used-Weight-1m`).
   */
  observeHeaders(headers: Readonly<Record<string, unknown>>): void {
    const wanted = this.spec.usedHeaders;
    if (!wanted) return;
    const byName = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    for (const [windowId, header] of Object.entries(wanted)) {
      const value = byName.get(header.toLowerCase());
      if (typeof value === 'string' || typeof value === 'number') this.reportUsed(windowId, Number(value));
    }
  }

  /** Feeds an error from the venue: a 429 pauses, a 418 bans. Other errors are not the budget's business. */
  observeError(error: unknown): void {
    if (!(error instanceof AppError)) return;
    if (error.code === 'RATE_LIMITED') this.pause(error.retryAfterMs);
    else if (error.code === 'BANNED') this.ban(error.retryAfterMs);
  }

  snapshot(): RateBudgetSnapshot {
    const now = this.clock.now();
    const snapshot: RateBudgetSnapshot = {
      windows: this.windows.map((w) => ({ id: w.spec.id, used: w.used(now), limit: w.limit })),
    };
    if (now < this.pausedUntil) snapshot.pausedUntil = this.pausedUntil;
    if (now < this.bannedUntil) snapshot.bannedUntil = this.bannedUntil;
    return snapshot;
  }

  private bannedError(now: number): AppError {
    const name = venueName(this.venue);
    return localError(
      'BANNED',
      `${name} has banned this address for sending too many requests, until ${clockTime(this.bannedUntil)}. ` +
        `No requests are sent to ${name} until then; other venues are not affected.`,
      this.bannedUntil - now,
    );
  }

  private charges(operation: ExchangeOperation): Array<[SlidingWindow, number]> {
    let charges = this.costCache.get(operation);
    if (!charges) {
      const cost = this.spec.costs[operation] ?? this.spec.defaultCost ?? DEFAULT_COST;
      // Without a default, an unlisted operation costs 1 in every window: never free, never a guess that is too low.
      const explicit = this.spec.costs[operation] !== undefined || this.spec.defaultCost !== undefined;
      charges = this.windows.map((w): [SlidingWindow, number] => [w, explicit ? (cost[w.spec.id] ?? 0) : 1]);
      for (const [window, amount] of charges) {
        if (amount > window.limit) {
          throw new AppError('INTERNAL', `${operation} costs ${amount} in ${window.spec.id}, above its limit ${window.limit}`);
        }
      }
      this.costCache.set(operation, charges);
    }
    return charges;
  }
}
