// Notices a stream that has gone quiet: one timer per stream, re-armed for the remaining quiet time rather than
// reset at every message (a busy feed would otherwise clear and set a timer hundreds of times a second).
export class SilenceWatch {
  private lastHeardAt: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;

  /** `onSilent` is called after `afterMs` without a message, then again after each further `afterMs`. */
  constructor(
    private readonly afterMs: number,
    private readonly onSilent: (quietMs: number) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.lastHeardAt = now();
    this.arm(afterMs);
  }

  heard(): void {
    this.lastHeardAt = this.now();
  }

  stop(): void {
    this.ended = true;
    clearTimeout(this.timer);
  }

  private arm(delay: number): void {
    this.timer = setTimeout(() => {
      if (this.ended) return;
      const quiet = this.now() - this.lastHeardAt;
      if (quiet < this.afterMs) return this.arm(this.afterMs - quiet);
      this.onSilent(quiet);
      if (!this.ended) this.arm(this.afterMs);
    }, Math.max(1, delay));
    this.timer.unref?.();
  }
}
