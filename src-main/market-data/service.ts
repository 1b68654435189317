// The market-data domain as the API sees it: the list of sources with their key status, the priority order, the
// keys, and the aggregator's answers. Data APIs are built from configuration (base URLs can point at local fakes);
// every connected exchange joins as a source.
import {
  AppError,
  type CandlesResult,
  type CompareResult,
  type DataApiId,
  type ProviderId,
  type ProviderInfo,
  type ProvidersState,
  type QuoteResult,
  type Symbol,
  type Timeframe,
  type VenueSummary,
} from '../../src-shared';
import type { MarketDataVenue } from '../exchanges';
import type { SecretStore } from '../secrets';
import type { SettingsRepository, SqliteDatabase } from '../storage';
import { MarketDataAggregator } from './aggregator';
import { CandleStore } from './candle-store';
import type { CallGate, CandleRange, MarketDataProvider } from './ports';
import { ProviderPriority } from './priority';
import { ProviderKeys } from './provider-keys';
import { AlphaVantageProvider } from './providers/alpha-vantage';
import { CoinMarketCapProvider } from './providers/coinmarketcap';
import { PolygonProvider } from './providers/polygon';
import { VenueProvider } from './providers/venue';
import { YahooProvider } from './providers/yahoo';
import { describeLimits } from './rate-limiter';

/** Base URL per data API; absent ones use the vendor's public address. Tests point them at 127.0.0.1. */
export type ProviderUrls = Partial<Record<DataApiId, string>>;

/** The part of the VenueDirectory this domain reads. */
export interface VenueSource {
  summaries(): VenueSummary[];
  get(id: VenueSummary['id']): MarketDataVenue;
}

export interface MarketDataServiceOptions {
  db: SqliteDatabase;
  settings: SettingsRepository;
  secrets: SecretStore;
  venues: VenueSource;
  urls?: ProviderUrls;
  now?: () => number;
  ttlMs?: number;
  gate?: CallGate;
}

export function createDataApis(urls: ProviderUrls = {}, now: () => number = Date.now): MarketDataProvider[] {
  return [
    new CoinMarketCapProvider(urls.coinmarketcap),
    new YahooProvider(urls.yahoo),
    new AlphaVantageProvider(urls['alpha-vantage'], now),
    new PolygonProvider(urls.polygon, now),
  ];
}

export class MarketDataService {
  readonly aggregator: MarketDataAggregator;
  private readonly keys: ProviderKeys;
  private readonly priority: ProviderPriority;
  private readonly dataApis: MarketDataProvider[];
  private readonly venueProviders = new Map<ProviderId, VenueProvider>();

  constructor(private readonly options: MarketDataServiceOptions) {
    this.keys = new ProviderKeys(options.secrets);
    this.priority = new ProviderPriority(options.settings);
    this.dataApis = createDataApis(options.urls, options.now);
    this.aggregator = new MarketDataAggregator({
      providers: () => this.providers(),
      priority: () => this.priority.get(),
      keys: this.keys,
      store: new CandleStore(options.db),
      ...(options.now ? { now: options.now } : {}),
      ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
      ...(options.gate ? { gate: options.gate } : {}),
    });
  }

  async state(): Promise<ProvidersState> {
    const summaries = this.options.venues.summaries();
    const infos: ProviderInfo[] = [];
    for (const provider of this.dataApis) infos.push(await this.info(provider));
    for (const venue of summaries) {
      infos.push({
        id: venue.id,
        name: venue.name,
        kind: 'exchange',
        capabilities: ['quote', 'candles'],
        needsKey: false,
        keySet: false,
        rateLimit: describeLimits([]),
        available: venue.available,
      });
    }
    const priority = this.priority.get();
    infos.sort((a, b) => priority.indexOf(a.id) - priority.indexOf(b.id));
    return { priority, providers: infos };
  }

  async setPriority(priority: readonly ProviderId[]): Promise<ProvidersState> {
    this.priority.set(priority);
    return this.state();
  }

  async setKey(provider: DataApiId, apiKey: string): Promise<ProviderInfo> {
    await this.keys.set(provider, apiKey);
    this.aggregator.forget(provider);
    return this.info(this.dataApi(provider));
  }

  async removeKey(provider: DataApiId): Promise<ProviderInfo> {
    await this.keys.remove(provider);
    this.aggregator.forget(provider);
    return this.info(this.dataApi(provider));
  }

  quote(symbol: Symbol): Promise<QuoteResult> {
    return this.aggregator.quote(symbol);
  }

  compare(symbol: Symbol): Promise<CompareResult> {
    return this.aggregator.compare(symbol);
  }

  candles(symbol: Symbol, timeframe: Timeframe, range: CandleRange): Promise<CandlesResult> {
    return this.aggregator.candles(symbol, timeframe, range);
  }

  /** Data APIs plus every exchange that is connected now. */
  private providers(): MarketDataProvider[] {
    const venues = this.options.venues
      .summaries()
      .filter((summary) => summary.available)
      .map((summary) => {
        let provider = this.venueProviders.get(summary.id);
        if (!provider) {
          provider = new VenueProvider(this.options.venues.get(summary.id), summary.name);
          this.venueProviders.set(summary.id, provider);
        }
        return provider;
      });
    return [...this.dataApis, ...venues];
  }

  private dataApi(id: DataApiId): MarketDataProvider {
    const provider = this.dataApis.find((p) => p.id === id);
    if (!provider) throw new AppError('NOT_FOUND', `no data provider ${id}`);
    return provider;
  }

  private async info(provider: MarketDataProvider): Promise<ProviderInfo> {
    let keySet = false;
    // A locked keychain must not hide the list: the key shows as not set, and asking the source says why.
    if (provider.needsKey) keySet = await this.keys.isSet(provider.id as DataApiId).catch(() => false);
    return {
      id: provider.id,
      name: provider.name,
      kind: provider.kind,
      capabilities: [...provider.capabilities],
      needsKey: provider.needsKey,
      keySet,
      rateLimit: describeLimits(provider.rateLimit),
      available: true,
    };
  }
}

