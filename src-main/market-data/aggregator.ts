// Asks the sources in priority order and answers with the first price, or every source's price side by side. Each
// source's answer (price or failure) is cached in memory for a TTL — for a price, at least as long as the source's
// allowance affords (`pacing`) — so a panel refreshing every few seconds does not spend a free tier's day in
// minutes; a source without its key, or at its own rate limit, is skipped without a request and the reason is
// reported like any other failure.
import {
  AppError,
  type Candle,
  type CandlesResult,
  type CompareResult,
  type DataApiId,
  type ProviderFailure,
  type ProviderId,
  type QuoteResult,
  type SourcedQuote,
  type Symbol,
  type Timeframe,
} from '../../src-shared';
import type { CandleStore } from './candle-store';
import { failed, seconds, skipped } from './failures';
import { passThroughGate, type CallGate, type CandleRange, type MarketDataProvider, type ProviderQuote } from './ports';
import { SlidingWindowLimiter, type ProviderLimiter } from './rate-limiter';

export const DEFAULT_QUOTE_TTL_MS = 15_000;

/**
 * The shortest reuse of a provider's price that its allowance can afford on average: a panel refreshing every 15 s
 * would spend Alpha Vantage's 25 a day in 6 minutes, so its price is reused for 24 h / 25 ≈ 58 min (and shown with
 * its age), CoinMarketCap's for 24 h / 320 = 4.5 min, Polygon's for 12 s.
 */
export function pacing(provider: Pick<MarketDataProvider, 'rateLimit'>): number {
  return Math.max(0, ...provider.rateLimit.map((window) => Math.ceil(window.intervalMs / window.limit)));
}

export interface AggregatorOptions {
  /** The sources that can be asked now (data APIs and connected exchanges). */
  providers: () => readonly MarketDataProvider[];
  /** Source ids, most trusted first; sources not named are asked last. */
  priority: () => readonly ProviderId[];
  keys: { get(provider: DataApiId): Promise<string | undefined> };
  store?: CandleStore;
  now?: () => number;
  /** How long a source's answer (price or failure) is reused. */
  ttlMs?: number;
  gate?: CallGate;
  limiterFor?: (provider: MarketDataProvider) => ProviderLimiter;
}

type Outcome = { ok: true; quote: ProviderQuote; cached: boolean } | { ok: false; failure: ProviderFailure };

interface CacheEntry {
  expires: number;
  outcome: Outcome;
}

export class MarketDataAggregator {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<Outcome>>();
  private readonly limiters = new Map<ProviderId, ProviderLimiter>();
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly gate: CallGate;

  constructor(private readonly options: AggregatorOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? DEFAULT_QUOTE_TTL_MS;
    this.gate = options.gate ?? passThroughGate;
  }

  /** The first source's price in priority order, with the failures of the sources asked before it. */
  async quote(symbol: Symbol): Promise<QuoteResult> {
    const failures: ProviderFailure[] = [];
    for (const provider of this.ordered()) {
      const outcome = await this.ask(provider, symbol);
      if (outcome.ok) return { quote: this.sourced(provider, symbol, outcome), failures };
      failures.push(outcome.failure);
    }
    return { failures };
  }

  /** Every source's price (or failure) side by side, in priority order. */
  async compare(symbol: Symbol): Promise<CompareResult> {
    const providers = this.ordered();
    const outcomes = await Promise.all(providers.map((provider) => this.ask(provider, symbol)));
    const rows = outcomes.map((outcome, i) =>
      outcome.ok
        ? { ok: true as const, quote: this.sourced(providers[i]!, symbol, outcome) }
        : { ok: false as const, failure: outcome.failure },
    );
    return { symbol, rows };
  }

  /**
   * Candles from the first source that has them, saved to the candle store; when every source fails, the stored
   * candles of the range, marked as such.
   */
  async candles(symbol: Symbol, timeframe: Timeframe, range: CandleRange): Promise<CandlesResult> {
    const failures: ProviderFailure[] = [];
    for (const provider of this.ordered()) {
      if (!provider.candles || !provider.capabilities.includes('candles')) continue;
      const fetchCandles = provider.candles.bind(provider);
      const result = await this.call(provider, (apiKey) => fetchCandles(symbol, timeframe, range, { apiKey }));
      if (!result.ok) {
        failures.push(result.failure);
        continue;
      }
      if (result.value.length === 0) {
        // No bars for this range (a pair the source does not trade, or a window before its history): ask the next.
        const message = `${provider.name} has no ${timeframe} candles of ${symbol} for this range`;
        failures.push({ ...skipped(provider, 'NOT_FOUND', message), called: true });
        continue;
      }
      this.options.store?.upsert({ source: provider.id, symbol, timeframe }, result.value);
      return { provider: provider.id, fromStore: false, candles: result.value, failures };
    }
    return { ...this.stored(symbol, timeframe, range), failures };
  }

