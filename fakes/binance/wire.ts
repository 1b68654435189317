// Fake Binance's create answer, as the spot REST docs print it; the order, trade and ticker shapes it shares with
// MEXC are in ../v3-wire.ts.
import { fmt } from '../venue-kit/market';
import type { FakeOrder, FakeTrade } from '../venue-kit/matching-engine';
import { orderJson } from '../venue-kit/v3-wire';

/** POST /api/v3/order answer for newOrderRespType ACK, RESULT or FULL. */
export function createdJson(o: FakeOrder, fills: FakeTrade[], respType: string) {
  const ack = { symbol: o.symbol, orderId: o.orderId, orderListId: -1, clientOrderId: o.clientOrderId, transactTime: o.time };
  if (respType === 'ACK') return ack;
  const { time: _time, updateTime: _updateTime, isWorking: _isWorking, icebergQty: _iceberg, ...rest } = orderJson(o);
  const result = { ...rest, transactTime: o.time };
  if (respType === 'RESULT') return result;
  return {
    ...result,
    fills: fills.map((t) => ({ price: fmt(t.price), qty: fmt(t.qty), commission: fmt(t.commission), commissionAsset: t.commissionAsset, tradeId: t.id })),
  };
}
