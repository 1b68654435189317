// The ExchangeAdapter port over one ccxt instance. Everything venue-independent lives here; what differs (client
// order id param and format, lookup by client id, quirks) comes from the VenueProfile. Every call converts ccxt's
// errors at this edge, so nothing above sees a ccxt class or a message with a signed URL in it.
import type { Exchange, MarketInterface, Order as CcxtOrder } from 'ccxt';
import {
  AppError,
  timeframeMs,
  type Balance,
  type Candle,
  type Market,
  type Order,
  type OrderRequest,
  type Symbol,
  type Ticker,
  type Timeframe,
  type Trade,
  type TradingMode,
  type VenueId,
} from '../../../src-shared';
import type { CandleQuery, ExchangeAdapter, ExchangeCredentials } from '../ports';
import { toAppError } from './errors';
import { openOrdersByMarket } from './open-orders-by-market';
import {
  normalizeBalances,
  normalizeCandles,
  normalizeMarket,
  normalizeOrder,
  normalizeTicker,
  normalizeTrades,
  type OrderContext,
} from './normalize';
import type { VenueProfile } from './venue-profile';

export interface CcxtAdapterOptions {
  /** How this account's orders affect money; a sandbox account is still 'live' to the venue. Default 'live'. */
  mode?: TradingMode;
  /** Only for scrubbing messages: the adapter never reads them otherwise (ccxt holds them). */
  credentials?: ExchangeCredentials | undefined;
  now?: () => number;
}

export class CcxtAdapter implements ExchangeAdapter {
  readonly id: VenueId;
  protected readonly mode: TradingMode;
  private readonly secrets: readonly (string | undefined)[];
  private readonly now: () => number;
  private marketsLoad: Promise<Market[]> | undefined;
  /** Present only for venues with a countdown cancel-all (see VenueProfile.armDeadManSwitch). */
  readonly armDeadManSwitch?: (timeoutS: number) => Promise<void>;

  constructor(
    protected readonly profile: VenueProfile,
    protected readonly ex: Exchange,
    options: CcxtAdapterOptions = {},
  ) {
    this.id = profile.id;
    this.mode = options.mode ?? 'live';
    const c = options.credentials;
    this.secrets = c ? [c.apiKey, c.secret, c.password] : [];
    this.now = options.now ?? Date.now;
    const arm = profile.armDeadManSwitch;
    if (arm) this.armDeadManSwitch = (timeoutS) => this.call(() => arm(this.ex, timeoutS));
  }

  /** The ccxt instance, for the streaming layer and for tests; callers must not bypass the adapter for REST. */
  get exchange(): Exchange {
    return this.ex;
  }

  /** Loaded once and shared by concurrent callers; a failed load is forgotten so the next call retries it. */
  markets(): Promise<Market[]> {
    this.marketsLoad ??= this.call(async () => {
      const loaded = await this.ex.loadMarkets();
      const list: Market[] = [];
      for (const m of Object.values(loaded)) {
        const market = normalizeMarket(this.id, m as Partial<MarketInterface>, this.ex.precisionMode ?? 0);
        if (market) list.push(market);
      }
      return list.sort((a, b) => a.symbol.localeCompare(b.symbol));
    }).catch((error: unknown) => {
      this.marketsLoad = undefined;
      throw error;
    });
    return this.marketsLoad;
  }

  ticker(symbol: Symbol): Promise<Ticker> {
    return this.call(async () => normalizeTicker(this.id, symbol, await this.ex.fetchTicker(symbol), this.now()));
  }

  /**
   * The newest `limit` candles, or with `before` the `limit` candles ending just before it. Paging is by `since`
   * (supported by every ccxt venue) rather than a venue's end-time parameter; rows at or after `before` are cut.
   */
  candles(symbol: Symbol, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]> {
    return this.call(async () => {
      const since = query.before === undefined ? undefined : Math.max(0, query.before - query.limit * timeframeMs(timeframe));
      const rows = await this.ex.fetchOHLCV(symbol, timeframe, since, query.limit);
      const candles = normalizeCandles(rows);
      const before = query.before;
      const page = before === undefined ? candles : candles.filter((c) => c.time < before);
      return page.slice(-query.limit);
    });
  }

  balance(): Promise<Balance[]> {
    return this.call(async () => normalizeBalances(this.id, await this.ex.fetchBalance()));
  }

