// The daily loss from real fills on the demo venue: the order service places on a simulated account priced by the
// demo market (on a clock the test drives), its fills reach the risk service over the bus, and the risk checks run
// inside OrderService.place. Realized and unrealized P&L both count, and the loss starts again at the reset time.
import { afterEach, describe, expect, it } from 'vitest';
import type { RiskLimitEvent, Trade } from '../../src-shared';
import { InProcessEventBus } from '../events';
import { openDatabase } from '../storage';
import { OrderJournal, OrderService } from '../trading';
import { waitFor } from '../trading/testing/binance-harness';
import { RiskRepository } from './risk-repository';
import { RiskService } from './risk-service';
import { demoMarket, DEMO_TICK_MS, type DemoMarket } from './testing/demo-market';

const usdt = (value: number) => `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)} USDT`;

describe('maximum daily loss on the demo venue', () => {
  let rig: DemoMarket | undefined;
  let orders: OrderService | undefined;
  afterEach(() => {
    orders?.close();
    rig?.close();
  });

  it('counts realized and unrealized P&L of real fills, refuses new risk past the limit, allows closing, and resets at the set time', async () => {
    // Seed 6: the demo BTC/USDT falls by more than 100 USDT within the first minutes.
    rig = demoMarket(6); // starts at 12:00:10 UTC
    const market = rig;
    const now = () => market.now();
    const step = () => market.step();
    const db = openDatabase(':memory:');
    const bus = new InProcessEventBus();
    const risk = new RiskService({ repository: new RiskRepository(db, now), bus, cancelTargets: () => [], now });
    risk.updateSettings({ global: { maxDailyLoss: 8 }, accounts: {}, dailyResetUtc: '12:05', warnAtPct: 80 });
    const trades: Trade[] = [];
    const limitEvents: RiskLimitEvent[] = [];
    bus.subscribe('trade.executed', (t) => void trades.push(t));
    bus.subscribe('risk.limit.exceeded', (e) => void limitEvents.push(e));
    orders = new OrderService({ journal: new OrderJournal(db), venueFor: () => market.exchange, bus, checks: risk.checks, now, warn: () => {} });
    const demo = { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT' } as const;

    await orders.place({ ...demo, side: 'buy', type: 'market', amount: 0.1 });
    await waitFor(() => trades.length === 1, 2_000, 'the buy to fill');
    const bought = trades[0]!;
    while ((await market.last('BTC/USDT')) > bought.price - 100) step();

    // Selling part of the long reduces risk: allowed whatever the loss. Its fill realizes a loss (and a USDT fee).
    await orders.place({ ...demo, side: 'sell', type: 'market', amount: 0.04 });
    await waitFor(() => trades.length === 2, 2_000, 'the sell to fill');
    const sold = trades[1]!;
    expect(sold.feeAsset).toBe('USDT');
    const realized = 0.04 * (sold.price - bought.price) - sold.fee!;
    const last = await market.last('BTC/USDT');
    const unrealized = 0.06 * (last - bought.price);
    const loss = -(realized + unrealized);
    expect(loss).toBeGreaterThan(8);
    expect(limitEvents).toEqual([expect.objectContaining({ level: 'exceeded', limit: 'maxDailyLoss', scope: 'global', threshold: 8 })]);

    const before = orders.list({ scope: 'history', limit: 100 }).length;
    const refusal = orders.place({ ...demo, side: 'buy', type: 'market', amount: 0.001 });
    await expect(refusal).rejects.toMatchObject({
      code: 'RISK_LIMIT',
      message:
        `Refused by the global maximum daily loss: the loss since the reset at 12:05 UTC is ${usdt(loss)} ` +
        `(realized ${usdt(realized)}, unrealized ${usdt(unrealized)}); the limit is 8.00 USDT. Only orders that reduce a position are accepted until the reset.`,
    });
    expect(orders.list({ scope: 'history', limit: 100 })).toHaveLength(before); // nothing journaled
    // Closing the rest is allowed too; the loss is then all realized, and stays until the reset whatever the price does.
    await orders.place({ ...demo, side: 'sell', type: 'market', amount: 0.06 });
    await waitFor(() => trades.length === 3, 2_000, 'the closing sell to fill');
    const closed = trades[2]!;
    const realizedAll = realized + 0.06 * (closed.price - bought.price) - closed.fee!;
    expect(-realizedAll).toBeGreaterThan(8);
    for (let i = 0; i < 100; i++) step();
    const stillRefused = await orders.place({ ...demo, side: 'buy', type: 'market', amount: 0.001 }).catch((error: unknown) => error as Error);
    expect(stillRefused).toMatchObject({ code: 'RISK_LIMIT', message: expect.stringContaining(`is ${usdt(-realizedAll)} (realized ${usdt(realizedAll)}, unrealized 0.00 USDT)`) });

    // Past 12:05 UTC the day starts again: realized P&L from zero, open positions valued from the price at the reset.
    const reset = Date.UTC(2026, 10, 2, 12, 5, 0);
    while (now() + DEMO_TICK_MS < reset) step();
    await expect(orders.place({ ...demo, side: 'buy', type: 'market', amount: 0.001 })).rejects.toMatchObject({ code: 'RISK_LIMIT' });
    step();
    expect(now()).toBe(reset);
    const placed = await orders.place({ ...demo, side: 'buy', type: 'market', amount: 0.001 });
    expect(placed.status).toBe('filled');
  });
});
