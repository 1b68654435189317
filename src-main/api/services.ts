// What the handlers need from the core. The composition root fills it; tests can fill it with real services built
// on an in-memory database and the demo venue.
import type { AccountService, Mt5Terminals } from '../accounts';
import type { AlertService } from '../alerts';
import type { AuthService, OpenBrowser, SignInSettingsService } from '../auth';
import type { BillingService } from '../billing';
import type { VenueDirectory } from '../exchanges';
import type { MarketDataService } from '../market-data';
import type { NotificationService } from '../notifications';
import type { PortfolioService } from '../portfolio';
import type { SharedModeSettings, SharedModeStatus, SharedModeUpdate } from '../../src-shared';
import type { ResilienceRegistry, VenueLinks } from '../resilience';
import type { RiskService } from '../risk';
import type { SecretVault } from '../secrets';
import type { PreferencesService } from '../settings';
import type { CandleStreams, TickerStreams, TradeStreams } from '../streaming';
import type { OrderService, PositionService } from '../trading';

export interface AppIdentity {
  name: string;
  version: string;
  transport: 'ipc' | 'websocket';
}

export interface ApiServices {
  identity: AppIdentity;
  venues: VenueDirectory;
  streams: CandleStreams;
  /** Public tapes (time & sales), shared between windows like the candle streams. */
  tapes: TradeStreams;
  /** Tickers (the top bar's price), shared the same way. */
  tickers: TickerStreams;
  preferences: PreferencesService;
  /** Exchange accounts: keys in the OS keychain, validated before they are saved (`accounts:*`). */
  accounts: AccountService;
  /** Breakers, rate budgets and call metrics of every venue (`system:health`). */
  resilience: ResilienceRegistry;
  /** Whether each venue answers (`system:connectivity`), and its probe now (`system:retry-now`). */
  links: VenueLinks;
  /** Price sources, their priority and keys, quotes from all of them (`providers:*`). */
  marketData: MarketDataService;
  /** Desktop, email and SMS notifications, their settings, tests and delivery log (`notifications:*`). */
  notifications: NotificationService;
  /** Risk limits, the kill switch and the risk log (`risk:*`). */
  risk: RiskService;
  /** Price alert rules, their status and the firings history (`alerts:*`). */
  alerts: AlertService;
  /** Where keys are kept (keychain or key file) and whether they can be used now (`secrets:*`). */
  secrets: SecretVault;
  /** Signing in to the product's account (`auth:*`). */
  auth: AuthService;
  /** Where the app signs in: the environment's TBS_AUTH_*, or the settings screen's Sign-in section (`auth:settings`). */
  signInSettings: SignInSettingsService;
  /** The system browser (the Electron shell's); absent in the headless host, where the calling page opens the URL. */
  openBrowser?: OpenBrowser;
  /** Orders on every venue and mode: journaled before they are sent, followed, reconciled at start (`orders:*`). */
  trading: OrderService;
  /** MetaTrader 5 terminals: the bridge, its pairing token, the trading terminal (`mt5:*`). */
  mt5: Mt5Terminals;
  /** Open positions of every account that holds them, closing and SL/TP (`positions:*`). */
  positions: PositionService;
  /** The plan (Free or Pro) from the account server, checkout and the billing portal (`billing:*`). */
  billing: BillingService;
  /** Holdings and P&L in one currency, the equity curve, statistics and CSV exports (`portfolio:*`). */
  portfolio: PortfolioService;
  /** Shared mode (`shared:status`): Redis, and the processes seen; `{ enabled: false }` without `--redis`. */
  shared: { status(): Promise<SharedModeStatus> };
  /** Shared mode as saved in Settings (`shared:settings`), used at the next start. */
  sharedSettings: { view(): SharedModeSettings; update(request: SharedModeUpdate): Promise<SharedModeSettings> };
}
