import { createChart, type IChartApi } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import type { Candle, Market, StreamStatus, Timeframe, VenueId } from '../../../src-shared';
import { api } from '../../api';
import { formatNumber, formatPrice, formatVolume } from '../../format/numbers';
import { t as translate, useT } from '../../i18n';
import { useConnection } from '../../stores/connection';
import { useWorkspace } from '../../stores/workspace';
import { useOrders } from '../orders/orders-store';
import { chartOptions } from './chart-theme';
import type { HistoryProgress } from './history-pager';
import { LiveSeries } from './live-series';

interface Props {
  venue: VenueId;
  market: Market;
  timeframe: Timeframe;
}

type ChartStatus = StreamStatus | 'loading';

/** "offline — retrying in 12 s": the venue is retried by itself; the countdown says when. */
function offlineText(retryAt: number | undefined, now: number): string {
  if (retryAt === undefined) return translate('chart:offlineRetrying');
  return translate('chart:offlineRetryingIn', { seconds: Math.max(0, Math.ceil((retryAt - now) / 1000)) });
}

/** Re-renders every second while `on`: the countdown moves without the feed saying anything. */
function useSecondTicks(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [on]);
  return now;
}

function legendText(candle: Candle, market: Market): string {
  const p = (value: number) => formatPrice(value, market.pricePrecision);
  return translate('chart:legend', { open: p(candle.open), high: p(candle.high), low: p(candle.low), close: p(candle.close), volume: formatVolume(candle.volume) });
}

export function CandleChart({ venue, market, timeframe }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const seriesRef = useRef<LiveSeries | undefined>(undefined);
  const [status, setStatus] = useState<{ status: ChartStatus; detail?: string; retryAt?: number }>({ status: 'loading' });
  const [retrying, setRetrying] = useState(false);
  const [progress, setProgress] = useState<HistoryProgress | undefined>(undefined);
  const connection = useConnection((state) => state.status);
  const generation = useConnection((state) => state.generation);
  const { t, i18n } = useT('chart');
  const marketRef = useRef(market);
  marketRef.current = market;

  useEffect(() => {
    const container = containerRef.current!;
    const chart: IChartApi = createChart(container, chartOptions());
    const series = new LiveSeries(chart, api, {
      onCandle: (candle) => {
        // Written straight to the DOM: a tick must not re-render React.
        container.dataset.lastTime = String(candle.time);
        container.dataset.lastClose = String(candle.close);
        if (legendRef.current && !legendRef.current.dataset.hovering) {
          legendRef.current.textContent = legendText(candle, marketRef.current);
        }
      },
      onStatus: (next, detail, retryAt) => {
        const change: { status: ChartStatus; detail?: string; retryAt?: number } = { status: next };
        if (detail !== undefined) change.detail = detail;
        if (retryAt !== undefined) change.retryAt = retryAt;
        setStatus(change);
      },
      onProgress: setProgress,
      onBars: (first, last, count, drawn) => {
        // For tests and tools: the bars held are contiguous when count = (last - first) / timeframe + 1.
        container.dataset.firstTime = String(first);
        container.dataset.barCount = String(count);
        container.dataset.drawnCount = String(drawn);
      },
    });
    seriesRef.current = series;
    chartRef.current = chart;
    return () => {
      seriesRef.current = undefined;
      chartRef.current = undefined;
      void series.dispose();
      chart.remove();
    };
  }, []);

  // Reloads on a new series and after every reconnection, so a gap while disconnected is filled from history.
  useEffect(() => {
    if (generation === 0) return;
    void seriesRef.current?.show({ venue, market, timeframe });
  }, [venue, market, timeframe, generation]);

  // A new theme or palette: the page's CSS variables changed (App sets them before this runs); the chart follows.
  // A new time zone or language: the same options carry the formatters, which read it when they run.
  const theme = useWorkspace((state) => state.preferences?.theme);
  const palette = useWorkspace((state) => state.preferences?.palette);
  const timeZone = useWorkspace((state) => state.preferences?.timeZone);
  const chartRef = useRef<IChartApi | undefined>(undefined);
  useEffect(() => {
    chartRef.current?.applyOptions(chartOptions());
    seriesRef.current?.restyle();
  }, [theme, palette, timeZone, i18n.language]);

  // The open orders of the venue and mode in view (the orders tabs'), those of this market drawn as price lines.
  const openOrders = useOrders((state) => state.lists.open);
  useEffect(() => {
    const mine = openOrders.filter((order) => order.venue === venue && order.symbol === market.symbol);
    const lines = seriesRef.current?.showOrders(mine, market) ?? [];
    // For tests and tools: the prices of the lines drawn.
    containerRef.current!.dataset.orderLines = lines.map((line) => line.price).join(' ');
  }, [openOrders, venue, market]);

  const shown: { status: ChartStatus; detail?: string; retryAt?: number } =
    connection === 'connected' ? status : { status: 'reconnecting', detail: t('connectionLost') };
  const offline = shown.status === 'offline';
  const now = useSecondTicks(offline);
  const retryNow = () => {
    setRetrying(true);
    void api
      .call('system:retry-now', { venue })
      .catch(() => undefined)
      .finally(() => setRetrying(false));
  };
  const badgeText = (): string => {
    if (shown.status === 'loading') return t('loading', { symbol: market.symbol, timeframe });
    if (offline) return offlineText(shown.retryAt, now);
    const status = t(`status.${shown.status}`);
    return shown.detail ? t('withDetail', { status, detail: shown.detail }) : status;
  };
  return (
    <div className="chart-wrap">
      <div className="chart-legend" ref={legendRef} aria-live="off" data-testid="chart-legend" />
      {shown.status !== 'live' && (
        <div className={`chart-badge chart-badge-${shown.status}`} role="status" data-testid="chart-status" title={offline ? shown.detail : undefined}>
          {badgeText()}
          {offline && (
            <button type="button" className="chart-retry" onClick={retryNow} disabled={retrying}>
              {retrying ? t('retrying') : t('retryNow')}
            </button>
          )}
        </div>
      )}
      {progress && (
        <div className="chart-progress" data-testid="history-progress">
          <progress
            max={progress.target}
            value={progress.loaded}
            aria-label={t('historyProgress', { symbol: market.symbol, timeframe, loaded: formatNumber(progress.loaded, 0), target: formatNumber(progress.target, 0) })}
          />
        </div>
      )}
      <div className="chart" ref={containerRef} data-testid="chart" aria-label={t('chartLabel', { symbol: market.symbol, timeframe })} role="img" />
    </div>
  );
}
