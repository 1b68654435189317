import { describe, expect, it } from 'vitest';
import type { Balance, Trade } from '../../src-shared';
import { Holdings } from './holdings';
import { PositionLedger } from './ledger';

const balances = (amounts: Record<string, number>): Balance[] =>
  Object.entries(amounts).map(([asset, total]) => ({ venue: 'demo', asset, free: total, used: 0, total }));
const trade = (id: string, side: Trade['side'], amount: number, price: number, fee: number): Trade => ({
  id,
  venue: 'demo',
  mode: 'demo',
  symbol: 'BTC/USDT',
  side,
  amount,
  price,
  fee,
  feeAsset: 'USDT',
  timestamp: 1,
});

describe('holdings, deposits and withdrawals', () => {
  it('keeps a deposit in the middle apart from P&L', () => {
    const holdings = new Holdings();
    const ledger = new PositionLedger();
    // The opening balance is no transfer.
    expect(holdings.applyBalances('demo', 'demo', balances({ USDT: 1000 }), 1)).toEqual([]);
    const buy = trade('1', 'buy', 1, 100, 0.1);
    holdings.applyTrade(buy);
    ledger.apply(buy);
    // The fills explain the new balances (1000 − 100 − 0.1 = 899.9): no transfer.
    expect(holdings.applyBalances('demo', 'demo', balances({ USDT: 899.9, BTC: 1 }), 2)).toEqual([]);
    // 500 USDT more than the fills explain: a deposit.
    expect(holdings.applyBalances('demo', 'demo', balances({ USDT: 1399.9, BTC: 1 }), 3)).toEqual([
      { venue: 'demo', mode: 'demo', asset: 'USDT', amount: 500, at: 3 },
    ]);
    const sell = trade('2', 'sell', 1, 110, 0.11);
    holdings.applyTrade(sell);
    ledger.apply(sell);
    // 1399.9 + 110 − 0.11 = 1509.79.
    expect(holdings.applyBalances('demo', 'demo', balances({ USDT: 1509.79 }), 4)).toEqual([]);
    expect(holdings.list()).toEqual([{ venue: 'demo', mode: 'demo', asset: 'USDT', amount: 1509.79 }]);
    // P&L is 10 − 0.1 − 0.11 = 9.79; equity went from 1000 to 1509.79 = 9.79 of P&L + 500 deposited.
    expect(ledger.get('demo', 'demo', 'BTC/USDT')!.realized).toBeCloseTo(9.79, 10);
  });

  it('reads a balance lower than the fills explain as a withdrawal', () => {
    const holdings = new Holdings();
    holdings.applyBalances('demo', 'demo', balances({ USDT: 1000, BTC: 2 }), 1);
    expect(holdings.applyBalances('demo', 'demo', balances({ USDT: 1000 }), 2)).toEqual([
      { venue: 'demo', mode: 'demo', asset: 'BTC', amount: -2, at: 2 },
    ]);
  });
});
