// How old a price is, in the words a trader scans: "now", "12 s", "3 min", "2 h 5 min", "3 d".
import { t } from '../../i18n';

export function formatAge(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000);
  if (s < 1) return t('marketData:age.now');
  if (s < 60) return t('marketData:age.seconds', { s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('marketData:age.minutes', { m });
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? t('marketData:age.hours', { h }) : t('marketData:age.hoursMinutes', { h, m: m % 60 });
  return t('marketData:age.days', { d: Math.floor(h / 24) });
}

/** Older than this, a price is shown as stale: a live market moves within seconds. */
export const STALE_AFTER_MS = 60_000;

/** How a failure reads in the panel: the source's own reason, plus when to expect it back. */
export function failureWords(message: string, retryAfterMs: number | undefined): string {
  return retryAfterMs === undefined || retryAfterMs <= 0 ? message : t('marketData:comparison.retryIn', { message, age: formatAge(retryAfterMs) });
}
