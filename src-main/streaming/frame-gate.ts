// The timing half of coalescing towards a renderer: at most one push per display frame. A quiet stream's first
// update goes out at once (leading edge); updates inside the frame after a push wait for the frame's end, when one
// push carries everything merged since. What is merged, and how, is the caller's (candles, trades).

/** One display frame at 60 Hz. */
export const FRAME_MS = 16;

export interface FrameClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realFrameClock: FrameClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class FrameGate {
  private lastPushAt = -Infinity;
  private timer: unknown;
  private ended = false;

  /** `push` sends what is pending and says whether there was anything (only a real push starts a frame). */
  constructor(
    private readonly push: () => boolean,
    private readonly frameMs: number = FRAME_MS,
    private readonly clock: FrameClock = realFrameClock,
  ) {}

  /** Something is pending: pushes now if a frame has passed since the last push, else at the end of this frame. */
  request(): void {
    if (this.ended || this.timer !== undefined) return;
    const sinceLast = this.clock.now() - this.lastPushAt;
    if (sinceLast >= this.frameMs) this.flush();
    else this.timer = this.clock.setTimeout(() => this.flush(), this.frameMs - sinceLast);
  }

  /** Pushes what is pending now: before a status change, so the renderer sees them in the order they happened. */
  flush(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.ended) return;
    if (this.push()) this.lastPushAt = this.clock.now();
  }

  close(): void {
    this.ended = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
