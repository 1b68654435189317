// Colours and formatters of the chart. Times are kept in UTC seconds (what lightweight-charts expects) and shown
// in the trader's local time zone by the formatters, so daylight-saving changes never reorder bars.
import { ColorType, CrosshairMode, TickMarkType, type DeepPartial, type ChartOptions, type Time } from 'lightweight-charts';

export const COLORS = {
  up: '#26a69a',
  down: '#ef5350',
  upVolume: 'rgba(38, 166, 154, 0.45)',
  downVolume: 'rgba(239, 83, 80, 0.45)',
};

function asDate(time: Time): Date {
  return new Date((time as number) * 1000);
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function localTickMark(time: Time, type: TickMarkType): string {
  const date = asDate(time);
  switch (type) {
    case TickMarkType.Year:
      return String(date.getFullYear());
    case TickMarkType.Month:
      return date.toLocaleDateString(undefined, { month: 'short' });
    case TickMarkType.DayOfMonth:
      return String(date.getDate());
    case TickMarkType.Time:
      return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
    case TickMarkType.TimeWithSeconds:
      return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }
}

export function localTime(time: Time): string {
  const date = asDate(time);
  return `${date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function chartOptions(): DeepPartial<ChartOptions> {
  return {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: '#131722' }, textColor: '#b2b5be', attributionLogo: false },
    grid: { vertLines: { color: '#1f2431' }, horzLines: { color: '#1f2431' } },
    crosshair: { mode: CrosshairMode.Normal },
    rightPriceScale: { borderColor: '#2a2e39' },
    timeScale: { borderColor: '#2a2e39', timeVisible: true, secondsVisible: false, tickMarkFormatter: localTickMark },
    localization: { timeFormatter: localTime },
  };
}
