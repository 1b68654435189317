// The engine against a real DemoVenue on a clock the test drives: fills at the touch, resting orders reached by the
// simulated market, stops, cancels, refusals that change nothing, and every change pushed in order.
import { afterEach, describe, expect, it } from 'vitest';
import { Balance, Order, Trade } from '../../../src-shared';
import { DEFAULT_STARTING_BALANCES } from './account-state';
import { demoRig, failure, funds, type DemoRig } from './testing/demo-rig';

const FEE = 0.001;
let rig: DemoRig;
afterEach(() => rig?.close());

const round2 = (value: number) => Math.round(value * 100) / 100;

describe('SimulatedExchange on the demo venue', () => {
  it('starts a new account with the default balances', async () => {
    rig = demoRig();
    expect(await funds(rig.exchange)).toEqual({
      BTC: { free: 0.1, used: 0, total: 0.1 },
      ETH: { free: 1, used: 0, total: 1 },
      USDT: { free: 10_000, used: 0, total: 10_000 },
    });
    expect(DEFAULT_STARTING_BALANCES).toEqual({ USDT: 10_000, BTC: 0.1, ETH: 1 });
  });

  it('fills a market buy at the ask: quote down by price × amount, base up by the amount less the fee', async () => {
    rig = demoRig();
    rig.step();
    const ticker = await rig.ticker('BTC/USDT');
    const id = rig.exchange.newClientOrderId();
    const order = await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 }, id);

    expect(Order.parse(order)).toMatchObject({ clientOrderId: id, venue: 'demo', mode: 'demo', status: 'filled', filled: 0.01, averagePrice: ticker.ask });
    expect(order.exchangeOrderId).toBeDefined();
    const after = await funds(rig.exchange);
    expect(after.USDT!.total).toBeCloseTo(10_000 - ticker.ask! * 0.01, 8);
    expect(after.BTC!.total).toBeCloseTo(0.1 + 0.01 * (1 - FEE), 12);
    const [trade] = await rig.exchange.myTrades('BTC/USDT');
    expect(Trade.parse(trade)).toMatchObject({ side: 'buy', price: ticker.ask, amount: 0.01, fee: 0.00001, feeAsset: 'BTC', clientOrderId: id, mode: 'demo' });
    expect(ticker.ask).toBeGreaterThan(ticker.last); // it really paid the ask, not the last
  });

  it('fills a market sell at the bid, the fee taken from the quote received', async () => {
    rig = demoRig();
    const ticker = await rig.ticker('ETH/USDT');
    await rig.exchange.createOrder({ venue: 'demo', symbol: 'ETH/USDT', side: 'sell', type: 'market', amount: 0.5 }, 'sell-1');

    const after = await funds(rig.exchange);
    expect(after.ETH!.total).toBeCloseTo(0.5, 12);
    const proceeds = ticker.bid! * 0.5;
    expect(after.USDT!.total).toBeCloseTo(10_000 + proceeds * (1 - FEE), 8);
    const [trade] = await rig.exchange.myTrades('ETH/USDT');
    expect(trade).toMatchObject({ price: ticker.bid, feeAsset: 'USDT' });
    expect(trade!.fee).toBeCloseTo(proceeds * FEE, 10);
  });

  it('rests a limit buy below the market with its funds held, and fills it at its price when the market comes down', async () => {
    rig = demoRig();
    const start = await rig.ticker('BTC/USDT');
    const price = round2(start.last * 0.999);
    const order = await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.05, price }, 'limit-1');
    expect(order).toMatchObject({ status: 'open', filled: 0, price });
    const held = price * 0.05;
    const resting = await funds(rig.exchange);
    expect(resting.USDT!.used).toBeCloseTo(held, 8);
    expect(resting.USDT!.free).toBeCloseTo(10_000 - held, 8);
    expect(await rig.exchange.openOrders('BTC/USDT')).toHaveLength(1);
    expect(rig.openFeeds()).toBe(1);

    let fillTicker = start;
    const steps = await rig.driveUntil('BTC/USDT', async (ticker) => {
      const status = (await rig.exchange.fetchOrder('BTC/USDT', order.exchangeOrderId!)).status;
      // Never early: while the ask is above the limit the order waits.
      if (ticker.ask! > price) expect(status).toBe('open');
      fillTicker = ticker;
      return status === 'filled';
    });
    expect(steps).toBeGreaterThan(1);
    expect(fillTicker.ask!).toBeLessThanOrEqual(price);

    const filled = await rig.exchange.fetchOrder('BTC/USDT', order.exchangeOrderId!);
    expect(filled).toMatchObject({ status: 'filled', filled: 0.05, averagePrice: price });
    const after = await funds(rig.exchange);
    expect(after.USDT).toEqual({ free: expect.closeTo(10_000 - held, 8), used: 0, total: expect.closeTo(10_000 - held, 8) });
    expect(after.BTC!.total).toBeCloseTo(0.1 + 0.05 * (1 - FEE), 12);
    expect(await rig.exchange.openOrders()).toEqual([]);
    expect(rig.openFeeds()).toBe(0); // nothing rests: the feed is closed
  });

  it('fills a marketable limit at once at the better touch price', async () => {
    rig = demoRig();
    const ticker = await rig.ticker('BTC/USDT');
    const order = await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01, price: round2(ticker.ask! * 1.01) }, 'through');
    expect(order).toMatchObject({ status: 'filled', averagePrice: ticker.ask });
    expect((await funds(rig.exchange)).USDT).toEqual({ free: expect.closeTo(10_000 - ticker.ask! * 0.01, 8), used: 0, total: expect.closeTo(10_000 - ticker.ask! * 0.01, 8) });
    expect(rig.openFeeds()).toBe(0);
  });

  it('keeps a stop-limit untriggered until the last price crosses its stop, then trades it as a limit', async () => {
    rig = demoRig();
    const start = await rig.ticker('ETH/USDT');
    const stopPrice = round2(start.last * 0.998);
    const price = round2(stopPrice - 10);
    const order = await rig.exchange.createOrder({ venue: 'demo', symbol: 'ETH/USDT', side: 'sell', type: 'stop-limit', amount: 0.4, price, stopPrice }, 'stop-1');
    expect(order).toMatchObject({ status: 'open', stopPrice, price });
    expect((await funds(rig.exchange)).ETH).toEqual({ free: 0.6, used: 0.4, total: 1 });

    let crossing = start;
    await rig.driveUntil('ETH/USDT', (ticker) => {
      if (ticker.last > stopPrice) {
        expect(rig.activities).toHaveLength(1); // only the create: no trigger while the stop is not crossed
        return false;
      }
      crossing = ticker;
      return true;
    });
    const [, triggered, filled] = rig.activities;
    expect(rig.activities).toHaveLength(3);
    expect(triggered).toMatchObject({ order: { status: 'open', filled: 0 }, trades: [] });
    expect(filled).toMatchObject({ order: { status: 'filled', filled: 0.4, averagePrice: crossing.bid }, trades: [{ price: crossing.bid, amount: 0.4 }] });
    const after = await funds(rig.exchange);
    expect(after.ETH).toEqual({ free: 0.6, used: 0, total: 0.6 });
    expect(after.USDT!.total).toBeCloseTo(10_000 + crossing.bid! * 0.4 * (1 - FEE), 8);
  });

  it('refuses a stop already on the wrong side of the market, as a venue would', async () => {
    rig = demoRig();
    const ticker = await rig.ticker('ETH/USDT');
    const error = await failure(
      rig.exchange.createOrder({ venue: 'demo', symbol: 'ETH/USDT', side: 'sell', type: 'stop-limit', amount: 0.1, price: round2(ticker.last), stopPrice: round2(ticker.last + 5) }, 'wrong-side'),
    );
    expect(error).toMatchObject({ code: 'ORDER_REJECTED' });
    expect(error.message).toContain('a sell stop must be below the last price');
    expect(await rig.exchange.openOrders()).toEqual([]);
  });

  it('gives held funds back on cancel, and refuses to cancel an order that is final or unknown', async () => {
    rig = demoRig();
    const ticker = await rig.ticker('BTC/USDT');
    const before = await funds(rig.exchange);
    const order = await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.1, price: round2(ticker.last * 0.5) }, 'far-below');
    expect((await funds(rig.exchange)).USDT!.used).toBeGreaterThan(0);

    const cancelled = await rig.exchange.cancelOrder('BTC/USDT', order.exchangeOrderId!);
    expect(cancelled).toMatchObject({ status: 'cancelled', filled: 0 });
    expect(await funds(rig.exchange)).toEqual(before);
    expect(rig.openFeeds()).toBe(0);

    const again = await failure(rig.exchange.cancelOrder('BTC/USDT', order.exchangeOrderId!));
    expect(again).toMatchObject({ code: 'ORDER_REJECTED', message: expect.stringContaining('already cancelled') });
    const market = await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: 0.01 }, 'sold');
    const filledCancel = await failure(rig.exchange.cancelOrder('BTC/USDT', market.exchangeOrderId!));
    expect(filledCancel).toMatchObject({ code: 'ORDER_REJECTED', message: expect.stringContaining('already filled') });
    expect(await failure(rig.exchange.cancelOrder('BTC/USDT', '999'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(rig.exchange.cancelOrder('ETH/USDT', order.exchangeOrderId!))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(rig.exchange.fetchOrder('BTC/USDT', '999'))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an order it cannot pay for, with the figures, and changes nothing', async () => {
    rig = demoRig();
    const ticker = await rig.ticker('BTC/USDT');
    await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.1, price: 20_000 }, 'holds-2000');
    const before = await funds(rig.exchange);
    const activities = rig.activities.length;

    const error = await failure(rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.2 }, 'too-big'));
    const needs = (ticker.ask! * 0.2).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 8 });
    expect(error).toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect(error.message).toContain(`needs ${needs} USDT, 8,000.00 free`);
    expect(error.message).toContain('2,000.00 USDT is held by open orders');
    const sell = await failure(rig.exchange.createOrder({ venue: 'demo', symbol: 'ETH/USDT', side: 'sell', type: 'limit', amount: 1.5, price: 9_000 }, 'no-eth'));
    expect(sell).toMatchObject({ code: 'INSUFFICIENT_FUNDS', message: expect.stringContaining('needs 1.50 ETH, 1.00 free') });

    expect(await funds(rig.exchange)).toEqual(before);
    expect(rig.activities).toHaveLength(activities);
    expect(await rig.exchange.fetchOrderByClientId('BTC/USDT', 'too-big')).toBeUndefined();
    expect(await rig.exchange.openOrders()).toHaveLength(1);
  });

  it('refuses a client order id it has seen, even while the first create is still on its way', async () => {
    rig = demoRig();
    const first = await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01, price: 30_000 }, 'same-id');
    const before = await funds(rig.exchange);
    const error = await failure(rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 }, 'same-id'));
    expect(error).toMatchObject({ code: 'ORDER_REJECTED', message: expect.stringContaining('duplicate client order id') });
    expect(await funds(rig.exchange)).toEqual(before);
    expect(await rig.exchange.openOrders()).toEqual([first]);
    expect(await rig.exchange.fetchOrderByClientId('BTC/USDT', 'same-id')).toEqual(first);

    const request = { venue: 'demo', symbol: 'ETH/USDT', side: 'buy', type: 'market', amount: 0.1 } as const;
    const results = await Promise.allSettled([rig.exchange.createOrder(request, 'racing'), rig.exchange.createOrder(request, 'racing')]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await rig.exchange.myTrades('ETH/USDT')).toHaveLength(1);
  });

  it('refuses malformed requests and markets it does not have, before anything changes', async () => {
    rig = demoRig();
    const before = await funds(rig.exchange);
    const cases = [
      [{ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 }, 'ok-id', 'INVALID_REQUEST'],
      [{ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01 }, 'ok-id', 'INVALID_REQUEST'],
      [{ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: -1 }, 'ok-id', 'INVALID_REQUEST'],
      [{ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 }, 'bad id!', 'INVALID_REQUEST'],
      [{ venue: 'demo', symbol: 'DOGE/USDT', side: 'buy', type: 'market', amount: 10 }, 'ok-id', 'NOT_FOUND'],
      [{ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.000001 }, 'ok-id', 'ORDER_REJECTED'],
    ] as const;
    for (const [request, id, code] of cases) {
      expect(await failure(rig.exchange.createOrder(request as never, id)), JSON.stringify(request)).toMatchObject({ code });
    }
    expect(await funds(rig.exchange)).toEqual(before);
    expect(rig.activities).toEqual([]);
  });

  it('pushes every change in order with the balances after it, whatever another listener throws', async () => {
    rig = demoRig();
    rig.exchange.watchOrders(() => {
      throw new Error('a broken listener');
    });
    const seen: string[] = [];
    const snapshots: Balance[][] = [];
    const stop = rig.exchange.watchOrders((activity) => {
      seen.push(`${activity.order.clientOrderId}:${activity.order.status}:${activity.trades.length}`);
      snapshots.push(activity.balances);
    });
    const ticker = await rig.ticker('BTC/USDT');
    const resting = await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01, price: round2(ticker.last * 0.9) }, 'a');
    expect(snapshots.at(-1)).toEqual(await rig.exchange.balance());
    await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: 0.01 }, 'b');
    expect(snapshots.at(-1)).toEqual(await rig.exchange.balance());
    await rig.exchange.cancelOrder('BTC/USDT', resting.exchangeOrderId!);
    expect(snapshots.at(-1)).toEqual(await rig.exchange.balance());
    stop();
    await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: 0.01 }, 'c');

    expect(seen).toEqual(['a:open:0', 'b:filled:1', 'a:cancelled:0']);
    expect(rig.activities.map((a) => a.order.clientOrderId)).toEqual(['a', 'b', 'a', 'c']);
    for (const balances of snapshots) for (const balance of balances) Balance.parse(balance);
  });

  it('resets to the starting balances, cancelling what rests and keeping the history', async () => {
    rig = demoRig();
    const ticker = await rig.ticker('BTC/USDT');
    await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.02 }, 'bought');
    const resting = await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.02, price: round2(ticker.last * 0.8) }, 'resting');
    expect(rig.openFeeds()).toBe(1);

    await rig.exchange.reset();
    expect(await funds(rig.exchange)).toEqual({
      BTC: { free: 0.1, used: 0, total: 0.1 },
      ETH: { free: 1, used: 0, total: 1 },
      USDT: { free: 10_000, used: 0, total: 10_000 },
    });
    expect(rig.activities.at(-1)).toMatchObject({ order: { clientOrderId: 'resting', status: 'cancelled' } });
    expect(await rig.exchange.fetchOrder('BTC/USDT', resting.exchangeOrderId!)).toMatchObject({ status: 'cancelled' });
    expect(await rig.exchange.myTrades('BTC/USDT')).toHaveLength(1);
    expect(rig.openFeeds()).toBe(0);
    expect(await failure(rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 }, 'bought'))).toMatchObject({ code: 'ORDER_REJECTED' });

    await rig.exchange.reset({ USDT: 500 });
    expect(await funds(rig.exchange)).toEqual({ USDT: { free: 500, used: 0, total: 500 } });
    expect(await failure(rig.exchange.reset({ USDT: -1 }))).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(await funds(rig.exchange)).toEqual({ USDT: { free: 500, used: 0, total: 500 } });
  });

  it('makes short, url-safe client order ids that do not repeat', () => {
    rig = demoRig();
    const ids = new Set(Array.from({ length: 1000 }, () => rig.exchange.newClientOrderId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,32}$/);
  });

  it('lists trades since a time, and open orders per symbol', async () => {
    rig = demoRig();
    await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: 0.01 }, 'early');
    rig.step(60_000);
    const later = await rig.ticker('BTC/USDT');
    await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: 0.01 }, 'late');
    await rig.exchange.createOrder({ venue: 'demo', symbol: 'ETH/USDT', side: 'buy', type: 'limit', amount: 0.1, price: 100 }, 'eth-rest');
    expect((await rig.exchange.myTrades('BTC/USDT')).map((t) => t.clientOrderId)).toEqual(['early', 'late']);
    expect((await rig.exchange.myTrades('BTC/USDT', later.timestamp)).map((t) => t.clientOrderId)).toEqual(['late']);
    expect(await rig.exchange.openOrders('BTC/USDT')).toEqual([]);
    expect((await rig.exchange.openOrders()).map((o) => o.clientOrderId)).toEqual(['eth-rest']);
  });
});
