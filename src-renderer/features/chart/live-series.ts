// Keeps a candlestick + volume chart in step with one series of the API: history first (paged, newest page drawn at
// once), then live updates written straight into the chart series (not through React state, which would re-render
// at every tick). Scrolling to the left edge loads older pages.
//
// Everything loaded is held here, but the chart is given a window of it: the newest DRAWN_WINDOW bars, widened as the
// trader scrolls back and narrowed again on returning to the newest bars. lightweight-charts' setData and even
// update() cost grows with the bars it holds (100,000 bars: ~530 ms to draw and ~4 ms per update here, against ~15 ms
// and ~0.15 ms for 5,000), and a window that is wider than the screen at the smallest bar spacing looks the same.
import {
  CandlestickSeries,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type LogicalRange,
  type UTCTimestamp,
} from 'lightweight-charts';
import { MAX_CANDLES_PER_REQUEST, type Candle, type Market, type Order, type StreamStatus, type Timeframe, type VenueId } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { formatPrice } from '../../format/numbers';
import { seriesColors, type SeriesColors } from './chart-theme';
import { firstIndexAtOrAfter, loadHistory, mergeBars, type HistoryProgress } from './history-pager';
import { orderLine, OrderLines, type OrderLine } from './order-lines';

export interface SeriesRef {
  venue: VenueId;
  market: Market;
  timeframe: Timeframe;
}

export interface LiveSeriesCallbacks {
  onCandle: (candle: Candle) => void;
  /** `retryAt`: when the feed is tried again (reconnecting, offline), for a countdown. */
  onStatus: (status: StreamStatus | 'loading', detail?: string, retryAt?: number) => void;
  /** History loading: progress while pages arrive, undefined when done. */
  onProgress?: (progress: HistoryProgress | undefined) => void;
  /**
   * The bars held: first and last open time and how many (contiguous when count matches the span), and how many of
   * the newest the chart draws now.
   */
  onBars?: (first: number, last: number, count: number, drawn: number) => void;
}

/** Bars loaded when a series is shown: days of minutes, years of days. */
export const HISTORY_TARGET = 5_000;
/** Bars per request: one round trip paints the newest page; the rest follow behind it. */
export const HISTORY_PAGE = Math.min(1_000, MAX_CANDLES_PER_REQUEST);
/** Bars fetched each time the trader scrolls to the left edge. */
const SCROLL_BACK_BARS = 2_000;
const LEFT_EDGE_BARS = 20;
/** Bars given to the chart while the trader looks at recent ones: more than a wide screen shows at 0.5 px a bar. */
export const DRAWN_WINDOW = 5_000;

const seconds = (ms: number): UTCTimestamp => (ms / 1000) as UTCTimestamp;

export class LiveSeries {
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  /** Everything loaded, oldest first. */
  private bars: Candle[] = [];
  /** The chart holds bars[drawnFrom…]; its logical indexes count from there. */
  private drawnFrom = 0;
  private reshapeFrame: number | undefined;
  private readonly orderLines: OrderLines;
  private colors: SeriesColors = seriesColors();
  private orders: { orders: readonly Order[]; market: Market } | undefined;
  private stopEvents: Array<() => void> = [];
  private subscriptionId: string | undefined;
  private generation = 0;
  private current: SeriesRef | undefined;
  private loadingOlder = false;
  private pendingOlder: Candle[] = [];
  /** Some pending pages were asked for by scrolling back: the trader waits to see them. */
  private pendingRequested = false;
  private olderFrame: number | undefined;
  private historyExhausted = false;

