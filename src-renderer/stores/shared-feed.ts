// Event listeners shared by every view that needs them: started by the first view that attaches, stopped when the
// last one detaches, so that two panels showing the same store do not each subscribe (and each reload).

/**
 * `start` subscribes and returns what unsubscribes. The returned `attach` gives each view its own detach, which is
 * safe to call twice (React's strict effects do).
 */
export function sharedFeed<Args extends unknown[]>(start: (...args: Args) => () => void): (...args: Args) => () => void {
  let users = 0;
  let stop: (() => void) | undefined;
  return (...args) => {
    if (users++ === 0) stop = start(...args);
    let detached = false;
    return () => {
      if (detached) return;
      detached = true;
      if (--users === 0) {
        stop?.();
        stop = undefined;
      }
    };
  };
}
