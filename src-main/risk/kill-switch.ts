// The kill switch: engaging it blocks every new order at once (persisted before anything else, so a crash right
// after still leaves it engaged) and sweeps every connected venue in parallel, cancelling all open orders and
// retrying what failed. It stays engaged, across restarts, until the trader releases it.
import { AppError, venueName, type KillSwitchState, type VenueCancelReport } from '../../src-shared';
import { errorData, type CancelTarget } from './cancel-targets';
import type { NewLogEntry, RiskRepository } from './risk-repository';

export interface KillSwitchOptions {
  repository: RiskRepository;
  /** The venues connected now, each with a way to cancel all its orders. */
  targets: () => CancelTarget[];
  /** Every change, for the bus (and so every window). */
  onChange: (state: KillSwitchState) => void;
  /** Pauses before each retry of a venue's failures; their count is the number of retries. */
  retryDelaysMs?: readonly number[];
  now?: () => number;
}

const DEFAULT_RETRY_DELAYS_MS = [250, 750, 2_000];

export class KillSwitch {
  private current: KillSwitchState;
  private sweep: Promise<KillSwitchState>;
  /** Counts sweeps: a sweep overtaken by a newer one (released and engaged again meanwhile) stops reporting. */
  private generation = 0;
  private readonly now: () => number;
  private readonly retryDelaysMs: readonly number[];

  constructor(private readonly options: KillSwitchOptions) {
    this.now = options.now ?? Date.now;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const stored = options.repository.killSwitch();
    this.current = { ...stored, venues: stored.venues ?? [], sweeping: false };
    this.sweep = Promise.resolve(this.state());
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
    throw new AppError('RISK_LIMIT', `The kill switch is engaged${since}${why}: no new orders until it is released in the top bar.`);
  }

  /**
   * Engages (or, when engaged already, sweeps again) and returns at once; `whenSwept` resolves when every venue
   * has answered. The order of the steps matters: persist, then tell every window, then cancel.
   */
  engage(reason = 'engaged by the trader'): KillSwitchState {
    if (!this.current.engaged) {
      const engagedAt = this.now();
      this.options.repository.saveKillSwitch({ engaged: true, reason, engagedAt });
      this.current = { engaged: true, reason, engagedAt, venues: [], sweeping: false };
      this.log({ kind: 'kill-switch-engaged', message: `Kill switch engaged: ${reason}` });
    } else if (this.current.sweeping) {
      // Pressed again (or the shortcut held down) while the sweep runs: that sweep already covers every venue.
      return this.state();
    } else {
      this.log({ kind: 'kill-switch-engaged', message: `Kill switch pressed again while engaged (${reason}): sweeping open orders again` });
    }
    const targets = this.options.targets();
    const generation = ++this.generation;
    this.current = {
      ...this.current,
      sweeping: targets.length > 0,
      venues: targets.map((t) => ({ venue: t.venue, mode: t.mode, status: 'cancelling', cancelled: [], failures: [], outstanding: [], attempts: 0 })),
    };
    this.changed();
    this.sweep = Promise.all(targets.map((target, index) => this.sweepVenue(target, index, generation))).then(() => {
      if (generation !== this.generation) return this.state();
      this.current = { ...this.current, sweeping: false };
      // Kept with the switch, so that a window opened after a restart still shows what was cancelled where.
      const { engaged, reason, engagedAt, venues } = this.current;
      if (engaged) this.options.repository.saveKillSwitch({ engaged, reason, engagedAt, venues });
      this.changed();
      return this.state();
    });
    return this.state();
  }

  whenSwept(): Promise<KillSwitchState> {
    return this.sweep;
  }

  release(): KillSwitchState {
    if (this.current.engaged) {
      this.options.repository.saveKillSwitch({ engaged: false });
      this.log({ kind: 'kill-switch-released', message: 'Kill switch released: orders are accepted again' });
    }
    this.current = { engaged: false, venues: this.current.venues, sweeping: this.current.sweeping };
    this.changed();
    return this.state();
  }

  private async sweepVenue(target: CancelTarget, index: number, generation: number): Promise<void> {
    let own = this.current.venues[index]!;
    const report = (): VenueCancelReport => own;
    const update = (change: Partial<VenueCancelReport>): void => {
      own = { ...own, ...change };
      if (generation !== this.generation) return;
      const venues = this.current.venues.slice();
      venues[index] = own;
      this.current = { ...this.current, venues };
      this.changed();
    };
    for (let attempt = 1; attempt <= this.retryDelaysMs.length + 1; attempt++) {
      if (attempt > 1) await sleep(this.retryDelaysMs[attempt - 2]!);
      try {
        const result = await target.cancelAll();
        const known = new Set(report().cancelled.map((c) => c.clientOrderId));
        const cancelled = result.cancelled
          .filter((o) => !known.has(o.clientOrderId))
          .map((o) => ({ clientOrderId: o.clientOrderId, symbol: o.symbol, attempt }));
        const failures = result.failed.map((f) => ({ clientOrderId: f.clientOrderId, attempt, error: f.error }));
        update({
          attempts: attempt,
          cancelled: [...report().cancelled, ...cancelled],
          failures: [...report().failures, ...failures],
          outstanding: result.failed.map((f) => f.clientOrderId),
        });
        if (result.failed.length === 0) break;
      } catch (error) {
        // The venue could not even list its orders: nothing is known to be cancelled, so try again.
        update({ attempts: attempt, failures: [...report().failures, { clientOrderId: '', attempt, error: errorData(error) }], outstanding: ['(open orders could not be listed)'] });
      }
    }
    const done = report().outstanding.length === 0;
    update({ status: done ? 'done' : 'failed', finishedAt: this.now() });
    this.log({ kind: 'kill-switch-report', venue: target.venue, message: describeReport(report()) });
  }

  private changed(): void {
    this.options.onChange(this.state());
  }

  private log(entry: NewLogEntry): void {
    this.options.repository.log(entry);
  }
}

/** "Gate.io (live): 34 cancelled, 1 of them after a retry; nothing left open." */
export function describeReport(report: VenueCancelReport): string {
  const retried = report.cancelled.filter((c) => c.attempt > 1).length;
  const name = `${venueName(report.venue)} (${report.mode})`;
  const cancelled = `${report.cancelled.length} cancelled${retried > 0 ? `, ${retried} of them after a retry` : ''}`;
  if (report.outstanding.length === 0) return `${name}: ${cancelled}; nothing left open.`;
  const last = report.failures.at(-1)?.error.message ?? 'unknown error';
  return `${name}: ${cancelled}; ${report.outstanding.length} still open after ${report.attempts} attempts (${last}). Cancel them on the venue.`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
