// The one clock tests move by hand: timers fire in order as `advance` passes them. It is both the resilience `Clock`
// (setTimer, awaited `advance` that lets promise chains run between timers) and the streaming `FrameClock`
// (setTimeout/clearTimeout, synchronous `advanceNow` for frame-timed code such as coalescing).
import type { Clock } from '../clock';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

export class ManualClock implements Clock {
  private timers: Timer[] = [];
  private seq = 0;

  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, ms: number): () => void {
    const timer: Timer = { at: this.current + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** The FrameClock face of `setTimer`: the handle is the cancel function. */
  setTimeout(run: () => void, ms: number): unknown {
    return this.setTimer(run, ms);
  }

  clearTimeout(handle: unknown): void {
    (handle as () => void)();
  }

  /** Moves time forward by `ms` synchronously, for code that sets no timers (pure budget arithmetic). */
  tick(ms: number): void {
    this.current += ms;
  }

  /** Moves time forward by `ms`, firing due timers in order synchronously (for code with no promise chains). */
  advanceNow(ms: number): void {
    const end = this.current + ms;
    for (let due = this.nextDue(end); due; due = this.nextDue(end)) {
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = end;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting their promise chains run in between. */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      await flush();
      const due = this.nextDue(end);
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = end;
    await flush();
  }

  get pending(): number {
    return this.timers.length;
  }

  private nextDue(end: number): Timer | undefined {
    return this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
