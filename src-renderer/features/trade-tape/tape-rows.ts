// The rows of a time & sales list: newest first, at most `max`.
import type { PublicTrade } from '../../../src-shared';
import { clockTime } from '../../format/time';

export const TAPE_ROWS = 40;

/** `trades` arrive oldest first; the list shows the newest on top. */
export function addToTape(rows: readonly PublicTrade[], trades: readonly PublicTrade[], max: number = TAPE_ROWS): PublicTrade[] {
  const newest = trades.slice(-max).reverse();
  return [...newest, ...rows].slice(0, max);
}

/** HH:MM:SS in the chosen time zone: a tape reads by the second. */
export function tapeTime(timestamp: number): string {
  return clockTime(timestamp);
}
