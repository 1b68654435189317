// The kill switch's per-venue results in words, for the top bar's panel.
import type { VenueCancelReport, VenueSummary } from '../../../src-shared';
import { clockTime } from '../../format/time';

/** "10 orders still open", "1 order still open"; before the venue could list them, says so. */
function stillOpen(report: VenueCancelReport): string {
  const count = report.stillOpen ?? (report.outstanding.length > 0 ? report.outstanding.length : undefined);
  if (count === undefined) return 'its open orders could not be listed yet';
  return `${count} order${count === 1 ? '' : 's'} still open`;
}

export function venueReportWords(report: VenueCancelReport, venues: readonly VenueSummary[]): string {
  const name = venues.find((v) => v.id === report.venue)?.name ?? report.venue;
  const label = `${name} (${report.mode})`;
  const retried = report.cancelled.filter((c) => c.attempt > 1).length;
  const cancelled = `${report.cancelled.length} cancelled${retried > 0 ? `, ${retried} after a retry` : ''}`;
  if (report.status === 'cancelling') return `${label}: cancelling… ${cancelled} so far`;
  if (report.status === 'done') return `${label}: ${cancelled}; nothing left open`;
  const last = report.failures.at(-1)?.error.message ?? 'no answer';
  if (report.status === 'waiting') {
    // Never "failed": the sweep goes on by itself, at the slow pace and as soon as the venue answers again.
    const next = report.nextAttemptAt === undefined ? '' : `; trying again at ${clockTime(report.nextAttemptAt)}`;
    return `${label}: waiting for ${name} — ${stillOpen(report)} (${last}); ${cancelled} so far${next}`;
  }
  return `${label}: ${cancelled}; ${report.outstanding.length} still open after ${report.attempts} attempts (${last}) — cancel them on the venue`;
}
