// One per app: the breakers and rate budgets of every venue, the bulkheads of every resource class and the
// metrics, so that all adapters of a venue (market data, trading, several accounts on one IP) share one budget
// and one breaker, and the health screen reads them all in one place.
import type { SystemHealth, VenueHealth, VenueId } from '../../src-shared';
import { DEFAULT_BREAKER, VenueBreaker, type BreakerOptions } from './breaker';
import { Bulkhead, DEFAULT_BULKHEADS, RESOURCE_CLASSES, type BulkheadOptions, type ResourceClass } from './bulkhead';
import { systemClock, type Clock } from './clock';
import { Metrics } from './metrics';
import type { ExchangeOperation, RateLimitSpec } from '../exchanges';
import { RateBudget } from './rate-budget';
import { DEFAULT_RETRY, type RetryOptions } from './retry';

export interface ResilienceOptions {
  breaker?: Partial<BreakerOptions>;
  retry?: Partial<RetryOptions>;
  bulkheads?: Partial<Record<ResourceClass, Partial<BulkheadOptions>>>;
  /** Per attempt. A read that times out may be retried; a create that times out has an unknown fate. */
  timeouts?: { readMs?: number; writeMs?: number };
  /** Longest a call waits for the rate budget before it fails with RATE_LIMITED instead. */
  budgetWaitMs?: number;
  clock?: Clock;
}

export interface ResolvedOptions {
  breaker: BreakerOptions;
  retry: RetryOptions;
  readTimeoutMs: number;
  writeTimeoutMs: number;
  budgetWaitMs: number;
  clock: Clock;
}

/** The shared state of one venue. */
export interface VenueResilience {
  readonly venue: VenueId;
  readonly breaker: VenueBreaker;
  /** Replaced once when a venue first used without limits gets its spec; callers read it per call. */
  budget: RateBudget;
  /** In shared mode, the budget all processes spend from, asked before this process's own. */
  sharedBudget?: SharedBudgetPort;
}

/**
 * A rate budget several processes share (src-main/shared-mode): waits until the operation's weight fits and takes
 * it, or throws RATE_LIMITED when that would be after `deadline`.
 */
export interface SharedBudgetPort {
  acquire(operation: ExchangeOperation, deadline: number): Promise<void>;
}

export type SharedBudgetFactory = (venue: VenueId, limits: RateLimitSpec) => SharedBudgetPort;

const NO_LIMITS: RateLimitSpec = { windows: [], costs: {} };

export class ResilienceRegistry {
  readonly metrics = new Metrics();
  readonly options: ResolvedOptions;
  private readonly venues = new Map<VenueId, VenueResilience>();
  private readonly bulkheads: Record<ResourceClass, Bulkhead>;
  private sharedBudgets: SharedBudgetFactory | undefined;

  constructor(options: ResilienceOptions = {}) {
    const clock = options.clock ?? systemClock;
    this.options = {
      breaker: { ...DEFAULT_BREAKER, ...options.breaker },
      retry: { ...DEFAULT_RETRY, ...options.retry },
      readTimeoutMs: options.timeouts?.readMs ?? 10_000,
      writeTimeoutMs: options.timeouts?.writeMs ?? 10_000,
      budgetWaitMs: options.budgetWaitMs ?? 30_000,
      clock,
    };
    const make = (resource: ResourceClass) =>
      new Bulkhead(resource, { ...DEFAULT_BULKHEADS[resource], ...options.bulkheads?.[resource] }, clock);
    this.bulkheads = { exchange: make('exchange'), 'market-data': make('market-data'), notifications: make('notifications') };
  }

  /**
   * The venue's breaker and budget, created on first use. The first caller with a spec sets the venue's limits
   * (a venue has one set of limits whichever adapter asks); without one the venue is not rate-limited here.
   */
  venue(venue: VenueId, limits?: RateLimitSpec): VenueResilience {
    const existing = this.venues.get(venue);
    if (existing) {
      if (limits && existing.budget.spec === NO_LIMITS) {
        existing.budget = new RateBudget(venue, limits, this.options.clock);
        this.attachShared(existing);
      }
      return existing;
    }
    const entry: VenueResilience = {
      venue,
      breaker: new VenueBreaker(venue, this.options.breaker),
      budget: new RateBudget(venue, limits ?? NO_LIMITS, this.options.clock),
    };
    this.attachShared(entry);
    this.venues.set(venue, entry);
    return entry;
  }

  /** Shared mode: every venue with limits also spends from a budget shared with the other processes. */
  shareBudgets(factory: SharedBudgetFactory): void {
    this.sharedBudgets = factory;
    for (const entry of this.venues.values()) this.attachShared(entry);
  }

  private attachShared(entry: VenueResilience): void {
    if (this.sharedBudgets && entry.budget.spec !== NO_LIMITS) entry.sharedBudget = this.sharedBudgets(entry.venue, entry.budget.spec);
  }

  bulkhead(resource: ResourceClass): Bulkhead {
    return this.bulkheads[resource];
  }

  snapshot(): SystemHealth {
    return {
      venues: [...this.venues.values()].map(venueHealth),
      operations: this.metrics.snapshot(),
    };
  }

  bulkheadSnapshot() {
    return RESOURCE_CLASSES.map((resource) => this.bulkheads[resource].snapshot());
  }
}

function venueHealth({ venue, breaker, budget }: VenueResilience): VenueHealth {
  const rate = budget.snapshot();
  const health: VenueHealth = { venue, breaker: breaker.state, rateBudget: { windows: rate.windows } };
  const retryAfterMs = breaker.retryAfterMs();
  if (retryAfterMs !== undefined) health.retryAfterMs = Math.ceil(retryAfterMs);
  if (rate.pausedUntil !== undefined) health.pausedUntil = rate.pausedUntil;
  if (rate.bannedUntil !== undefined) health.bannedUntil = rate.bannedUntil;
  return health;
}
