// One limit of a venue as a sliding log of spent cost. A sliding window is stricter than the fixed, clock-aligned
// windows most venues count in (Binance resets REQUEST_WEIGHT each minute): every fixed window is also one of the
// sliding ones, so staying under the limit here stays under it there, whatever the venue's alignment.
import type { RateWindowSpec } from '../exchanges';

export class SlidingWindow {
  // Completed calls as parallel arrays (time, cost) used as a queue: `head` is the oldest live entry. Entries are
  // appended in time order because the clock only moves forward, so expiry only ever removes from the head.
  private times: number[] = [];
  private costs: number[] = [];
  private head = 0;
  private logged = 0;
  /** Cost of calls sent but not answered yet: they count until they complete, and for a full interval after. */
  private inFlight = 0;
  readonly limit: number;
  readonly effectiveLimit: number;

  constructor(
    readonly spec: RateWindowSpec,
    safetyMargin: number,
  ) {
    this.limit = spec.limit;
    this.effectiveLimit = Math.max(1, Math.floor(spec.limit * (1 - safetyMargin)));
  }

  used(now: number): number {
    this.expire(now);
    return this.logged + this.inFlight;
  }

  /** 0 when `cost` fits now; otherwise ms until enough completed calls expire; Infinity while in-flight calls block. */
  waitFor(cost: number, now: number): number {
    if (cost <= 0) return 0;
    this.expire(now);
    // A call dearer than the margin allows may still go alone into an empty window, or it could never be sent.
    const cap = cost > this.effectiveLimit ? this.limit : this.effectiveLimit;
    let excess = this.logged + this.inFlight + cost - cap;
    if (excess <= 0) return 0;
    for (let i = this.head; i < this.times.length; i++) {
      excess -= this.costs[i] ?? 0;
      if (excess <= 0) return (this.times[i] ?? now) + this.spec.intervalMs - now;
    }
    return Infinity;
  }

  reserve(cost: number): void {
    this.inFlight += cost;
  }

  /**
   * The call answered: its cost moves to the log stamped now, not at send time. The venue saw it somewhere between
   * the two, so counting it until now + interval is never shorter than the venue counts it.
   */
  complete(cost: number, now: number): void {
    this.inFlight = Math.max(0, this.inFlight - cost);
    this.add(cost, now);
  }

  add(cost: number, now: number): void {
    if (cost <= 0) return;
    this.expire(now);
    this.logged += cost;
    // Calls answered in the same millisecond share one entry: the log never holds more than one entry per ms of
    // the interval, however many calls a burst makes.
    const last = this.times.length - 1;
    if (last >= this.head && this.times[last] === now) {
      this.costs[last] = (this.costs[last] ?? 0) + cost;
      return;
    }
    this.times.push(now);
    this.costs.push(cost);
  }

  private expire(now: number): void {
    const cutoff = now - this.spec.intervalMs;
    while (this.head < this.times.length && (this.times[this.head] ?? Infinity) <= cutoff) {
      this.logged -= this.costs[this.head] ?? 0;
      this.head++;
    }
    // Compact once the dead prefix dominates, so memory stays proportional to the calls of one interval.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.costs = this.costs.slice(this.head);
      this.head = 0;
    }
  }
}
