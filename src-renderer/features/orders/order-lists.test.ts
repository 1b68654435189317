import { describe, expect, it } from 'vitest';
import { applyOrder, freeOf, mergeTrades, partitionOrders, sortBalances, type OrderLists, type TradingView } from './order-lists';
import { order, trade } from '../../testing/fixtures';

const demo: TradingView = { venue: 'demo', mode: 'demo' };
const empty: OrderLists = { open: [], history: [] };
const ids = (orders: { clientOrderId: string }[]) => orders.map((o) => o.clientOrderId);

describe('applyOrder', () => {
  it('puts a new working order in open and moves it to history when it is filled', () => {
    const placed = applyOrder(empty, order({ status: 'open' }), demo, 10);
    expect(ids(placed.open)).toEqual(['c1']);
    expect(placed.history).toEqual([]);

    const filled = applyOrder(placed, order({ status: 'filled', filled: 0.01, updatedAt: 2_000 }), demo, 10);
    expect(filled.open).toEqual([]);
    expect(filled.history).toEqual([expect.objectContaining({ clientOrderId: 'c1', status: 'filled', filled: 0.01 })]);
  });

  it('takes an unknown order out of both lists when the venue says it is open', () => {
    const unknown = applyOrder(empty, order({ status: 'unknown' }), demo, 10);
    const open = applyOrder(unknown, order({ status: 'open', updatedAt: 2_000 }), demo, 10);
    expect(open.open.map((o) => o.status)).toEqual(['open']);
    expect(open.history).toEqual([]);
  });

  it('keeps a partly filled order open, with its new filled amount', () => {
    const lists = applyOrder(empty, order(), demo, 10);
    const partly = applyOrder(lists, order({ status: 'partially-filled', filled: 0.004, updatedAt: 1_500 }), demo, 10);
    expect(partly.open).toEqual([expect.objectContaining({ status: 'partially-filled', filled: 0.004 })]);
  });

  it('ignores an update older than the one held, so a late "open" does not revive a cancelled order', () => {
    const cancelled = applyOrder(empty, order({ status: 'cancelled', updatedAt: 3_000 }), demo, 10);
    const late = applyOrder(cancelled, order({ status: 'open', updatedAt: 2_000 }), demo, 10);
    expect(late).toBe(cancelled);
    expect(late.open).toEqual([]);
  });

  it('lets the final state win when two updates carry the same time', () => {
    const filled = applyOrder(empty, order({ status: 'filled', filled: 0.01, updatedAt: 2_000 }), demo, 10);
    const open = applyOrder(filled, order({ status: 'open', updatedAt: 2_000 }), demo, 10);
    expect(open.history[0]?.status).toBe('filled');
    expect(open.open).toEqual([]);
  });

  it('ignores orders of another venue or mode', () => {
    expect(applyOrder(empty, order({ venue: 'binance', mode: 'paper' }), demo, 10)).toBe(empty);
    expect(applyOrder(empty, order({ venue: 'binance', mode: 'live' }), { venue: 'binance', mode: 'paper' }, 10)).toBe(empty);
    expect(applyOrder(empty, order(), undefined, 10)).toBe(empty);
  });

  it('keeps rejected orders in history, and unknown ones in both lists since the venue may hold them', () => {
    const lists = applyOrder(
      applyOrder(empty, order({ clientOrderId: 'u', status: 'unknown', reason: 'no answer within 10 s' }), demo, 10),
      order({ clientOrderId: 'r', status: 'rejected', reason: 'price out of range', updatedAt: 1_100 }),
      demo,
      10,
    );
    expect(ids(lists.open)).toEqual(['u']);
    expect(lists.history.map((o) => [o.clientOrderId, o.reason])).toEqual([
      ['r', 'price out of range'],
      ['u', 'no answer within 10 s'],
    ]);
  });

  it('caps history at its limit, dropping the oldest', () => {
    let lists = empty;
    for (let i = 0; i < 5; i++) lists = applyOrder(lists, order({ clientOrderId: `h${i}`, status: 'filled', updatedAt: 1_000 + i }), demo, 3);
    expect(ids(lists.history)).toEqual(['h4', 'h3', 'h2']);
  });
});

describe('partitionOrders', () => {
  it('sorts open orders newest created first and history newest updated first', () => {
    const lists = partitionOrders(
      [
        order({ clientOrderId: 'a', createdAt: 1 }),
        order({ clientOrderId: 'b', createdAt: 3 }),
        order({ clientOrderId: 'c', createdAt: 2 }),
        order({ clientOrderId: 'x', status: 'filled', updatedAt: 5 }),
        order({ clientOrderId: 'y', status: 'cancelled', updatedAt: 9 }),
      ],
      10,
    );
    expect(ids(lists.open)).toEqual(['b', 'c', 'a']);
    expect(ids(lists.history)).toEqual(['y', 'x']);
  });

  it('keeps the most recent version of an order listed twice (a loaded page and an event)', () => {
    const merged = partitionOrders([order({ status: 'filled', updatedAt: 2_000 }), order({ status: 'open', updatedAt: 1_000 })], 10);
    expect(merged.open).toEqual([]);
    expect(merged.history[0]?.status).toBe('filled');
  });
});

describe('mergeTrades', () => {
  it('lists each trade once, newest first, only for the view, within the limit', () => {
    const trades = mergeTrades(
      [trade({ id: 'a', timestamp: 1 }), trade({ id: 'b', timestamp: 3 })],
      [trade({ id: 'b', timestamp: 3 }), trade({ id: 'c', timestamp: 2 }), trade({ id: 'p', mode: 'paper', venue: 'binance' })],
      demo,
      2,
    );
    expect(trades.map((t) => t.id)).toEqual(['b', 'c']);
  });
});

describe('balances', () => {
  const usdt = { venue: 'demo' as const, asset: 'USDT', free: 100, used: 0, total: 100 };
  const btc = { venue: 'demo' as const, asset: 'BTC', free: 1, used: 0, total: 1 };

  it('sorts by asset so rows stay in place', () => {
    expect(sortBalances([usdt, btc]).map((b) => b.asset)).toEqual(['BTC', 'USDT']);
  });

  it('says 0 free of an asset the venue does not list', () => {
    expect(freeOf([usdt], 'ETH')).toBe(0);
    expect(freeOf([usdt], 'USDT')).toBe(100);
  });
});
