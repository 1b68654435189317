// The equity curve with its drawdown below (two panes of one lightweight-charts chart, sharing the time axis).
import { AreaSeries, createChart, LineSeries, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { EquityCurve, EquityPointDto } from '../../../src-shared';
import { useT } from '../../i18n';
import { chartOptions, seriesColors } from '../chart/chart-theme';

/** One point per second at most (the chart's time unit): the last of each second wins. */
function toSeries(points: readonly EquityPointDto[]): { time: UTCTimestamp; value: number }[] {
  const out: { time: UTCTimestamp; value: number }[] = [];
  for (const point of points) {
    const time = Math.floor(point.at / 1000) as UTCTimestamp;
    if (out.length > 0 && out.at(-1)!.time === time) out[out.length - 1] = { time, value: point.equity };
    else out.push({ time, value: point.equity });
  }
  return out;
}

export function EquityChart({ curve }: { curve: EquityCurve | undefined }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const { t } = useT('portfolio');
  const chartRef = useRef<{ chart: IChartApi; equity: ISeriesApi<'Line'>; drawdown: ISeriesApi<'Area'> } | undefined>(undefined);

  useEffect(() => {
    const chart = createChart(containerRef.current!, chartOptions());
    const colors = seriesColors();
    const equity = chart.addSeries(LineSeries, { color: colors.up, lineWidth: 2 });
    const drawdown = chart.addSeries(AreaSeries, { lineColor: colors.down, topColor: `${colors.down}00`, bottomColor: colors.downVolume, lineWidth: 1 }, 1);
    chartRef.current = { chart, equity, drawdown };
    return () => {
      chartRef.current = undefined;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const target = chartRef.current;
    const container = containerRef.current;
    if (!target || !container) return;
    const points = toSeries(curve?.points ?? []);
    target.equity.setData(points);
    target.drawdown.setData(toSeries(curve?.drawdown ?? []));
    target.chart.timeScale().fitContent();
    // For tests and tools: how many points are drawn.
    container.dataset.points = String(points.length);
  }, [curve]);

  return (
    <div className="equity-chart" ref={containerRef} data-testid="equity-chart" data-points="0" role="img" aria-label={t('curve.chart')} />
  );
}
