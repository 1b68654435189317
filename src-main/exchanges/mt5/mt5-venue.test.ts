import { afterEach, describe, expect, it } from 'vitest';
import { startBridgeHarness, type BridgeHarness } from '../../../fakes/mt5-terminal';
import type { OrderRequest } from '../../../src-shared';
import { Mt5Venue } from './mt5-venue';

let harness: BridgeHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function setup() {
  harness = await startBridgeHarness();
  const { terminal, session } = await harness.attach();
  const bridge = harness.bridge;
  // The fake trade server's clock is its server time; UTC is that minus the offset its hello announced.
  const now = () => terminal.server.clock() - session.serverOffsetMs;
  const venue = new Mt5Venue({ login: session.login, session: (login) => bridge.session(login), orderTimeoutMs: 300, now });
  return { terminal, session, venue, harness };
}

const buy = (amount: number, extra: Partial<OrderRequest> = {}): OrderRequest => ({ venue: 'mt5', symbol: 'EUR/USD', side: 'buy', type: 'market', amount, ...extra });

describe('Mt5Venue over the bridge and the fake terminal', () => {
  it('lists MT5 symbols as markets with their digits and volume steps', async () => {
    const { venue } = await setup();
    const markets = await venue.markets();
    expect(markets.map((m) => m.symbol)).toEqual(['EUR/USD', 'XAU/USD', 'US500/USD']);
    expect(markets[0]).toMatchObject({ venue: 'mt5', pricePrecision: 5, amountPrecision: 2, minAmount: 0.01, active: true });
    expect(markets[2]).toMatchObject({ pricePrecision: 1, amountPrecision: 1 });
  });

  it('fills a market order, reports equity and margin, and lists the deal as a trade with its client id', async () => {
    const { venue } = await setup();
    const cid = venue.newClientOrderId();
    expect(cid).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const order = await venue.createOrder(buy(0.1), cid);
    expect(order).toMatchObject({ clientOrderId: cid, status: 'filled', filled: 0.1, averagePrice: 1.08201, venue: 'mt5' });
    expect(order.exchangeOrderId).toMatch(/^\d+$/);
    const [balance] = await venue.balance();
    expect(balance).toMatchObject({ asset: 'USD', used: 108.2 });
    expect(balance!.total).toBeCloseTo(9_999.8, 2);
    const trades = await venue.myTrades('EUR/USD');
    expect(trades).toEqual([expect.objectContaining({ side: 'buy', amount: 0.1, price: 1.08201, clientOrderId: cid })]);
  });

  it('places a limit and a stop-limit order (trigger and limit where MT5 wants them), lists and cancels them', async () => {
    const { venue, terminal } = await setup();
    const limit = await venue.createOrder(buy(0.2, { type: 'limit', price: 1.075 }), 'lim1');
    expect(limit).toMatchObject({ status: 'open', filled: 0 });
    await venue.createOrder(buy(0.1, { side: 'sell', type: 'stop-limit', stopPrice: 1.07, price: 1.0695 }), 'stl1');
    const stopLimit = [...terminal.server.orders.values()].find((o) => o.comment === 'tbs:stl1');
    expect(stopLimit).toMatchObject({ type: 'sell_stop_limit', price: 1.07, stopLimit: 1.0695 });
    const open = await venue.openOrders('EUR/USD');
    expect(open.map((o) => [o.clientOrderId, o.type, o.price, o.stopPrice]).sort()).toEqual([['lim1', 'limit', 1.075, undefined], ['stl1', 'stop-limit', 1.0695, 1.07]]);
    expect(await venue.cancelOrder('EUR/USD', limit.exchangeOrderId!)).toMatchObject({ status: 'cancelled', clientOrderId: 'lim1' });
    expect((await venue.openOrders()).map((o) => o.clientOrderId)).toEqual(['stl1']);
  });

  it('refuses a requote with "confirm again" and trades nothing', async () => {
    const { venue, terminal } = await setup();
    terminal.faults.push('requote');
    await expect(venue.createOrder(buy(0.1), 'rq1')).rejects.toMatchObject({ code: 'ORDER_REJECTED', message: expect.stringMatching(/confirm again/) });
    expect(terminal.server.deals).toHaveLength(0);
    await expect(venue.createOrder(buy(0.015), 'rq2')).rejects.toMatchObject({ message: expect.stringContaining('in steps of 0.01') });
  });

  it('a lost reply rejects with TIMEOUT and the client id finds the filled order', async () => {
    const { venue, terminal } = await setup();
    terminal.faults.push('lose_reply');
    await expect(venue.createOrder(buy(0.1), 'lost1')).rejects.toMatchObject({ code: 'TIMEOUT' });
    const found = await venue.fetchOrderByClientId('EUR/USD', 'lost1');
    expect(found).toMatchObject({ status: 'filled', filled: 0.1, averagePrice: 1.08201, side: 'buy' });
    expect(terminal.server.deals).toHaveLength(1);
  });

  it('10012 after execution is unknown, and find shows it filled', async () => {
    const { venue, terminal } = await setup();
    terminal.faults.push('timeout_executed');
    await expect(venue.createOrder(buy(0.1), 'to1')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(await venue.fetchOrderByClientId('EUR/USD', 'to1')).toMatchObject({ status: 'filled', filled: 0.1 });
  });

  it('an EA restart before sending: the order is unknown, then found never placed', async () => {
    const { venue, terminal, harness: h } = await setup();
    terminal.faults.push('restart_before_send');
    await expect(venue.createOrder(buy(0.1), 'rs1')).rejects.toMatchObject({ code: 'DISCONNECTED' });
    await h.sessionOf(terminal.server.login);
    await expect.poll(() => h.bridge.session(terminal.server.login)?.open).toBe(true);
    expect(await venue.fetchOrderByClientId('EUR/USD', 'rs1')).toBeUndefined();
    expect(terminal.server.deals).toHaveLength(0);
  });

  it('a recorded refusal is found as rejected with its reason; an unknown id as nothing', async () => {
    const { venue } = await setup();
    await expect(venue.createOrder(buy(99), 'nm1')).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect(await venue.fetchOrderByClientId('EUR/USD', 'nm1')).toMatchObject({ status: 'rejected', reason: expect.stringContaining('free margin') });
    expect(await venue.fetchOrderByClientId('EUR/USD', 'never')).toBeUndefined();
  });

  it('serves candles in UTC, at most the limit, and says when the terminal is away', async () => {
    const { venue, terminal, session } = await setup();
    const candles = await venue.candles('EUR/USD', '1m', { limit: 20 });
    expect(candles).toHaveLength(20);
    expect(candles.every((c, i) => i === 0 || c.time - candles[i - 1]!.time === 60_000)).toBe(true);
    const serverNow = terminal.server.clock();
    expect(candles.at(-1)!.time).toBeLessThan(serverNow - session.serverOffsetMs);
    terminal.stop();
    await expect.poll(() => session.open).toBe(false);
    await expect(venue.balance()).rejects.toMatchObject({ code: 'VENUE_UNAVAILABLE' });
  });
});

describe('Mt5Venue closing positions when answers go missing', () => {
  async function opened() {
    const context = await setup();
    await context.venue.createOrder(buy(0.4), 'open1');
    const [position] = await context.venue.positions();
    const outDeals = () => [...context.terminal.server.deals.values()].filter((deal) => deal.entry === 'out');
    return { ...context, position: position!, outDeals };
  }

  it.each(['lose_reply', 'drop_after_execution', 'timeout_executed', 'duplicate_reply'] as const)(
    'closes once when the close executed but its answer was lost or unclear (%s)',
    async (fault) => {
      const { venue, terminal, position, outDeals } = await opened();
      terminal.faults.push(fault);
      const closed = await venue.closePosition(position.id, 0.1);
      expect(closed).toMatchObject({ id: position.id, volume: 0.1, remaining: 0.3 });
      expect(outDeals()).toHaveLength(1);
      expect((await venue.positions())[0]?.volume).toBeCloseTo(0.3, 8);
    },
  );

  it.each(['drop_before_execution', 'timeout', 'requote'] as const)('says the position is still open when the close did not execute (%s)', async (fault) => {
    const { venue, terminal, position, outDeals } = await opened();
    terminal.faults.push(fault);
    await expect(venue.closePosition(position.id)).rejects.toMatchObject({ code: 'ORDER_REJECTED' });
    expect(outDeals()).toHaveLength(0);
    expect((await venue.positions())[0]?.volume).toBeCloseTo(0.4, 8);
  });
});

describe('Mt5Venue prices of a quiet market', () => {
  it('prices a symbol with no tick for hours from its last hour or day, and says so when it has none at all', async () => {
    harness = await startBridgeHarness();
    let serverTime = Date.UTC(2026, 0, 9, 21, 30) + 7_200_000; // a Friday evening, server time
    const { session } = await harness.attach({ account: { clock: () => serverTime } });
    const bridge = harness.bridge;
    const venue = new Mt5Venue({ login: session.login, session: (login) => bridge.session(login), now: () => serverTime - session.serverOffsetMs });
    const live = await venue.ticker('EUR/USD');
    serverTime += 2 * 86_400_000; // the weekend: no tick since Friday
    const weekend = await venue.ticker('EUR/USD');
    expect(weekend.last).toBe(live.last);
    expect(weekend.timestamp).toBeLessThanOrEqual(live.timestamp);
    serverTime += 30 * 86_400_000;
    await expect(venue.ticker('EUR/USD')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Market Watch') });
  });
});
