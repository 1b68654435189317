// Numbers as traders read them: fixed decimals per market, thousands separators, never NaN or float noise.
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(decimals: number, signed = false): Intl.NumberFormat {
  const key = `${decimals}|${signed}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
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

/** Volumes: compact (12.3K, 4.5M) since their exact decimals do not matter on a chart legend. */
export function formatVolume(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return DASH;
  return new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 2 }).format(value);
}
