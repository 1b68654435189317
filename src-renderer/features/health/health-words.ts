// The health snapshot in words a trader can act on. Pure functions, so they are tested without a DOM.
import { venueName, type VenueHealth } from '../../../src-shared';
import { clockTime } from '../../format/time';

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
      return { tone: 'ok', label: 'Working' };
    case 'half-open':
      return { tone: 'warn', label: 'Recovering', detail: 'The next request tests whether the venue is back.' };
    case 'open':
      return {
        tone: 'bad',
        label: 'Paused after failures',
        detail: `Requests failed repeatedly; the app tries again in ${seconds(health.retryAfterMs ?? 0)}.`,
      };
  }
}

/** The ban or Retry-After pause, if any: the most important line for the trader, so it comes first. */
export function restrictionWords(health: VenueHealth, now: number): string | undefined {
  const name = venueName(health.venue);
  if (health.bannedUntil !== undefined && health.bannedUntil > now) {
    return `${name} banned until ${hhmm(health.bannedUntil)} for too many requests. No requests are sent to ${name} until then; orders there cannot be placed or cancelled from this app.`;
  }
  if (health.pausedUntil !== undefined && health.pausedUntil > now) {
    return `${name} asked the app to slow down; requests resume in ${seconds(health.pausedUntil - now)}.`;
  }
  return undefined;
}

export function budgetWords(window: { id: string; used: number; limit: number }): { text: string; fraction: number } {
  const fraction = window.limit > 0 ? Math.min(1, window.used / window.limit) : 0;
  return { text: `${window.id}: ${Math.round(window.used)} of ${window.limit} used (${Math.round(fraction * 100)} %)`, fraction };
}
