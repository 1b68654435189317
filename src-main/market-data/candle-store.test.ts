// CandleStore on a real SQLite file migrated by the app's migrations: batches round-trip, an upsert replaces the
// candle with the same open time, ranges read the newest `limit` before a time, and series stay apart.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../src-shared';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { CandleStore, type CandleSeriesKey } from './candle-store';

const temp = useTempDatabases();
const M = 60_000;
const T = Date.UTC(2026, 0, 1);
const btc: CandleSeriesKey = { source: 'yahoo', symbol: 'BTC/USDT', timeframe: '1m' };

function candles(count: number, start = T, base = 100): Candle[] {
  return Array.from({ length: count }, (_, i) => ({
    time: start + i * M,
    open: base + i,
    high: base + i + 2,
    low: base + i - 1,
    close: base + i + 1,
    volume: i + 0.5,
  }));
}

describe('CandleStore', () => {
  it('reads back a batch exactly, oldest first, after closing and reopening the file', () => {
    const file = join(temp.folder(), 'app.sqlite');
    const batch = candles(1_000);
    new CandleStore(temp.open(file)).upsert(btc, batch);
    const reopened = new CandleStore(temp.open(file));
    expect(reopened.range(btc, { limit: 5_000 })).toEqual(batch);
  });

  it('replaces a candle with the same open time and keeps the others', () => {
    const store = new CandleStore(temp.open(':memory:'));
    store.upsert(btc, candles(3));
    const forming = { time: T + M, open: 101, high: 150, low: 90, close: 149, volume: 99 };
    store.upsert(btc, [forming, ...candles(2, T + 3 * M, 200)]);
    const stored = store.range(btc, { limit: 10 });
    expect(stored.map((c) => c.time)).toEqual([T, T + M, T + 2 * M, T + 3 * M, T + 4 * M]);
    expect(stored[1]).toEqual(forming);
  });

  it('reads the newest `limit` candles before a time, and from a time', () => {
    const store = new CandleStore(temp.open(':memory:'));
    store.upsert(btc, candles(100));
    expect(store.range(btc, { limit: 3, before: T + 50 * M }).map((c) => c.time)).toEqual([T + 47 * M, T + 48 * M, T + 49 * M]);
    expect(store.range(btc, { limit: 2 }).map((c) => c.time)).toEqual([T + 98 * M, T + 99 * M]);
    expect(store.range(btc, { limit: 100, from: T + 97 * M }).map((c) => c.time)).toEqual([T + 97 * M, T + 98 * M, T + 99 * M]);
  });

  it('keeps sources, symbols and timeframes apart and lists the sources of a series, newest first', () => {
    const store = new CandleStore(temp.open(':memory:'));
    store.upsert(btc, candles(2));
    store.upsert({ ...btc, source: 'binance' }, candles(2, T + 10 * M, 300));
    store.upsert({ ...btc, timeframe: '5m' }, candles(1, T, 400));
    store.upsert({ ...btc, symbol: 'ETH/USDT' }, candles(1, T, 500));
    expect(store.range(btc, { limit: 10 }).map((c) => c.open)).toEqual([100, 101]);
    expect(store.range({ ...btc, source: 'binance' }, { limit: 10 }).map((c) => c.open)).toEqual([300, 301]);
    expect(store.sources('BTC/USDT', '1m')).toEqual(['binance', 'yahoo']);
  });

  it('writes a batch in one transaction: a bad row leaves none of the batch behind', () => {
    const store = new CandleStore(temp.open(':memory:'));
    const batch = candles(3);
    const broken = [...batch, { ...batch[0]!, time: T + 3 * M, open: 'oops' as unknown as number }];
    expect(() => store.upsert(btc, broken)).toThrow(/cannot store TEXT value in REAL column/);
    expect(store.range(btc, { limit: 10 })).toEqual([]);
  });
});
