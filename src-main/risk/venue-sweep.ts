// One venue's sweep of open orders that never gives up: a few quick attempts, then a slow steady pace (jittered, so
// several venues and several apps do not knock in step), and at once whenever `wake` says the venue is reachable
// again — until the venue's own list of open orders is empty. One loop per venue: an attempt is never started while
// another runs, and a wake during an attempt only shortens the wait after it.
//
// An attempt cancels everything the venue lists: "done" means the venue's own list had nothing left — every order it
// listed was cancelled, or, when something failed or the list could not be read, the venue was asked again and said
// "nothing open". An order the app never heard of (placed from another device) counts like any other.
import { AppError, errorDataOf, MAX_REPORTED_FAILURES, type CancelAllResult, type Order, type VenueCancelReport } from '../../src-shared';
import { systemClock, type Clock } from '../resilience';
import { type CancelTarget, type SweepFilter, type SweepResult } from './cancel-targets';

export interface SweepTiming {
  /** Pauses before each quick retry; their count is the number of quick retries. */
  quickDelaysMs: readonly number[];
  /** The steady pace after the quick retries. */
  slowMs: number;
  /** Share of the slow pause taken off at random (0..0.5): the pause is never longer than `slowMs`. */
  jitter: number;
  random: () => number;
  clock: Clock;
}

export const DEFAULT_QUICK_DELAYS_MS = [250, 750, 2_000];
export const DEFAULT_SLOW_MS = 15_000;
export const DEFAULT_JITTER = 0.2;

export interface SweepTimingOptions {
  quickDelaysMs?: readonly number[] | undefined;
  slowMs?: number | undefined;
  jitter?: number | undefined;
  random?: (() => number) | undefined;
  clock?: Clock | undefined;
}

export function sweepTiming(options: SweepTimingOptions = {}): SweepTiming {
  return {
    quickDelaysMs: options.quickDelaysMs ?? DEFAULT_QUICK_DELAYS_MS,
    slowMs: options.slowMs ?? DEFAULT_SLOW_MS,
    jitter: options.jitter ?? DEFAULT_JITTER,
    random: options.random ?? Math.random,
    clock: options.clock ?? systemClock,
  };
}

export interface VenueSweepOptions {
  target: CancelTarget;
  timing: SweepTiming;
  /** The report to continue (attempt numbers and cancelled orders go on from it). */
  report: VenueCancelReport;
  onReport: (report: VenueCancelReport) => void;
  filter?: SweepFilter;
  /**
   * Once done, keep looking at the slow pace and sweep again when orders show up (the kill switch, which stays
   * engaged: an order placed from another device afterwards goes too). Without it the loop ends when done.
   */
  guard?: boolean;
  /** A previous loop of this venue still finishing its last attempt: this one starts after it. */
  after?: Promise<void>;
}

export class VenueSweep {
  private report: VenueCancelReport;
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private resolveDone!: () => void;
  /** Resolves the first time the venue's list is empty, or when the sweep is stopped. */
  readonly done: Promise<void>;
  /** Resolves when the loop has ended (its last attempt included). */
  readonly finished: Promise<void>;

  constructor(private readonly options: VenueSweepOptions) {
    this.report = options.report;
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.finished = (options.after ?? Promise.resolve()).then(() => this.run()).finally(() => this.resolveDone());
  }

  get current(): VenueCancelReport {
    return this.report;
  }

  /** The venue is reachable again (or the trader pressed again): the next attempt starts now. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Ends the loop; an attempt in flight finishes but changes nothing more. */
  stop(): void {
    this.stopped = true;
    this.wakeUp?.();
    this.resolveDone();
  }

  private async run(): Promise<void> {
    let streak = 0;
    while (!this.stopped) {
      streak += 1;
      const outcome = await this.attempt();
      if (this.stopped) return;
      if (outcome.openCount === 0) {
        this.update({ status: 'done', finishedAt: this.options.timing.clock.now(), stillOpen: 0, nextAttemptAt: undefined });
        this.resolveDone();
        if (!this.options.guard) return;
        if (!(await this.guard())) return;
        streak = 0;
        continue;
      }
      const delay = this.delayAfter(streak, outcome.retryAfterMs);
      this.update({ status: 'waiting', nextAttemptAt: this.options.timing.clock.now() + delay });
      await this.pause(delay);
    }
  }

  /** Done and guarding: looks at the slow pace until orders show up (true) or the sweep stops (false). */
  private async guard(): Promise<boolean> {
    while (!this.stopped) {
      await this.pause(this.slowDelay());
      if (this.stopped) return false;
      try {
        if ((await this.options.target.listOpen(this.options.filter)).length > 0) return !this.stopped;
      } catch {
        // Nothing is known to be open; the next look will tell.
      }
    }
    return false;
  }

