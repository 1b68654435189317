// The portfolio through the whole core on the demo venue: fills on the bus, balances reported by the venue, rates
// from its prices, snapshots in SQLite — and after a restart the same portfolio, rebuilt from SQLite alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse, Channel, EquityCurve, LedgerEntry, Order, PortfolioPosition, PortfolioStatistics, PortfolioSummary, Req, Trade } from '../src-shared';
import { TransportSession } from './api/session';
import { createCore, type Core } from './core';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function call<T>(core: Core, channel: Channel, payload: Req<typeof channel> | object): Promise<T> {
  const session = new TransportSession('test', () => {});
  const response: ApiResponse = await core.dispatcher.dispatch(channel, payload, session);
  if (!response.ok) throw new Error(`${channel}: ${response.error.code} ${response.error.message}`);
  return response.result as T;
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const demo = { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', type: 'market' } as const;

describe('portfolio in the core', () => {
  it('books a buy and a partial sell on the demo venue, and is the same after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tbs-portfolio-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let core = await createCore({ dataDir, transport: 'websocket', demoSeed: 11, demoTickMs: 50 });
    cleanups.push(() => core.close());

    const buy = await call<Order>(core, 'orders:place', { ...demo, side: 'buy', amount: 0.02 });
    expect(buy.status).toBe('filled');
    await new Promise((resolve) => setTimeout(resolve, 600)); // the demo price moves
    const sell = await call<Order>(core, 'orders:place', { ...demo, side: 'sell', amount: 0.01 });
    expect(sell.status).toBe('filled');

    // Worked from the fills themselves: the average cost method with the opening fee charged pro rata.
    const trades = (await call<Trade[]>(core, 'orders:trades', { venue: 'demo' })).reverse();
    const buys = trades.filter((t) => t.side === 'buy');
    const sells = trades.filter((t) => t.side === 'sell');
    const bought = buys.reduce((s, t) => s + t.amount, 0);
    const average = buys.reduce((s, t) => s + t.amount * t.price, 0) / bought;
    const feeValue = (t: Trade) => (t.fee ?? 0) * (t.feeAsset === 'BTC' ? t.price : 1);
    const openFees = buys.reduce((s, t) => s + feeValue(t), 0);
    const baseFees = buys.reduce((s, t) => s + (t.feeAsset === 'BTC' ? (t.fee ?? 0) : 0), 0);
    const held = bought - baseFees;
    const sold = sells.reduce((s, t) => s + t.amount, 0);
    const expectedRealized =
      sells.reduce((s, t) => s + t.amount * (t.price - average) - feeValue(t), 0) - (openFees * sold) / held;

    const positions = await call<PortfolioPosition[]>(core, 'portfolio:positions', { view: 'demo' });
    expect(positions).toHaveLength(1);
    expect(positions[0]!.quantity).toBeCloseTo(held - sold, 10);
    expect(positions[0]!.realized).toBeCloseTo(expectedRealized, 8);
    // Live is another book: nothing of the demo shows there.
    expect(await call<PortfolioPosition[]>(core, 'portfolio:positions', { view: 'live' })).toEqual([]);

    const priced = (s: PortfolioSummary) => s.holdings.length > 0 && s.unpriced.length === 0;
    const summary = await eventually(() => call<PortfolioSummary>(core, 'portfolio:summary', { view: 'demo' }), priced, 'a priced demo summary');
    expect(summary.currency).toBe('USDT');
    expect(summary.realized).toBeCloseTo(expectedRealized, 8);
    expect(summary.holdings.map((h) => h.asset).sort()).toEqual(expect.arrayContaining(['BTC', 'USDT']));

    const curve = await eventually(() => call<EquityCurve>(core, 'portfolio:equity', { view: 'demo', range: '1D' }), (c) => c.points.length >= 2, 'two snapshots');
    expect(curve.drawdown).toHaveLength(curve.points.length);
    const stats = await call<PortfolioStatistics>(core, 'portfolio:statistics', { view: 'demo' });
    expect(stats.total).toMatchObject({ trades: trades.length, closedTrades: sells.length });
    expect(stats.total.realized).toBeCloseTo(expectedRealized, 8);

    const csv = await call<{ csv: string; rows: number }>(core, 'portfolio:export', { view: 'demo', kind: 'trades' });
    expect(csv.rows).toBe(trades.length);
    for (const t of trades) expect(csv.csv).toContain(`,${t.side},${t.amount},BTC,${t.price},USDT,`);

    const ledger = await call<LedgerEntry[]>(core, 'portfolio:ledger', { view: 'demo', limit: 1 });
    expect(ledger).toHaveLength(1);
    const older = await call<LedgerEntry[]>(core, 'portfolio:ledger', { view: 'demo', before: ledger[0]!.seq, limit: 100 });
    expect(older.map((e) => e.tradeId)).toEqual(trades.slice(0, -1).map((t) => t.id).reverse());

    // Restart on the same folder: everything comes back from SQLite.
    const before = { positions, holdings: summary.holdings.map((h) => [h.asset, h.amount]), curve: curve.points };
    await core.close();
    core = await createCore({ dataDir, transport: 'websocket', demoSeed: 11, demoTickMs: 50 });
    const again = await call<PortfolioPosition[]>(core, 'portfolio:positions', { view: 'demo' });
    expect(again.map(({ mark: _m, unrealized: _u, unrealizedInCurrency: _c, ...rest }) => rest)).toEqual(
      before.positions.map(({ mark: _m, unrealized: _u, unrealizedInCurrency: _c, ...rest }) => rest),
    );
    const restarted = await call<PortfolioSummary>(core, 'portfolio:summary', { view: 'demo' });
    expect(restarted.holdings.map((h) => [h.asset, h.amount])).toEqual(before.holdings);
    expect(restarted.realized).toBeCloseTo(expectedRealized, 8);
    const curveAgain = await call<EquityCurve>(core, 'portfolio:equity', { view: 'demo', range: 'all' });
    expect(curveAgain.points.slice(0, before.curve.length)).toEqual(before.curve);
  });
});
