// Reading the whole journal oldest first, a page at a time (the portfolio's rebuild, the CSV export): every row once,
// in time order, across page boundaries that fall inside a run of equal timestamps.
import { describe, expect, it } from 'vitest';
import type { Order, Trade } from '../../src-shared';
import { openDatabase } from '../storage';
import { OrderJournal } from './order-journal';

describe('order journal, read whole', () => {
  it('streams every trade and every order once, oldest first, across pages', () => {
    const journal = new OrderJournal(openDatabase(':memory:'));
    // 12,001 fills, 7 at each millisecond and inserted newest-first per batch, so neither rowid nor id gives the order.
    const trades: Trade[] = [];
    for (let i = 0; i < 12_001; i += 1) {
      trades.push({ id: `t${i}`, venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: i % 2 ? 'sell' : 'buy', price: 100 + i, amount: 1, timestamp: 1_000 + Math.floor(i / 7), ...(i % 3 === 0 ? { fee: 0.1, feeAsset: 'USDT', clientOrderId: `o${i}` } : {}) });
    }
    for (let at = trades.length; at > 0; at -= 1000) journal.insertTrades(trades.slice(Math.max(0, at - 1000), at));
    const seen: Trade[] = [];
    journal.eachTrade((t) => seen.push(t));
    expect(seen).toHaveLength(trades.length);
    expect(new Set(seen.map((t) => t.id)).size).toBe(trades.length);
    expect(seen.every((t, i) => i === 0 || t.timestamp >= seen[i - 1]!.timestamp)).toBe(true);
    // Within a millisecond, in the order they were recorded.
    expect(seen.slice(0, 7).map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4', 't5', 't6', 't0']);
    expect(seen.find((t) => t.id === 't5000')).toEqual(trades[5000]);
    expect(seen.find((t) => t.id === 't3000')).toEqual(trades[3000]);
    // The rebuild's narrower read: the same fills in the same order, fees kept, order ids left out.
    const fills: Trade[] = [];
    journal.eachFill((f) => fills.push(f));
    expect(fills).toEqual(seen.map(({ clientOrderId: _orderId, ...fill }) => fill));
    expect(fills.find((f) => f.id === 't3000')).toMatchObject({ fee: 0.1, feeAsset: 'USDT' });

    for (let i = 0; i < 5_001; i += 1) {
      const order: Order = { clientOrderId: `o${i}`, venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 1, filled: 1, status: 'filled', createdAt: 5_000 - Math.floor(i / 3), updatedAt: 9_000 };
      journal.insert(order);
    }
    const orders: Order[] = [];
    journal.eachOrder((o) => orders.push(o));
    expect(orders).toHaveLength(5_001);
    expect(new Set(orders.map((o) => o.clientOrderId)).size).toBe(5_001);
    expect(orders.every((o, i) => i === 0 || o.createdAt >= orders[i - 1]!.createdAt)).toBe(true);
    expect(orders.at(-1)).toMatchObject({ clientOrderId: 'o2', createdAt: 5_000, status: 'filled' });
  });

  it('reads each fill with its own venue and mode, one no longer listed among venues included', () => {
    const db = openDatabase(':memory:');
    const journal = new OrderJournal(db);
    const base = { symbol: 'BTC/USDT', side: 'buy', price: 100, amount: 1 } as const;
    journal.insertTrades([
      { ...base, id: 'a', venue: 'binance', mode: 'live', timestamp: 1 },
      { ...base, id: 'b', venue: 'gate', mode: 'paper', timestamp: 2, side: 'sell' },
      { ...base, id: 'c', venue: 'mt5', mode: 'live', timestamp: 3 },
    ]);
    db.prepare(`INSERT INTO trades (venue, mode, trade_id, symbol, side, price, amount, timestamp) VALUES ('retired', 'live', 'd', 'X/Y', 'buy', 1, 1, 4)`).run();
    const fills: Trade[] = [];
    journal.eachFill((f) => fills.push(f));
    expect(fills.map((f) => [f.id, f.venue, f.mode, f.side])).toEqual([
      ['a', 'binance', 'live', 'buy'],
      ['b', 'gate', 'paper', 'sell'],
      ['c', 'mt5', 'live', 'buy'],
      ['d', 'retired', 'live', 'buy'],
    ]);
  });

  it('lists trades and finished orders newest first in pages that neither skip nor repeat rows of the same time', () => {
    const journal = new OrderJournal(openDatabase(':memory:'));
    const trades: Trade[] = Array.from({ length: 25 }, (_, i) => ({
      id: `t${String(i).padStart(2, '0')}`, venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', price: 100, amount: 1, timestamp: 1_000 + Math.floor(i / 4),
    }));
    journal.insertTrades(trades);
    const pages: Trade[][] = [];
    let page = journal.trades({ limit: 10 });
    while (page.length > 0) {
      pages.push(page);
      const last = page.at(-1)!;
      page = journal.trades({ limit: 10, before: { at: last.timestamp, id: last.id } });
    }
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat().map((t) => t.id)).toEqual(trades.map((t) => t.id).reverse());

    for (let i = 0; i < 7; i += 1) {
      journal.insert({ clientOrderId: `o${i}`, venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 1, filled: 1, status: 'filled', createdAt: 1, updatedAt: 50 + Math.floor(i / 3) });
    }
    const first = journal.list({ scope: 'history', limit: 4 });
    const last = first.at(-1)!;
    const second = journal.list({ scope: 'history', limit: 4, before: { at: last.updatedAt, id: last.clientOrderId } });
    expect([...first, ...second].map((o) => o.clientOrderId)).toEqual(['o6', 'o5', 'o4', 'o3', 'o2', 'o1', 'o0']);
  });
});
