// Long history is loaded page by page over `market:candles` with `before`, newest first: the newest page is drawn
// at once and older pages are prepended as they arrive, with progress the chart shows as a bar.
import type { Candle } from '../../../src-shared';

export interface HistoryProgress {
  loaded: number;
  target: number;
}

export interface PagerOptions {
  fetchPage: (before: number | undefined, limit: number) => Promise<Candle[]>;
  /** Bars wanted in all. */
  target: number;
  pageSize: number;
  /** Called with each page, oldest-first within the page, and the progress so far. */
  onPage: (page: Candle[], progress: HistoryProgress) => void;
  /** True once the result is no longer wanted (a new symbol was chosen): stops before the next request. */
  cancelled: () => boolean;
  /** Continue from here (the oldest bar already held); from the newest bar when absent. */
  before?: number;
}

/** Loads until `target` bars or the start of the venue's history; resolves with the number loaded. */
export async function loadHistory(options: PagerOptions): Promise<number> {
  let loaded = 0;
  let before = options.before;
  while (loaded < options.target && !options.cancelled()) {
    const limit = Math.min(options.pageSize, options.target - loaded);
    const page = await options.fetchPage(before, limit);
    if (options.cancelled()) break;
    const older = before === undefined ? page : page.filter((c) => c.time < before!);
    if (older.length === 0) break; // the venue has nothing older
    loaded += older.length;
    before = older[0]!.time;
    const done = older.length < limit;
    options.onPage(older, { loaded, target: done ? loaded : options.target });
    if (done) break;
  }
  return loaded;
}

/** Merges bars into a sorted, de-duplicated array; a later bar with the same time wins. */
export function mergeBars(into: Candle[], bars: readonly Candle[]): Candle[] {
  // The common cases, one run of bars wholly before the other (an older page and what is held), need no map and
  // no sort of everything held, which paging a long history would otherwise pay on every page.
  if (bars.length === 0) return into;
  if (into.length > 0 && bars.at(-1)!.time < into[0]!.time) return [...bars, ...into];
  if (into.length > 0 && into.at(-1)!.time < bars[0]!.time) return [...into, ...bars];
  const byTime = new Map<number, Candle>();
  for (const bar of into) byTime.set(bar.time, bar);
  for (const bar of bars) byTime.set(bar.time, bar);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** The index of the first bar at or after `time` in bars sorted by time (bars.length when none is). */
export function firstIndexAtOrAfter(bars: readonly Candle[], time: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid]!.time < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
