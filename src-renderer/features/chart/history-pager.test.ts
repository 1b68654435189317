import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../src-shared';
import { firstIndexAtOrAfter, loadHistory, mergeBars, type HistoryProgress } from './history-pager';

const bar = (minute: number, close = 100): Candle => ({ time: minute * 60_000, open: 100, high: 101, low: 99, close, volume: 1 });
/** A venue with `count` one-minute bars, answering like `market:candles` (newest `limit` before `before`). */
function venue(count: number) {
  const bars = Array.from({ length: count }, (_, i) => bar(i + 1));
  const requests: Array<{ before: number | undefined; limit: number }> = [];
  const fetchPage = async (before: number | undefined, limit: number) => {
    requests.push({ before, limit });
    const older = before === undefined ? bars : bars.filter((b) => b.time < before);
    return older.slice(-limit);
  };
  return { bars, requests, fetchPage };
}

describe('loadHistory', () => {
  it('pages backwards with `before` until the target, reporting progress after every page', async () => {
    const { bars, requests, fetchPage } = venue(10_000);
    const pages: Candle[][] = [];
    const progress: HistoryProgress[] = [];
    const loaded = await loadHistory({
      fetchPage, target: 2_500, pageSize: 1_000, cancelled: () => false,
      onPage: (page, p) => (pages.push(page), progress.push(p)),
    });
    expect(loaded).toBe(2_500);
    expect(requests).toEqual([
      { before: undefined, limit: 1_000 },
      { before: bars[9_000]!.time, limit: 1_000 },
      { before: bars[8_000]!.time, limit: 500 },
    ]);
    expect(progress).toEqual([{ loaded: 1_000, target: 2_500 }, { loaded: 2_000, target: 2_500 }, { loaded: 2_500, target: 2_500 }]);
    expect(mergeBars([], pages.flat())).toEqual(bars.slice(-2_500));
  });

  it('stops at the start of the venue history and reports it complete', async () => {
    const { fetchPage } = venue(1_500);
    const progress: HistoryProgress[] = [];
    const loaded = await loadHistory({ fetchPage, target: 5_000, pageSize: 1_000, cancelled: () => false, onPage: (_, p) => progress.push(p) });
    expect(loaded).toBe(1_500);
    expect(progress.at(-1)).toEqual({ loaded: 1_500, target: 1_500 });
  });

  it('stops requesting once cancelled', async () => {
    const { requests, fetchPage } = venue(10_000);
    let cancelled = false;
    await loadHistory({ fetchPage, target: 5_000, pageSize: 1_000, cancelled: () => cancelled, onPage: () => (cancelled = true) });
    expect(requests).toHaveLength(1);
  });
});

describe('mergeBars', () => {
  it('keeps bars sorted and unique, the later one winning', () => {
    expect(mergeBars([bar(2), bar(3, 5)], [bar(1), bar(3, 7)])).toEqual([bar(1), bar(2), bar(3, 7)]);
  });
});

describe('mergeBars fast paths', () => {
  it('joins runs wholly before or after each other without reordering either', () => {
    const older = [bar(1), bar(2)];
    const newer = [bar(3), bar(4)];
    expect(mergeBars(newer, older)).toEqual([bar(1), bar(2), bar(3), bar(4)]);
    expect(mergeBars(older, newer)).toEqual([bar(1), bar(2), bar(3), bar(4)]);
    expect(mergeBars([], newer)).toEqual(newer);
    expect(mergeBars([], newer)).not.toBe(newer);
  });
});

describe('firstIndexAtOrAfter', () => {
  const bars = [bar(1), bar(3), bar(5)];
  it('finds the first bar at or after a time', () => {
    expect(firstIndexAtOrAfter(bars, bar(0).time)).toBe(0);
    expect(firstIndexAtOrAfter(bars, bar(3).time)).toBe(1);
    expect(firstIndexAtOrAfter(bars, bar(4).time)).toBe(2);
    expect(firstIndexAtOrAfter(bars, bar(6).time)).toBe(3);
    expect(firstIndexAtOrAfter([], 0)).toBe(0);
  });
});
