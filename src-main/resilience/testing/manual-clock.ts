// A clock that moves only when a test says so: timers fire in order as `advance` passes them.
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

  /** Moves time forward by `ms` synchronously, for code that sets no timers (pure budget arithmetic). */
  tick(ms: number): void {
    this.current += ms;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting their promise chains run in between. */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      await flush();
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
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
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
