// Fake Gate's spot order endpoints (POST/GET /spot/orders, GET/DELETE /spot/orders/{order_id}, /spot/open_orders,
// /spot/my_trades, /spot/accounts) over the shared matching engine, with Gate's rules and error labels:
// - `text` must be `t-` + at most 28 bytes of [0-9A-Za-z_.-] (Gate API v4 docs, spot order model);
// - a market buy's `amount` is in the quote currency;
// - {order_id} may be the text, but only while the order is open or within an hour after it ended.
import { ok, type FakeResponse } from '../venue-kit/http';
import { onStep, type FakeSymbol } from '../venue-kit/market';
import type { FakeOrder, MatchingEngine } from '../venue-kit/matching-engine';
import { gateAccountJson, gateOrderJson, gateTradeJson, type GateOrderExtra } from './wire';

const TEXT = /^t-[0-9A-Za-z_.-]{1,28}$/;
export const TEXT_LOOKUP_WINDOW_MS = 3_600_000;

export const gateError = (status: number, label: string, message: string): FakeResponse => ({ status, body: { label, message } });
const notFound = () => gateError(404, 'ORDER_NOT_FOUND', 'Order not found');

type Params = Record<string, string>;

export interface GateOrderOptions {
  now: () => number;
  /** How long after an order ends Gate still resolves its text (1 h per the docs); tests shorten it. */
  textLookupWindowMs?: number;
}

export class GateOrderEndpoints {
  private readonly extras = new Map<number, GateOrderExtra>();

  constructor(
    private readonly engine: MatchingEngine,
    private readonly options: GateOrderOptions,
  ) {}

  private pair(id: string | undefined): FakeSymbol | FakeResponse {
    if (!id) return gateError(400, 'MISSING_REQUIRED_PARAM', 'Missing required parameter: currency_pair');
    return this.engine.symbol(id) ?? gateError(400, 'INVALID_CURRENCY_PAIR', `Invalid currency pair ${id}`);
  }

  private json(o: FakeOrder) {
    this.noteFinished(o);
    return gateOrderJson(o, this.engine.symbol(o.symbol)!, this.extras.get(o.orderId) ?? {}, this.engine.trades);
  }

  /** Orders end inside the engine (a price move fills them); the first time we see one ended, we note when. */
  private noteFinished(o: FakeOrder): void {
    const extra = this.extras.get(o.orderId) ?? {};
    if (!this.engine.isOpen(o) && extra.finishedAt === undefined) this.extras.set(o.orderId, { ...extra, finishedAt: o.updateTime });
  }

  create(apiKey: string, p: Params): FakeResponse {
    const s = this.pair(p.currency_pair);
    if ('status' in s) return s;
    if (p.side !== 'buy' && p.side !== 'sell') return gateError(400, 'INVALID_PARAM_VALUE', 'invalid argument: side');
    const type = p.type ?? 'limit';
    if (type !== 'limit' && type !== 'market') return gateError(400, 'INVALID_PARAM_VALUE', 'invalid argument: type');
    if (p.account !== undefined && p.account !== 'spot') return gateError(400, 'INVALID_PARAM_VALUE', 'invalid argument: account');
    if (p.text !== undefined && !TEXT.test(p.text)) return gateError(400, 'INVALID_PARAM_VALUE', 'invalid argument: text');
    const amount = Number(p.amount);
    if (!(amount > 0)) return gateError(400, 'INVALID_PARAM_VALUE', 'invalid argument: amount');
    const last = this.engine.last.get(s.symbol)!;
    const marketBuy = type === 'market' && p.side === 'buy';
    const price = type === 'market' ? 0 : Number(p.price);
    if (type === 'limit' && (!(price > 0) || !onStep(price, s.tickSize))) return gateError(400, 'INVALID_PRECISION', `Invalid price precision ${p.price}`);
    if (!marketBuy && !onStep(amount, s.stepSize)) return gateError(400, 'INVALID_PRECISION', `Invalid amount precision ${p.amount}`);
    // Gate sizes a market buy by what it spends; the engine works in base units at the last price.
    const step = Number(s.stepSize);
    const qty = marketBuy ? Math.floor(amount / last / step + 1e-9) * step : amount;
    const notional = marketBuy ? amount : qty * (price || last);
    if (qty < Number(s.minQty) || notional < Number(s.minNotional)) {
      return gateError(400, 'INVALID_PARAM_VALUE', `Your order size ${notional} ${s.quote} is too small. The minimum is ${s.minNotional} ${s.quote}`);
    }
    if (type === 'market' && p.time_in_force !== undefined && !['ioc', 'fok'].includes(p.time_in_force)) {
      return gateError(400, 'INVALID_PARAM_VALUE', 'invalid argument: time_in_force');
    }
    const placed = this.engine.place({
      apiKey, symbol: s.symbol, clientOrderId: p.text ?? 'apiv4', side: p.side === 'buy' ? 'BUY' : 'SELL',
      type: type === 'market' ? 'MARKET' : 'LIMIT', timeInForce: (p.time_in_force ?? (type === 'market' ? 'ioc' : 'gtc')).toUpperCase(),
      price, stopPrice: 0, origQty: qty,
    });
    if ('error' in placed) return gateError(400, 'BALANCE_NOT_ENOUGH', 'Not enough balance');
    if (marketBuy) this.extras.set(placed.order.orderId, { quoteAmount: amount });
    return { status: 201, body: this.json(placed.order) };
  }

