// LiveSeries' window over what it holds, against a chart that records what it is given (the real one needs a
// canvas; bench/chart drives the real one in Chromium and checks the same window there). The API answers from a
// venue of one-minute bars as `market:candles` does.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IChartApi, LogicalRange } from 'lightweight-charts';
import type { Candle } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { firstIndexAtOrAfter } from './history-pager';
import { DRAWN_WINDOW, LiveSeries } from './live-series';

const MINUTE = 60_000;
const bar = (minute: number): Candle => ({ time: minute * MINUTE, open: 100, high: 101, low: 99, close: 100 + (minute % 7), volume: 1 });
const market = { venue: 'demo', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, amountPrecision: 5, active: true } as const;

interface Point {
  time: number;
}

class RecordingSeries {
  data: Point[] = [];
  setDataCalls = 0;
  setData(points: Point[]) {
    this.data = [...points];
    this.setDataCalls++;
  }
  update(point: Point) {
    if (this.data.at(-1)?.time === point.time) this.data[this.data.length - 1] = point;
    else this.data.push(point);
  }
  applyOptions() {}
  priceScale() {
    return { applyOptions() {} };
  }
}

function recordingChart() {
  const series: RecordingSeries[] = [];
  const listeners = new Set<(range: LogicalRange | null) => void>();
  let range: LogicalRange | null = null;
  const timeScale = {
    subscribeVisibleLogicalRangeChange: (fn: (range: LogicalRange | null) => void) => void listeners.add(fn),
    unsubscribeVisibleLogicalRangeChange: (fn: (range: LogicalRange | null) => void) => void listeners.delete(fn),
    getVisibleLogicalRange: () => range,
    setVisibleLogicalRange: (next: { from: number; to: number }) => {
      range = next as LogicalRange;
      listeners.forEach((fn) => fn(range));
    },
    scrollToRealTime: () => timeScale.setVisibleLogicalRange({ from: series[0]!.data.length - 150, to: series[0]!.data.length }),
  };
  const chart = { addSeries: () => (series.push(new RecordingSeries()), series.at(-1)), timeScale: () => timeScale };
  return { chart: chart as unknown as IChartApi, candles: () => series[0]!, timeScale };
}

