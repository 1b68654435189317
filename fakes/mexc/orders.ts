// Fake MEXC's spot order endpoints (POST/GET/DELETE /api/v3/order, /openOrders, /myTrades) over the shared matching
// engine, with MEXC's codes: -2013 for an order it does not know, -2011 to cancel one, 30004 for too little balance,
// 30002 under the minimum, 700004 when neither id is sent, 700008 for an illegal client order id.
import { ok, type FakeResponse } from '../venue-kit/http';
import { onStep, type FakeSymbol } from '../venue-kit/market';
import type { FakeOrder, MatchingEngine } from '../venue-kit/matching-engine';
import { engineOrderId, mexcCreatedJson, mexcOrderJson, mexcTradeJson } from './wire';

/** MEXC documents no format; this is the rule the app keeps to (see ccxt/mexc.ts), enforced so a drift shows. */
const CLIENT_ID = /^[A-Za-z0-9_-]{1,32}$/;
const TYPES = ['LIMIT', 'MARKET', 'LIMIT_MAKER'] as const;
type MexcType = (typeof TYPES)[number];

export const mexcError = (code: number, msg: string, status = 400): FakeResponse => ({ status, body: { code, msg } });
const missing = (name: string) => mexcError(700004, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);

type Params = Record<string, string>;
const num = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));


export class MexcOrderEndpoints {
  constructor(
    private readonly engine: MatchingEngine,
    private readonly now: () => number,
    /** Read-after-write lag of GET /api/v3/order (see FakeMexcOptions.orderVisibleAfterMs). */
    private readonly visibleAfterMs: number,
  ) {}

  private market(p: Params): FakeSymbol | FakeResponse {
    if (!p.symbol) return missing('symbol');
    return this.engine.symbol(p.symbol) ?? mexcError(-1121, 'Invalid symbol.');
  }

  create(apiKey: string, p: Params): FakeResponse {
    const s = this.market(p);
    if ('status' in s) return s;
    if (p.side !== 'BUY' && p.side !== 'SELL') return missing('side');
    const type = p.type as MexcType;
    if (!TYPES.includes(type)) return mexcError(-1116, 'Invalid orderType.');
    if (p.newClientOrderId !== undefined && !CLIENT_ID.test(p.newClientOrderId)) {
      return mexcError(700008, "Illegal characters found in parameter 'newClientOrderId'");
    }
    const last = this.engine.last.get(s.symbol)!;
    const step = Number(s.stepSize);
    // A market order is sized by quantity, or by quoteOrderQty (what to spend): the engine works in base units.
    const byQuote = type === 'MARKET' && p.quantity === undefined && p.quoteOrderQty !== undefined;
    const qty = byQuote ? Math.floor(Number(p.quoteOrderQty) / last / step + 1e-9) * step : Number(p.quantity);
    if (!(qty > 0)) return missing('quantity');
    if (!byQuote && !onStep(qty, s.stepSize)) return mexcError(400, 'quantity scale is invalid');
    const price = type === 'MARKET' ? 0 : Number(p.price);
    if (type !== 'MARKET' && (!(price > 0) || !onStep(price, s.tickSize))) return mexcError(400, 'price scale is invalid');
    const value = byQuote ? Number(p.quoteOrderQty) : qty * (price || last);
    if (qty < Number(s.minQty) || value < Number(s.minNotional)) {
      return mexcError(30002, `The minimum transaction volume cannot be less than :${s.minNotional}${s.quote}`);
    }
    const placed = this.engine.place({
      apiKey, symbol: s.symbol, clientOrderId: p.newClientOrderId ?? '', side: p.side, type,
      timeInForce: type === 'MARKET' ? 'IOC' : 'GTC', price, stopPrice: 0, origQty: qty,
    });
    if ('error' in placed) return mexcError(30004, 'Insufficient position');
    return ok(mexcCreatedJson(placed.order));
  }

  private find(apiKey: string, p: Params): FakeOrder | FakeResponse {
    const s = this.market(p);
    if ('status' in s) return s;
    if (p.orderId === undefined && p.origClientOrderId === undefined) {
      return mexcError(700004, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null");
    }
    const id = p.orderId === undefined ? undefined : engineOrderId(p.orderId);
    const found = this.engine.orders.filter(
      (o) =>
        o.apiKey === apiKey &&
        o.symbol === s.symbol &&
        (p.orderId === undefined || o.orderId === id) &&
        (p.origClientOrderId === undefined || (o.clientOrderId !== '' && o.clientOrderId === p.origClientOrderId)),
    );
    return found.at(-1) ?? mexcError(-2013, 'Order does not exist.');
  }

  get(apiKey: string, p: Params): FakeResponse {
    const found = this.find(apiKey, p);
    if (!('orderId' in found)) return found;
    if (this.now() - found.time < this.visibleAfterMs) return mexcError(-2013, 'Order does not exist.');
    return ok(this.json(found));
  }

  cancel(apiKey: string, p: Params): FakeResponse {
    const found = this.find(apiKey, p);
    if (!('orderId' in found)) return (found.body as { code: number }).code === -2013 ? mexcError(-2011, 'Unknown order sent.') : found;
    if (!this.engine.isOpen(found)) return mexcError(-2011, 'Unknown order sent.');
    this.engine.cancel(found);
    // As MEXC's docs print it (and Binance does): the original id in origClientOrderId, a new one for the cancel.
    return ok({ ...this.json(found), origClientOrderId: found.clientOrderId || null, clientOrderId: `cancel${found.orderId}` });
  }

  /** MEXC requires the symbol here (docs: "symbol YES"), unlike Binance. */
  open(apiKey: string, p: Params): FakeResponse {
    const s = this.market(p);
    if ('status' in s) return s;
    return ok(this.engine.openOf(apiKey, s.symbol).map((o) => this.json(o)));
  }

  myTrades(apiKey: string, p: Params): FakeResponse {
    const s = this.market(p);
    if ('status' in s) return s;
    const limit = Math.min(Number(p.limit ?? 100), 100);
    const trades = this.engine.tradesOf(apiKey, { symbol: s.symbol, from: num(p.startTime), to: num(p.endTime) });
    const clientId = (orderId: number) => this.engine.orders.find((o) => o.orderId === orderId)?.clientOrderId || undefined;
    return ok(trades.slice(0, limit).map((t) => mexcTradeJson(t, clientId(t.orderId))));
  }

  private json(o: FakeOrder) {
    const json = mexcOrderJson(o);
    return { ...json, clientOrderId: o.clientOrderId === '' ? null : o.clientOrderId };
  }
}
