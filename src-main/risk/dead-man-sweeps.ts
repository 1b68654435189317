// What "the dead-man's sweep" is: when a venue's countdown ran out while the app could not renew it, the venue was
// due to cancel every open order — unless the venue itself was what was down, in which case nothing may have fired.
// The app then makes the outcome certain the way the kill switch does: it sweeps the venue's live account, on the
// same never-give-up loop (quick retries, the slow pace, at once when the venue becomes reachable), until the venue
// lists none of the orders placed before contact came back. Orders placed after that are the trader's new ones and
// are left alone; the loop ends once done (it does not keep guarding, unlike an engaged kill switch). Each lapse and
// its outcome go to the risk log.
import { venueName, type VenueCancelReport, type VenueId } from '../../src-shared';
import type { CancelTarget } from './cancel-targets';
import type { DeadManLapse } from './dead-man-switch';
import { describeReport } from './kill-switch';
import type { RiskRepository } from './risk-repository';
import { VenueSweep, type SweepTiming } from './venue-sweep';

export interface DeadManSweepsOptions {
  repository: RiskRepository;
  targets: () => CancelTarget[];
  timing: SweepTiming;
}

export class DeadManSweeps {
  private readonly sweeps = new Map<VenueId, VenueSweep>();

  constructor(private readonly options: DeadManSweepsOptions) {}

  /** The venue's countdown ran out between `lapse.from` and `lapse.to`: sweep what was open before contact returned. */
  lapsed(venue: VenueId, lapse: DeadManLapse): void {
    const name = venueName(venue);
    const target = this.options.targets().find((t) => t.venue === venue && t.mode === 'live');
    const seconds = Math.round((lapse.to - lapse.from) / 1000);
    this.log(
      venue,
      `${name}: the dead-man countdown ran out at ${clock(lapse.from)} UTC and contact came back at ${clock(lapse.to)} UTC (${seconds} s later); ` +
        `${name} cancels every open order when it runs out. ${target ? 'Checking that none placed before is left open.' : `${name} has no trading account connected to check.`}`,
    );
    if (!target) return;
    this.sweeps.get(venue)?.stop();
    const report: VenueCancelReport = { venue, mode: 'live', status: 'cancelling', cancelled: [], failures: [], outstanding: [], attempts: 0 };
    let waitingLogged = false;
    const sweep: VenueSweep = new VenueSweep({
      target,
      timing: this.options.timing,
      report,
      filter: { placedBefore: lapse.to },
      onReport: (next) => {
        if (this.sweeps.get(venue) !== sweep) return;
        if (next.status === 'done') {
          this.sweeps.delete(venue);
          this.log(venue, `After the dead-man countdown: ${describeReport(next)}`);
        } else if (next.status === 'waiting' && !waitingLogged && next.attempts > this.options.timing.quickDelaysMs.length) {
          waitingLogged = true;
          this.log(venue, `After the dead-man countdown: ${describeReport(next)}`);
        }
      },
    });
    this.sweeps.set(venue, sweep);
  }

  /** A sweep of this venue still waiting tries now. */
  venueReachable(venue: VenueId): void {
    this.sweeps.get(venue)?.wake();
  }

  /** The reports of the sweeps still running (for a test or a status line). */
  running(): VenueCancelReport[] {
    return [...this.sweeps.values()].map((s) => s.current);
  }

  /** Resolves when every running sweep is done. */
  async whenSwept(): Promise<void> {
    await Promise.all([...this.sweeps.values()].map((s) => s.done));
  }

  close(): void {
    for (const sweep of this.sweeps.values()) sweep.stop();
    this.sweeps.clear();
  }

  private log(venue: VenueId, message: string): void {
    this.options.repository.log({ kind: 'dead-man-report', venue, message });
  }
}

/** HH:MM:SS UTC: a lapse is seconds long, the minute alone would not say much. */
const clock = (at: number): string => new Date(at).toISOString().slice(11, 19);
