// Fake Binance's order endpoints (POST/GET/DELETE /api/v3/order, openOrders, myTrades): parameter checks and
// filter failures with Binance's error codes, so ccxt's own error mapping runs on real-looking answers.
import { ok, type FakeResponse } from '../venue-kit/http';
import { onStep, type FakeSymbol } from '../venue-kit/market';
import type { BinanceOrderType, FakeOrder, MatchingEngine } from '../venue-kit/matching-engine';
import { orderJson, tradeJson } from '../venue-kit/v3-wire';
import { createdJson } from './wire';

const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const TYPES: BinanceOrderType[] = ['LIMIT', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT', 'LIMIT_MAKER'];

export const fail = (code: number, msg: string, status = 400): FakeResponse => ({ status, body: { code, msg } });
const missing = (name: string) => fail(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);

type Params = Record<string, string>;
const num = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));


export class OrderEndpoints {
  private generated = 0;

  constructor(private readonly engine: MatchingEngine) {}

  private market(params: Params): FakeSymbol | FakeResponse {
    if (!params.symbol) return missing('symbol');
    return this.engine.symbol(params.symbol) ?? fail(-1121, 'Invalid symbol.');
  }

  create(apiKey: string, p: Params): FakeResponse {
    const s = this.market(p);
    if ('status' in s) return s;
    const side = p.side;
    const type = p.type as BinanceOrderType;
    if (side !== 'BUY' && side !== 'SELL') return missing('side');
    if (!TYPES.includes(type)) return fail(-1116, 'Invalid orderType.');
    const last = this.engine.last.get(s.symbol)!;
    let qty = Number(p.quantity);
    if (type === 'MARKET' && p.quantity === undefined && p.quoteOrderQty !== undefined) {
      const step = Number(s.stepSize);
      qty = Math.floor(Number(p.quoteOrderQty) / last / step) * step;
    }
    if (!(qty > 0)) return missing('quantity');
    if (qty < Number(s.minQty) || !onStep(qty, s.stepSize)) return fail(-1013, 'Filter failure: LOT_SIZE');
    const price = type === 'MARKET' ? 0 : Number(p.price);
    if (type !== 'MARKET') {
      if (!(price > 0)) return missing('price');
      if (!onStep(price, s.tickSize)) return fail(-1013, 'Filter failure: PRICE_FILTER');
      if (type !== 'LIMIT_MAKER' && !p.timeInForce) return missing('timeInForce');
    }
    const stopPrice = type === 'STOP_LOSS_LIMIT' || type === 'TAKE_PROFIT_LIMIT' ? Number(p.stopPrice) : 0;
    if ((type === 'STOP_LOSS_LIMIT' || type === 'TAKE_PROFIT_LIMIT') && !(stopPrice > 0)) return missing('stopPrice');
    if (qty * (price || last) < Number(s.minNotional)) return fail(-1013, 'Filter failure: NOTIONAL');
    const clientOrderId = p.newClientOrderId ?? `fake${++this.generated}`;
    if (!CLIENT_ID.test(clientOrderId)) {
      return fail(-1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
    }
    const duplicate = this.engine.orders.some((o) => o.apiKey === apiKey && o.clientOrderId === clientOrderId && this.engine.isOpen(o));
    if (duplicate) return fail(-2010, 'Duplicate order sent.');
    const placed = this.engine.place({
      apiKey, symbol: s.symbol, clientOrderId, side, type, timeInForce: type === 'MARKET' ? 'GTC' : (p.timeInForce ?? 'GTC'),
      price, stopPrice, origQty: qty,
    });
    if ('error' in placed) return fail(placed.error.code, placed.error.msg);
    return ok(createdJson(placed.order, placed.fills, p.newOrderRespType ?? (type === 'MARKET' || type === 'LIMIT' ? 'FULL' : 'ACK')));
  }

  /** By orderId or origClientOrderId, the key's own orders only. */
  private find(apiKey: string, p: Params): FakeOrder | FakeResponse {
    const s = this.market(p);
    if ('status' in s) return s;
    if (p.orderId === undefined && p.origClientOrderId === undefined) {
      return fail(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    }
    const matches = this.engine.orders.filter(
      (o) =>
        o.apiKey === apiKey &&
        o.symbol === s.symbol &&
        (p.orderId === undefined || String(o.orderId) === p.orderId) &&
        (p.origClientOrderId === undefined || o.clientOrderId === p.origClientOrderId),
    );
    // A client id reused after the first order closed: Binance answers with the newest.
    return matches.at(-1) ?? fail(-2013, 'Order does not exist.');
  }

  get(apiKey: string, p: Params): FakeResponse {
    const found = this.find(apiKey, p);
    return 'orderId' in found ? ok(orderJson(found)) : found;
  }

  cancel(apiKey: string, p: Params): FakeResponse {
    const found = this.find(apiKey, p);
    if (!('orderId' in found)) return (found.body as { code: number }).code === -2013 ? fail(-2011, 'Unknown order sent.') : found;
    if (!this.engine.isOpen(found)) return fail(-2011, 'Unknown order sent.');
    this.engine.cancel(found);
    return ok({ ...orderJson(found), origClientOrderId: found.clientOrderId, clientOrderId: `cancel${found.orderId}` });
  }

  open(apiKey: string, p: Params): FakeResponse {
    if (p.symbol !== undefined && !this.engine.symbol(p.symbol)) return fail(-1121, 'Invalid symbol.');
    return ok(this.engine.openOf(apiKey, p.symbol).map(orderJson));
  }

  myTrades(apiKey: string, p: Params): FakeResponse {
    const s = this.market(p);
    if ('status' in s) return s;
    const limit = Math.min(Number(p.limit ?? 500), 1000);
    const trades = this.engine.tradesOf(apiKey, { symbol: s.symbol, from: num(p.startTime), to: num(p.endTime), fromId: num(p.fromId), orderId: num(p.orderId) });
    return ok(trades.slice(0, limit).map(tradeJson));
  }
}
