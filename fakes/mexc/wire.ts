// Fake MEXC's JSON for orders, trades and the account: Binance's v3 shapes (../v3-wire.ts) with
// MEXC's differences — string order ids (`C02__…`), a create answer without status or client id, trades that
// carry the client order id, and an account without commission fields.
import { fmt } from '../venue-kit/market';
import type { Asset, FakeOrder, FakeTrade } from '../venue-kit/matching-engine';
import { orderJson, tradeJson } from '../venue-kit/v3-wire';

const ID_PREFIX = 'C02__';

export const mexcOrderId = (o: Pick<FakeOrder, 'orderId'>): string => `${ID_PREFIX}${o.orderId}`;

/** The engine's number for a MEXC order id, or undefined for something MEXC never issued. */
export function engineOrderId(id: string): number | undefined {
  if (!id.startsWith(ID_PREFIX)) return undefined;
  const n = Number(id.slice(ID_PREFIX.length));
  return Number.isInteger(n) ? n : undefined;
}

/** GET/DELETE /api/v3/order and /openOrders entries. */
export function mexcOrderJson(o: FakeOrder) {
  const { workingTime: _w, selfTradePreventionMode: _s, ...binance } = orderJson(o);
  return { ...binance, orderId: mexcOrderId(o), origQuoteOrderQty: fmt(o.type === 'MARKET' ? o.cummulativeQuoteQty : o.origQty * o.price) };
}

/** POST /api/v3/order: MEXC acknowledges with the order's terms only (spot v3 docs, "New Order" response). */
export function mexcCreatedJson(o: FakeOrder) {
  return {
    symbol: o.symbol,
    orderId: mexcOrderId(o),
    orderListId: -1,
    price: fmt(o.price),
    origQty: fmt(o.origQty),
    type: o.type,
    side: o.side,
    transactTime: o.time,
  };
}

export function mexcTradeJson(t: FakeTrade, clientOrderId: string | undefined) {
  return { ...tradeJson(t), id: `${t.id}`, orderId: mexcOrderId(t), isSelfTrade: false, clientOrderId: clientOrderId ?? null };
}

export function mexcAccountJson(balances: ReadonlyMap<string, Asset>, now: number) {
  return {
    canTrade: true,
    canWithdraw: true,
    canDeposit: true,
    updateTime: now,
    accountType: 'SPOT',
    balances: [...balances.entries()].map(([asset, a]) => ({ asset, free: fmt(a.free), locked: fmt(a.locked) })),
    permissions: ['SPOT'],
  };
}
