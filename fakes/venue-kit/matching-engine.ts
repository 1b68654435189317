// The matching engine behind every fake venue (Binance, Gate, MEXC): enough to make orders behave like a venue's
// for the adapter. Limit orders rest (their funds locked) until the price crosses them; marketable limits and market
// orders fill at the last price; stop-limits wait for their stop. Fills move balances and pay 0.1 % commission in
// the asset received. It keeps Binance's vocabulary (NEW, FILLED, origQty…); each fake's wire.ts translates.
import { decimalsOf, type FakeSymbol } from './market';

export type BinanceOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'REJECTED' | 'EXPIRED';
export type BinanceOrderType = 'LIMIT' | 'MARKET' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT_LIMIT' | 'LIMIT_MAKER';

export interface FakeOrder {
  apiKey: string;
  symbol: string;
  orderId: number;
  clientOrderId: string;
  side: 'BUY' | 'SELL';
  type: BinanceOrderType;
  timeInForce: string;
  price: number;
  stopPrice: number;
  origQty: number;
  executedQty: number;
  cummulativeQuoteQty: number;
  status: BinanceOrderStatus;
  /** False for a stop-limit whose stop has not been reached. */
  isWorking: boolean;
  time: number;
  updateTime: number;
}

export interface FakeTrade {
  apiKey: string;
  symbol: string;
  id: number;
  orderId: number;
  price: number;
  qty: number;
  commission: number;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
}

export interface Asset {
  free: number;
  locked: number;
}

/** What every venue's "my trades" endpoint filters by, in engine units (ms, numeric ids), bounds inclusive. */
export interface TradeFilter {
  symbol?: string;
  from?: number;
  to?: number;
  fromId?: number;
  orderId?: number;
}

export type PlaceResult = { order: FakeOrder; fills: FakeTrade[] } | { error: { code: number; msg: string } };

export const COMMISSION = 0.001;

/** What every fake account starts with unless a test says otherwise. */
export const DEFAULT_BALANCES: Readonly<Record<string, number>> = { USDT: 100_000, BTC: 1, ETH: 10 };

export class MatchingEngine {
  readonly orders: FakeOrder[] = [];
  readonly trades: FakeTrade[] = [];
  readonly balances = new Map<string, Map<string, Asset>>();
  readonly last = new Map<string, number>();
  private nextOrderId = 1000;
  private nextTradeId = 5000;

  constructor(
    readonly symbols: FakeSymbol[],
    private readonly now: () => number,
  ) {
    for (const s of symbols) this.last.set(s.symbol, s.price);
  }

  asset(apiKey: string, asset: string): Asset {
    let account = this.balances.get(apiKey);
    if (!account) this.balances.set(apiKey, (account = new Map()));
    let entry = account.get(asset);
    if (!entry) account.set(asset, (entry = { free: 0, locked: 0 }));
    return entry;
  }

  /** Sets the free balances of a key's account (a fake's starting state). */
  fund(apiKey: string, balances: Readonly<Record<string, number>> = DEFAULT_BALANCES): void {
    for (const [asset, amount] of Object.entries(balances)) this.asset(apiKey, asset).free = amount;
  }

  symbol(id: string): FakeSymbol | undefined {
    return this.symbols.find((s) => s.symbol === id);
  }

  /** What a resting order locks: quote for a buy (at its limit price), base for a sell. */
  private lockOf(o: Pick<FakeOrder, 'side' | 'origQty' | 'executedQty' | 'price'>): number {
    const left = o.origQty - o.executedQty;
    return o.side === 'BUY' ? left * o.price : left;
  }

