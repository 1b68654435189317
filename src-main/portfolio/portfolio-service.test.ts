// The service on the bus with a real SQLite database; the order journal is stood in for at its port (an array of
// fills), since it belongs to the trading domain.
import { afterEach, describe, expect, it } from 'vitest';
import type { Balance, PortfolioUpdated, Trade } from '../../src-shared';
import { InProcessEventBus } from '../events';
import { openDatabase, SettingsRepository, type SqliteDatabase } from '../storage';
import { PortfolioRepository } from './portfolio-repository';
import { PortfolioService } from './portfolio-service';

const services: PortfolioService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.close();
});

function rig(db: SqliteDatabase = openDatabase(':memory:'), journal: Trade[] = []) {
  const bus = new InProcessEventBus();
  const pushed: PortfolioUpdated[] = [];
  bus.subscribe('portfolio.updated', (e) => void pushed.push(e));
  const service = new PortfolioService({
    repository: new PortfolioRepository(db),
    settings: new SettingsRepository(db),
    bus,
    history: { eachTrade: (visit) => journal.forEach(visit), eachFill: (visit) => journal.forEach(visit), eachOrder: () => {} },
    snapshotEveryMs: 60,
    pushEveryMs: 30,
    buildDelayMs: 0,
    tradeSnapshotWaitMs: 20,
  });
  services.push(service);
  service.start();
  const fill = (trade: Trade) => {
    journal.push(trade);
    bus.publish('trade.executed', trade);
  };
  const balances = (amounts: Record<string, number>) => {
    const list: Balance[] = Object.entries(amounts).map(([asset, total]) => ({ venue: 'binance', asset, free: total, used: 0, total }));
    bus.publish('balance.changed', { venue: 'binance', mode: 'live', balances: list });
  };
  const price = (last: number) => bus.publish('price.updated', { venue: 'binance', symbol: 'BTC/USDT', last, timestamp: Date.now() });
  return { db, bus, service, pushed, fill, balances, price, journal };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const trade = (id: string, side: Trade['side'], amount: number, price: number): Trade => ({
  id, venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side, amount, price, fee: 0, feeAsset: 'USDT', timestamp: Date.now(),
});

describe('portfolio service', () => {
  it('coalesces a burst of prices into few pushes, and pushes nothing when no figure moved', async () => {
    const { service, pushed, balances, price } = rig();
    service.ensureBuilt();
    balances({ BTC: 1, USDT: 1000 });
    for (let i = 0; i < 200; i += 1) price(60_000 + i);
    await sleep(200);
    // 200 prices within a few push periods: a handful of pushes, the last with the last price.
    expect(pushed.length).toBeGreaterThan(0);
    expect(pushed.length).toBeLessThan(10);
    expect(pushed.at(-1)).toMatchObject({ view: 'live', currency: 'USDT', equity: 61_199, unpricedCount: 0 });
    const count = pushed.length;
    price(60_199);
    await sleep(120);
    expect(pushed.length).toBe(count);
  });

  it('snapshots equity after a fill, once its balances are in, and at every interval', async () => {
    const { service, fill, balances, price } = rig();
    price(100);
    balances({ USDT: 1000 });
    fill(trade('1', 'buy', 1, 100));
    balances({ USDT: 900, BTC: 1 });
    await sleep(200);
    const curve = service.equity('live', '1D');
    // Every point values the cash and the coin: 900 + 1 × 100.
    expect(curve.points.length).toBeGreaterThanOrEqual(3);
    expect(new Set(curve.points.map((p) => p.equity))).toEqual(new Set([1000]));
    expect(curve.drawdown.every((p) => p.equity === 0)).toBe(true);
  });

  it('keeps a deposit in SQLite and apart from P&L, and rebuilds the same after a restart', async () => {
    const first = rig();
    first.price(100);
    first.balances({ USDT: 1000 });
    first.fill(trade('1', 'buy', 1, 100));
    first.balances({ USDT: 900, BTC: 1 });
    first.balances({ USDT: 1400, BTC: 1 }); // 500 deposited
    first.fill(trade('2', 'sell', 1, 110));
    first.balances({ USDT: 1510 });
    const before = first.service.summary('live');
    expect(before).toMatchObject({ realized: 10, deposits: 500, withdrawals: 0, equity: 1510 });
    first.service.close();

    const second = rig(first.db, first.journal);
    second.price(100);
    const after = second.service.summary('live');
    expect({ ...after, at: 0 }).toEqual({ ...before, at: 0 });
  });

  it('after a restart, a fill that arrives before the history is read moves the saved holdings once', async () => {
    const first = rig();
    first.balances({ USDT: 1000 });
    first.fill(trade('1', 'buy', 1, 100));
    first.service.close();
    const second = rig(first.db, first.journal);
    // Published before anything asked: the service reads the journal (which holds this fill already) first.
    second.fill(trade('2', 'buy', 2, 100));
    second.price(100);
    const summary = second.service.summary('live');
    expect(summary.holdings.map((h) => [h.asset, h.amount]).sort()).toEqual([
      ['BTC', 3],
      ['USDT', 700],
    ]);
    expect(second.service.positions('live')[0]).toMatchObject({ quantity: 3, averagePrice: 100, trades: 2 });
  });

  it('after a restart, a fill already read from the journal is not counted again, while a late new one is', () => {
    const first = rig();
    first.fill(trade('1', 'buy', 1, 100));
    first.fill(trade('2', 'buy', 1, 120));
    first.service.close();
    const second = rig(first.db, first.journal);
    second.service.ensureBuilt();
    // The same fill published again (a redelivery), and a fill reported late after an outage, older than the history.
    second.bus.publish('trade.executed', first.journal[0]!);
    second.bus.publish('trade.executed', { ...trade('0', 'buy', 1, 90), timestamp: first.journal[0]!.timestamp - 1 });
    second.bus.publish('trade.executed', first.journal[1]!);
    const position = second.service.positions('live')[0]!;
    expect(position).toMatchObject({ quantity: 3, trades: 3 });
    expect(position.averagePrice).toBeCloseTo(310 / 3, 9);
  });

  it('values a fee paid in BNB at the rate of its fill, the same after a restart before any price comes in', async () => {
    const first = rig();
    first.bus.publish('price.updated', { venue: 'binance', symbol: 'BNB/USDT', last: 600, timestamp: Date.now() });
    first.fill({ ...trade('1', 'buy', 1, 100), fee: 0.001, feeAsset: 'BNB' });
    first.bus.publish('price.updated', { venue: 'binance', symbol: 'BNB/USDT', last: 900, timestamp: Date.now() });
    first.fill({ ...trade('2', 'sell', 1, 110), fee: 0.001, feeAsset: 'BNB' });
    const before = first.service.positions('live')[0]!;
    // 0.6 + 0.9 USDT of fees, each at its own fill's BNB price; the result 10 less both.
    expect(before.fees).toBeCloseTo(1.5, 9);
    expect(before.realized).toBeCloseTo(8.5, 9);
    await sleep(100);
    first.service.close();

    const second = rig(first.db, first.journal);
    const after = second.service.positions('live')[0]!;
    expect(after).toEqual(before);
    expect(second.service.summary('live').unconvertedFees).toEqual([]);
  });
});
