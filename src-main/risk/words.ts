// Figures in refusals and warnings, written the way the screen writes them: thousands separators, no float noise.
import { venueName, type RiskScope } from '../../src-shared';


const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const amountFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

/** 12345.678 USDT → "12,345.68 USDT"; a negative amount keeps its sign ("-512.30 USDT"). */
export function money(value: number, currency: string): string {
  // -0.004 would read "-0.00": a loss of nothing is written without a sign.
  const cents = Math.round(value * 100) / 100;
  return `${moneyFormat.format(cents === 0 ? 0 : value)}${currency ? ` ${currency}` : ''}`;
}

/** A base amount with as many decimals as it has (at most 8): "0.25 BTC". */
export function quantity(value: number, asset: string): string {
  return `${amountFormat.format(value)}${asset ? ` ${asset}` : ''}`;
}

export function scopeWords(scope: RiskScope): string {
  return scope === 'global' ? 'the global' : `the ${venueName(scope)} account's`;
}
