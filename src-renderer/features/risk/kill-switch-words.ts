// The kill switch's per-venue results in words, for the top bar's panel.
import { AppError, type VenueCancelReport, type VenueSummary } from '../../../src-shared';
import { errorMessage } from '../../format/error-message';
import { clockTime } from '../../format/time';
import { t } from '../../i18n';

/** "10 orders still open", "1 order still open"; before the venue could list them, says so. */
function stillOpen(report: VenueCancelReport): string {
  const count = report.stillOpen ?? (report.outstanding.length > 0 ? report.outstanding.length : undefined);
  if (count === undefined) return t('risk:report.notListed');
  return t('risk:report.stillOpen', { count });
}

export function venueReportWords(report: VenueCancelReport, venues: readonly VenueSummary[]): string {
  const name = venues.find((v) => v.id === report.venue)?.name ?? report.venue;
  const label = t('risk:report.label', { name, mode: report.mode });
  const retried = report.cancelled.filter((c) => c.attempt > 1).length;
  const count = report.cancelled.length;
  const cancelled = retried > 0 ? t('risk:report.cancelledRetried', { count, retried }) : t('risk:report.cancelled', { count });
  if (report.status === 'cancelling') return t('risk:report.cancelling', { label, cancelled });
  if (report.status === 'done') return t('risk:report.done', { label, cancelled });
  const failure = report.failures.at(-1)?.error;
  const last = failure ? errorMessage(AppError.fromData(failure)) : t('risk:report.noAnswer');
  if (report.status === 'waiting') {
    // Never "failed": the sweep goes on by itself, at the slow pace and as soon as the venue answers again.
    const next = report.nextAttemptAt === undefined ? '' : t('risk:report.nextAttempt', { time: clockTime(report.nextAttemptAt) });
    return t('risk:report.waiting', { label, name, stillOpen: stillOpen(report), last, cancelled, next });
  }
  return t('risk:report.failed', { label, cancelled, outstanding: report.outstanding.length, attempts: report.attempts, last });
}
