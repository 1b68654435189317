// Numbers as traders read them: fixed decimals per market, thousands separators, never NaN or float noise. The
// separators follow the screen's language (vi: 1.000,5; en: 1,000.5), read at each call so a switch needs no restart.
import { intlLocale } from '../i18n/language';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(decimals: number, signed = false): Intl.NumberFormat {
  const locale = intlLocale();
  const key = `${locale}|${decimals}|${signed}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    formatters.set(key, format);
  }
  return format;
}

const DASH = '—';

export function formatPrice(value: number | undefined, decimals: number): string {
  return value === undefined || !Number.isFinite(value) ? DASH : formatter(decimals).format(value);
}

export function formatPercent(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? DASH : `${formatter(2, true).format(value)}%`;
}

/** A figure with as many decimals as it has, up to `maxDecimals` (thresholds, sizes as typed): no float noise. */
export function formatNumber(value: number | undefined, maxDecimals = 8): string {
  if (value === undefined || !Number.isFinite(value)) return DASH;
  const locale = intlLocale();
  const key = `${locale}|upto${maxDecimals}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: maxDecimals });
    formatters.set(key, format);
  }
  return format.format(value);
}

/** Volumes: compact (12.3K, 4.5M) since their exact decimals do not matter on a chart legend. */
export function formatVolume(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return DASH;
  return new Intl.NumberFormat(intlLocale(), { notation: 'compact', maximumFractionDigits: 2 }).format(value);
}

/** An amount of money in an account currency: "-1,234.50 USD"; two decimals, as brokers state balances. */
export function formatMoney(value: number | undefined, currency: string, decimals = 2): string {
  const text = formatPrice(value, decimals);
  return text === DASH ? DASH : `${text} ${currency}`;
}

/** Whether a figure reads as a gain or a loss (its colour); zero and unknown are neither. */
export function direction(value: number | undefined): 'up' | 'down' | undefined {
  if (value === undefined || !Number.isFinite(value) || value === 0) return undefined;
  return value > 0 ? 'up' : 'down';
}
