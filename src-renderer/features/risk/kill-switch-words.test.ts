import { describe, expect, it } from 'vitest';
import type { VenueCancelReport, VenueSummary } from '../../../src-shared';
import { killSwitchBlockReason } from './kill-switch-store';
import { venueReportWords } from './kill-switch-words';

const venues: VenueSummary[] = [{ id: 'gate', name: 'Gate.io', mode: 'live', available: true }];
const base: VenueCancelReport = { venue: 'gate', mode: 'live', status: 'done', cancelled: [], failures: [], outstanding: [], attempts: 1 };
const error = { code: 'VENUE_UNAVAILABLE' as const, message: 'Gate.io is not answering', retryable: true };

describe('kill switch words', () => {
  it('says per venue what was cancelled, what went on a retry and what is still open', () => {
    const cancelled = [1, 1, 2].map((attempt, i) => ({ clientOrderId: `t-${i}`, symbol: 'BTC/USDT', attempt }));
    expect(venueReportWords({ ...base, cancelled }, venues)).toBe('Gate.io (live): 3 cancelled, 1 after a retry; nothing left open');
    expect(venueReportWords({ ...base, status: 'cancelling', cancelled: cancelled.slice(0, 1) }, venues)).toBe('Gate.io (live): cancelling… 1 cancelled so far');
    expect(venueReportWords({ ...base, status: 'failed', attempts: 4, outstanding: ['t-9'], failures: [{ clientOrderId: 't-9', attempt: 4, error }] }, venues)).toBe(
      'Gate.io (live): 0 cancelled; 1 still open after 4 attempts (Gate.io is not answering) — cancel them on the venue',
    );
  });

  it('says a venue that cannot be swept yet is waited for, with the count, never that it failed', () => {
    const waiting: VenueCancelReport = { ...base, status: 'waiting', attempts: 6, stillOpen: 10, outstanding: [], failures: [{ clientOrderId: '', attempt: 6, error }] };
    const words = venueReportWords(waiting, venues);
    expect(words).toBe('Gate.io (live): waiting for Gate.io — 10 orders still open (Gate.io is not answering); 0 cancelled so far');
    expect(words).not.toMatch(/failed|cancel them on the venue/);
    expect(venueReportWords({ ...waiting, stillOpen: 1, nextAttemptAt: Date.UTC(2026, 0, 1, 14, 3, 12) }, venues)).toMatch(/— 1 order still open .*; trying again at \d{2}:\d{2}:\d{2}$/);
  });

  it('gives the ticket a reason only while engaged', () => {
    expect(killSwitchBlockReason(undefined)).toBeUndefined();
    expect(killSwitchBlockReason({ engaged: false, venues: [], sweeping: false })).toBeUndefined();
    expect(killSwitchBlockReason({ engaged: true, reason: 'engaged from the top bar', venues: [], sweeping: true })).toBe(
      'Kill switch engaged (engaged from the top bar): new orders are blocked until it is released in the top bar.',
    );
  });
});
