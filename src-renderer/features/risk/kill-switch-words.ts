// The kill switch's per-venue results in words, for the top bar's panel.
import type { VenueCancelReport, VenueSummary } from '../../../src-shared';

export function venueReportWords(report: VenueCancelReport, venues: readonly VenueSummary[]): string {
  const name = venues.find((v) => v.id === report.venue)?.name ?? report.venue;
  const label = `${name} (${report.mode})`;
  const retried = report.cancelled.filter((c) => c.attempt > 1).length;
  const cancelled = `${report.cancelled.length} cancelled${retried > 0 ? `, ${retried} after a retry` : ''}`;
  if (report.status === 'cancelling') return `${label}: cancelling… ${cancelled} so far`;
  if (report.status === 'done') return `${label}: ${cancelled}; nothing left open`;
  const last = report.failures.at(-1)?.error.message ?? 'no answer';
  return `${label}: ${cancelled}; ${report.outstanding.length} still open after ${report.attempts} attempts (${last}) — cancel them on the venue`;
}
