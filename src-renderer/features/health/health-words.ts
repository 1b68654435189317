// The health snapshot in words a trader can act on. Pure functions, so they are tested without a DOM.
import { venueName, type VenueHealth } from '../../../src-shared';
import { clockTime } from '../../format/time';
import { t } from '../../i18n';

function hhmm(timestamp: number): string {
  return clockTime(timestamp, false);
}

function seconds(ms: number): string {
  return ms < 60_000 ? `${Math.max(1, Math.ceil(ms / 1000))} s` : `${Math.ceil(ms / 60_000)} min`;
}

export type Tone = 'ok' | 'warn' | 'bad';

export interface BreakerWords {
  tone: Tone;
  label: string;
  detail?: string;
}

export function breakerWords(health: VenueHealth): BreakerWords {
  switch (health.breaker) {
    case 'closed':
      return { tone: 'ok', label: t('health:working') };
    case 'half-open':
      return { tone: 'warn', label: t('health:recovering'), detail: t('health:recoveringDetail') };
    case 'open':
      return {
        tone: 'bad',
        label: t('health:paused'),
        detail: t('health:pausedDetail', { wait: seconds(health.retryAfterMs ?? 0) }),
      };
  }
}

/** The ban or Retry-After pause, if any: the most important line for the trader, so it comes first. */
export function restrictionWords(health: VenueHealth, now: number): string | undefined {
  const name = venueName(health.venue);
  if (health.bannedUntil !== undefined && health.bannedUntil > now) {
    return t('health:banned', { name, time: hhmm(health.bannedUntil) });
  }
  if (health.pausedUntil !== undefined && health.pausedUntil > now) {
    return t('health:slowDown', { name, wait: seconds(health.pausedUntil - now) });
  }
  return undefined;
}

export function budgetWords(window: { id: string; used: number; limit: number }): { text: string; fraction: number } {
  const fraction = window.limit > 0 ? Math.min(1, window.used / window.limit) : 0;
  return { text: t('health:budget', { id: window.id, used: Math.round(window.used), limit: window.limit, percent: Math.round(fraction * 100) }), fraction };
}
