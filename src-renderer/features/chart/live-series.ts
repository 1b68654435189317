// Keeps a candlestick + volume chart in step with one series of the API: history first, then live updates written
// straight into the chart series (not through React state, which would re-render at every tick).
import {
  CandlestickSeries,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle, Market, StreamStatus, Timeframe, VenueId } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { formatPrice } from '../../format/numbers';
import { COLORS } from './chart-theme';

export interface SeriesRef {
  venue: VenueId;
  market: Market;
  timeframe: Timeframe;
}

export interface LiveSeriesCallbacks {
  onCandle: (candle: Candle) => void;
  onStatus: (status: StreamStatus | 'loading', detail?: string) => void;
}

export const HISTORY_CANDLES = 1000;

const seconds = (ms: number): UTCTimestamp => (ms / 1000) as UTCTimestamp;

export class LiveSeries {
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private lastTime = 0;
  private stopEvents: Array<() => void> = [];
  private subscriptionId: string | undefined;
  private generation = 0;

  constructor(
    private readonly chart: IChartApi,
    private readonly api: ApiClient,
    private readonly callbacks: LiveSeriesCallbacks,
  ) {
    this.candles = chart.addSeries(CandlestickSeries, {
      upColor: COLORS.up,
      downColor: COLORS.down,
      borderVisible: false,
      wickUpColor: COLORS.up,
      wickDownColor: COLORS.down,
    });
    this.volume = chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: '' });
    this.volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  }

  /** Shows `ref`: loads its history, then follows it live. A later call supersedes an earlier one still loading. */
  async show(ref: SeriesRef): Promise<void> {
    const generation = ++this.generation;
    await this.unsubscribe();
    this.callbacks.onStatus('loading');
    const { venue, market, timeframe } = ref;
    const precision = market.pricePrecision;
    this.candles.applyOptions({
      priceFormat: { type: 'custom', minMove: 10 ** -precision, formatter: (price: number) => formatPrice(price, precision) },
    });

    // Subscribe before loading history, so nothing that happens in between is missed; early updates for a bar
    // the history also holds are simply applied again.
    const buffered: Candle[] = [];
    let historyLoaded = false;
    this.stopEvents.push(
      this.api.on('candle.updated', (event) => {
        if (event.subscriptionId !== this.subscriptionId) return;
        if (historyLoaded) this.apply(event.candle);
        else buffered.push(event.candle);
      }),
      this.api.on('stream.status-changed', (event) => {
        if (event.subscriptionId === this.subscriptionId && historyLoaded) this.callbacks.onStatus(event.status, event.reason);
      }),
    );
    try {
      const { subscriptionId } = await this.api.call('market:subscribe', { venue, symbol: market.symbol, timeframe });
      if (generation !== this.generation) {
        await this.api.call('market:unsubscribe', { subscriptionId }).catch(() => undefined);
        return;
      }
      this.subscriptionId = subscriptionId;
      const history = await this.api.call('market:candles', { venue, symbol: market.symbol, timeframe, limit: HISTORY_CANDLES });
      if (generation !== this.generation) return;
      this.candles.setData(history.map((c) => ({ time: seconds(c.time), open: c.open, high: c.high, low: c.low, close: c.close })));
      this.volume.setData(history.map((c) => this.volumeBar(c)));
      this.lastTime = history.at(-1)?.time ?? 0;
      const last = history.at(-1);
      if (last) this.callbacks.onCandle(last);
      historyLoaded = true;
      buffered.forEach((candle) => this.apply(candle));
      this.chart.timeScale().scrollToRealTime();
      this.callbacks.onStatus('live');
    } catch (error) {
      if (generation === this.generation) this.callbacks.onStatus('failed', (error as Error).message);
    }
  }

  async dispose(): Promise<void> {
    this.generation++;
    await this.unsubscribe();
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
    if (candle.time < this.lastTime) return;
    this.lastTime = candle.time;
    this.candles.update({ time: seconds(candle.time), open: candle.open, high: candle.high, low: candle.low, close: candle.close });
    this.volume.update(this.volumeBar(candle));
    this.callbacks.onCandle(candle);
  }

  private volumeBar(candle: Candle) {
    return { time: seconds(candle.time), value: candle.volume, color: candle.close >= candle.open ? COLORS.upVolume : COLORS.downVolume };
  }
}