  constructor(
    private readonly chart: IChartApi,
    private readonly api: ApiClient,
    private readonly callbacks: LiveSeriesCallbacks,
    private readonly sizes: { historyTarget: number; pageSize: number } = { historyTarget: HISTORY_TARGET, pageSize: HISTORY_PAGE },
  ) {
    this.candles = chart.addSeries(CandlestickSeries, { borderVisible: false, ...candleColors(this.colors) });
    this.volume = chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: '' });
    this.volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    chart.timeScale().subscribeVisibleLogicalRangeChange(this.onRangeChange);
    this.orderLines = new OrderLines(this.candles);
  }

  /** Shows `ref`: loads its history, then follows it live. A later call supersedes an earlier one still loading. */
  async show(ref: SeriesRef): Promise<void> {
    const generation = ++this.generation;
    await this.unsubscribe();
    this.callbacks.onStatus('loading');
    this.current = ref;
    this.historyExhausted = false;
    this.pendingOlder = [];
    this.pendingRequested = false;
    const { venue, market, timeframe } = ref;
    this.applyPriceFormat(market.pricePrecision);

    // Subscribe before loading history, so nothing that happens in between is missed; early updates for a bar
    // the history also holds are simply applied again.
    const buffered: Candle[] = [];
    let historyLoaded = false;
    let streamStatus: { status: StreamStatus; reason?: string; retryAt?: number } | undefined;
    this.stopEvents.push(
      this.api.on('candle.updated', (event) => {
        if (event.subscriptionId !== this.subscriptionId) return;
        // Bars that closed since the previous push come first, in their final state (coalescing, backfill).
        const bars = event.closed ? [...event.closed, event.candle] : [event.candle];
        if (historyLoaded) bars.forEach((candle) => this.apply(candle));
        else buffered.push(...bars);
      }),
      this.api.on('stream.status-changed', (event) => {
        if (event.subscriptionId !== this.subscriptionId) return;
        streamStatus = { status: event.status };
        if (event.reason !== undefined) streamStatus.reason = event.reason;
        if (event.retryAt !== undefined) streamStatus.retryAt = event.retryAt;
        // A venue still connecting or offline holds the history too: say so rather than "Loading…".
        if (historyLoaded || event.status !== 'live') this.callbacks.onStatus(event.status, event.reason, event.retryAt);
      }),
    );
    const stale = () => generation !== this.generation;
    try {
      // A venue without live data still has a history worth showing: the badge says why it does not move.
      let liveError: string | undefined;
      const subscription = await this.api
        .call('market:subscribe', { venue, symbol: market.symbol, timeframe })
        .catch((error: unknown) => void (liveError = (error as Error).message));
      if (stale()) {
        if (subscription) await this.api.call('market:unsubscribe', subscription).catch(() => undefined);
        return;
      }
      if (subscription) this.subscriptionId = subscription.subscriptionId;
      else streamStatus = { status: 'failed', reason: `no live updates (${liveError})` };
      this.bars = [];
      await loadHistory({
        fetchPage: (before, limit) => this.fetchPage(ref, before, limit),
        target: this.sizes.historyTarget,
        pageSize: this.sizes.pageSize,
        cancelled: stale,
        onPage: (page, progress) => {
          this.callbacks.onProgress?.(progress.loaded < progress.target ? progress : undefined);
          if (historyLoaded) return this.prepend(page);
          // The newest page: draw it and go live at once; older pages fill in behind.
          this.setBars(page);
          historyLoaded = true;
          buffered.forEach((candle) => this.apply(candle));
          this.chart.timeScale().scrollToRealTime();
          const shown = streamStatus ?? { status: 'live' as const };
          this.callbacks.onStatus(shown.status, shown.reason, shown.retryAt);
        },
      });
      if (stale()) return;
      this.callbacks.onProgress?.(undefined);
      if (!historyLoaded) {
        historyLoaded = true;
        this.setBars([]);
        buffered.forEach((candle) => this.apply(candle));
        this.callbacks.onStatus(streamStatus?.status ?? 'live', streamStatus?.reason, streamStatus?.retryAt);
      }
    } catch (error) {
      if (!stale()) {
        // The previous market's bars must not stay on screen under this market's name.
        if (!historyLoaded) this.setBars([]);
        this.callbacks.onProgress?.(undefined);
        this.callbacks.onStatus('failed', (error as Error).message);
      }
    }
  }

  /** The trader's open orders of the shown market, as price lines; returns the lines drawn. */
  showOrders(orders: readonly Order[], market: Market): OrderLine[] {
    this.orders = { orders, market };
    const lines = orders.map((order) => orderLine(order, market, this.colors)).filter((line): line is OrderLine => line !== undefined);
    this.orderLines.show(lines);
    return lines;
  }

  /** The theme or palette changed: candles, volume and order lines take the page's colours again. */
  /** The price scale and crosshair label: the market's decimals, the language's separators (read when drawn). */
  private applyPriceFormat(precision: number): void {
    this.candles.applyOptions({
      priceFormat: { type: 'custom', minMove: 10 ** -precision, formatter: (price: number) => formatPrice(price, precision) },
    });
  }

  /** A new theme, palette, time zone or language: colours and labels drawn again. */
  restyle(): void {
    this.colors = seriesColors();
    this.candles.applyOptions(candleColors(this.colors));
    if (this.current) this.applyPriceFormat(this.current.market.pricePrecision);
    if (this.bars.length > 0) this.draw();
    if (this.orders) this.showOrders(this.orders.orders, this.orders.market);
  }

  async dispose(): Promise<void> {
    this.generation++;
    this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.onRangeChange);
    await this.unsubscribe();
  }

  private fetchPage({ venue, market, timeframe }: SeriesRef, before: number | undefined, limit: number): Promise<Candle[]> {
    const request = { venue, symbol: market.symbol, timeframe, limit };
    return this.api.call('market:candles', before === undefined ? request : { ...request, before });
  }

  /**
   * Near the left edge: more of what is held is drawn, or, when all of it is, the next older pages are loaded,
   * without moving what the trader looks at. Back at the newest bars, a window grown wide is narrowed again.
   */
  private readonly onRangeChange = (range: LogicalRange | null): void => {
    const ref = this.current;
    if (!range || !ref || this.bars.length === 0) return;
    if (range.from > LEFT_EDGE_BARS) {
      if (this.shouldNarrow(range)) this.scheduleReshape();
      return;
    }
    if (this.drawnFrom > 0) return this.scheduleReshape();
    if (this.loadingOlder || this.historyExhausted) return;
    const generation = this.generation;
    this.loadingOlder = true;
    void loadHistory({
      fetchPage: (before, limit) => this.fetchPage(ref, before, limit),
      target: SCROLL_BACK_BARS,
      pageSize: this.sizes.pageSize,
      before: this.bars[0]!.time,
      cancelled: () => generation !== this.generation,
      onPage: (page, progress) => {
        this.callbacks.onProgress?.(progress.loaded < progress.target ? progress : undefined);
        this.prepend(page, true);
      },
    })
      .then((loaded) => {
        if (loaded < SCROLL_BACK_BARS) this.historyExhausted = true;
      })
      .catch(() => undefined) // the next scroll tries again
      .finally(() => {
        this.loadingOlder = false;
        if (generation === this.generation) this.callbacks.onProgress?.(undefined);
      });
  };

  private drawnCount(): number {
    return this.bars.length - this.drawnFrom;
  }

  private atLeftEdge(): boolean {
    const range = this.chart.timeScale().getVisibleLogicalRange();
    return range !== null && range.from <= LEFT_EDGE_BARS;
  }

  private shouldNarrow(range: LogicalRange): boolean {
    const drawn = this.drawnCount();
    return drawn > 2 * DRAWN_WINDOW && range.from >= drawn - DRAWN_WINDOW / 2;
  }

  /** Widening doubles what is drawn (at least a window more), so scrolling through a long history redraws rarely. */
  private widenedFrom(from: number): number {
    return Math.max(0, from - Math.max(DRAWN_WINDOW, this.bars.length - from));
  }

  /** Changes the window on the next frame: never inside the chart's own range callback, at most once a frame. */
  private scheduleReshape(): void {
    if (this.reshapeFrame !== undefined) return;
    const generation = this.generation;
    this.reshapeFrame = requestAnimationFrame(() => {
      this.reshapeFrame = undefined;
      if (generation !== this.generation) return;
      const range = this.chart.timeScale().getVisibleLogicalRange();
      if (!range) return;
      if (range.from <= LEFT_EDGE_BARS && this.drawnFrom > 0) this.drawFrom(this.widenedFrom(this.drawnFrom), this.drawnFrom);
      else if (this.shouldNarrow(range)) this.drawFrom(this.bars.length - DRAWN_WINDOW, this.drawnFrom);
    });
  }

  /**
   * Older pages are drawn at most once per animation frame: a setData per page would redraw the whole growing
   * series for each (20 pages of 5,000 bars cost 7× one setData of 100,000).
   */
  private prepend(older: Candle[], requested = false): void {
    this.pendingOlder = mergeBars(older, this.pendingOlder);
    this.pendingRequested ||= requested;
    if (this.olderFrame !== undefined) return;
    const generation = this.generation;
    this.olderFrame = requestAnimationFrame(() => {
      this.olderFrame = undefined;
      const pages = this.pendingOlder;
      const wanted = this.pendingRequested;
      this.pendingOlder = [];
      this.pendingRequested = false;
      if (generation === this.generation) this.drawOlder(pages, wanted);
    });
  }

  /**
   * Older bars are held; they are drawn while the window is not full, when scrolling back asked for them (the chart
   * then already draws from the oldest bar held), or at once if the trader waits at the edge.
   */
  private drawOlder(older: Candle[], requested: boolean): void {
    const firstDrawn = this.bars[this.drawnFrom]?.time;
    this.bars = mergeBars(older, this.bars);
    if (firstDrawn === undefined) return this.setBars(this.bars);
    const kept = firstIndexAtOrAfter(this.bars, firstDrawn);
    const from = requested ? 0 : this.atLeftEdge() ? this.widenedFrom(kept) : Math.min(kept, Math.max(0, this.bars.length - DRAWN_WINDOW));
    if (from !== kept) return this.drawFrom(from, kept);
    this.drawnFrom = kept; // held only: the chart is not touched
    this.reportBars();
  }

  /**
   * Gives the chart bars[from…]. `kept` is where its first bar now sits in `bars`: the view is shifted by the bars
   * added (or removed) before it, so logical indexes, which count from the first drawn bar, do not make it jump.
   */
  private drawFrom(from: number, kept: number): void {
    const range = this.chart.timeScale().getVisibleLogicalRange();
    this.drawnFrom = from;
    this.draw();
    const shift = kept - from;
    if (range && shift !== 0) this.chart.timeScale().setVisibleLogicalRange({ from: range.from + shift, to: range.to + shift });
  }

  /** A new series: everything held is replaced and its newest window drawn. */
  private setBars(bars: Candle[]): void {
    this.bars = bars;
    this.drawnFrom = Math.max(0, bars.length - DRAWN_WINDOW);
    this.draw();
  }

  private draw(): void {
    const drawn = this.drawnFrom === 0 ? this.bars : this.bars.slice(this.drawnFrom);
    this.candles.setData(drawn.map((c) => ({ time: seconds(c.time), open: c.open, high: c.high, low: c.low, close: c.close })));
    this.volume.setData(drawn.map((c) => this.volumeBar(c)));
    const last = this.bars.at(-1);
    if (last) this.callbacks.onCandle(last);
    this.reportBars();
  }

  private async unsubscribe(): Promise<void> {
    this.stopEvents.forEach((stop) => stop());
    this.stopEvents = [];
    const id = this.subscriptionId;
    this.subscriptionId = undefined;
    if (id) await this.api.call('market:unsubscribe', { subscriptionId: id }).catch(() => undefined);
  }

  private apply(candle: Candle): void {
    // The chart accepts only the newest bar or a new one after it.
    const last = this.bars.at(-1);
    if (last && candle.time < last.time) return;
    if (last && candle.time === last.time) this.bars[this.bars.length - 1] = candle;
    else {
      this.bars.push(candle);
      this.reportBars();
    }
    this.candles.update({ time: seconds(candle.time), open: candle.open, high: candle.high, low: candle.low, close: candle.close });
    this.volume.update(this.volumeBar(candle));
    this.callbacks.onCandle(candle);
  }

  private reportBars(): void {
    const first = this.bars[0];
    const last = this.bars.at(-1);
    if (first && last) this.callbacks.onBars?.(first.time, last.time, this.bars.length, this.drawnCount());
  }

  private volumeBar(candle: Candle) {
    return { time: seconds(candle.time), value: candle.volume, color: candle.close >= candle.open ? this.colors.upVolume : this.colors.downVolume };
  }
}

function candleColors(colors: SeriesColors) {
  return { upColor: colors.up, downColor: colors.down, wickUpColor: colors.up, wickDownColor: colors.down };
}