  /** Drops a source's cached answers: its key changed, so its last failure (or price) says nothing any more. */
  forget(provider: ProviderId): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${provider}|`)) this.cache.delete(key);
  }

  private stored(symbol: Symbol, timeframe: Timeframe, range: CandleRange): { provider?: ProviderId; fromStore: boolean; candles: Candle[] } {
    const store = this.options.store;
    for (const source of store?.sources(symbol, timeframe) ?? []) {
      const candles = store!.range({ source, symbol, timeframe }, range);
      if (candles.length > 0) return { provider: source, fromStore: true, candles };
    }
    return { fromStore: true, candles: [] };
  }

  private ordered(): MarketDataProvider[] {
    const priority = this.options.priority();
    const rank = (id: ProviderId) => {
      const index = priority.indexOf(id);
      return index < 0 ? priority.length : index;
    };
    return [...this.options.providers()].sort((a, b) => rank(a.id) - rank(b.id));
  }

  /** One source's price for `symbol`: from the cache within the TTL, joined to a request already under way, or asked. */
  private ask(provider: MarketDataProvider, symbol: Symbol): Promise<Outcome> {
    const key = `${provider.id}|${symbol}`;
    const entry = this.cache.get(key);
    if (entry && entry.expires > this.now()) {
      return Promise.resolve(entry.outcome.ok ? { ...entry.outcome, cached: true } : entry.outcome);
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const request = this.call(provider, (apiKey) => provider.quote(symbol, { apiKey })).then((result): Outcome => {
      const outcome: Outcome = result.ok ? { ok: true, quote: result.value, cached: false } : { ok: false, failure: result.failure };
      // Only answers are cached: a skip (no key, at the limit) changes as soon as the key is set or the window moves.
      const ttl = result.ok ? Math.max(this.ttlMs, pacing(provider)) : this.ttlMs;
      if (result.ok || result.failure.called) this.cache.set(key, { expires: this.now() + ttl, outcome });
      return outcome;
    });
    this.inFlight.set(key, request);
    return request.finally(() => this.inFlight.delete(key));
  }

  /** Checks key and rate limit, then calls through the gate; never throws. */
  private async call<T>(
    provider: MarketDataProvider,
    fn: (apiKey: string | undefined) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; failure: ProviderFailure }> {
    let apiKey: string | undefined;
    if (provider.needsKey) {
      try {
        apiKey = await this.options.keys.get(provider.id as DataApiId);
      } catch (error) {
        // The store's own words (what to do) are shown once above the table, from `secrets:status`: one row per
        // keyed source would repeat them, and the OS's raw error belongs in the log, where the store put it.
        const code = error instanceof AppError ? error.code : 'INTERNAL';
        const why = code === 'SECRETS_LOCKED' ? 'the keys are locked' : "its key can't be read here";
        return { ok: false, failure: skipped(provider, code, `${provider.name} was not asked: ${why}`) };
      }
      if (apiKey === undefined) {
        return { ok: false, failure: skipped(provider, 'AUTH_FAILED', `no API key set for ${provider.name}: add one in Data providers`) };
      }
    }
    const limiter = this.limiter(provider);
    const admission = limiter.tryAcquire();
    if (!admission.ok) {
      const message = `${provider.name} was not asked: ${admission.reason}; next request in ${seconds(admission.retryAfterMs)}`;
      return { ok: false, failure: skipped(provider, 'RATE_LIMITED', message, admission.retryAfterMs) };
    }
    try {
      return { ok: true, value: await this.gate.execute(() => fn(apiKey)) };
    } catch (error) {
      const failure = failed(provider, error, apiKey);
      // The provider's own "slow down" (429, CMC 1008, Alpha Vantage's Note) holds every later call back too.
      if (failure.code === 'RATE_LIMITED' && failure.called) limiter.pause(failure.retryAfterMs ?? 60_000);
      return { ok: false, failure };
    }
  }

  private limiter(provider: MarketDataProvider): ProviderLimiter {
    let limiter = this.limiters.get(provider.id);
    if (!limiter) {
      limiter = this.options.limiterFor?.(provider) ?? new SlidingWindowLimiter(provider.rateLimit, this.now);
      this.limiters.set(provider.id, limiter);
    }
    return limiter;
  }

  private sourced(provider: MarketDataProvider, symbol: Symbol, outcome: Outcome & { ok: true }): SourcedQuote {
    const { quote, cached } = outcome;
    return {
      provider: provider.id,
      name: provider.name,
      symbol,
      pair: quote.pair,
      price: quote.price,
      ...(quote.bid === undefined ? {} : { bid: quote.bid }),
      ...(quote.ask === undefined ? {} : { ask: quote.ask }),
      timestamp: Math.round(quote.timestamp),
      ageMs: Math.max(0, Math.round(this.now() - quote.timestamp)),
      cached,
    };
  }
}
