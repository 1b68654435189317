// The one contract between renderer and main: every channel (`domain:verb`) with its request and response schema,
// and every event main pushes. Channel and event names are written here and nowhere else.
import { z } from 'zod';
import { Candle, Market, PublicTrade, Symbol, Ticker, Timeframe, TradingMode, VenueId } from './domain';
import { ApiErrorData } from './errors';
import {
  CandlesResult,
  CompareResult,
  ProviderInfo,
  ProvidersState,
  QuoteResult,
  marketDataRequests,
} from './market-data';
import { alertChannels, alertEvents } from './alerts';
import { notificationChannels, notificationEvents } from './notifications';
import { tradingChannels, tradingEvents } from './trading';
import { riskChannels, riskEvents } from './risk';
import { Role } from './roles';
import { secretsChannels, secretsEvents } from './secrets';
import { authChannels, authEvents } from './auth';

export * from './market-data';

const NoPayload = z.object({}).strict();
const VenueRef = z.object({ venue: VenueId }).strict();
const SeriesRef = z.object({ venue: VenueId, symbol: Symbol, timeframe: Timeframe }).strict();

export const Theme = z.enum(['dark', 'light']);
export type Theme = z.infer<typeof Theme>;
/** Rising and falling, buy and sell: green/red, or blue/orange for red-green colour blindness. */
export const Palette = z.enum(['green-red', 'blue-orange']);
export type Palette = z.infer<typeof Palette>;
/** Times on screen: the trader's local zone or UTC. */
export const TimeZoneChoice = z.enum(['local', 'utc']);
export type TimeZoneChoice = z.infer<typeof TimeZoneChoice>;

/** What the trader last looked at, restored at the next start. */
export const Preferences = z.object({
  venue: VenueId,
  symbol: Symbol,
  timeframe: Timeframe,
  theme: Theme,
  palette: Palette,
  timeZone: TimeZoneChoice,
});
export type Preferences = z.infer<typeof Preferences>;

export const VenueSummary = z.object({
  id: VenueId,
  name: z.string(),
  mode: TradingMode,
  available: z.boolean(),
  /** Not available yet, but its saved account is connecting or offline (retried by itself): it opens on its own. */
  pending: z.enum(['connecting', 'offline']).optional(),
  /** While offline: when the venue is tried again. */
  retryAt: z.number().int().nonnegative().optional(),
});
export type VenueSummary = z.infer<typeof VenueSummary>;

/**
 * offline: the venue is unreachable and probed at a slow pace (the stream resumes by itself when it answers);
 * failed: only what retrying cannot fix (an unknown symbol, refused keys).
 */
export const StreamStatus = z.enum(['live', 'stale', 'reconnecting', 'offline', 'failed']);
export type StreamStatus = z.infer<typeof StreamStatus>;

export const MAX_CANDLES_PER_REQUEST = 5000;

/** Health of one venue's REST access, as the resilience layer sees it (`system:health`). */
export const VenueHealth = z.object({
  venue: VenueId,
  breaker: z.enum(['closed', 'open', 'half-open']),
  /** While the circuit is open: time until the next trial call. */
  retryAfterMs: z.number().int().nonnegative().optional(),
  rateBudget: z.object({
    windows: z.array(z.object({ id: z.string(), used: z.number().nonnegative(), limit: z.number().positive() })),
  }),
  /** Requests paused until then after the venue's Retry-After. */
  pausedUntil: z.number().int().nonnegative().optional(),
  /** The venue banned this address until then (Binance 418): no requests go to it before. */
  bannedUntil: z.number().int().nonnegative().optional(),
});
export type VenueHealth = z.infer<typeof VenueHealth>;

export const OperationMetrics = z.object({
  operation: z.string(),
  venue: VenueId,
  count: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  p50Ms: z.number().nonnegative(),
  p95Ms: z.number().nonnegative(),
  p99Ms: z.number().nonnegative(),
});
export type OperationMetrics = z.infer<typeof OperationMetrics>;

/**
 * Whether a venue answers, as its reachability link sees it: live; connecting (its saved account, at start); offline
 * (unreachable, retried by itself at `retryAt`); rejected (the venue refused the account's keys: the trader must act);
 * none (no account: not used).
 */
export const VenueConnectivity = z.object({
  venue: VenueId,
  state: z.enum(['live', 'connecting', 'offline', 'rejected', 'none']),
  retryAt: z.number().int().nonnegative().optional(),
  reason: z.string().optional(),
});
export type VenueConnectivity = z.infer<typeof VenueConnectivity>;

