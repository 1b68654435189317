// A rule in words, as the alert, the notification and the UI say it: "BTC/USDT above 65,000".
import { assertNever, type AlertKind, type Symbol } from '../../src-shared';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

export function describeRule(rule: { symbol: Symbol; kind: AlertKind; threshold: number; windowMinutes?: number | undefined }): string {
  const value = number.format(rule.threshold);
  switch (rule.kind) {
    case 'above':
      return `${rule.symbol} above ${value}`;
    case 'below':
      return `${rule.symbol} below ${value}`;
    case 'crossing':
      return `${rule.symbol} crossing ${value}`;
    case 'change-pct':
      return `${rule.symbol} moving ${value}% within ${rule.windowMinutes ?? '?'} min`;
    default:
      return assertNever(rule.kind);
  }
}
