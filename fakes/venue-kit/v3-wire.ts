// Binance's spot v3 JSON for orders, trades and the 24 h ticker, as the REST docs print them (decimals as strings).
// MEXC's spot v3 copies these shapes, so both fakes build on them; each fake's wire.ts adds its own differences.
import { decimalsOf, fmt, type FakeSymbol } from './market';
import type { FakeOrder, FakeTrade } from './matching-engine';

export function orderJson(o: FakeOrder) {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    price: fmt(o.price),
    origQty: fmt(o.origQty),
    executedQty: fmt(o.executedQty),
    cummulativeQuoteQty: fmt(o.cummulativeQuoteQty),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    stopPrice: fmt(o.stopPrice),
    icebergQty: fmt(0),
    time: o.time,
    updateTime: o.updateTime,
    isWorking: o.isWorking,
    workingTime: o.isWorking ? o.time : -1,
    origQuoteOrderQty: fmt(0),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

export function tradeJson(t: FakeTrade) {
  return {
    symbol: t.symbol,
    id: t.id,
    orderId: t.orderId,
    orderListId: -1,
    price: fmt(t.price),
    qty: fmt(t.qty),
    quoteQty: fmt(t.price * t.qty),
    commission: fmt(t.commission),
    commissionAsset: t.commissionAsset,
    time: t.time,
    isBuyer: t.isBuyer,
    isMaker: t.isMaker,
    isBestMatch: true,
  };
}

export function ticker24hr(s: FakeSymbol, last: number, now: number) {
  const places = decimalsOf(s.tickSize);
  const open = s.price;
  const tick = Number(s.tickSize);
  return {
    symbol: s.symbol,
    priceChange: fmt(last - open, places),
    priceChangePercent: fmt(((last - open) / open) * 100, 3),
    weightedAvgPrice: fmt(last, places),
    prevClosePrice: fmt(open, places),
    lastPrice: fmt(last, places),
    lastQty: '0.01000000',
    bidPrice: fmt(last - tick, places),
    bidQty: '1.00000000',
    askPrice: fmt(last + tick, places),
    askQty: '1.00000000',
    openPrice: fmt(open, places),
    highPrice: fmt(Math.max(open, last) * 1.01, places),
    lowPrice: fmt(Math.min(open, last) * 0.99, places),
    volume: '1234.50000000',
    quoteVolume: fmt(1234.5 * last),
    openTime: now - 86_400_000,
    closeTime: now,
    firstId: 1,
    lastId: 1000,
    count: 1000,
  };
}
