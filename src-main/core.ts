// Composition root: builds every service from configuration. The Electron shell and the headless host call
// createCore and only add a transport; no service knows which transport it is behind.
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import packageJson from '../package.json';
import { AccountRepository, AccountService, Mt5Terminals } from './accounts';
import { AlertRepository, AlertService } from './alerts';
import { AuthService, authConfigFromEnv, authEnvSet, SignInSettingsService, type AuthConfig, type EnvironmentSignIn, type OpenBrowser } from './auth';
import { connectivityOf, createDispatcher, createHandlers, type Dispatcher } from './api';
import { BillingService, billingConfigFromEnv, entitlementStoreIn, type BillingConfig } from './billing';
import type { EventBus } from './events';
import type { EventName, VenueId } from '../src-shared';
import { MarketDataService, providerUrlsFromEnv, type ProviderUrls } from './market-data';
import { NotificationService, twilioUrlFromEnv, type DesktopNotifier } from './notifications';
import {
  createExchangeAdapter,
  DEFAULT_BACKOFF,
  DEFAULT_BRIDGE_PORT,
  DemoVenue,
  openCcxtLiveSource,
  SimulatedExchange,
  SqliteAccountStore,
  SUPPORTED_VENUES,
  VenueDirectory,
} from './exchanges';
import { ResilienceRegistry, resilientAccount, VenueLinks, WakeWatch } from './resilience';
import { cancelTargets, DeadManSwitch, deadManVenues, RiskRepository, RiskService } from './risk';
import { KeytarSecretStore, type SecretVault } from './secrets';
import { PreferencesService } from './settings';
import { ensureDataFolder, openDatabase, SettingsRepository } from './storage';
import { CatchUp, describeDuration } from './catch-up';
import { CandleStreams, TickerStreams, TradeStreams } from './streaming';
import { OrderJournal, OrderService, PositionService, TradingVenues } from './trading';
import { PortfolioRepository, PortfolioService, venuePrices, type MarginAccount } from './portfolio';
import { SharedSettings } from './shared-settings';
import { SharedWiring, type SharedOptions } from './shared-wiring';

export interface CoreOptions {
  /** Where the database and other state live. Created when missing, readable by its owner only. */
  dataDir: string;
  /** Which transport carries the API, reported to the renderer by `app:info`. */
  transport: 'ipc' | 'websocket';
  /** Seed of the demo venue's simulated market: the same seed replays the same market. Random when absent. */
  demoSeed?: number;
  /** Interval of the demo venue's ticks. */
  demoTickMs?: number;
  /** A simulated outage of the demo feed (seconds after start, duration): how e2e tests see recovery. */
  demoOutage?: { atS: number; forS: number };
  /** Reconnects of a stream's fast phase and the slow probe's pace (e2e tests shorten both); the defaults otherwise. */
  reconnectPace?: { fastAttempts: number; probeEveryMs: number };
  /** Base URLs of the market-data APIs (CoinMarketCap, Yahoo…); from TBS_*_URL variables when absent. */
  marketDataUrls?: ProviderUrls;
  /** Shows desktop notifications (the Electron shell's); every open window shows them when absent. */
  desktopNotifier?: DesktopNotifier;
  /** Twilio's API base URL; from TBS_TWILIO_URL when absent, else Twilio's own. */
  twilioBaseUrl?: string;
  /** Where keys are kept: the host chooses (keychain or key file, see secrets/choose.ts); the OS keychain when absent. */
  secrets?: SecretVault;
  /**
   * Where the environment says the app signs in (Auth0), which wins over the settings screen; read from the TBS_AUTH_*
   * variables when absent; null: the environment sets none (the settings screen may).
   */
  auth?: AuthConfig | null;
  /** Opens the system browser (Electron's shell.openExternal); the headless host asks the calling page instead. */
  openBrowser?: OpenBrowser;
  /** Where MetaTrader 5 EAs connect (127.0.0.1 only): TBS_MT5_PORT, else 17031; 0 picks a free port (tests). */
  mt5Port?: number;
  /**
   * The account server that sells plans (its address and entitlement public key); read from TBS_ACCOUNT_SERVER_URL
   * and TBS_ENTITLEMENT_PUBLIC_KEY when absent; null: none, so nothing is gated by a plan.
   */
  billing?: BillingConfig | null;
  /** Shared mode (`--redis`): several processes on one Redis share events, one rate budget and one kill switch. */
  shared?: SharedOptions;
}

