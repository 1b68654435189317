// Colours and formatters of the chart. Colours come from the page's CSS variables, so the chart follows the theme
// and the up/down palette the trader chose (styles.css); outside a page (tests) the dark green/red defaults apply.
// Times are kept in UTC seconds (what lightweight-charts expects) and shown in the trader's chosen zone (local or
// UTC) by the formatters, so daylight-saving changes never reorder bars.
import { ColorType, CrosshairMode, TickMarkType, type DeepPartial, type ChartOptions, type Time } from 'lightweight-charts';
import { clockTime, formatWith, timeParts } from '../../format/time';
import { intlLocale } from '../../i18n/language';

const DEFAULTS: Record<string, string> = {
  '--up': '#26a69a',
  '--down': '#ef5350',
  '--bg': '#131722',
  '--axis-text': '#b2b5be',
  '--grid': '#1f2431',
  '--border': '#2a2e39',
};

function cssColor(name: string): string {
  const fallback = DEFAULTS[name]!;
  if (typeof document === 'undefined') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export interface SeriesColors {
  up: string;
  down: string;
  upVolume: string;
  downVolume: string;
}

/** Up and down as the palette in use has them; volume bars are the same colours, translucent. */
export function seriesColors(): SeriesColors {
  const up = cssColor('--up');
  const down = cssColor('--down');
  return { up, down, upVolume: translucent(up), downVolume: translucent(down) };
}

/** `#rrggbb` at 45 % opacity (`#rrggbb73`); other forms as they are. */
function translucent(hex: string): string {
  return /^#[0-9a-f]{6}$/i.test(hex) ? `${hex}73` : hex;
}

const ms = (time: Time): number => (time as number) * 1000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** Axis labels in the chosen time zone (format/time.ts). */
export function localTickMark(time: Time, type: TickMarkType): string {
  const p = timeParts(ms(time));
  switch (type) {
    case TickMarkType.Year:
      return String(p.year);
    case TickMarkType.Month:
      return formatWith(ms(time), { month: 'short' });
    case TickMarkType.DayOfMonth:
      return String(p.day);
    case TickMarkType.Time:
      return `${pad(p.hours)}:${pad(p.minutes)}`;
    case TickMarkType.TimeWithSeconds:
      return `${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}`;
  }
}

/** The crosshair's time label, in the chosen time zone. */
export function localTime(time: Time): string {
  return `${formatWith(ms(time), { year: 'numeric', month: 'short', day: 'numeric' })} ${clockTime(ms(time), false)}`;
}

export function chartOptions(): DeepPartial<ChartOptions> {
  return {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: cssColor('--bg') }, textColor: cssColor('--axis-text'), attributionLogo: false },
    grid: { vertLines: { color: cssColor('--grid') }, horzLines: { color: cssColor('--grid') } },
    crosshair: { mode: CrosshairMode.Normal },
    rightPriceScale: { borderColor: cssColor('--border') },
    timeScale: { borderColor: cssColor('--border'), timeVisible: true, secondsVisible: false, tickMarkFormatter: (time: Time, type: TickMarkType) => localTickMark(time, type) },
    // New functions each time: applied again after a time-zone or language change, they make the chart format its
    // labels anew (month names, and the price scale's separators through the series' formatter).
    localization: { locale: intlLocale(), timeFormatter: (time: Time) => localTime(time) },
  };
}