  private async attempt(): Promise<{ openCount: number | undefined; retryAfterMs: number | undefined }> {
    const attempt = this.report.attempts + 1;
    const { target, filter } = this.options;
    this.update({ status: 'cancelling', attempts: attempt, nextAttemptAt: undefined });
    let result: SweepResult | undefined;
    let retryAfterMs: number | undefined;
    const noteWait = (ms: number | undefined) => {
      if (ms !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, ms);
    };
    try {
      result = await target.cancelAll(filter);
      if (this.stopped) return { openCount: undefined, retryAfterMs };
      this.recordCancels(result, attempt);
      for (const failure of result.failed) noteWait(failure.error.retryAfterMs);
    } catch (error) {
      // The venue could not even list its orders: nothing is known to be cancelled.
      if (this.stopped) return { openCount: undefined, retryAfterMs };
      this.recordFailure({ clientOrderId: '', attempt, error: errorDataOf(error) });
      noteWait(error instanceof AppError ? error.retryAfterMs : undefined);
      return { openCount: undefined, retryAfterMs };
    }
    // The venue listed its open orders for this attempt and every one of them went: nothing it had open is left, and
    // a second list would only cost a request (MEXC allows two a second). The kill switch's guard keeps looking.
    if (result.listedOnVenue && result.failed.length === 0) {
      this.update({ outstanding: [], stillOpen: 0 });
      return { openCount: 0, retryAfterMs };
    }
    let open: Order[];
    try {
      open = await target.listOpen(filter);
    } catch (error) {
      if (this.stopped) return { openCount: undefined, retryAfterMs };
      this.recordFailure({ clientOrderId: '', attempt, error: errorDataOf(error) });
      noteWait(error instanceof AppError ? error.retryAfterMs : undefined);
      // What the venue refused to cancel is still open as far as anyone knows.
      const known = result.failed.map((f) => f.clientOrderId);
      this.update({ outstanding: known, stillOpen: Math.max(known.length, this.report.stillOpen ?? 0) });
      return { openCount: undefined, retryAfterMs };
    }
    if (this.stopped) return { openCount: undefined, retryAfterMs };
    this.update({ outstanding: open.map((o) => o.clientOrderId), stillOpen: open.length });
    return { openCount: open.length, retryAfterMs };
  }

  private recordCancels(result: CancelAllResult, attempt: number): void {
    const known = new Set(this.report.cancelled.map((c) => c.clientOrderId));
    const cancelled = result.cancelled
      .filter((o) => !known.has(o.clientOrderId))
      .map((o) => ({ clientOrderId: o.clientOrderId, symbol: o.symbol, attempt }));
    const failures = result.failed.map((f) => ({ clientOrderId: f.clientOrderId, attempt, error: f.error }));
    this.update({
      cancelled: [...this.report.cancelled, ...cancelled],
      failures: [...this.report.failures, ...failures].slice(-MAX_REPORTED_FAILURES),
      outstanding: result.failed.map((f) => f.clientOrderId),
    });
  }

  private recordFailure(failure: VenueCancelReport['failures'][number]): void {
    this.update({ failures: [...this.report.failures, failure].slice(-MAX_REPORTED_FAILURES) });
  }

  /**
   * Quick retries first; then the slow pace, or sooner when the venue said when to come back (an open circuit's
   * trial call, a rate limit's Retry-After) — a venue's "come back in 40 s" is still tried at the slow pace, where the
   * app's own breaker and budget refuse it without a request.
   */
  private delayAfter(streak: number, retryAfterMs: number | undefined): number {
    const quick = this.options.timing.quickDelaysMs;
    if (streak <= quick.length) return quick[streak - 1]!;
    const slow = this.slowDelay();
    if (retryAfterMs === undefined) return slow;
    return Math.min(slow, Math.max(retryAfterMs, quick[0] ?? 250));
  }

  private slowDelay(): number {
    const { slowMs, jitter, random } = this.options.timing;
    return Math.round(slowMs * (1 - Math.min(0.5, Math.max(0, jitter)) * random()));
  }

  /** Waits `ms`, or less when woken or stopped; a wake that came during the attempt skips the wait. */
  private pause(ms: number): Promise<void> {
    if (this.woken || this.stopped) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const cancel = this.options.timing.clock.setTimer(() => finish(), ms, true);
      const finish = () => {
        cancel();
        this.wakeUp = undefined;
        this.woken = false;
        resolve();
      };
      this.wakeUp = finish;
    });
  }

  private update(change: Partial<VenueCancelReport>): void {
    if (this.stopped) return;
    const next = { ...this.report, ...change };
    for (const key of Object.keys(change) as (keyof VenueCancelReport)[]) {
      if (change[key] === undefined) delete next[key];
    }
    this.report = next;
    this.options.onReport(next);
  }
}