function venueApi(count: number) {
  const bars = Array.from({ length: count }, (_, i) => bar(i + 1));
  const listeners = new Set<(payload: unknown) => void>();
  const api = {
    async call(channel: string, request: { limit: number; before?: number }) {
      if (channel === 'market:subscribe') return { subscriptionId: 's1' };
      if (channel === 'market:unsubscribe') return { unsubscribed: true };
      const end = request.before === undefined ? bars.length : firstIndexAtOrAfter(bars, request.before);
      return bars.slice(Math.max(0, end - request.limit), end);
    },
    on(_event: string, listener: (payload: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const push = (candle: Candle) => listeners.forEach((l) => l({ subscriptionId: 's1', venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m', candle }));
  return { api: api as unknown as ApiClient, bars, push };
}

const frame = () => new Promise((resolve) => setTimeout(resolve, 5));
/** The bar at the view's left edge: what the trader sees must not move when the window changes. */
const leftmostTime = (view: ReturnType<typeof recordingChart>) => view.candles().data[Math.round(view.timeScale.getVisibleLogicalRange()!.from)]!.time;

describe('LiveSeries drawing window', () => {
  beforeEach(() => vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 0)));
  afterEach(() => vi.unstubAllGlobals());

  it('holds all history, draws the newest window, widens at the left edge, loads older, narrows back', async () => {
    const venue = venueApi(14_000);
    const view = recordingChart();
    const held: Array<{ count: number; drawn: number }> = [];
    const series = new LiveSeries(view.chart, venue.api, {
      onCandle: () => {},
      onStatus: () => {},
      onBars: (_first, _last, count, drawn) => held.push({ count, drawn }),
    }, { historyTarget: 12_000, pageSize: 1_000 });
    await series.show({ venue: 'demo', market, timeframe: '1m' });
    await frame();

    // 12,000 held (of 14,000), the newest 5,000 drawn; older pages never redrew the chart once the window was full.
    expect(held.at(-1)).toEqual({ count: 12_000, drawn: DRAWN_WINDOW });
    expect(view.candles().data.map((p) => p.time * 1000)).toEqual(venue.bars.slice(9_000).map((b) => b.time));
    const drawsAfterLoad = view.candles().setDataCalls;
    expect(drawsAfterLoad).toBeLessThanOrEqual(6);

    // At the left edge of what is drawn: twice as much is drawn, the view stays on the same bar.
    view.timeScale.setVisibleLogicalRange({ from: 0, to: 150 });
    let edgeBar = leftmostTime(view);
    await frame();
    expect(view.candles().data).toHaveLength(10_000);
    expect(leftmostTime(view)).toBe(edgeBar);
    expect(view.timeScale.getVisibleLogicalRange()).toEqual({ from: 5_000, to: 5_150 });

    view.timeScale.setVisibleLogicalRange({ from: 0, to: 150 });
    edgeBar = leftmostTime(view);
    await frame();
    expect(view.candles().data).toHaveLength(12_000);
    expect(leftmostTime(view)).toBe(edgeBar);

    // Everything held is drawn: the edge now loads the venue's older bars (2,000 remain, two pages) and draws all
    // of them, though the first page already moved the view away from the edge.
    view.timeScale.setVisibleLogicalRange({ from: 0, to: 150 });
    edgeBar = leftmostTime(view);
    await vi.waitFor(() => expect(held.at(-1)).toEqual({ count: 14_000, drawn: 14_000 }));
    expect(view.candles().data[0]!.time * 1000).toBe(venue.bars[0]!.time);
    expect(leftmostTime(view)).toBe(edgeBar);

    // Back at the newest bars, the window is narrowed to the newest 5,000; live updates land in it.
    view.timeScale.setVisibleLogicalRange({ from: 13_900, to: 14_000 });
    edgeBar = leftmostTime(view);
    await frame();
    expect(view.candles().data).toHaveLength(DRAWN_WINDOW);
    expect(leftmostTime(view)).toBe(edgeBar);
    expect(held.at(-1)).toEqual({ count: 14_000, drawn: DRAWN_WINDOW });

    venue.push(bar(14_001));
    expect(view.candles().data.at(-1)!.time * 1000).toBe(bar(14_001).time);
    expect(held.at(-1)).toEqual({ count: 14_001, drawn: DRAWN_WINDOW + 1 });
    await series.dispose();
  });
});

describe('LiveSeries on a market whose history fails', () => {
  beforeEach(() => vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 0)));
  afterEach(() => vi.unstubAllGlobals());

  it("clears the previous market's bars instead of showing them under the new name", async () => {
    const venue = venueApi(500);
    // The same API, except that EUR/USD has no history to give.
    const api = {
      call: (channel: string, request: { symbol?: string; limit: number; before?: number }) =>
        channel === 'market:candles' && request.symbol === 'EUR/USD' ? Promise.reject(new Error('no price for EUR/USD')) : venue.api.call(channel as never, request as never),
      on: venue.api.on.bind(venue.api),
    } as unknown as ApiClient;
    const view = recordingChart();
    const statuses: string[] = [];
    const series = new LiveSeries(view.chart, api, { onCandle: () => {}, onStatus: (status) => statuses.push(status), onBars: () => {} }, { historyTarget: 500, pageSize: 500 });
    await series.show({ venue: 'demo', market, timeframe: '1m' });
    expect(view.candles().data.length).toBeGreaterThan(0);

    await series.show({ venue: 'mt5', market: { ...market, venue: 'mt5', symbol: 'EUR/USD', base: 'EUR', quote: 'USD' }, timeframe: '1m' });
    expect(statuses.at(-1)).toBe('failed');
    expect(view.candles().data).toEqual([]);
  });
});
