// Margin accounts (MT5 logins) in the portfolio, from worked examples: two logins in different currencies valued in
// one, deals read once each across refreshes, and a login that stops answering keeping what was last read. The
// accounts stand in at the portfolio's port; the whole path through a fake terminal is in core-mt5.test.ts.
import { describe, expect, it } from 'vitest';
import type { Deal, Position } from '../../src-shared';
import { MarginBook, type MarginAccount } from './margin';
import { MarginFigures } from './margin-figures';
import { RateBook } from './rates';

const position = (account: string, over: Partial<Position>): Position => ({
  venue: 'mt5', account, id: '1', symbol: 'EUR/USD', side: 'buy', volume: 1, openPrice: 1.1, currentPrice: 1.12, swap: 0, profit: 0, currency: 'USD', openedAt: 1_000, ...over,
});
const deal = (account: string, over: Partial<Deal>): Deal => ({
  venue: 'mt5', account, id: 'd1', positionId: '1', symbol: 'EUR/USD', side: 'buy', entry: 'in', volume: 1, price: 1.1, profit: 0, commission: 0, swap: 0, currency: 'USD', time: 1_000, ...over,
});

function login(account: string, currency: string, balance: number) {
  const state = { positions: [] as Position[], deals: [] as Deal[], down: false, asked: [] as number[] };
  const margin: MarginAccount & { balance: number } = {
    venue: 'mt5',
    account,
    currency,
    balance,
    positions: async () => {
      if (state.down) throw new Error('terminal gone');
      return state.positions;
    },
    deals: async (since) => {
      state.asked.push(since);
      return state.deals.filter((d) => d.time >= since);
    },
  };
  return { margin, state };
}

describe('margin accounts in the portfolio', () => {
  it('values two logins in one currency from their balances, floating profit and deals', async () => {
    const usd = login('8101', 'USD', 10_000);
    const eur = login('8102', 'EUR', 5_000);
    // USD login: a long EURUSD of 1 lot floating +200 (swap −5), after a closed trade of +150 with 7 commission.
    usd.state.positions = [position('8101', { id: '7', profit: 200, swap: -5 })];
    usd.state.deals = [
      deal('8101', { id: 'a', positionId: '5', entry: 'in', commission: -3.5, time: 1_000 }),
      deal('8101', { id: 'b', positionId: '5', entry: 'out', side: 'sell', profit: 150, commission: -3.5, time: 2_000 }),
      deal('8101', { id: 'c', positionId: '7', entry: 'in', commission: -3.5, time: 3_000 }),
    ];
    // EUR login: a short of 0.5 lot losing 40 EUR, no deal closed yet.
    eur.state.positions = [position('8102', { id: '9', side: 'sell', volume: 0.5, profit: -40, currency: 'EUR' })];
    const book = new MarginBook();
    await book.refresh([usd.margin, eur.margin], 10_000);
    const rates = new RateBook();
    rates.update('mt5', 'EUR/USD', 1.1, 9_000);
    const figures = new MarginFigures(book, rates, 'mt5', 'USD');

    const summary = figures.summary(10_000);
    // Equity: 10,000 + 195 in USD, and (5,000 − 40) EUR × 1.1.
    expect(summary.holdings.map((h) => [h.asset, h.amount, h.value])).toEqual([
      ['USD', 10_195, 10_195],
      ['EUR', 4_960, 5_456],
    ]);
    expect(summary.equity).toBeCloseTo(15_651, 6);
    // Unrealized: 195 USD and −40 EUR (−44 USD); realized: the deals' results, −3.5 + 146.5 − 3.5; fees 10.5.
    expect(summary.unrealized).toBeCloseTo(151, 6);
    expect(summary.realized).toBeCloseTo(139.5, 6);
    expect(summary.fees).toBeCloseTo(10.5, 6);
    expect(summary.unpriced).toEqual([]);

    const positions = figures.positions();
    expect(positions).toEqual([
      expect.objectContaining({ symbol: 'EUR/USD', quote: 'USD', quantity: 1, unrealized: 195, realized: -3.5, fees: 3.5, trades: 1, unrealizedInCurrency: 195 }),
      expect.objectContaining({ symbol: 'EUR/USD', quote: 'EUR', quantity: -0.5, unrealized: -40, realized: 0, trades: 0, unrealizedInCurrency: -44 }),
    ]);
    expect(book.fills().map((f) => [f.tradeId, f.closed, f.pnl, f.fee])).toEqual([
      ['a', 0, -3.5, 3.5],
      ['b', 1, 146.5, 3.5],
      ['c', 0, -3.5, 3.5],
    ]);
  });

  it('without a rate for a login currency, its equity is unpriced rather than 0', async () => {
    const eur = login('8102', 'EUR', 5_000);
    const book = new MarginBook();
    await book.refresh([eur.margin], 1);
    const summary = new MarginFigures(book, new RateBook(), 'mt5', 'USD').summary(1);
    expect(summary.equity).toBe(0);
    expect(summary.unpriced).toEqual([{ venue: 'mt5', asset: 'EUR', amount: 5_000 }]);
    expect(summary.holdings[0]).toMatchObject({ asset: 'EUR', value: null });
  });

  it('reads each deal once across refreshes, asks again only from shortly before the newest, and keeps a silent login', async () => {
    const usd = login('8101', 'USD', 10_000);
    usd.state.positions = [position('8101', { id: '7', profit: 10 })];
    usd.state.deals = [deal('8101', { id: 'a', time: 500_000 })];
    const book = new MarginBook();
    await book.refresh([usd.margin], 1);
    usd.state.deals.push(deal('8101', { id: 'b', entry: 'out', side: 'sell', profit: 25, time: 600_000 }));
    await book.refresh([usd.margin], 2);
    expect(usd.state.asked).toEqual([0, 500_000 - 60_000]);
    expect(book.fills().map((f) => f.tradeId)).toEqual(['a', 'b']);

    // The terminal stops answering: what was last read stays, with the balance the bridge last reported.
    usd.state.down = true;
    await book.refresh([{ ...usd.margin, balance: 10_025 }], 3);
    expect(book.accounts()).toEqual([expect.objectContaining({ account: '8101', balance: 10_025, positions: [expect.objectContaining({ id: '7' })] })]);
    // A login no longer connected is dropped.
    await book.refresh([], 4);
    expect(book.accounts()).toEqual([]);
  });

  it('a change during a read is read again after it, once however many come', async () => {
    const usd = login('8101', 'USD', 10_000);
    let calls = 0;
    let release: () => void = () => {};
    const slow: MarginAccount = {
      ...usd.margin,
      positions: async () => {
        calls += 1;
        // What the terminal says when asked, delivered late for the first read.
        const now = usd.state.positions;
        if (calls === 1) await new Promise<void>((resolve) => (release = resolve));
        return now;
      },
    };
    const book = new MarginBook();
    const first = book.refresh([slow], 1);
    // The position opens while the first read waits: three changes reported, one more read.
    usd.state.positions = [position('8101', { id: '7', profit: 10 })];
    const later = [book.refresh([slow], 2), book.refresh([slow], 3), book.refresh([slow], 4)];
    release();
    await Promise.all([first, ...later]);
    expect(calls).toBe(2);
    expect(book.accounts()[0]!.positions.map((p) => p.id)).toEqual(['7']);
    expect(book.refreshedAt).toBe(4);
  });
});