  /** {order_id} is Gate's numeric id, or the text while Gate still resolves it. */
  private find(apiKey: string, orderId: string, pairId: string): FakeOrder | undefined {
    const mine = this.engine.orders.filter((o) => o.apiKey === apiKey && o.symbol === pairId);
    if (!orderId.startsWith('t-')) return mine.find((o) => String(o.orderId) === orderId);
    const window = this.options.textLookupWindowMs ?? TEXT_LOOKUP_WINDOW_MS;
    const now = this.options.now();
    return mine
      .filter((o) => o.clientOrderId === orderId)
      .reverse()
      .find((o) => {
        this.noteFinished(o);
        const finishedAt = this.extras.get(o.orderId)?.finishedAt;
        return finishedAt === undefined || now - finishedAt <= window;
      });
  }

  get(apiKey: string, orderId: string, p: Params): FakeResponse {
    const s = this.pair(p.currency_pair);
    if ('status' in s) return s;
    const order = this.find(apiKey, orderId, s.symbol);
    return order ? ok(this.json(order)) : notFound();
  }

  cancel(apiKey: string, orderId: string, p: Params): FakeResponse {
    const s = this.pair(p.currency_pair);
    if ('status' in s) return s;
    const order = this.find(apiKey, orderId, s.symbol);
    if (!order || !this.engine.isOpen(order)) return notFound();
    this.engine.cancel(order);
    return ok(this.json(order));
  }

  /** GET /spot/open_orders: open orders grouped by pair, as Gate returns them. */
  openGrouped(apiKey: string, p: Params): FakeResponse {
    const open = this.engine.openOf(apiKey, p.currency_pair);
    const pairs = [...new Set(open.map((o) => o.symbol))];
    return ok(pairs.map((pair) => {
      const orders = open.filter((o) => o.symbol === pair).map((o) => this.json(o));
      return { currency_pair: pair, total: orders.length, orders };
    }));
  }

  /** GET /spot/orders?status=open|finished: one pair, newest first. */
  list(apiKey: string, p: Params): FakeResponse {
    const s = this.pair(p.currency_pair);
    if ('status' in s) return s;
    if (p.status !== 'open' && p.status !== 'finished') return gateError(400, 'INVALID_PARAM_VALUE', 'invalid argument: status');
    const limit = Math.min(Number(p.limit ?? 100), 1000);
    const wanted = this.engine.orders.filter((o) => o.apiKey === apiKey && o.symbol === s.symbol && this.engine.isOpen(o) === (p.status === 'open'));
    return ok(wanted.slice().reverse().slice(0, limit).map((o) => this.json(o)));
  }

  myTrades(apiKey: string, p: Params): FakeResponse {
    const limit = Math.min(Number(p.limit ?? 100), 1000);
    // Gate's from/to are Unix seconds.
    const ms = (s: string | undefined) => (s === undefined ? undefined : Number(s) * 1000);
    const trades = this.engine.tradesOf(apiKey, { symbol: p.currency_pair, from: ms(p.from), to: ms(p.to), orderId: p.order_id === undefined ? undefined : Number(p.order_id) });
    const textOf = (orderId: number) => this.engine.orders.find((o) => o.orderId === orderId)?.clientOrderId ?? 'apiv4';
    return ok(trades.slice().reverse().slice(0, limit).map((t) => gateTradeJson(t, textOf(t.orderId))));
  }

  accounts(apiKey: string, p: Params): FakeResponse {
    const account = this.engine.balances.get(apiKey) ?? new Map();
    const rows = [...account.entries()].filter(([currency]) => p.currency === undefined || currency === p.currency);
    return ok(rows.map(([currency, asset]) => gateAccountJson(currency, asset)));
  }
}