  /** One request, never retried: a lost answer is resolved by the order service through fetchOrderByClientId. */
  createOrder(request: OrderRequest, clientOrderId: string): Promise<Order> {
    return this.call(async () => {
      const params: Record<string, unknown> = {
        ...this.profile.quirks.createParams?.(request),
        [this.profile.clientOrderIdParam]: clientOrderId,
      };
      const { symbol, side, amount } = request;
      let created: CcxtOrder;
      switch (request.type) {
        case 'market': {
          const price = side === 'buy' && this.profile.quirks.marketBuyNeedsPrice ? await this.marketBuyPrice(symbol) : undefined;
          created = await this.ex.createOrder(symbol, 'market', side, amount, price, params);
          break;
        }
        case 'limit':
          created = await this.ex.createOrder(symbol, 'limit', side, amount, request.price, params);
          break;
        case 'stop-limit':
          if (!this.profile.quirks.stopLimit) {
            throw new AppError('INVALID_REQUEST', `${this.profile.name} does not take stop-limit orders through this app`);
          }
          created = await this.ex.createOrder(symbol, 'limit', side, amount, request.price, { ...params, triggerPrice: request.stopPrice });
          break;
      }
      return this.normalize(await this.confirmCreate(created, symbol), symbol, { clientOrderId, request });
    });
  }

  /**
   * What a market buy should cost per unit, for venues that size it in quote (ccxt multiplies amount × price). The
   * ask is what a buy meets; last only when the book is empty. Fails before the create is sent, so nothing is placed.
   */
  private async marketBuyPrice(symbol: Symbol): Promise<number> {
    const ticker = normalizeTicker(this.id, symbol, await this.ex.fetchTicker(symbol), this.now());
    return ticker.ask ?? ticker.last;
  }

  /**
   * For venues whose create answer has no status (quirk confirmCreate): the order as the venue reports it right
   * after. The create has succeeded whatever happens here, so a failed fetch never fails the call: the create
   * answer is returned and reads 'pending'. A "not found" is retried briefly: MEXC's read side can lag its write
   * side by moments (ccxt issue #21614).
   */
  private async confirmCreate(created: CcxtOrder, symbol: Symbol): Promise<CcxtOrder> {
    const confirm = this.profile.quirks.confirmCreate;
    const id = created.id as string | undefined;
    if (confirm === undefined || (created.status !== undefined && created.status !== null) || !id) return created;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.ex.fetchOrder(id, symbol);
      } catch (error) {
        if (attempt >= confirm.attempts || this.toAppError(error).code !== 'NOT_FOUND') return created;
        await sleep(confirm.delayMs);
      }
    }
  }

  cancelOrder(symbol: Symbol, exchangeOrderId: string): Promise<Order> {
    return this.call(async () => this.normalize(await this.ex.cancelOrder(exchangeOrderId, symbol), symbol));
  }

  fetchOrder(symbol: Symbol, exchangeOrderId: string): Promise<Order> {
    return this.call(async () => this.normalize(await this.ex.fetchOrder(exchangeOrderId, symbol), symbol));
  }

  fetchOrderByClientId(symbol: Symbol, clientOrderId: string): Promise<Order | undefined> {
    return this.call(async () => {
      await this.ex.loadMarkets();
      const found = await this.profile.findByClientId(this.ex, symbol, clientOrderId);
      return found === undefined ? undefined : this.normalize(found, symbol, { clientOrderId });
    });
  }

  openOrders(symbol?: Symbol): Promise<Order[]> {
    return this.call(async () => {
      const perMarket = this.profile.quirks.openOrdersPerMarket;
      const orders =
        symbol === undefined && perMarket !== undefined
          ? await openOrdersByMarket(this.ex, this.profile, perMarket.maxMarkets)
          : await this.ex.fetchOpenOrders(symbol);
      return orders.map((o) => this.normalize(o, symbol));
    });
  }

  myTrades(symbol: Symbol, since?: number): Promise<Trade[]> {
    return this.call(async () => normalizeTrades(await this.ex.fetchMyTrades(symbol, since), this.id, this.mode));
  }

  newClientOrderId(): string {
    return this.profile.makeClientOrderId();
  }

  lastResponseHeaders(): Readonly<Record<string, unknown>> | undefined {
    return this.ex.last_response_headers as Record<string, unknown> | undefined;
  }

  async close(): Promise<void> {
    await this.ex.close();
  }

  /** The venue's own report of our client id wins over what we sent; ccxt's field is not always it (quirk). */
  protected normalize(o: CcxtOrder, symbol: Symbol | undefined, known: Pick<OrderContext, 'clientOrderId' | 'request'> = {}): Order {
    const reported = this.profile.quirks.clientOrderIdOf?.(o);
    const order = reported === undefined ? o : { ...o, clientOrderId: reported };
    return normalizeOrder(order, { venue: this.id, mode: this.mode, now: this.now(), ...(symbol === undefined ? {} : { symbol }), ...known });
  }

  /** Runs one ccxt call and converts whatever it throws; the last response's headers carry Retry-After. */
  protected async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw this.toAppError(error);
    }
  }

  private toAppError(error: unknown): AppError {
    return toAppError(error, {
      venueName: this.profile.name,
      headers: this.ex.last_response_headers as Record<string, unknown> | undefined,
      secrets: this.secrets,
      profile: this.profile,
      now: this.now,
    });
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
