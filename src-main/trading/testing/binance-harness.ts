// The order service against the fake Binance through real ccxt and the same resilience stack core.ts puts around
// every account (withResilience over one ResilienceRegistry), with the journal in a real SQLite file. Everything is
// closed after each test. Timings are shortened (lookups from 25 ms; the fault tests set a create deadline of ~60 ms)
// so that hundreds of orders with faults run in seconds; the fake's and the client's rate limits are scaled up too.
import { afterEach } from 'vitest';
import type { TradingMode, VenueId } from '../../../src-shared';
import { InProcessEventBus } from '../../events';
import {
  createExchangeAdapter,
  rateLimitsOf,
  type CcxtAdapter,
  type ExchangeAdapter,
  type RateLimitSpec,
  type TradingVenue,
} from '../../exchanges';
import { startFakeBinance, TEST_ACCOUNT, type FakeBinance, type FakeBinanceOptions } from '../../../fakes/binance';
import { ResilienceRegistry, resilientAccount } from '../../resilience';
import { openDatabase, type SqliteDatabase, type Synchronous } from '../../storage';
import { useTempDatabases } from '../../storage/testing/temp-databases';
import { OrderJournal } from '../order-journal';
import { OrderService, type OrderServiceOptions } from '../order-service';
import type { ResolveTiming } from '../order-resolver';

export const FAST_TIMING: Partial<ResolveTiming> = {
  firstDelayMs: 25,
  maxDelayMs: 200,
  fastForMs: 20_000,
  slowEveryMs: 500,
  // The fake processes a request when it arrives (its injected latency is at most 150 ms): 500 ms is its window.
  settlement: () => ({ settleMs: 500, confirmGapMs: 100 }),
};

export interface HarnessOptions {
  writeTimeoutMs?: number;
  /** The journal's durability: FULL, as the app opens it, unless a test says otherwise. */
  synchronous?: Synchronous;
  fake?: FakeBinanceOptions;
}

export interface BinanceHarness {
  fake: FakeBinance;
  /** The ccxt adapter itself (for placing orders "outside the app"). */
  raw: CcxtAdapter;
  /** The adapter as core.ts builds it: behind the venue's breaker, rate budget, bulkhead and deadlines. */
  adapter: ExchangeAdapter;
  /** The journal's database file: every `journal()` is a new connection to it, as after a restart. */
  file: string;
  journal(): OrderJournal;
  service(options?: Partial<OrderServiceOptions>, venue?: TradingVenue): OrderService;
  bus: InProcessEventBus;
}

function scaled(spec: RateLimitSpec, factor: number): RateLimitSpec {
  return { ...spec, windows: spec.windows.map((w) => ({ ...w, limit: w.limit * factor })) };
}

/** Call at the top of a test file; `start()` in a test gives a fresh fake, adapter and journal file. */
export function useBinanceHarness(): (options?: HarnessOptions) => Promise<BinanceHarness> {
  const temp = useTempDatabases();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async (options = {}) => {
    const fake = await startFakeBinance({
      weightLimit: 1e9,
      orderLimit: 1e9,
      accounts: [{ ...TEST_ACCOUNT, balances: { USDT: 1e9, BTC: 10_000, ETH: 100_000 } }],
      ...options.fake,
    });
    const raw = createExchangeAdapter('binance', TEST_ACCOUNT, { restBaseUrl: fake.url, enableRateLimit: false }) as CcxtAdapter;
    const registry = new ResilienceRegistry({
      // Generous unless a test is about deadlines: this machine is shared, and a create that misses a short deadline
      // only turns into an unknown order to resolve (correct, but not what most tests look at).
      timeouts: { writeMs: options.writeTimeoutMs ?? 2_000, readMs: 2_000 },
      retry: { baseDelayMs: 20, maxDelayMs: 100 },
      // Hundreds of injected faults in a row are the point here, not a venue to stop calling.
      breaker: { threshold: 1_000_000 },
    });
    const adapter = resilientAccount(raw, registry, scaled(rateLimitsOf('binance'), 1e6));
    await adapter.markets();
    const file = `${temp.folder()}/orders.sqlite`;
    const bus = new InProcessEventBus();
    const services: OrderService[] = [];
    const handles: SqliteDatabase[] = [];
    cleanups.push(async () => {
      for (const service of services) service.close();
      await raw.close();
      await fake.close();
      for (const db of handles) if (db.open) db.close();
    });
    const journal = () => {
      // As in the app: every journal write is on disk before the call returns.
      const db = openDatabase(file, { synchronous: options.synchronous ?? 'FULL' });
      handles.push(db);
      return new OrderJournal(db);
    };
    return {
      fake,
      raw,
      adapter,
      file,
      bus,
      journal,
      service(overrides = {}, venue: TradingVenue = adapter) {
        const service = new OrderService({
          journal: journal(),
          venueFor: (id: VenueId, mode: TradingMode) => {
            if (id !== 'binance' || mode !== 'live') throw new Error(`this test trades binance live only, not ${id} ${mode}`);
            return venue;
          },
          reconcileVenues: () => [{ venue: 'binance', mode: 'live' }],
          bus,
          timing: FAST_TIMING,
          pollMs: 100,
          warn: () => {},
          ...overrides,
        });
        services.push(service);
        return service;
      },
    };
  };
}

/** Resolves when `condition` holds, checking every `everyMs`; rejects after `timeoutMs` with `what`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