export interface Core {
  readonly dispatcher: Dispatcher;
  /** The product account's sign-in (the host's `--sign-in` drives its device flow from the terminal). */
  readonly auth: AuthService;
  readonly dataDir: string;
  /** The machine woke up or the network came back (the Electron shell's powerMonitor): probe every offline venue now. */
  wokeUp(): void;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'trade-bot.sqlite';

function mt5PortFromEnv(env: NodeJS.ProcessEnv): number {
  const port = Number(env.TBS_MT5_PORT);
  return env.TBS_MT5_PORT && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : DEFAULT_BRIDGE_PORT;
}

/** The account server, if one is configured: a half or wrong configuration is reported and leaves plans off. */
function billingConfig(options: CoreOptions): { config?: BillingConfig; problem?: string } {
  if (options.billing !== undefined) return options.billing === null ? {} : { config: options.billing };
  try {
    const config = billingConfigFromEnv(process.env);
    return config ? { config } : {};
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    console.error(`plans are off: ${problem}`);
    return { problem };
  }
}

/**
 * The environment's sign-in, if it sets one: a half or wrong configuration is reported and leaves the app without
 * sign-in (the settings screen shows why, and cannot override it).
 */
function environmentSignIn(options: CoreOptions): EnvironmentSignIn | undefined {
  if (options.auth !== undefined) return options.auth === null ? undefined : { config: options.auth };
  if (!authEnvSet(process.env)) return undefined;
  try {
    return { config: authConfigFromEnv(process.env)! };
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    console.error(`sign-in is off: ${problem}`);
    return { problem };
  }
}

/** Bus topics that every window shows (fills, balances, alerts): pushed to every session under the same name. */
type RelayedTopic = EventName & Parameters<EventBus['publish']>[0];

function relayToSessions(bus: EventBus, dispatcher: Dispatcher, topics: readonly RelayedTopic[]): void {
  for (const topic of topics) {
    bus.subscribe(topic, (payload) => dispatcher.broadcast(topic, payload as never));
  }
}

export async function createCore(options: CoreOptions): Promise<Core> {
  ensureDataFolder(options.dataDir);
  // FULL: the order journal lives here, and an order's intent must be on disk before its create is sent.
  const db = openDatabase(join(options.dataDir, DATABASE_FILE), { synchronous: 'FULL' });
  const settings = new SettingsRepository(db);

  const demoSeed = options.demoSeed ?? randomInt(1, 2 ** 31);
  const outageFrom = Date.now() + (options.demoOutage?.atS ?? 0) * 1000;
  const demo = new DemoVenue({
    seed: demoSeed,
    ...(options.demoTickMs ? { tickMs: options.demoTickMs } : {}),
    ...(options.demoOutage ? { outage: { from: outageFrom, until: outageFrom + options.demoOutage.forS * 1000 } } : {}),
  });

  const venues = new VenueDirectory();
  // Demo and paper accounts (balances, resting orders) survive restarts in the same database.
  const simulatedAccounts = new SqliteAccountStore(db);
  const demoTrading = new SimulatedExchange({ venue: 'demo', mode: 'demo', prices: demo, live: demo, store: simulatedAccounts });
  venues.add({ venue: demo, live: demo, mode: 'demo', trading: demoTrading });
  // One store for exchange accounts, data-provider keys, notification secrets and Redis' password alike.
  const secrets = options.secrets ?? new KeytarSecretStore();
  // Alone, the in-process bus; with `--redis` (or shared mode saved in Settings), it also feeds the shared stream
  // (src-main/shared-mode).
  const saved = options.shared ? {} : await savedSharedOptions(settings, secrets, options.transport === 'ipc' ? 'desktop' : 'host');
  const sharedOptions = options.shared ?? saved.options;
  const sharedSettings = new SharedSettings(settings, secrets, { options: sharedOptions, fromCommandLine: options.shared !== undefined });
  const shared = await SharedWiring.start(
    sharedOptions,
    db,
    options.dataDir,
    packageJson.version,
    () => venues.summaries().filter((v) => v.available && v.id !== 'demo').map((v) => v.id),
    saved.problem,
  );
  const bus = shared.bus;
  const streams = new CandleStreams((venue) => venues.liveSource(venue), {
    // Missed candles after a reconnect come from the same venue's REST history.
    history: (venue) => (venues.summaries().find((v) => v.id === venue)?.available ? venues.get(venue) : undefined),
  });
  const tapes = new TradeStreams((venue) => venues.liveSource(venue));
  // The app's prices (price.updated) come from the ticker streams; a candle stream carries candles only.
  const tickers = new TickerStreams((venue) => venues.liveSource(venue), { bus });
  const preferences = new PreferencesService(settings, venues);
  // One per app: every adapter of a venue shares its breaker and rate budget (see src-main/resilience).
  const resilience = new ResilienceRegistry();
  // One reachability link per venue: its streams and its account wait on it after their fast retries, it probes the
  // venue at a slow pace, and it tells all of them (and the kill switch) when the venue answers again.
  const pace = options.reconnectPace;
  const links = new VenueLinks(pace ? { probeEveryMs: pace.probeEveryMs } : {});
  const backoff = pace ? { ...DEFAULT_BACKOFF, maxAttempts: pace.fastAttempts } : DEFAULT_BACKOFF;
  // A sleep shows as the wall clock jumping past a timer: every offline venue (streams and accounts) is probed at once,
  // not at its next slow probe. Sockets the venue closed meanwhile are found by their own loops' reconnects.
  // After it, every connected venue is caught up too (orders reconciled, balances read, the risk log told).
  const wakeWatch = new WakeWatch((sleptMs) => wokeUp(sleptMs));
  wakeWatch.start();
  const accounts = new AccountService({
    repository: new AccountRepository(db),
    secrets,
    // Real ccxt adapters behind the venue's breaker, rate budget and bulkhead (which paces the venue, so ccxt's own
    // spacing is off); the account's first private call (balance) validates its keys before they are saved.
    connect: (venue, credentials, connection) =>
      resilientAccount(createExchangeAdapter(venue, credentials, { ...connection, enableRateLimit: false }), resilience),
    // Live charts of a connected venue: ccxt.pro on the account's own endpoints (testnet, proxy or fake alike).
    openLiveData: (venue, connection) => openCcxtLiveSource(venue, connection, { link: links.get(venue), backoff }),
    venues,
    supportedVenues: SUPPORTED_VENUES,
    // An account whose venue cannot be reached waits on the venue's link and connects when it answers.
    link: (venue) => links.get(venue),
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
  const accountsRestored = accounts.restore();
  const twilioBaseUrl = options.twilioBaseUrl ?? twilioUrlFromEnv(process.env);
  const notifications = new NotificationService({
    db,
    settings,
    secrets,
    // In shared mode one process of all sends each alert's e-mail.
    bus: shared.notificationsBus(),
    ...(options.desktopNotifier ? { desktop: options.desktopNotifier } : {}),
    ...(twilioBaseUrl ? { twilioBaseUrl } : {}),
    // Built below, before any delivery can happen: SMS alerts are part of Pro when an account server is configured.
    smsRefusal: () => (billing.allows('sms-alerts') ? undefined : 'SMS alerts are part of Pro: upgrade in the Plan menu'),
  });
  notifications.start();
  shared.shareDeliveryLog(notifications);
  // The product's account: optional, and nothing local waits for it. A saved session shows at once; its tokens are
  // refreshed in the background (and again once a locked key file opens).
  // From the environment, else from the settings screen; the settings screen applies changes without a restart.
  const signInSettings: SignInSettingsService = new SignInSettingsService({
    settings,
    environment: environmentSignIn(options),
    apply: (config): Promise<unknown> => auth.configure(config),
  });
  const auth: AuthService = new AuthService({ config: signInSettings.initialConfig(), secrets, bus });
  const restoreSignIn = () =>
    void auth.restore().catch((error: unknown) => console.warn('sign-in: the saved session could not be read', error instanceof Error ? error.message : error));
  restoreSignIn();
  // The plan: the cached entitlement is verified offline at start, then refreshed from the account server.
  const billingSettings = billingConfig(options);
  const billing = new BillingService({
    config: billingSettings.config,
    ...(billingSettings.problem ? { configProblem: billingSettings.problem } : {}),
    accessToken: () => auth.accessToken(),
    signedIn: () => auth.status().state === 'signed-in',
    watchSignIn: (listener) => auth.onStatusChanged((status) => listener(status.state === 'signed-in')),
    store: entitlementStoreIn(settings),
    bus,
    liveAccounts: () => accounts.list(),
  });
  void billing
    .start()
    .catch((error: unknown) => console.warn('plan: the cached plan could not be read', error instanceof Error ? error.message : error))
    .then(() => shared.checkPlan(() => billing.checkSharedMode()))
    .catch((error: unknown) => console.warn('shared mode: the plan could not be checked', error instanceof Error ? error.message : error));
  // Limits and the kill switch; its state comes back from SQLite, so an engaged switch still blocks orders now.
  // The kill switch cancels through the order service, so that its journal records every cancel.
  const risk: RiskService = new RiskService({
    repository: new RiskRepository(db),
    bus,
    // Global figures over several quote currencies add them converted by the portfolio's rates, never as they are.
    convert: (amount, from, to, book) => portfolio.convert(amount, from, to, book),
    cancelTargets: () => cancelTargets(venues, trading),
    // The journal's open orders, including those from before a restart (the bus only reports changes).
    openOrders: () => trading.list({ scope: 'open', limit: 1000 }),
  });
  // Shared mode: one rate budget per venue and one kill switch across the processes.
  shared.attach(resilience, risk.killSwitch);
  // Gate's countdown cancel-all stays armed while the app runs: if the app dies, Gate cancels the orders itself.
  const deadMan = new DeadManSwitch({
    venues: () => deadManVenues(venues),
    onError: (venue, error) => console.warn(`risk: could not renew ${venue}'s dead-man switch`, error instanceof Error ? error.message : error),
    // Contact came back after the countdown ran out: the risk service makes sure nothing placed before is left open.
    onLapse: (venue, lapse) => risk.deadManLapsed(venue, lapse),
  });
  deadMan.start();
  // Price alerts keep their own live feeds of the symbols they watch, so they fire with no chart open.
  const alerts = new AlertService({ repository: new AlertRepository(db), streams: tickers, bus, venues });
  alerts.start();
  // Orders: live to the accounts, demo to the demo venue's market, paper to a simulated account per real venue.
  const tradingVenues = new TradingVenues(venues, simulatedAccounts);
  const journal = new OrderJournal(db);
  const trading: OrderService = new OrderService({
    journal,
    venueFor: tradingVenues.venueFor,
    reconcileVenues: () => tradingVenues.connected(),
    bus,
    // The plan never gates cancels or the kill switch: only new live orders beyond Free's allowance.
    checks: [...risk.checks, (order) => billing.checkLiveOrder(order)],
  });
  // MetaTrader 5: terminals connect to the bridge by themselves; the trading terminal is the `mt5` venue.
  const mt5 = new Mt5Terminals({
    secrets,
    settings,
    venues,
    port: options.mt5Port ?? mt5PortFromEnv(process.env),
    appName: packageJson.productName,
    hasOpenOrders: () => trading.list({ scope: 'open', limit: 1000 }).some((order) => order.venue === 'mt5'),
  });
  const positions = new PositionService({ accounts: () => mt5.positionAccounts() });
  // The analysis service: positions, P&L and equity from the fills on the bus, its history read from SQLite after
  // start (not during it), equity snapshots every 5 minutes.
  const portfolio: PortfolioService = new PortfolioService({
    repository: new PortfolioRepository(db),
    settings,
    bus,
    history: journal,
    prices: venuePrices(venues),
    marginAccounts: () => mt5Margins(mt5),
  });
  portfolio.start();
  const reconcileFailed = (error: unknown) => console.warn('orders: reconciliation failed', error instanceof Error ? error.message : error);
  // Positions and today's P&L from the fills already journaled (new fills arrive on the bus): read when first needed —
  // the first order checked, fill or price — so that a long journal never delays the window.
  risk.seedTradesLater(() => trading.trades({ limit: 1000 }));
  // At once for the demo venue and whatever is connected; again once the saved accounts have reconnected, and for an
  // account added later as soon as it connects (its open orders placed elsewhere are adopted then, not at next start).
  void trading.reconcile().catch(reconcileFailed);
  void accountsRestored.then(() => trading.reconcile()).catch(reconcileFailed);
  // A venue back after an outage or a wake-up is caught up: orders reconciled, balances pushed, the risk log told.
  const liveVenues = () => tradingVenues.connected().filter((key) => key.mode === 'live').map((key) => key.venue);
  const catchUp = new CatchUp({
    connected: liveVenues,
    reconcile: (venue, mode) => trading.reconcileVenue(venue, mode),
    refreshBalances: (venue, mode) => trading.refreshBalances({ venue, mode }),
    killSwitch: () => risk.killSwitch.state(),
    sweepNow: (venue) => venueBack(venue),
    log: (venue, message) => risk.caughtUp(venue, message),
  });
  accounts.onConnected((venue) => void catchUp.connected(venue).catch(reconcileFailed));
  // A kill switch left engaged sweeps again now (the demo venue at once); a venue reachable again — its account
  // connecting, or its link hearing from it after an outage — is swept at once rather than at the next slow retry.
  risk.start();
  const venueBack = (venue: VenueId): void => {
    risk.venueReachable(venue);
    deadMan.venueReachable(venue);
  };
  accounts.onConnected(venueBack);
  mt5.onTradingConnected(() => {
    venueBack('mt5');
    void catchUp.connected('mt5').catch(reconcileFailed);
  });
  // How long each venue was offline, for the risk log's "back after 4 min offline".
  const offlineSince = new Map<VenueId, number>();
  links.onChange((venue, state) => {
    if (state.state === 'offline' && !offlineSince.has(venue)) offlineSince.set(venue, state.since);
  });
  links.onAnyReachable((venue) => {
    const since = offlineSince.get(venue);
    offlineSince.delete(venue);
    venueBack(venue);
    // Only a venue with an account attached has orders and balances to catch up; one still connecting does it on connect.
    if (!tradingVenues.connected().some((key) => key.venue === venue && key.mode === 'live')) return;
    const why = `back after ${since === undefined ? 'an outage' : `${describeDuration(Date.now() - since)} offline`}`;
    void catchUp.venueBack(venue, why).catch(reconcileFailed);
  });
  function wokeUp(sleptMs?: number): void {
    if (sleptMs !== undefined) console.warn(`woke up after about ${Math.round(sleptMs / 1000)} s: probing every offline venue now`);
    links.probeAll();
    void catchUp.wokeUp(sleptMs).catch(reconcileFailed);
  }

  const dispatcher = createDispatcher(
    createHandlers({
      identity: { name: packageJson.productName, version: packageJson.version, transport: options.transport },
      venues,
      streams,
      tapes,
      tickers,
      preferences,
      resilience,
      links,
      accounts,
      marketData,
      notifications,
      risk,
      alerts,
      trading,
      secrets,
      auth,
      signInSettings,
      mt5,
      positions,
      billing,
      portfolio,
      shared,
      sharedSettings,
      ...(options.openBrowser ? { openBrowser: options.openBrowser } : {}),
    }),
  );
  // The key file unlocked (or the keychain back): the accounts that found it locked at start connect now, and every
  // window hears of it, so its passphrase prompt goes away and its screens load again.
  const stopSecretsWatch = secrets.onStatusChanged((status) => {
    if (status.state === 'ready') void accounts.reconnectWaiting().then(() => trading.reconcile()).catch(reconcileFailed);
    if (status.state === 'ready' && auth.status().state === 'signed-out') restoreSignIn();
    dispatcher.broadcast('secrets.status-changed', status);
  });

  // The top bar shows each venue's connectivity: every change of a link or of a venue's account is pushed.
  const pushConnectivity = (venue: VenueId) => dispatcher.broadcast('venue.connectivity-changed', connectivityOf(venue, venues, links));
  links.onChange((venue) => pushConnectivity(venue));
  venues.onChange((venue) => pushConnectivity(venue));

  auth.onStatusChanged((status) => dispatcher.broadcast('auth.status-changed', status));
  mt5.onChange((status) => dispatcher.broadcast('mt5.bridge-changed', status));
  // A deal moves the trading terminal's balance and margin: the balances panel reads them again.
  mt5.onPositionsChanged((login) => {
    dispatcher.broadcast('positions.changed', { venue: 'mt5', account: login });
    void portfolio.refreshMargin('trade').catch(() => undefined);
    if (login === mt5.tradingTerminal) void trading.refreshBalances({ venue: 'mt5', mode: 'live' }).catch(() => undefined);
  });
  billing.onStatusChanged((status) => dispatcher.broadcast('billing.status-changed', status));

  relayToSessions(bus, dispatcher, ['order.updated', 'trade.executed', 'balance.changed', 'alert.triggered']);
  relayToSessions(bus, dispatcher, ['notification.shown', 'notification.logged']);
  relayToSessions(bus, dispatcher, ['risk.kill-switch.changed', 'risk.limit.exceeded', 'risk.limit.warning']);
  relayToSessions(bus, dispatcher, ['portfolio.updated']);
  shared.showInWindows((topic, payload) => dispatcher.broadcast(topic, payload as never));
  // Another process traded on a venue this one trades too: its orders (adopting one placed there) and balances read again.
  shared.followOthers((venue) => {
    if (!liveVenues().includes(venue)) return;
    void Promise.allSettled([trading.reconcileVenue(venue, 'live'), trading.refreshBalances({ venue, mode: 'live' })]);
  });
  shared.onStatus((status) => dispatcher.broadcast('shared.status', status));

  // Terminals may connect from here on: every listener above is in place. A port already taken is reported in the
  // bridge's status (Accounts shows it), not thrown.
  await mt5.start();
  // A kill switch engaged in another process before this one joined: engaged here before the first request is served.
  await shared.joined();

  return {
    dispatcher,
    auth,
    dataDir: options.dataDir,
    wokeUp: () => wokeUp(),
    async close() {
      stopSecretsWatch();
      await shared.close();
      billing.close();
      auth.close();
      wakeWatch.stop();
      // A normal quit disarms the countdowns: resting orders are the trader's to keep.
      await deadMan.stop({ disarm: true });
      trading.close();
      portfolio.close();
      risk.close();
      alerts.close();
      await mt5.close();
      await notifications.close();
      await accounts.close();
      links.close();
      streams.close();
      tapes.close();
      tickers.close();
      tradingVenues.close();
      demoTrading.close();
      demo.close();
      db.close();
    },
  };
}

/** The MT5 logins connected now as margin accounts: their positions and deals, with the balance last reported. */
/** Shared mode as saved in Settings; a password the key store cannot give now keeps the process alone, saying why. */
async function savedSharedOptions(settings: SettingsRepository, secrets: SecretVault, role: 'desktop' | 'host'): Promise<{ options?: SharedOptions; problem?: string }> {
  try {
    const options = await SharedSettings.startOptions(settings, secrets, role);
    return options ? { options } : {};
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    console.warn(`shared mode: the saved setting could not be used: ${why}`);
    return { problem: `The saved shared-mode setting could not be used (${why}); this process works alone. Restart once the key store is open.` };
  }
}

function mt5Margins(mt5: Mt5Terminals): MarginAccount[] {
  const terminals = new Map(mt5.status().terminals.map((t) => [t.login, t]));
  return mt5.positionAccounts().flatMap((account) => {
    const terminal = terminals.get(account.account);
    if (!terminal?.connected || !terminal.figures) return [];
    const margin: MarginAccount = {
      venue: account.venue,
      account: account.account,
      currency: terminal.currency,
      balance: terminal.figures.balance,
      positions: () => account.positions(),
      deals: (since) => account.deals(since),
    };
    return [margin];
  });
}
