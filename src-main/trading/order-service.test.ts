// The order service against the fake Binance through real ccxt and the resilience stack: refusals that send and
// journal nothing, an order's life (journaled, sent, followed to its fill, its trades booked once), cancels, and
// adoption of orders placed on the venue directly.
import { describe, expect, it } from 'vitest';
import { AppError, type Order, type Trade } from '../../src-shared';
import type { BusTopics } from '../events';
import { TEST_ACCOUNT } from '../../fakes/binance';
import { useBinanceHarness, waitFor, type BinanceHarness } from './testing/binance-harness';
import { ADOPTED_REASON } from './order-recorder';

const start = useBinanceHarness();

// A market with room between its step and its minimums, so that each check can fail on its own.
const SYMBOLS = [
  { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', tickSize: '0.01', stepSize: '0.00001', minQty: '0.001', minNotional: '10', price: 60_000 },
];
const btc = { venue: 'binance', mode: 'live', symbol: 'BTC/USDT' } as const;

function record(h: BinanceHarness) {
  const events: { topic: keyof BusTopics; payload: unknown }[] = [];
  for (const topic of ['order.updated', 'trade.executed', 'balance.changed'] as const) {
    h.bus.subscribe(topic, (payload) => void events.push({ topic, payload }));
  }
  return events;
}

const creates = (h: BinanceHarness) => h.fake.log.count({ method: 'POST', path: '/api/v3/order' });

describe('refusals before anything is journaled or sent', () => {
  it.each([
    ['an amount finer than the step', { side: 'buy', type: 'limit', amount: 0.001001, price: 50_000 }, 'amount moves in steps of 0.00001 BTC'],
    ['a price finer than the tick', { side: 'buy', type: 'limit', amount: 0.001, price: 50_000.005 }, 'price moves in steps of 0.01 USDT'],
    ['an amount under the minimum', { side: 'buy', type: 'limit', amount: 0.0005, price: 50_000 }, 'the minimum amount is 0.001 BTC'],
    ['a notional under the minimum', { side: 'buy', type: 'limit', amount: 0.001, price: 5_000 }, 'the order is worth 5.00 USDT; the minimum is 10 USDT'],
    ['a market order worth less than the minimum', { side: 'sell', type: 'market', amount: 0.0001 }, 'the order is worth 6.00 USDT; the minimum is 10 USDT'],
    ['a buy stop below the last price', { side: 'buy', type: 'stop-limit', amount: 0.001, price: 59_000, stopPrice: 58_000 }, 'a buy stop must be above the last price 60000'],
    ['a sell stop above the last price', { side: 'sell', type: 'stop-limit', amount: 0.001, price: 61_000, stopPrice: 61_500 }, 'a sell stop must be below the last price 60000'],
  ] as const)('refuses %s with ORDER_REJECTED in the ticket\'s words', async (_what, order, words) => {
    const h = await start({ fake: { symbols: SYMBOLS } });
    const service = h.service();
    const events = record(h);
    const error = await service.place({ ...btc, ...order }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'ORDER_REJECTED', retryable: false });
    expect((error as AppError).message).toContain(words);
    expect(service.list({ scope: 'open', limit: 100 })).toEqual([]);
    expect(service.list({ scope: 'history', limit: 100 })).toEqual([]);
    expect(creates(h)).toBe(0);
    expect(events).toEqual([]);
  });

  it('an unknown market is refused with ORDER_REJECTED, a risk check with its own RISK_LIMIT; neither is journaled', async () => {
    const h = await start({ fake: { symbols: SYMBOLS } });
    const seen: unknown[] = [];
    const service = h.service({
      checks: [
        (order, context) => {
          seen.push({ amount: order.amount, market: context.market.symbol, reference: context.referencePrice });
          throw new AppError('RISK_LIMIT', 'the order is worth 3000 USDT; the limit per order is 1000 USDT');
        },
      ],
    });
    await expect(service.place({ ...btc, symbol: 'DOGE/USDT', side: 'buy', type: 'limit', amount: 1, price: 1 })).rejects.toMatchObject({
      code: 'ORDER_REJECTED',
      message: expect.stringContaining('DOGE/USDT is not listed on Binance'),
    });
    await expect(service.place({ ...btc, side: 'buy', type: 'limit', amount: 0.05, price: 60_000 })).rejects.toMatchObject({ code: 'RISK_LIMIT' });
    expect(seen).toEqual([{ amount: 0.05, market: 'BTC/USDT', reference: 60_000 }]);
    expect(service.list({ scope: 'history', limit: 100 })).toEqual([]);
    expect(creates(h)).toBe(0);
  });

  it('a payload that breaks the contract (mode, missing price) is INVALID_REQUEST from the service too', async () => {
    const h = await start();
    const service = h.service();
    await expect(service.place({ ...btc, mode: 'demo', side: 'buy', type: 'market', amount: 0.001 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(service.place({ ...btc, side: 'buy', type: 'limit', amount: 0.001 })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('price'),
    });
    expect(creates(h)).toBe(0);
  });
});

describe('an order\'s life', () => {
  it('journals the intent before the send, sends once with its client id, and follows a resting order to its fill', async () => {
    const h = await start();
    let journaledBeforeSend: Order | undefined;
    const service = h.service({
      afterJournal: (intent) => {
        // The row is committed and readable from another connection (as after a crash) before the create leaves.
        journaledBeforeSend = h.journal().get(intent.clientOrderId)?.order;
        expect(creates(h)).toBe(0);
      },
    });
    const events = record(h);
    const order = await service.place({ ...btc, side: 'buy', type: 'limit', amount: 0.01, price: 59_000 });
    expect(journaledBeforeSend).toMatchObject({ clientOrderId: order.clientOrderId, status: 'pending', amount: 0.01, price: 59_000 });
    expect(order).toMatchObject({ status: 'open', filled: 0, exchangeOrderId: expect.any(String) });
    expect(h.fake.orders().filter((o) => o.clientOrderId === order.clientOrderId)).toHaveLength(1);
    expect(service.list({ scope: 'open', limit: 10 }).map((o) => o.clientOrderId)).toEqual([order.clientOrderId]);

    h.fake.setPrice('BTCUSDT', 58_900); // crosses the resting buy
    await waitFor(() => service.list({ scope: 'history', limit: 10 }).length === 1 && service.trades({ limit: 10 }).length === 1, 5_000, 'the fill to be polled');
    expect(service.list({ scope: 'history', limit: 10 })[0]).toMatchObject({ clientOrderId: order.clientOrderId, status: 'filled', filled: 0.01, averagePrice: 59_000 });
    const trades = service.trades({ venue: 'binance', limit: 10 });
    expect(trades).toEqual([expect.objectContaining({ clientOrderId: order.clientOrderId, price: 59_000, amount: 0.01, side: 'buy', venue: 'binance', mode: 'live' })]);
    await waitFor(() => events.some((e) => e.topic === 'balance.changed'), 5_000, 'balances after the fill');
    const statuses = events.filter((e) => e.topic === 'order.updated').map((e) => (e.payload as Order).status);
    expect(statuses).toEqual(['pending', 'open', 'filled']);
    expect(events.filter((e) => e.topic === 'trade.executed').map((e) => (e.payload as Trade).id)).toEqual([trades[0]!.id]);

    // Polling again books nothing twice.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(service.trades({ limit: 10 })).toHaveLength(1);
    expect(creates(h)).toBe(1);
  });

  it('a market order fills at once; its trades are booked once with the order\'s id', async () => {
    const h = await start();
    const service = h.service();
    const order = await service.place({ ...btc, symbol: 'ETH/USDT', side: 'buy', type: 'market', amount: 0.5 });
    expect(order).toMatchObject({ status: 'filled', filled: 0.5, averagePrice: 3_000 });
    await waitFor(() => service.trades({ limit: 10 }).length === 1, 5_000, 'the trade');
    expect(service.trades({ symbol: 'ETH/USDT', limit: 10 })[0]).toMatchObject({ clientOrderId: order.clientOrderId, amount: 0.5, price: 3_000 });
    expect(service.trades({ symbol: 'BTC/USDT', limit: 10 })).toEqual([]);
  });

  it('a refusal by the venue is journaled as rejected with its words; the venue took no order', async () => {
    const h = await start({ fake: { accounts: [{ ...TEST_ACCOUNT, balances: { USDT: 100 } }] } });
    const service = h.service();
    const order = await service.place({ ...btc, side: 'buy', type: 'limit', amount: 0.01, price: 59_000 });
    expect(order).toMatchObject({ status: 'rejected', reason: expect.stringContaining('Not enough balance on Binance') });
    expect(service.list({ scope: 'history', limit: 10 })).toEqual([order]);
    expect(h.fake.orders()).toEqual([]);
  });

  it('cancels one order, then every working order of the venue including one placed outside the app', async () => {
    const h = await start();
    const service = h.service();
    const first = await service.place({ ...btc, side: 'buy', type: 'limit', amount: 0.01, price: 50_000 });
    const second = await service.place({ ...btc, side: 'sell', type: 'limit', amount: 0.01, price: 70_000 });
    const outside = await h.raw.createOrder({ venue: 'binance', symbol: 'ETH/USDT', side: 'buy', type: 'limit', amount: 0.1, price: 2_000 }, 'web_outside_1');

    expect(await service.cancel(first.clientOrderId)).toMatchObject({ status: 'cancelled' });
    await expect(service.cancel(first.clientOrderId)).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('already cancelled') });
    await expect(service.cancel('no-such-order')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const result = await service.cancelAll({ venue: 'binance', mode: 'live' });
    expect(result.failed).toEqual([]);
    expect(result.cancelled.map((o) => o.clientOrderId).sort()).toEqual([second.clientOrderId, outside.clientOrderId].sort());
    expect(h.fake.engine.openOf(TEST_ACCOUNT.apiKey)).toEqual([]);
    expect(service.list({ scope: 'open', limit: 10 })).toEqual([]);
  });
});

describe('an order whose create answer is lost', () => {
  it('is unknown at once, checked quickly, then slowly with a reason that says so, until the venue answers', async () => {
    const h = await start();
    const service = h.service({ timing: { firstDelayMs: 25, maxDelayMs: 100, fastForMs: 400, slowEveryMs: 300, settlement: () => ({ settleMs: 0, confirmGapMs: 0 }) } });
    h.fake.inject({ kind: 'accept-then-drop', method: 'POST', path: '/api/v3/order' });
    // Every lookup fails for a while: the venue is unreachable for reads.
    h.fake.inject({ kind: '5xx', method: 'GET', path: '/api/v3/order', times: 1_000 });
    const order = await service.place({ ...btc, side: 'buy', type: 'limit', amount: 0.01, price: 57_000 });
    expect(order).toMatchObject({ status: 'unknown', reason: expect.stringContaining('may or may not have been placed') });
    await waitFor(() => /checking again every 1 s/.test(service.list({ scope: 'open', limit: 1 })[0]?.reason ?? ''), 5_000, 'the slow checks');
    expect(service.list({ scope: 'open', limit: 1 })[0]).toMatchObject({ status: 'unknown', reason: expect.stringContaining('has not confirmed this order yet') });
    h.fake.faults.clear();
    await waitFor(() => service.list({ scope: 'open', limit: 1 })[0]?.status === 'open', 5_000, 'the order to be found');
    expect(service.list({ scope: 'open', limit: 1 })[0]).toMatchObject({ clientOrderId: order.clientOrderId, exchangeOrderId: expect.any(String) });
    expect(service.list({ scope: 'open', limit: 1 })[0]!.reason).toBeUndefined();
    expect(creates(h)).toBe(1);
    expect(h.fake.log.count({ method: 'GET', path: '/api/v3/order', fault: '5xx' })).toBeGreaterThan(3);
  });

  it('a 5xx after the venue accepted it, and a timeout, end as the venue has it; a reset before it was read ends rejected', async () => {
    const h = await start({ writeTimeoutMs: 80 });
    const service = h.service();
    h.fake.inject({ kind: 'accept-then-5xx', method: 'POST', path: '/api/v3/order' });
    const accepted = await service.place({ ...btc, side: 'buy', type: 'limit', amount: 0.01, price: 57_000 });
    h.fake.inject({ kind: 'latency', latencyMs: 250, method: 'POST', path: '/api/v3/order' });
    const slow = await service.place({ ...btc, side: 'buy', type: 'market', amount: 0.01 });
    h.fake.inject({ kind: 'reset', method: 'POST', path: '/api/v3/order' });
    const reset = await service.place({ ...btc, side: 'sell', type: 'limit', amount: 0.01, price: 66_000 });
    expect([accepted.status, slow.status, reset.status]).toEqual(['unknown', 'unknown', 'unknown']);
    expect(slow.reason).toContain('did not confirm the order within');
    const statusOf = (id: string) => h.journal().get(id)?.order.status;
    await waitFor(() => [accepted, slow, reset].every((o) => !['unknown', 'pending'].includes(statusOf(o.clientOrderId) ?? '')), 5_000, 'all three to resolve');
    expect([accepted, slow, reset].map((o) => statusOf(o.clientOrderId))).toEqual(['open', 'filled', 'rejected']);
    expect(h.fake.orders().map((o) => o.clientOrderId).sort()).toEqual([accepted.clientOrderId, slow.clientOrderId].sort());
    expect(creates(h)).toBe(3);
  });
});

describe('reconciliation', () => {
  it('adopts open orders placed on the venue directly, once, and leaves filled ones alone', async () => {
    const h = await start();
    const mine = await h.service().place({ ...btc, side: 'buy', type: 'limit', amount: 0.01, price: 55_000 });
    const outside = await h.raw.createOrder({ venue: 'binance', symbol: 'BTC/USDT', side: 'sell', type: 'limit', amount: 0.002, price: 75_000 }, 'web_sell_7');
    await h.raw.createOrder({ venue: 'binance', symbol: 'ETH/USDT', side: 'buy', type: 'market', amount: 0.1 }, 'web_market_8');

    const restarted = h.service();
    const report = await restarted.reconcile();
    expect(report).toEqual({ checked: 1, resolved: 1, unresolved: 0, adopted: 1, venuesWaiting: 0 });
    const open = restarted.list({ scope: 'open', limit: 10 });
    expect(open.map((o) => o.clientOrderId).sort()).toEqual([mine.clientOrderId, 'web_sell_7'].sort());
    expect(open.find((o) => o.clientOrderId === 'web_sell_7')).toMatchObject({
      reason: ADOPTED_REASON,
      exchangeOrderId: outside.exchangeOrderId,
      side: 'sell',
      amount: 0.002,
      price: 75_000,
      status: 'open',
    });
    expect(restarted.list({ scope: 'history', limit: 10 })).toEqual([]);
    expect(await restarted.reconcile()).toMatchObject({ adopted: 0, checked: 2 });
  });

  it('a venue not connected yet is waited for, then reconciled when it connects', async () => {
    const h = await start();
    const first = h.service({ afterJournal: () => new Promise<never>(() => {}) });
    void first.place({ ...btc, side: 'buy', type: 'limit', amount: 0.01, price: 55_000 });
    await waitFor(() => h.journal().unsettled().length === 1, 2_000, 'the intent');
    first.close();

    let connected = false;
    const restarted = h.service({
      venueFor: () => {
        if (!connected) throw new AppError('VENUE_UNAVAILABLE', 'Binance is not connected');
        return h.adapter;
      },
    });
    expect(await restarted.reconcile()).toEqual({ checked: 1, resolved: 0, unresolved: 1, adopted: 0, venuesWaiting: 1 });
    connected = true;
    const report = await restarted.reconcileVenue('binance', 'live');
    expect(report).toMatchObject({ checked: 1, venuesWaiting: 0 });
    await waitFor(() => restarted.list({ scope: 'history', limit: 10 }).length === 1, 5_000, 'the never-sent order to be settled');
    expect(restarted.list({ scope: 'history', limit: 10 })[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('never reached Binance') });
    expect(creates(h)).toBe(0);
  });
});
