// What the rest of the app needs from a venue's market data. The demo venue implements it now; the ccxt adapters
// implement it for real venues.
import type { Balance, Candle, ClosedPosition, Deal, Market, Order, OrderRequest, Position, PublicTrade, StreamStatus, Symbol, Ticker, Timeframe, Trade, VenueId } from '../../src-shared';

export interface CandleQuery {
  limit: number;
  /** Only candles opening strictly before this time (paging backwards); the newest candles when absent. */
  before?: number;
}

export interface MarketDataVenue {
  readonly id: VenueId;
  markets(): Promise<Market[]>;
  ticker(symbol: Symbol): Promise<Ticker>;
  candles(symbol: Symbol, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]>;
}

/** One update of a live candle stream: the forming candle of the series. The price comes from the ticker stream. */
export interface CandleUpdate {
  candle: Candle;
}

/** A live stream's state as its source sees it (connected, reconnecting, gave up…). */
export interface StatusChange {
  status: StreamStatus;
  /** Why, in words a trader can act on: shown next to the badge. */
  reason?: string;
  /** When the next attempt is made (reconnecting, offline): the badge counts down to it. */
  retryAt?: number;
}

export type StatusListener = (change: StatusChange) => void;

/**
 * A venue's live data; each `watch*` returns the function that stops the stream. A source that knows about its own
 * connection reports status changes through `onStatus` and says how often it should speak (`staleAfterMs`); one that
 * does not (the demo venue) leaves them out and the streams' defaults apply.
 */
export interface LiveCandleSource {
  /** Silence longer than this marks a stream stale. */
  readonly staleAfterMs?: number;
  watchCandles(symbol: Symbol, timeframe: Timeframe, onUpdate: (update: CandleUpdate) => void, onStatus?: StatusListener): () => void;
  /** The public tape of a symbol, newest trades in each call, oldest first; where the venue streams it. */
  watchTrades?(symbol: Symbol, onTrades: (trades: PublicTrade[]) => void, onStatus?: StatusListener): () => void;
  /** Last price and 24 h figures of a symbol as the venue pushes them; where the venue streams it. */
  watchTicker?(symbol: Symbol, onTicker: (ticker: Ticker) => void, onStatus?: StatusListener): () => void;
}

/** Credentials of an exchange account. Lives only in main: read from the keychain, handed to the adapter. */
export interface ExchangeCredentials {
  apiKey: string;
  secret: string;
  /** Some venues (e.g. OKX, KuCoin) have one; Binance, Gate and MEXC do not. */
  password?: string;
}

export interface ExchangeConnectionOptions {
  /** The venue's testnet / sandbox where it has one. */
  sandbox?: boolean;
  /** Replaces the venue's REST base URL (testnet, regional endpoint, proxy, self-hosted gateway, test fake). */
  restBaseUrl?: string;
  /** Replaces the venue's WebSocket base URL. */
  wsBaseUrl?: string;
}

/** What a venue that matches its own orders (demo, paper) reports after each change, in one piece. */
export interface OrderActivity {
  order: Order;
  /** Fills of this change, oldest first. */
  trades: Trade[];
  /** The account's balances after the change. */
  balances: Balance[];
}

/**
 * A venue orders can be sent to: a real exchange account (live), or a simulated one (demo, paper). Every method
 * resolves to src-shared types (absent fields stay absent, never NaN) or rejects with an AppError whose code says
 * what happens next.
 */
export interface TradingVenue extends MarketDataVenue {
  balance(): Promise<Balance[]>;
  /** Sends a create with the caller's client order id. Never retried inside the adapter. */
  createOrder(request: OrderRequest, clientOrderId: string): Promise<Order>;
  cancelOrder(symbol: Symbol, exchangeOrderId: string): Promise<Order>;
  fetchOrder(symbol: Symbol, exchangeOrderId: string): Promise<Order>;
  /** undefined when the venue does not know the client order id (the create never arrived). */
  fetchOrderByClientId(symbol: Symbol, clientOrderId: string): Promise<Order | undefined>;
  openOrders(symbol?: Symbol): Promise<Order[]>;
  myTrades(symbol: Symbol, since?: number): Promise<Trade[]>;
  /** Makes a client order id in the venue's format (prefix, length, alphabet). */
  newClientOrderId(): string;
  /**
   * Venues that match orders themselves push every change; the order service polls the others. Returns the
   * function that stops the pushes.
   */
  watchOrders?(listener: (activity: OrderActivity) => void): () => void;
  /**
   * A dead-man switch on the venue's side, where it has one (Gate's countdown cancel-all): every open order is
   * cancelled by the venue unless this is called again within `timeoutS` seconds; 0 disarms it.
   */
  armDeadManSwitch?(timeoutS: number): Promise<void>;
}

/** A real venue's account over ccxt: trading plus a connection to close. */
export interface ExchangeAdapter extends TradingVenue {
  close(): Promise<void>;
  /**
   * Headers of the latest REST response, where the adapter keeps them: venues that report the weight already used
   * (Binance, MEXC) let the rate budget correct its own count with them.
   */
  lastResponseHeaders?(): Readonly<Record<string, unknown>> | undefined;
}

/** What a new stop loss or take profit is: a price, null to remove it, absent to keep it. */
export interface PositionProtection {
  stopLoss?: number | null;
  takeProfit?: number | null;
}

/**
 * An account that holds positions (an MT5 login). Closing a position is a trade the venue makes exactly once: a close
 * whose answer is lost is resolved by its client order id, never sent again.
 */
export interface PositionAccount {
  readonly venue: VenueId;
  readonly account: string;
  positions(): Promise<Position[]>;
  /** Closes `volume` of the position, or all of it. */
  closePosition(id: string, volume?: number): Promise<ClosedPosition>;
  modifyPosition(id: string, protection: PositionProtection): Promise<Position>;
  /** Trading deals since `since` (UTC ms), newest first. */
  deals(since: number): Promise<Deal[]>;
}
