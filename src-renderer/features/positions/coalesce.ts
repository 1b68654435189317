// Refetching on change events without a request storm: a burst of events (a deal, then the order, then the position,
// on several accounts) becomes one request after a short wait; events during a request make one more afterwards,
// never a second request in flight.

/** Returns `request()`: asks for `run` to happen soon. At most one run is in flight and at most one waits. */
export function coalesce(run: () => Promise<void>, waitMs: number): { request(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  const schedule = (): void => {
    if (timer === undefined) timer = setTimeout(start, waitMs);
  };
  const start = (): void => {
    timer = undefined;
    running = true;
    run()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          schedule();
        }
      });
  };
  return {
    request() {
      if (running) again = true;
      else schedule();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      again = false;
    },
  };
}
