// Bounded concurrency per resource class, so that a flood of one kind of call (a chart backfilling candles, an alert
// storm sending email) cannot starve the others or pile up without bound. Own code rather than cockatiel's
// BulkheadPolicy because that one has no queue timeout: a queued call whose caller gave up still waits its turn
// and then runs.
import { AppError } from '../../src-shared';
import { systemClock, type Clock } from './clock';
import { markLocal } from './local-errors';

export const RESOURCE_CLASSES = ['exchange', 'market-data', 'notifications'] as const;
export type ResourceClass = (typeof RESOURCE_CLASSES)[number];

const CLASS_WORDS: Record<ResourceClass, string> = {
  exchange: 'exchange requests',
  'market-data': 'market-data requests',
  notifications: 'notifications',
};

export interface BulkheadOptions {
  /** Calls running at once. */
  concurrency: number;
  /** Calls waiting for a slot; one more is refused at once. */
  queue: number;
  /** How long a call may wait for a slot before it is refused. */
  queueTimeoutMs: number;
}

export const DEFAULT_BULKHEADS: Record<ResourceClass, BulkheadOptions> = {
  exchange: { concurrency: 8, queue: 200, queueTimeoutMs: 30_000 },
  'market-data': { concurrency: 4, queue: 100, queueTimeoutMs: 15_000 },
  notifications: { concurrency: 2, queue: 500, queueTimeoutMs: 60_000 },
};

/** The call was never started: the bulkhead refused it. Retryable: a slot frees up soon. */
export class BulkheadRejectedError extends AppError {
  constructor(
    readonly resource: ResourceClass,
    override readonly reason: 'queue-full' | 'queue-timeout',
    message: string,
    retryAfterMs: number,
  ) {
    super(reason === 'queue-timeout' ? 'TIMEOUT' : 'RATE_LIMITED', message, true, { retryAfterMs });
    this.name = 'BulkheadRejectedError';
  }
}

interface Waiter {
  start: () => void;
  cancelTimer: () => void;
}

export interface BulkheadSnapshot {
  resource: ResourceClass;
  active: number;
  queued: number;
  concurrency: number;
}

export class Bulkhead {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly resource: ResourceClass,
    readonly options: BulkheadOptions,
    private readonly clock: Clock = systemClock,
  ) {}

  execute<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return this.run(fn);
    }
    return this.waitForSlot().then(() => this.run(fn));
  }

  snapshot(): BulkheadSnapshot {
    return { resource: this.resource, active: this.active, queued: this.waiting.length, concurrency: this.options.concurrency };
  }

  private waitForSlot(): Promise<void> {
    const words = CLASS_WORDS[this.resource];
    if (this.waiting.length >= this.options.queue) {
      const message = `Too many ${words} are waiting (${this.options.queue}); try again in a moment.`;
      return Promise.reject(markLocal(new BulkheadRejectedError(this.resource, 'queue-full', message, 1_000)));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        // The slot is handed over by `release` without ever being freed, so no newcomer can jump the queue.
        start: () => {
          waiter.cancelTimer();
          resolve();
        },
        cancelTimer: this.clock.setTimer(() => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          const seconds = Math.round(this.options.queueTimeoutMs / 1000);
          const message = `Waited ${seconds} s for a free slot among ${words} and gave up; the request was not sent.`;
          reject(markLocal(new BulkheadRejectedError(this.resource, 'queue-timeout', message, 1_000)));
        }, this.options.queueTimeoutMs),
      };
      this.waiting.push(waiter);
    });
  }

  // then() rather than async/await: this runs on every venue call, and each async layer costs promises and ticks.
  private run<T>(fn: () => Promise<T>): Promise<T> {
    let pending: Promise<T>;
    try {
      pending = fn();
    } catch (error) {
      this.release();
      return Promise.reject(error);
    }
    return pending.then(
      (value) => {
        this.release();
        return value;
      },
      (error: unknown) => {
        this.release();
        throw error;
      },
    );
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.active--;
  }
}
