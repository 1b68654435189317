// The order of the layers around one venue call, and why:
//   bulkhead → retry → [rate budget → breaker → timeout → call]   for reads
//   bulkhead →          rate budget → breaker → timeout → call    for creates (never repeated)
// The bulkhead is outermost so that a call waiting out a backoff keeps its slot instead of queueing again. The
// rate budget, the breaker and the timeout sit inside the retry because each attempt is a real request: it must be
// paid for under the venue's limits, count for the venue's health, and get its own deadline.
import { AppError } from '../../src-shared';
import type { Bulkhead } from './bulkhead';
import { DeadlineQueue } from './deadline';
import { isLocalError } from './local-errors';
import type { OperationRecord } from './metrics';
import type { RateBudget } from './rate-budget';
import type { ExchangeOperation } from '../exchanges';
import type { ResilienceRegistry, VenueResilience } from './registry';
import { readRetryPolicy } from './retry';
import { duration, venueName } from './venue-names';

export type CallKind = 'read' | 'create';

export class VenuePipeline {
  private readonly shared: VenueResilience;
  private readonly bulkhead: Bulkhead;
  private readonly retry;
  private readonly records = new Map<string, OperationRecord>();
  private readonly readDeadlines: DeadlineQueue;
  private readonly writeDeadlines: DeadlineQueue;
  /** Whether the shared budget has been charged for this adapter's markets (see attempt). */
  private marketsCharged = false;

  constructor(
    private readonly registry: ResilienceRegistry,
    shared: VenueResilience,
    bulkhead: Bulkhead,
    /** The headers of the venue's latest response, when the adapter can tell (see WithResilienceDeps). */
    private readonly lastResponseHeaders?: () => Readonly<Record<string, unknown>> | undefined,
  ) {
    this.shared = shared;
    this.bulkhead = bulkhead;
    this.retry = readRetryPolicy(registry.options.retry);
    this.readDeadlines = new DeadlineQueue(registry.options.readTimeoutMs, registry.options.clock);
    this.writeDeadlines = new DeadlineQueue(registry.options.writeTimeoutMs, registry.options.clock);
  }

  /** A read (or a cancel): repeated on venue failures with growing backoff. `onAttempt` sees each attempt's number. */
  read<T>(operation: ExchangeOperation, metric: string, fn: () => Promise<T>, onAttempt?: (attempt: number) => void): Promise<T> {
    return this.measure(metric, () =>
      this.bulkhead.execute(() =>
        this.retry.execute(({ attempt }) => {
          onAttempt?.(attempt);
          return this.attempt(operation, fn, 'read');
        }),
      ),
    );
  }

  /** Placing an order: exactly one request, whatever happens. */
  create<T>(operation: ExchangeOperation, metric: string, fn: () => Promise<T>): Promise<T> {
    return this.measure(metric, () => this.bulkhead.execute(() => this.attempt(operation, fn, 'create')));
  }

  // Written with then() rather than async/await on purpose: each async layer costs a promise and microtask hops,
  // and this path runs on every venue call (see bench/resilience).
  private measure<T>(metric: string, call: () => Promise<T>): Promise<T> {
    const record = this.record(metric);
    const started = performance.now();
    try {
      // Fails fast while the circuit is open, before the call waits for a slot or spends rate budget.
      this.shared.breaker.check();
    } catch (error) {
      record.record(performance.now() - started, true);
      return Promise.reject(error);
    }
    return call().then(
      (result) => {
        record.record(performance.now() - started, false);
        return result;
      },
      (error: unknown) => {
        record.record(performance.now() - started, true);
        throw error;
      },
    );
  }

  private attempt<T>(operation: ExchangeOperation, fn: () => Promise<T>, kind: CallKind): Promise<T> {
    const sharedBudget = this.shared.sharedBudget;
    if (sharedBudget === undefined) return this.attemptLocal(operation, fn, kind);
    // Shared mode: the weight is taken from the budget of all processes first, then from this one's (which still
    // obeys the venue's 429 and 418).
    const deadline = this.registry.options.clock.now() + this.registry.options.budgetWaitMs;
    // An adapter's first request also loads the venue's markets by itself (ccxt's implicit loadMarkets: Binance's
    // exchangeInfo, weight 20). The local budget learns of it from the venue's used-weight header; the shared one
    // would not, and with several processes (or an account tested again and again, each time a new adapter) that
    // uncounted weight ran past the venue's limit. So the first request pays for it too, once.
    const firstLoad = !this.marketsCharged && operation !== 'markets';
    this.marketsCharged = true;
    const loaded = firstLoad ? sharedBudget.acquire('markets', deadline) : Promise.resolve();
    return loaded.then(() => sharedBudget.acquire(operation, deadline)).then(() => this.attemptLocal(operation, fn, kind));
  }

  private attemptLocal<T>(operation: ExchangeOperation, fn: () => Promise<T>, kind: CallKind): Promise<T> {
    const budget = this.shared.budget;
    // The usual case, room in the budget, stays synchronous; tryReserve throws at once during a ban.
    if (budget.tryReserve(operation) === 0) return this.send(budget, operation, fn, kind);
    const deadline = this.registry.options.clock.now() + this.registry.options.budgetWaitMs;
    return budget.acquire(operation, deadline).then(() => this.send(budget, operation, fn, kind));
  }

  /** The reserved request itself: its cost is settled however it ends. */
  private send<T>(budget: RateBudget, operation: ExchangeOperation, fn: () => Promise<T>, kind: CallKind): Promise<T> {
    return this.shared.breaker.execute(() => this.timed(fn, kind, operation)).then(
      (result) => {
        budget.complete(operation);
        this.correctFromHeaders(budget);
        return result;
      },
      (error: unknown) => {
        budget.complete(operation);
        this.correctFromHeaders(budget);
        // The venue's own 429 and 418 steer the budget of every later call to this venue.
        if (!isLocalError(error)) budget.observeError(error);
        throw error;
      },
    );
  }

  private correctFromHeaders(budget: RateBudget): void {
    // The venue's count includes the other processes' calls: in shared mode the shared budget has them already.
    if (this.shared.sharedBudget) return;
    const headers = this.lastResponseHeaders?.();
    if (headers) budget.observeHeaders(headers);
  }

  private timed<T>(fn: () => Promise<T>, kind: CallKind, operation: ExchangeOperation): Promise<T> {
    const deadlines = kind === 'create' ? this.writeDeadlines : this.readDeadlines;
    return deadlines.run(fn, () => this.timeoutError(kind, operation));
  }

  private timeoutError(kind: CallKind, operation: ExchangeOperation): AppError {
    const name = venueName(this.shared.venue);
    if (kind === 'create') {
      const limit = duration(this.registry.options.writeTimeoutMs);
      // Not a local error: the request may well have reached the venue, which is exactly the problem.
      return new AppError(
        'TIMEOUT',
        `${name} did not confirm the order within ${limit}: it may or may not have been placed. ` +
          'The app is checking by its client order id; do not place it again until it is resolved.',
        false,
      );
    }
    return new AppError('TIMEOUT', `${name} did not answer ${operation} within ${duration(this.registry.options.readTimeoutMs)}.`);
  }

  private record(metric: string): OperationRecord {
    let record = this.records.get(metric);
    if (!record) {
      record = this.registry.metrics.operation(this.shared.venue, metric);
      this.records.set(metric, record);
    }
    return record;
  }
}
