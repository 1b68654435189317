// Notices that the machine slept: a timer set for `everyMs` that fires much later than that means the process was
// frozen meanwhile (a laptop lid closed, a VM paused). Sockets may have died unseen and venues may have come back, so
// whoever listens reconnects and probes at once instead of waiting for the next slow probe. The Electron shell also
// has the OS's own word (powerMonitor `resume`); the headless host has only this.
import { systemClock, type Clock } from './clock';

export interface WakeWatchOptions {
  clock?: Clock;
  /** How often the wall clock is compared with the timer. */
  everyMs?: number;
  /** A timer this much later than due counts as a sleep (a busy event loop is late by far less). */
  toleranceMs?: number;
}

export class WakeWatch {
  private cancel: (() => void) | undefined;
  private readonly clock: Clock;
  private readonly everyMs: number;
  private readonly toleranceMs: number;

  constructor(
    private readonly onWake: (sleptMs: number) => void,
    options: WakeWatchOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.everyMs = options.everyMs ?? 5_000;
    this.toleranceMs = options.toleranceMs ?? 10_000;
  }

  start(): void {
    if (this.cancel) return;
    this.arm(this.clock.now());
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  private arm(from: number): void {
    // Background: this watch alone must not keep a process alive that has nothing else to do.
    this.cancel = this.clock.setTimer(
      () => {
        const now = this.clock.now();
        const late = now - from - this.everyMs;
        this.arm(now);
        if (late > this.toleranceMs) {
          try {
            this.onWake(late);
          } catch (error) {
            console.error('a wake-up listener failed', error);
          }
        }
      },
      this.everyMs,
      true,
    );
  }
}