export const SystemHealth = z.object({ venues: z.array(VenueHealth), operations: z.array(OperationMetrics) });
export type SystemHealth = z.infer<typeof SystemHealth>;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' });
const wsUrl = z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// address' });

/**
 * An exchange account to add. The only request that carries secrets: they go from here to the OS keychain in main,
 * and no response ever carries them back. Surrounding spaces (a sloppy copy and paste) are trimmed.
 */
export const NewAccount = z
  .object({
    venue: VenueId,
    /** A name for the trader; the venue's name when empty. */
    label: z.string().trim().max(60).optional(),
    apiKey: z.string().trim().min(1, 'enter the API key').max(1024),
    secret: z.string().trim().min(1, 'enter the API secret').max(4096),
    /** The passphrase of venues that have one; empty means none. */
    password: z.string().trim().max(1024).optional(),
    /** The venue's testnet / sandbox. */
    sandbox: z.boolean().default(false),
    /** Replaces the venue's REST base URL (testnet, regional endpoint, proxy, self-hosted gateway). */
    restBaseUrl: httpUrl.optional(),
    /** Replaces the venue's WebSocket base URL. */
    wsBaseUrl: wsUrl.optional(),
    /**
     * The trader confirmed an http:// or ws:// base URL to another machine (keys and signed requests in clear text);
     * without it such a URL is refused. Loopback needs no confirmation.
     */
    allowInsecure: z.boolean().default(false),
  })
  .strict();
export type NewAccount = z.input<typeof NewAccount>;

/**
 * connecting: being checked (at start); offline: the venue could not be reached and is retried by itself (`retryAt`);
 * needs-attention: the last check failed for a reason retrying cannot fix (refused keys), `problem` says what to do.
 */
export const AccountStatus = z.enum(['connecting', 'connected', 'offline', 'needs-attention']);
export type AccountStatus = z.infer<typeof AccountStatus>;

