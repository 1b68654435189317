// Time as a port: production uses the system clock, tests pass a manual one (or fake timers) so that nothing in a
// test depends on how fast the machine is.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Runs `callback` after `ms`; returns a function that cancels it. A `background` timer does not keep the process
   * alive on its own (housekeeping such as the deadline sweep, which outlives the calls it watched).
   */
  setTimer(callback: () => void, ms: number, background?: boolean): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, ms, background = false) {
    const timer = setTimeout(callback, ms);
    if (background) timer.unref();
    return () => clearTimeout(timer);
  },
};

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimer(resolve, ms));
}
