// Composition root: builds every service from configuration. The Electron shell and the headless host call
// createCore and only add a transport; no service knows which transport it is behind.
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import packageJson from '../package.json';
import { AccountRepository, AccountService } from './accounts';
import { createDispatcher, createHandlers, type Dispatcher } from './api';
import { InProcessEventBus, type EventBus } from './events';
import type { EventName } from '../src-shared';
import { MarketDataService, providerUrlsFromEnv, type ProviderUrls } from './market-data';
import {
  CcxtAdapter,
  createExchangeAdapter,
  DemoVenue,
  rateLimitsOf,
  SUPPORTED_VENUES,
  VenueDirectory,
  type ExchangeAdapter,
  type ExchangeConnectionOptions,
  type ExchangeCredentials,
} from './exchanges';
import { ResilienceRegistry, withResilience } from './resilience';
import { KeytarSecretStore } from './secrets';
import { PreferencesService } from './settings';
import { openDatabase, SettingsRepository } from './storage';
import { CandleStreams, openCcxtLiveSource, TradeStreams } from './streaming';

export interface CoreOptions {
  /** Where the database and other state live. Created when missing. */
  dataDir: string;
  /** Which transport carries the API, reported to the renderer by `app:info`. */
  transport: 'ipc' | 'websocket';
  /** Seed of the demo venue's simulated market: the same seed replays the same market. Random when absent. */
  demoSeed?: number;
  /** Interval of the demo venue's ticks. */
  demoTickMs?: number;
  /** A simulated outage of the demo feed (seconds after start, duration): how e2e tests see recovery. */
  demoOutage?: { atS: number; forS: number };
  /** Base URLs of the market-data APIs (CoinMarketCap, Yahoo…); from TBS_*_URL variables when absent. */
  marketDataUrls?: ProviderUrls;
}

export interface Core {
  readonly dispatcher: Dispatcher;
  readonly dataDir: string;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'trade-bot.sqlite';

/** Every call to a real venue goes through its resilience stack: see src-main/resilience. */
function resilientAdapter(
  registry: ResilienceRegistry,
  venue: Parameters<typeof createExchangeAdapter>[0],
  credentials: ExchangeCredentials | undefined,
  connection: ExchangeConnectionOptions,
): ExchangeAdapter {
  const adapter = createExchangeAdapter(venue, credentials, connection);
  return withResilience(adapter, {
    registry,
    rateLimits: rateLimitsOf(adapter.id),
    // Binance and MEXC report the weight already used; the budget corrects its own count with it.
    ...(adapter instanceof CcxtAdapter ? { lastResponseHeaders: () => adapter.exchange.last_response_headers } : {}),
  });
}

/** Bus topics that every window shows (fills, balances, alerts): pushed to every session under the same name. */
type RelayedTopic = EventName & Parameters<EventBus['publish']>[0];

function relayToSessions(bus: EventBus, dispatcher: Dispatcher, topics: readonly RelayedTopic[]): void {
  for (const topic of topics) {
    bus.subscribe(topic, (payload) => dispatcher.broadcast(topic, payload as never));
  }
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const settings = new SettingsRepository(db);

  const demoSeed = options.demoSeed ?? randomInt(1, 2 ** 31);
  const outageFrom = Date.now() + (options.demoOutage?.atS ?? 0) * 1000;
  const demo = new DemoVenue({
    seed: demoSeed,
    ...(options.demoTickMs ? { tickMs: options.demoTickMs } : {}),
    ...(options.demoOutage ? { outage: { from: outageFrom, until: outageFrom + options.demoOutage.forS * 1000 } } : {}),
  });

  const venues = new VenueDirectory();
  venues.add({ venue: demo, live: demo, mode: 'demo' });
  const bus = new InProcessEventBus();
  const streams = new CandleStreams((venue) => venues.liveSource(venue), {
    // Missed candles after a reconnect come from the same venue's REST history.
    history: (venue) => (venues.summaries().find((v) => v.id === venue)?.available ? venues.get(venue) : undefined),
    bus,
  });
  const tapes = new TradeStreams((venue) => venues.liveSource(venue));
  const preferences = new PreferencesService(settings, venues);
  // One per app: every adapter of a venue shares its breaker and rate budget (see src-main/resilience).
  const resilience = new ResilienceRegistry();
  // One keychain for exchange accounts and data-provider keys alike.
  const secrets = new KeytarSecretStore();
  const accounts = new AccountService({
    repository: new AccountRepository(db),
    secrets,
    // Real ccxt adapters behind the venue's breaker, rate budget and bulkhead; the account's first private call
    // (balance) validates its keys before they are saved.
    connect: (venue, credentials, connection) => resilientAdapter(resilience, venue, credentials, connection),
    // Live charts of a connected venue: ccxt.pro on the account's own endpoints (testnet, proxy or fake alike).
    openLiveData: (venue, connection) => openCcxtLiveSource(venue, connection),
    venues,
    supportedVenues: SUPPORTED_VENUES,
  });
  const marketData = new MarketDataService({
    db,
    settings,
    secrets,
    venues,
    urls: options.marketDataUrls ?? providerUrlsFromEnv(process.env),
    gate: resilience.bulkhead('market-data'),
  });
  // Not awaited: reconnecting accounts takes network round trips, and the app (Demo, the UI) must not wait for them.
  void accounts.restore();

  const dispatcher = createDispatcher(
    createHandlers({
      identity: { name: packageJson.productName, version: packageJson.version, transport: options.transport },
      venues,
      streams,
      tapes,
      preferences,
      resilience,
      accounts,
      marketData,
    }),
  );

  relayToSessions(bus, dispatcher, ['order.updated', 'trade.executed', 'balance.changed', 'alert.triggered']);

  return {
    dispatcher,
    dataDir: options.dataDir,
    async close() {
      await accounts.close();
      streams.close();
      tapes.close();
      demo.close();
      db.close();
    },
  };
}
