// The kill switch: engaging it blocks every new order at once (persisted before anything else, so a crash right
// after still leaves it engaged) and sweeps every connected venue in parallel, cancelling all open orders. It never
// gives up while engaged: each venue is swept again on a slow steady pace, and at once when it becomes reachable
// (`venueReachable`), until the venue's own list of open orders is empty — and then keeps looking, so that an order
// placed from another device goes too. It stays engaged, across restarts (where `resume` starts sweeping again),
// until the trader releases it.
import { AppError, venueName, type KillSwitchState, type VenueCancelReport, type VenueId } from '../../src-shared';
import { systemClock, type Clock } from '../resilience';
import type { CancelTarget } from './cancel-targets';
import type { NewLogEntry, RiskRepository } from './risk-repository';
import { sweepTiming, VenueSweep, type SweepTiming } from './venue-sweep';

export interface KillSwitchOptions {
  repository: RiskRepository;
  /** The venues connected now, each with a way to cancel all its orders. */
  targets: () => CancelTarget[];
  /** Every change, for the bus (and so every window). */
  onChange: (state: KillSwitchState) => void;
  /** Pauses before each quick retry of a venue; after them the venue is retried every `slowRetryMs`. */
  retryDelaysMs?: readonly number[];
  /** The steady pace once the quick retries are spent (default 15 s, up to 20 % shorter at random). */
  slowRetryMs?: number;
  jitter?: number;
  random?: () => number;
  clock?: Clock;
  /** The clock's time only (older callers); `clock` wins. */
  now?: () => number;
}

interface Episode {
  /** Attempts of the report when this run of failures began: the quick retries are counted from here. */
  startedAt: number;
  waitingLogged: boolean;
}

const keyOf = (t: { venue: VenueId; mode: string }) => `${t.venue}|${t.mode}`;

export class KillSwitch {
  private current: KillSwitchState;
  private readonly sweeps = new Map<string, VenueSweep>();
  /** Loops stopped by a release, still finishing an attempt: a new loop of the venue starts after it. */
  private readonly finishing = new Map<string, Promise<void>>();
  private readonly episodes = new Map<string, Episode>();
  readonly timing: SweepTiming;
  private closed = false;

  constructor(private readonly options: KillSwitchOptions) {
    const clock = options.clock ?? (options.now ? { ...systemClock, now: options.now } : systemClock);
    this.timing = sweepTiming({ quickDelaysMs: options.retryDelaysMs, slowMs: options.slowRetryMs, jitter: options.jitter, random: options.random, clock });
    const stored = options.repository.killSwitch();
    const venues = stored.venues ?? [];
    this.current = { ...stored, venues, sweeping: false };
  }

  state(): KillSwitchState {
    return structuredClone(this.current);
  }

  get engaged(): boolean {
    return this.current.engaged;
  }

  /** Refuses every order while engaged; the pre-trade check of the order service. */
  check(): void {
    if (!this.current.engaged) return;
    const since = this.current.engagedAt === undefined ? '' : ` since ${new Date(this.current.engagedAt).toISOString().slice(11, 19)} UTC`;
    const why = this.current.reason ? ` (${this.current.reason})` : '';
    const params: Record<string, string | number> = {};
    if (this.current.engagedAt !== undefined) params.since = this.current.engagedAt;
    if (this.current.reason) params.why = this.current.reason;
    throw AppError.because('RISK_LIMIT', 'killSwitch', params, `The kill switch is engaged${since}${why}: no new orders until it is released in the top bar.`);
  }

  /**
   * Engages (or, when engaged already, sweeps every venue again now) and returns at once; `whenSwept` resolves when
   * every venue's list is empty. The order of the steps matters: persist, then tell every window, then cancel.
   */
  engage(reason = 'engaged by the trader'): KillSwitchState {
    if (!this.current.engaged) {
      const engagedAt = this.timing.clock.now();
      this.options.repository.saveKillSwitch({ engaged: true, reason, engagedAt });
      this.current = { engaged: true, reason, engagedAt, venues: [], sweeping: false };
      this.log({ kind: 'kill-switch-engaged', message: `Kill switch engaged: ${reason}` });
      this.changed();
    } else if (!this.current.sweeping) {
      this.log({ kind: 'kill-switch-engaged', message: `Kill switch pressed again while engaged (${reason}): sweeping open orders again` });
    }
    // Pressed again while the sweep runs (or the shortcut held down): each venue's loop only tries again now.
    this.sweep(this.options.targets());
    return this.state();
  }

  /** At start: a switch left engaged sweeps again (not only blocks orders), continuing the saved report. */
  resume(): void {
    if (!this.current.engaged || this.closed) return;
    const targets = this.options.targets();
    if (targets.length > 0) this.log({ kind: 'kill-switch-engaged', message: 'Kill switch still engaged after a restart: sweeping open orders again until none is left' });
    this.sweep(targets);
  }

  /**
   * The venue answers again (its link came back, its account connected): while engaged, its sweep tries now — or
   * starts, for an account connected after the switch was engaged.
   */
  venueReachable(venue: VenueId): void {
    if (!this.current.engaged || this.closed) return;
    this.sweep(this.options.targets().filter((t) => t.venue === venue));
  }

  /** Resolves when every venue being swept has seen its list of open orders empty (or on release). */
  async whenSwept(): Promise<KillSwitchState> {
    await Promise.all([...this.sweeps.values()].map((s) => s.done));
    return this.state();
  }

