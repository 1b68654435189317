// A clock a test moves by hand for frame-timed code (coalescing): timers fire only when it says so.
import type { FrameClock } from '../frame-gate';

export function manualClock() {
  let now = 1_000;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 1;
  const clock: FrameClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      timers.set(next, { at: now + ms, run });
      return next++;
    },
    clearTimeout: (handle) => timers.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at <= now) {
        timers.delete(id);
        timer.run();
      }
    }
  };
  return { clock, advance, pending: () => timers.size };
}