/** What the renderer may know of an account: whether each secret is set, never its value. */
export const AccountSummary = z.object({
  id: z.string(),
  venue: VenueId,
  label: z.string(),
  sandbox: z.boolean(),
  restBaseUrl: z.string().optional(),
  wsBaseUrl: z.string().optional(),
  createdAt: z.number().int().nonnegative(),
  apiKeySet: z.boolean(),
  secretSet: z.boolean(),
  passwordSet: z.boolean(),
  status: AccountStatus,
  problem: ApiErrorData.optional(),
  /** While offline: when the venue is tried again. */
  retryAt: z.number().int().nonnegative().optional(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

const AccountRef = z.object({ id: z.string().min(1).max(100) }).strict();

export const contract = {
  'app:info': {
    req: NoPayload,
    res: z.object({
      name: z.string(),
      version: z.string(),
      transport: z.enum(['ipc', 'websocket']),
      defaultVenue: VenueId,
      venues: z.array(VenueSummary),
      /** The calling session's role: a viewer's UI hides what it may not do. */
      role: Role,
    }),
  },
  'market:markets': {
    req: VenueRef,
    res: z.array(Market),
  },
  'market:ticker': {
    req: z.object({ venue: VenueId, symbol: Symbol }).strict(),
    res: Ticker,
  },
  'market:candles': {
    req: SeriesRef.extend({
      limit: z.number().int().min(1).max(MAX_CANDLES_PER_REQUEST).default(500),
      /** Only candles that open before this time: pages backwards through history. */
      before: z.number().int().nonnegative().optional(),
    }).strict(),
    res: z.array(Candle),
  },
  'market:subscribe': {
    req: SeriesRef,
    res: z.object({ subscriptionId: z.string() }),
  },
  /** The public tape (time & sales) of a symbol: `trades.updated` events, status in `stream.status-changed`. */
  'market:subscribe-trades': {
    req: z.object({ venue: VenueId, symbol: Symbol }).strict(),
    res: z.object({ subscriptionId: z.string() }),
  },
  /** The ticker (last price, 24 h change) of a symbol: `ticker.updated` events, status in `stream.status-changed`. */
  'market:subscribe-ticker': {
    req: z.object({ venue: VenueId, symbol: Symbol }).strict(),
    res: z.object({ subscriptionId: z.string() }),
  },
  /** Ends a candle, trades or ticker subscription. */
  'market:unsubscribe': {
    req: z.object({ subscriptionId: z.string().min(1) }).strict(),
    res: z.object({ unsubscribed: z.boolean() }),
  },
  'settings:get': {
    req: NoPayload,
    res: Preferences,
  },
  'settings:update': {
    req: Preferences.partial().strict(),
    res: Preferences,
  },
  'system:health': {
    req: NoPayload,
    res: SystemHealth,
  },
  'accounts:list': {
    req: NoPayload,
    /** `venues`: the venues an account can be added for. */
    res: z.object({ accounts: z.array(AccountSummary), venues: z.array(VenueId) }),
  },
  'accounts:add': {
    req: NewAccount,
    res: AccountSummary,
  },
  /** Checks the stored keys again with a private call; the summary's status and problem say how it went. */
  'accounts:test': {
    req: AccountRef,
    res: AccountSummary,
  },
  'accounts:remove': {
    req: AccountRef,
    res: z.object({ removed: z.boolean() }),
  },
  /** The price sources (data APIs and exchanges) in priority order; keys are reported only as set or not. */
  'market-data:providers': { req: NoPayload, res: ProvidersState },
  'market-data:set-priority': { req: marketDataRequests.setPriority, res: ProvidersState },
  /** Stores a data API's key in the OS keychain; the answer says only that it is set. */
  'market-data:set-key': { req: marketDataRequests.setKey, res: ProviderInfo },
  'market-data:remove-key': { req: marketDataRequests.removeKey, res: ProviderInfo },
  /** The first source's price in priority order, with every failure before it. */
  'market-data:quote': { req: marketDataRequests.quote, res: QuoteResult },
  /** Every source's price (with its age) or failure, side by side. */
  'market-data:compare': { req: marketDataRequests.quote, res: CompareResult },
  'market-data:candles': { req: marketDataRequests.candles, res: CandlesResult },
  ...tradingChannels,
  ...riskChannels,
  ...alertChannels,
  ...notificationChannels,
  ...secretsChannels,
  // Last, so that the channels before keep their place (the API fuzz seeds each channel by its index).
  /** Each venue's connectivity (the top bar); changes are pushed as `venue.connectivity-changed`. */
  'system:connectivity': {
    req: NoPayload,
    res: z.array(VenueConnectivity),
  },
  /** Probes an offline venue at once (the chart's Retry now): its streams and account resume if it answers. */
  'system:retry-now': {
    req: VenueRef,
    res: z.object({ probing: z.boolean() }),
  },
  /**
   * The window saw the network come back (the browser's `online` event; Electron's main process has none): every
   * offline venue is probed at once instead of at its next slow probe. Says how many were.
   */
  'system:network-online': {
    req: NoPayload,
    res: z.object({ probing: z.number().int().nonnegative() }),
  },
  ...authChannels,
} as const satisfies Record<string, { req: z.ZodType; res: z.ZodType }>;

export const events = {
  /** The forming (or just closed) candle of a subscribed series. */
  'candle.updated': z.object({
    subscriptionId: z.string(),
    venue: VenueId,
    symbol: Symbol,
    timeframe: Timeframe,
    /**
     * Bars that closed since the previous push, oldest first, each in its final state: a frame that saw a new bar
     * start (or a backfill after a reconnect) must not lose them. Apply them before `candle`.
     */
    closed: z.array(Candle).optional(),
    candle: Candle,
    /**
     * The symbol's latest ticker, in the same frame: one frame per push (two frames per push doubled the frame rate
     * and, in Chromium, the latency: bench/stream measured p50 30 ms with a separate ticker event, 1 ms without).
     */
    ticker: Ticker,
  }),
  /** New trades of a subscribed tape, oldest first (the first push carries the recent ones). */
  'trades.updated': z.object({ subscriptionId: z.string(), venue: VenueId, symbol: Symbol, trades: z.array(PublicTrade) }),
  'ticker.updated': z.object({ subscriptionId: z.string(), ticker: Ticker }),
  'stream.status-changed': z.object({
    subscriptionId: z.string(),
    status: StreamStatus,
    reason: z.string().optional(),
    /** When the next attempt is made (reconnecting, offline), for the badge's countdown. */
    retryAt: z.number().int().nonnegative().optional(),
  }),
  'venue.connectivity-changed': VenueConnectivity,
  ...tradingEvents,
  ...riskEvents,
  ...alertEvents,
  ...notificationEvents,
  ...secretsEvents,
  ...authEvents,
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller sends (defaults not yet applied). */
export type Req<C extends Channel> = z.input<Contract[C]['req']>;
/** What a handler receives after validation. */
export type ParsedReq<C extends Channel> = z.output<Contract[C]['req']>;
export type Res<C extends Channel> = z.output<Contract[C]['res']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

export type ApiResponse<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorData };

/**
 * What the renderer sees as `window.api`: the preload's implementation in Electron, a WebSocket bridge in a browser.
 * Both carry the same untyped frames; the typed client in the renderer sits on top.
 */
export interface ApiBridge {
  invoke(channel: string, payload: unknown): Promise<ApiResponse>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
