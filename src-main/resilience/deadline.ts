// Per-attempt deadlines. Not cockatiel's TimeoutPolicy: measured here at ~12 µs per call (an AbortController and
// its event plumbing per call), more than the 10 µs budget of the whole stack, and the port's methods take no
// abort signal that would make that plumbing useful. Not a setTimeout per call either (~1.5 µs to arm and clear):
// every call of a queue has the same timeout, so deadlines arrive in order, and one timer armed for the oldest
// pending deadline serves them all. The call itself is not stopped (it cannot be): its late answer is dropped.
import type { Clock } from './clock';

interface Pending {
  deadline: number;
  settled: boolean;
  expire: () => void;
}

export class DeadlineQueue {
  private queue: Pending[] = [];
  private head = 0;
  private armed = false;

  constructor(
    readonly timeoutMs: number,
    private readonly clock: Clock,
  ) {}

  run<T>(fn: () => Promise<T>, onTimeout: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = {
        deadline: this.clock.now() + this.timeoutMs,
        settled: false,
        expire: () => reject(onTimeout()),
      };
      this.queue.push(entry);
      if (!this.armed) this.arm(this.timeoutMs);
      const settle = () => {
        entry.settled = true;
        this.dropSettled();
      };
      fn().then(
        (value) => {
          if (entry.settled) return;
          settle();
          resolve(value);
        },
        (error: unknown) => {
          if (entry.settled) return;
          settle();
          reject(error);
        },
      );
    });
  }

  private arm(ms: number): void {
    this.armed = true;
    // In the background: the calls themselves keep the process alive while they run; this timer outlives them.
    this.clock.setTimer(() => this.fire(), Math.max(0, ms), true);
  }

  private fire(): void {
    this.armed = false;
    const now = this.clock.now();
    for (let next = this.queue[this.head]; next && (next.settled || next.deadline <= now); next = this.queue[this.head]) {
      this.head++;
      if (!next.settled) {
        next.settled = true;
        next.expire();
      }
    }
    this.compact();
    const oldest = this.queue[this.head];
    if (oldest) this.arm(oldest.deadline - now);
  }

  /** Answered calls at the front leave at once, so the queue holds about as many entries as calls in flight. */
  private dropSettled(): void {
    while (this.queue[this.head]?.settled) this.head++;
    this.compact();
  }

  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 64 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
