// Reports about one order arrive from several sources in any order; the merge must land on the same state.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../src-shared';
import { mergeReport } from './order-state';

const base: Order = {
  clientOrderId: 'tbs-1', venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 1, price: 100,
  filled: 0, status: 'pending', createdAt: 1, updatedAt: 1,
};
const report = (change: Partial<Order>): Order => ({ ...base, exchangeOrderId: '77', ...change });

function fold(reports: Order[]): Order {
  let order = base;
  for (const r of reports) order = mergeReport(order, r, 2) ?? order;
  return order;
}

describe('merging reports of an order', () => {
  it('ends filled whichever of "open", "partially filled" and "filled" arrives first', () => {
    const open = report({ status: 'open' });
    const partial = report({ status: 'partially-filled', filled: 0.4, averagePrice: 100 });
    const filled = report({ status: 'filled', filled: 1, averagePrice: 99.5 });
    for (const order of [[open, partial, filled], [filled, open, partial], [partial, filled, open], [filled, partial, open]]) {
      expect(fold(order)).toMatchObject({ status: 'filled', filled: 1, averagePrice: 99.5, exchangeOrderId: '77' });
    }
  });

  it('never reopens a final order, and drops the unknown reason once the venue has spoken', () => {
    const unknown = { ...base, status: 'unknown' as const, reason: 'checking by client order id' };
    const opened = mergeReport(unknown, report({ status: 'open' }), 2)!;
    expect(opened).toMatchObject({ status: 'open', updatedAt: 2 });
    expect(opened.reason).toBeUndefined();
    const cancelled = mergeReport(opened, report({ status: 'cancelled' }), 3)!;
    expect(mergeReport(cancelled, report({ status: 'open' }), 4)).toBeUndefined();
    expect(mergeReport(cancelled, report({ status: 'filled', filled: 1 }), 4)).toBeUndefined();
  });

  it('a report that adds nothing changes nothing', () => {
    const opened = mergeReport(base, report({ status: 'open' }), 2)!;
    expect(mergeReport(opened, report({ status: 'open' }), 3)).toBeUndefined();
  });
});
