// Golden cases worked by hand: every expected figure below is computed in the comment beside it.
import { describe, expect, it } from 'vitest';
import type { Trade } from '../../src-shared';
import { PositionLedger, type FillResult } from './ledger';

let nextId = 1;
function fill(side: Trade['side'], amount: number, price: number, extra: Partial<Trade> = {}): Trade {
  const id = nextId++;
  return { id: `t${id}`, venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side, amount, price, timestamp: 1_000 * id, ...extra };
}

const sum = (results: (FillResult | undefined)[], pick: (r: FillResult) => number) => results.reduce((s, r) => s + (r ? pick(r) : 0), 0);

describe('positions and P&L by average cost, with FIFO lots beside', () => {
  it('partial fills of one buy and one sell', () => {
    const ledger = new PositionLedger();
    // Buy 1 BTC filled 0.2 @ 100, 0.3 @ 101, 0.5 @ 99: cost 20 + 30.3 + 49.5 = 99.8, average 99.8.
    for (const t of [fill('buy', 0.2, 100), fill('buy', 0.3, 101), fill('buy', 0.5, 99)]) ledger.apply(t);
    const open = ledger.get('binance', 'live', 'BTC/USDT')!;
    expect(open.quantity).toBeCloseTo(1, 12);
    expect(open.averagePrice).toBeCloseTo(99.8, 10);
    // Sell 1 @ 110 filled 0.4 then 0.6: average 0.4 × 10.2 = 4.08 and 0.6 × 10.2 = 6.12.
    // FIFO: 0.2 × 10 + 0.2 × 9 = 3.8, then 0.1 × 9 + 0.5 × 11 = 6.4.
    const first = ledger.apply(fill('sell', 0.4, 110))!;
    const second = ledger.apply(fill('sell', 0.6, 110))!;
    expect(first.pnl).toBeCloseTo(4.08, 10);
    expect(first.pnlFifo).toBeCloseTo(3.8, 10);
    expect(second.pnl).toBeCloseTo(6.12, 10);
    expect(second.pnlFifo).toBeCloseTo(6.4, 10);
    const closed = ledger.get('binance', 'live', 'BTC/USDT')!;
    expect(closed.quantity).toBe(0);
    expect(closed.realized).toBeCloseTo(10.2, 10);
    expect(closed.realizedFifo).toBeCloseTo(10.2, 10);
  });

  it('several buys then a partial sell', () => {
    const ledger = new PositionLedger();
    // 1 @ 100, 1 @ 120, 2 @ 90: 4 BTC for 400, average 100.
    for (const t of [fill('buy', 1, 100), fill('buy', 1, 120), fill('buy', 2, 90)]) ledger.apply(t);
    // Sell 1.5 @ 110: average 1.5 × 10 = 15; FIFO 1 × 10 + 0.5 × (110 − 120) = 5.
    const result = ledger.apply(fill('sell', 1.5, 110))!;
    expect(result.closed).toBe(1.5);
    expect(result.costPrice).toBe(100);
    expect(result.pnl).toBeCloseTo(15, 10);
    expect(result.pnlFifo).toBeCloseTo(5, 10);
    const position = ledger.get('binance', 'live', 'BTC/USDT')!;
    expect(position.quantity).toBeCloseTo(2.5, 12);
    expect(position.averagePrice).toBeCloseTo(100, 10);
    // What is left of the lots: half of the 120 lot, then the 90 lot.
    expect(ledger.lots('binance', 'live', 'BTC/USDT').map((l) => [l.quantity, l.price])).toEqual([
      [0.5, 120],
      [2, 90],
    ]);
  });

  it('fees in the quote: the opening fee is charged pro rata to the close', () => {
    const ledger = new PositionLedger();
    // Buy 2 @ 100 paying 0.2 USDT; sell 1 @ 110 paying 0.11 USDT: 10 − 0.2 × 1/2 − 0.11 = 9.79.
    ledger.apply(fill('buy', 2, 100, { fee: 0.2, feeAsset: 'USDT' }));
    const result = ledger.apply(fill('sell', 1, 110, { fee: 0.11, feeAsset: 'USDT' }))!;
    expect(result.fee).toBeCloseTo(0.11, 12);
    expect(result.pnl).toBeCloseTo(9.79, 10);
    const position = ledger.get('binance', 'live', 'BTC/USDT')!;
    expect(position.fees).toBeCloseTo(0.31, 12);
    expect(position.openFees).toBeCloseTo(0.1, 12);
  });

  it('a fee in the base shrinks the position and is worth its units at the fill price', () => {
    const ledger = new PositionLedger();
    // Buy 1 @ 100 paying 0.001 BTC (worth 0.1 USDT): 0.999 BTC held at an average of 100.
    const buy = ledger.apply(fill('buy', 1, 100, { fee: 0.001, feeAsset: 'BTC' }))!;
    expect(buy.fee).toBeCloseTo(0.1, 12);
    expect(buy.closed).toBe(0);
    expect(ledger.get('binance', 'live', 'BTC/USDT')!.quantity).toBeCloseTo(0.999, 12);
    // Sell 0.999 @ 110 paying 0.10989 USDT: 0.999 × 10 − 0.1 − 0.10989 = 9.78011, the same as the cash:
    // −100 + 109.89 − 0.10989.
    const sell = ledger.apply(fill('sell', 0.999, 110, { fee: 0.10989, feeAsset: 'USDT' }))!;
    expect(sell.pnl).toBeCloseTo(9.78011, 10);
    expect(ledger.get('binance', 'live', 'BTC/USDT')!.quantity).toBe(0);
  });

  it('a fee in BNB is converted at the fill, and kept apart when there is no rate', () => {
    const ledger = new PositionLedger();
    const bnb = (from: string, to: string) => (from === 'BNB' && to === 'USDT' ? 600 : undefined);
    const eth = { symbol: 'ETH/USDT', fee: 0.005, feeAsset: 'BNB' };
    // 0.005 BNB × 600 = 3 USDT on each side: 1 × (2100 − 2000) − 3 − 3 = 94.
    ledger.apply(fill('buy', 1, 2000, eth), bnb);
    const result = ledger.apply(fill('sell', 1, 2100, eth), bnb)!;
    expect(result.fee).toBeCloseTo(3, 12);
    expect(result.pnl).toBeCloseTo(94, 10);

    const noRate = new PositionLedger();
    noRate.apply(fill('buy', 1, 2000, eth), bnb);
    // No BNB rate at the sell: its fee is not counted (100 − 3 = 97) and is reported apart.
    const unconverted = noRate.apply(fill('sell', 1, 2100, eth))!;
    expect(unconverted.pnl).toBeCloseTo(97, 10);
    expect(unconverted.unconvertedFee).toEqual({ asset: 'BNB', amount: 0.005 });
    expect(noRate.get('binance', 'live', 'ETH/USDT')!.unconvertedFees).toEqual({ BNB: 0.005 });
  });

  it('a netting position flipped through zero (MT5)', () => {
    const ledger = new PositionLedger();
    const mt5 = { venue: 'mt5', symbol: 'EUR/USD' } as const;
    // Long 1 @ 1.10 paying 0.1; sell 3 @ 1.12 paying 0.3: the close of 1 earns 0.02 − 0.1 (opening fee) − 0.1 (a
    // third of this fee) = −0.18, and a short of 2 opens at 1.12 carrying the other 0.2 of fee.
    ledger.apply(fill('buy', 1, 1.1, { ...mt5, fee: 0.1, feeAsset: 'USD' }));
    const flip = ledger.apply(fill('sell', 3, 1.12, { ...mt5, fee: 0.3, feeAsset: 'USD' }))!;
    expect(flip.closed).toBe(1);
    expect(flip.pnl).toBeCloseTo(-0.18, 10);
    const short = ledger.get('mt5', 'live', 'EUR/USD')!;
    expect(short.quantity).toBe(-2);
    expect(short.averagePrice).toBe(1.12);
    expect(short.openFees).toBeCloseTo(0.2, 12);
    // Buy 2 @ 1.11 closes the short: 2 × (1.12 − 1.11) − 0.2 = −0.18. Cash: −1.2 + 3.36 − 0.3 − 2.22 = −0.36.
    const close = ledger.apply(fill('buy', 2, 1.11, mt5))!;
    expect(close.pnl).toBeCloseTo(-0.18, 10);
    expect(ledger.get('mt5', 'live', 'EUR/USD')!.realized).toBeCloseTo(-0.36, 10);
    expect(ledger.get('mt5', 'live', 'EUR/USD')!.quantity).toBe(0);
  });

  it('counts a fill once, and keeps live and paper apart', () => {
    const ledger = new PositionLedger();
    const trade = fill('buy', 1, 100);
    expect(ledger.apply(trade)).toBeDefined();
    expect(ledger.apply(trade)).toBeUndefined();
    ledger.apply({ ...trade, mode: 'paper' });
    expect(ledger.get('binance', 'live', 'BTC/USDT')!.quantity).toBe(1);
    expect(ledger.get('binance', 'paper', 'BTC/USDT')!.quantity).toBe(1);
    expect(sum([ledger.apply(fill('sell', 1, 90))], (r) => r.pnl)).toBeCloseTo(-10, 10);
    expect(ledger.get('binance', 'paper', 'BTC/USDT')!.quantity).toBe(1);
  });
});
