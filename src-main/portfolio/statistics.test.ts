import { describe, expect, it } from 'vitest';
import type { Trade } from '../../src-shared';
import { PositionLedger, type FillResult } from './ledger';
import { computeStatistics, drawdownSeries } from './statistics';

function fills(): FillResult[] {
  const ledger = new PositionLedger();
  let id = 0;
  const t = (symbol: string, side: Trade['side'], amount: number, price: number): Trade => ({
    id: String(++id),
    venue: 'binance',
    mode: 'live',
    symbol,
    side,
    amount,
    price,
    fee: 1,
    feeAsset: symbol.split('/')[1],
    timestamp: id,
  });
  const trades = [
    t('BTC/USDT', 'buy', 1, 100), // fee 1
    t('BTC/USDT', 'sell', 1, 120), // +20 − 1 − 1 = +18
    t('ETH/USDT', 'buy', 2, 50), // fee 1
    t('ETH/USDT', 'sell', 2, 45), // −10 − 1 − 1 = −12
    t('BTC/EUR', 'buy', 1, 100), // fee 1 EUR
    t('BTC/EUR', 'sell', 1, 110), // +10 − 1 − 1 = +8 EUR
  ];
  return trades.map((trade) => ledger.apply(trade)!);
}

describe('statistics', () => {
  it('counts closed trades, wins, losses, profit factor and fees in the reporting currency', () => {
    // 1 EUR = 1.1 USDT.
    const toUsdt = (amount: number, from: string) => (from === 'USDT' ? amount : from === 'EUR' ? amount * 1.1 : undefined);
    const equity = [
      { at: 1, equity: 1000 },
      { at: 2, equity: 1100 },
      { at: 3, equity: 990 },
      { at: 4, equity: 1050 },
    ];
    const stats = computeStatistics(fills(), equity, toUsdt);
    // Wins: 18 and 8 × 1.1 = 8.8; loss: −12. Profit factor 26.8 / 12.
    expect(stats).toMatchObject({ trades: 6, closedTrades: 3, wins: 2, losses: 1, unconverted: 0 });
    expect(stats.winRate).toBeCloseTo(2 / 3, 12);
    expect(stats.averageWin).toBeCloseTo(13.4, 10);
    expect(stats.averageLoss).toBeCloseTo(-12, 10);
    expect(stats.profitFactor).toBeCloseTo(26.8 / 12, 10);
    // 18 − 12 + 8.8; fees 4 USDT + 2 EUR = 6.2.
    expect(stats.realized).toBeCloseTo(14.8, 10);
    expect(stats.fees).toBeCloseTo(6.2, 10);
    // From the 1100 peak down to 990.
    expect(stats.maxDrawdown).toBe(110);
    expect(stats.maxDrawdownPct).toBeCloseTo(0.1, 12);
    expect(drawdownSeries(equity).map((p) => p.equity)).toEqual([0, 0, -110, -50]);
  });

  it('leaves out what has no rate instead of adding it as if it were the same currency', () => {
    const usdtOnly = (amount: number, from: string) => (from === 'USDT' ? amount : undefined);
    const stats = computeStatistics(fills(), [], usdtOnly);
    expect(stats.unconverted).toBe(2);
    expect(stats.realized).toBeCloseTo(6, 10);
    expect(stats.maxDrawdownPct).toBeNull();
  });
});
