// Fake Gate's JSON for orders, trades and balances, as Gate API v4 prints them: decimals as strings, times in
// seconds plus a `_ms` twin, the client order id in `text`, and `finish_as` saying how an order ended.
import { decimalsOf, fmt, type FakeSymbol } from '../venue-kit/market';
import type { Asset, FakeOrder, FakeTrade } from '../venue-kit/matching-engine';

/** What Gate reports that the shared engine does not keep. */
export interface GateOrderExtra {
  /** A market buy is sized in the quote currency on Gate: this is the amount as sent. */
  quoteAmount?: number;
  /** When the order left the book (filled or cancelled): lookup by text expires an hour later. */
  finishedAt?: number;
}

function status(o: FakeOrder): { status: 'open' | 'closed' | 'cancelled'; finish_as: string } {
  if (o.status === 'NEW' || o.status === 'PARTIALLY_FILLED') return { status: 'open', finish_as: 'open' };
  if (o.status === 'FILLED') return { status: 'closed', finish_as: 'filled' };
  // A market order that could not fill completely ends as an IOC remainder on Gate.
  return { status: 'cancelled', finish_as: o.type === 'MARKET' ? 'ioc' : 'cancelled' };
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));

export function gateOrderJson(o: FakeOrder, p: FakeSymbol, extra: GateOrderExtra, trades: readonly FakeTrade[]) {
  const amountPlaces = decimalsOf(p.stepSize);
  const pricePlaces = decimalsOf(p.tickSize);
  const mine = trades.filter((t) => t.orderId === o.orderId);
  const fee = mine.reduce((sum, t) => sum + t.commission, 0);
  const feeCurrency = o.side === 'BUY' ? p.base : p.quote;
  const marketBuy = o.type === 'MARKET' && o.side === 'BUY' && extra.quoteAmount !== undefined;
  // Gate reports a market buy in quote units throughout: amount and left are costs, not quantities.
  const amount = marketBuy ? fmt(extra.quoteAmount ?? 0, 8) : fmt(o.origQty, amountPlaces);
  const left = marketBuy ? fmt(Math.max(0, (extra.quoteAmount ?? 0) - o.cummulativeQuoteQty), 8) : fmt(o.origQty - o.executedQty, amountPlaces);
  const average = o.executedQty > 0 ? fmt(o.cummulativeQuoteQty / o.executedQty, pricePlaces + 2) : '0';
  return {
    id: String(o.orderId),
    text: o.clientOrderId,
    amend_text: '-',
    create_time: seconds(o.time),
    update_time: seconds(o.updateTime),
    create_time_ms: o.time,
    update_time_ms: o.updateTime,
    ...status(o),
    currency_pair: o.symbol,
    type: o.type === 'MARKET' ? 'market' : 'limit',
    account: 'spot',
    side: o.side === 'BUY' ? 'buy' : 'sell',
    amount,
    price: o.type === 'MARKET' ? '0' : fmt(o.price, pricePlaces),
    time_in_force: o.timeInForce.toLowerCase(),
    iceberg: '0',
    left,
    filled_amount: fmt(o.executedQty, amountPlaces),
    fill_price: fmt(o.cummulativeQuoteQty, 8),
    filled_total: fmt(o.cummulativeQuoteQty, 8),
    avg_deal_price: average,
    fee: fmt(fee, 8),
    fee_currency: feeCurrency,
    point_fee: '0',
    gt_fee: '0',
    gt_maker_fee: '0',
    gt_taker_fee: '0',
    gt_discount: false,
    rebated_fee: '0',
    rebated_fee_currency: p.quote,
  };
}

export function gateTradeJson(t: FakeTrade, text: string) {
  return {
    id: String(t.id),
    create_time: seconds(t.time),
    create_time_ms: String(t.time),
    currency_pair: t.symbol,
    side: t.isBuyer ? 'buy' : 'sell',
    role: t.isMaker ? 'maker' : 'taker',
    amount: fmt(t.qty),
    price: fmt(t.price),
    order_id: String(t.orderId),
    fee: fmt(t.commission),
    fee_currency: t.commissionAsset,
    point_fee: '0',
    gt_fee: '0',
    amend_text: '-',
    text,
  };
}

export function gateAccountJson(currency: string, asset: Asset) {
  return { currency, available: fmt(asset.free), locked: fmt(asset.locked), update_id: 1 };
}
