// Runs inside Chromium: the app's chart code (LiveSeries with the app's chart options) over an in-page API that
// answers `market:candles` from memory, and the same chart drawn with bare lightweight-charts as the baseline.
// LiveSeries holds every bar and draws a window of the newest: after the paint and the updates, the app's run also
// scrolls to the oldest bar, widening the window step by step, and reports what each step cost.
import { CandlestickSeries, createChart, HistogramSeries, type UTCTimestamp } from 'lightweight-charts';
import type { Candle } from '../../src-shared';
import type { ApiClient } from '../../src-renderer/api/client';
import { chartOptions } from '../../src-renderer/features/chart/chart-theme';
import { firstIndexAtOrAfter } from '../../src-renderer/features/chart/history-pager';
import { LiveSeries } from '../../src-renderer/features/chart/live-series';

const MINUTE = 60_000;
const frames = (n: number) => new Promise<void>((resolve) => {
  const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
  step(n);
});

function makeCandles(count: number): Candle[] {
  const start = Date.UTC(2026, 0, 1) - count * MINUTE;
  let close = 60_000;
  const out: Candle[] = [];
  for (let i = 0; i < count; i++) {
    const open = close;
    close = Math.round(open * (1 + Math.sin(i * 0.37) * 0.001) * 100) / 100;
    out.push({ time: start + i * MINUTE, open, high: Math.max(open, close) + 5, low: Math.min(open, close) - 5, close, volume: 1 + (i % 7) });
  }
  return out;
}

function container(): HTMLDivElement {
  document.body.innerHTML = '<div id="c" style="position:absolute;inset:0;width:1280px;height:720px"></div>';
  return document.getElementById('c') as HTMLDivElement;
}

/** An ApiClient answering from memory, as fast as possible: what is measured is the chart, not a transport. */
function memoryApi(candles: Candle[]) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = {
    async call(channel: string, request: { limit: number; before?: number }) {
      if (channel === 'market:subscribe') return { subscriptionId: 's1' };
      if (channel === 'market:unsubscribe') return { unsubscribed: true };
      if (channel === 'market:candles') {
        const end = request.before === undefined ? candles.length : firstIndexAtOrAfter(candles, request.before);
        return candles.slice(Math.max(0, end - request.limit), end);
      }
      throw new Error(`no ${channel}`);
    },
    on(event: string, listener: (payload: unknown) => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
  };
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
  return { api: api as unknown as ApiClient, emit };
}

const market = { venue: 'demo', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, amountPrecision: 5, active: true } as const;

async function app(count: number, updates: number, pageSize: number) {
  const candles = makeCandles(count);
  const el = container();
  const { api, emit } = memoryApi(candles);
  const t0 = performance.now();
  const chart = createChart(el, chartOptions());
  let firstPage = 0;
  let held = 0;
  const done = new Promise<void>((resolve) => {
    const series = new LiveSeries(chart, api, {
      onCandle: () => {},
      onStatus: () => {},
      onBars: (_f, _l, n) => {
        held = n;
        if (firstPage === 0) firstPage = performance.now() - t0;
        if (n >= count) resolve();
      },
    }, { historyTarget: count, pageSize });
    void series.show({ venue: 'demo', market, timeframe: '1m' });
  });
  await done;
  const dataReady = performance.now() - t0;
  const heldAtPaint = held;
  await frames(2);
  const painted = performance.now() - t0;
  const last = candles.at(-1)!;
  const times: number[] = [];
  for (let i = 1; i <= updates; i++) {
    const candle = { ...last, time: last.time + Math.floor(i / 10) * MINUTE, close: last.close + (i % 10) };
    const s = performance.now();
    emit('candle.updated', { subscriptionId: 's1', venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m', candle });
    times.push(performance.now() - s);
    if (i % 50 === 0) await frames(1); // let the chart draw now and then, as it does live
  }
  const drawnAtPaint = drawnBars(chart);
  // Scroll back to the oldest bar: each time the view reaches the left edge of what is drawn, the window widens.
  const widenMs: number[] = [];
  for (let step = 0; step < 20 && drawnBars(chart) < held; step++) {
    const before = drawnBars(chart);
    const s = performance.now();
    chart.timeScale().setVisibleLogicalRange({ from: 0, to: 200 });
    while (drawnBars(chart) === before) await frames(1);
    await frames(1);
    widenMs.push(performance.now() - s);
  }
  const drawnAtOldest = drawnBars(chart);
  chart.remove();
  return { firstPageMs: firstPage, dataReadyMs: dataReady, paintedMs: painted, held: heldAtPaint, drawn: drawnAtPaint, drawnAtOldest, heldAtOldest: held, widenMs, updateMs: times };
}

/** Bars the chart itself holds (its first series, the candles). */
function drawnBars(chart: ReturnType<typeof createChart>): number {
  return chart.panes()[0]!.getSeries()[0]!.data().length;
}

async function baseline(count: number, updates: number) {
  const candles = makeCandles(count);
  const el = container();
  const t0 = performance.now();
  const chart = createChart(el, chartOptions());
  const s = chart.addSeries(CandlestickSeries, {});
  const v = chart.addSeries(HistogramSeries, { priceScaleId: '' });
  s.setData(candles.map((c) => ({ time: (c.time / 1000) as UTCTimestamp, open: c.open, high: c.high, low: c.low, close: c.close })));
  v.setData(candles.map((c) => ({ time: (c.time / 1000) as UTCTimestamp, value: c.volume })));
  await frames(2);
  const painted = performance.now() - t0;
  const last = candles.at(-1)!;
  const times: number[] = [];
  for (let i = 1; i <= updates; i++) {
    const c = { ...last, time: last.time + Math.floor(i / 10) * MINUTE, close: last.close + (i % 10) };
    const t = performance.now();
    s.update({ time: (c.time / 1000) as UTCTimestamp, open: c.open, high: c.high, low: c.low, close: c.close });
    v.update({ time: (c.time / 1000) as UTCTimestamp, value: c.volume });
    times.push(performance.now() - t);
    if (i % 50 === 0) await frames(1);
  }
  chart.remove();
  return { paintedMs: painted, updateMs: times };
}

Object.assign(window, { benchChart: { app, baseline } });