  place(o: Omit<FakeOrder, 'orderId' | 'executedQty' | 'cummulativeQuoteQty' | 'status' | 'isWorking' | 'time' | 'updateTime'>): PlaceResult {
    const s = this.symbol(o.symbol)!;
    const last = this.last.get(o.symbol)!;
    const payAsset = o.side === 'BUY' ? s.quote : s.base;
    const needed = o.side === 'BUY' ? o.origQty * (o.type === 'MARKET' ? last : o.price) : o.origQty;
    const pay = this.asset(o.apiKey, payAsset);
    if (pay.free + 1e-12 < needed) return { error: { code: -2010, msg: 'Account has insufficient balance for requested action.' } };
    const now = this.now();
    const order: FakeOrder = { ...o, orderId: this.nextOrderId++, executedQty: 0, cummulativeQuoteQty: 0, status: 'NEW', isWorking: true, time: now, updateTime: now };
    if (o.type === 'STOP_LOSS_LIMIT' || o.type === 'TAKE_PROFIT_LIMIT') order.isWorking = false;
    this.orders.push(order);
    if (o.type === 'MARKET') return { order, fills: [this.fill(order, last, false)] };
    pay.free -= needed;
    pay.locked += needed;
    const crosses = order.isWorking && (order.side === 'BUY' ? order.price >= last : order.price <= last);
    if (o.type === 'LIMIT_MAKER' && crosses) {
      this.release(order);
      order.status = 'EXPIRED';
      return { order, fills: [] };
    }
    return { order, fills: crosses ? [this.fill(order, last, false)] : [] };
  }

  private release(order: FakeOrder): void {
    const s = this.symbol(order.symbol)!;
    const pay = this.asset(order.apiKey, order.side === 'BUY' ? s.quote : s.base);
    const locked = this.lockOf(order);
    pay.locked = Math.max(0, pay.locked - locked);
    pay.free += locked;
  }

  /** Fills the rest of `order` at `price`. */
  private fill(order: FakeOrder, price: number, isMaker: boolean): FakeTrade {
    const s = this.symbol(order.symbol)!;
    if (order.type !== 'MARKET') this.release(order);
    const qty = order.origQty - order.executedQty;
    const quote = Number((qty * price).toFixed(decimalsOf(s.tickSize) + decimalsOf(s.stepSize)));
    const base = this.asset(order.apiKey, s.base);
    const quoteAsset = this.asset(order.apiKey, s.quote);
    const buyer = order.side === 'BUY';
    const commission = (buyer ? qty : quote) * COMMISSION;
    if (buyer) {
      quoteAsset.free -= quote;
      base.free += qty - commission;
    } else {
      base.free -= qty;
      quoteAsset.free += quote - commission;
    }
    const now = this.now();
    order.executedQty = order.origQty;
    order.cummulativeQuoteQty += quote;
    order.status = 'FILLED';
    order.updateTime = now;
    const trade: FakeTrade = {
      apiKey: order.apiKey, symbol: order.symbol, id: this.nextTradeId++, orderId: order.orderId, price, qty,
      commission, commissionAsset: buyer ? s.base : s.quote, time: now, isBuyer: buyer, isMaker,
    };
    this.trades.push(trade);
    return trade;
  }

  cancel(order: FakeOrder): void {
    this.release(order);
    order.status = 'CANCELED';
    order.updateTime = this.now();
  }

  /** Moves the last price and fills what it crosses: stops become working limits first. */
  setPrice(symbol: string, price: number): void {
    this.last.set(symbol, price);
    for (const order of this.orders) {
      if (order.symbol !== symbol || (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED')) continue;
      if (!order.isWorking) {
        const triggered = order.type === 'STOP_LOSS_LIMIT' ? (order.side === 'SELL' ? price <= order.stopPrice : price >= order.stopPrice) : (order.side === 'SELL' ? price >= order.stopPrice : price <= order.stopPrice);
        if (!triggered) continue;
        order.isWorking = true;
      }
      if (order.side === 'BUY' ? price <= order.price : price >= order.price) this.fill(order, order.price, true);
    }
  }

  isOpen(order: FakeOrder): boolean {
    return order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
  }

  /** The key's open orders, in one market or all, oldest first. */
  openOf(apiKey: string, symbol?: string): FakeOrder[] {
    return this.orders.filter((o) => o.apiKey === apiKey && this.isOpen(o) && (symbol === undefined || o.symbol === symbol));
  }

  /** The key's trades matching `f`, oldest first. */
  tradesOf(apiKey: string, f: TradeFilter): FakeTrade[] {
    return this.trades.filter(
      (t) =>
        t.apiKey === apiKey &&
        (f.symbol === undefined || t.symbol === f.symbol) &&
        (f.from === undefined || t.time >= f.from) &&
        (f.to === undefined || t.time <= f.to) &&
        (f.fromId === undefined || t.id >= f.fromId) &&
        (f.orderId === undefined || t.orderId === f.orderId),
    );
  }
}
