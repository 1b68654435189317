// Per-row state in the screens' stores (which row has an action in flight, which row's last action failed): a record
// by row id, replaced rather than mutated so that zustand subscribers see the change.

/** A copy of `record` with `id` set to `value`, or without `id` when `value` is undefined. */
export function withEntry<Value>(record: Readonly<Record<string, Value>>, id: string, value: Value | undefined): Record<string, Value> {
  const next = { ...record };
  if (value === undefined) delete next[id];
  else next[id] = value;
  return next;
}

/** Marks a row busy with `what` while `run` is in flight, whatever its outcome. */
export function busyWhile<Busy>(
  mark: (id: string, what: Busy | undefined) => void,
): <T>(id: string, what: Busy, run: () => Promise<T>) => Promise<T> {
  return async (id, what, run) => {
    mark(id, what);
    try {
      return await run();
    } finally {
      mark(id, undefined);
    }
  };
}