  release(): KillSwitchState {
    this.stopSweeps();
    if (this.current.engaged) {
      this.options.repository.saveKillSwitch({ engaged: false });
      this.log({ kind: 'kill-switch-released', message: 'Kill switch released: orders are accepted again' });
    }
    this.current = { engaged: false, venues: this.current.venues, sweeping: false };
    this.changed();
    return this.state();
  }

  /** The app stops: the loops end, the switch stays as it is (a restart resumes it). */
  close(): void {
    this.closed = true;
    this.stopSweeps();
  }

  private sweep(targets: CancelTarget[]): void {
    if (this.closed) return;
    for (const target of targets) {
      const key = keyOf(target);
      const running = this.sweeps.get(key);
      if (running) {
        running.wake();
        continue;
      }
      const previous = this.current.venues.find((v) => keyOf(v) === key);
      const report: VenueCancelReport = previous
        ? { ...previous, status: 'cancelling' }
        : { venue: target.venue, mode: target.mode, status: 'cancelling', cancelled: [], failures: [], outstanding: [], attempts: 0 };
      this.episodes.set(key, { startedAt: report.attempts, waitingLogged: false });
      const after = this.finishing.get(key);
      const sweep: VenueSweep = new VenueSweep({
        target,
        timing: this.timing,
        report,
        guard: true,
        onReport: (next) => this.reported(key, sweep, next),
        ...(after ? { after } : {}),
      });
      this.sweeps.set(key, sweep);
      this.reported(key, sweep, report);
    }
  }

  private reported(key: string, sweep: VenueSweep, report: VenueCancelReport): void {
    // A loop stopped by a release (or one not registered yet) writes nothing into the current report.
    if (this.sweeps.get(key) !== sweep) return;
    const venues = this.current.venues.slice();
    const index = venues.findIndex((v) => keyOf(v) === key);
    const before = index >= 0 ? venues[index] : undefined;
    if (index >= 0) venues[index] = report;
    else venues.push(report);
    this.current = { ...this.current, venues, sweeping: venues.some((v) => v.status === 'cancelling' || v.status === 'waiting') };
    if (report.status !== 'cancelling' && before?.status !== report.status) this.noteOutcome(key, report);
    // Kept with the switch, so that a window opened after a restart still shows what was cancelled where.
    if (report.status !== 'cancelling') this.persist();
    this.changed();
  }

  /** The risk log gets each venue's result once: when it is done, and when the quick retries were not enough. */
  private noteOutcome(key: string, report: VenueCancelReport): void {
    const episode = this.episodes.get(key) ?? { startedAt: report.attempts, waitingLogged: false };
    if (report.status === 'done') {
      if (report.attempts > 0) this.log({ kind: 'kill-switch-report', venue: report.venue, message: describeReport(report) });
      this.episodes.set(key, { startedAt: report.attempts, waitingLogged: false });
      return;
    }
    if (report.status === 'waiting' && !episode.waitingLogged && report.attempts - episode.startedAt > this.timing.quickDelaysMs.length) {
      this.log({ kind: 'kill-switch-report', venue: report.venue, message: describeReport(report) });
      this.episodes.set(key, { ...episode, waitingLogged: true });
    }
  }

  private stopSweeps(): void {
    for (const [key, sweep] of this.sweeps) {
      sweep.stop();
      const finished = sweep.finished.catch(() => undefined);
      this.finishing.set(key, finished);
      void finished.then(() => {
        if (this.finishing.get(key) === finished) this.finishing.delete(key);
      });
    }
    this.sweeps.clear();
  }

  private persist(): void {
    const { engaged, reason, engagedAt, venues } = this.current;
    if (engaged) this.options.repository.saveKillSwitch({ engaged, reason, engagedAt, venues });
  }

  private changed(): void {
    this.options.onChange(this.state());
  }

  private log(entry: NewLogEntry): void {
    this.options.repository.log(entry);
  }
}

/** "10 orders still open", "1 order still open"; before the venue could list them, says so. */
export function stillOpenWords(report: VenueCancelReport): string {
  const count = report.stillOpen ?? (report.outstanding.length > 0 ? report.outstanding.length : undefined);
  if (count === undefined) return 'its open orders could not be listed yet';
  return `${count} order${count === 1 ? '' : 's'} still open`;
}

/**
 * "Gate.io (live): 34 cancelled, 1 of them after a retry; nothing left open." or, while the venue cannot be swept
 * clean, "Binance (live): 0 cancelled; waiting for Binance — 10 orders still open after 4 attempts (…)".
 */
export function describeReport(report: VenueCancelReport): string {
  const retried = report.cancelled.filter((c) => c.attempt > 1).length;
  const name = `${venueName(report.venue)} (${report.mode})`;
  const cancelled = `${report.cancelled.length} cancelled${retried > 0 ? `, ${retried} of them after a retry` : ''}`;
  if (report.status === 'done') return `${name}: ${cancelled}; nothing left open.`;
  const last = report.failures.at(-1)?.error.message ?? 'the venue still lists them';
  if (report.status === 'failed') {
    return `${name}: ${cancelled}; ${report.outstanding.length} still open after ${report.attempts} attempts (${last}). Cancel them on the venue.`;
  }
  return `${name}: ${cancelled}; waiting for ${venueName(report.venue)} — ${stillOpenWords(report)} after ${report.attempts} attempts (${last}). Trying again until none is left.`;
}
