// How the portfolio's amounts read: in the reporting currency with its usual decimals, "no price" where there is no
// rate (never 0), and a rate's age in words.
import type { PortfolioView } from '../../../src-shared';
import { formatNumber, formatPrice } from '../../format/numbers';
import { t } from '../../i18n';

/** A view's name in the current language (Live, Paper, Demo, MT5). */
export function viewLabel(view: PortfolioView): string {
  return t(`portfolio:views.${view}`);
}

/** Coins are counted to the satoshi; money to the cent. */
export function currencyDecimals(currency: string): number {
  return ['BTC', 'ETH'].includes(currency) ? 8 : 2;
}

export function money(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined) return t('portfolio:noPrice');
  return `${formatPrice(value, currencyDecimals(currency))} ${currency}`;
}

/** Amounts of an asset: up to 8 decimals, trailing zeros dropped. */
export function amount(value: number): string {
  return formatNumber(value, 8);
}

export function ratio(value: number | null): string {
  return value === null ? '—' : formatPrice(value, 2);
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${formatPrice(share * 100, 1)} %`;
}

export function age(at: number | null, now: number): string {
  if (at === null) return '';
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return t('portfolio:age.seconds', { count: seconds });
  if (seconds < 3600) return t('portfolio:age.minutes', { count: Math.round(seconds / 60) });
  return t('portfolio:age.hours', { count: Math.round(seconds / 3600) });
}
