// Names and times in the words a trader reads: every error of this domain ends up in the UI.
export { venueName } from '../../src-shared';

/** Local wall-clock time as HH:MM, the way a trader reads "banned until 14:32". */
export function clockTime(timestamp: number): string {
  const date = new Date(timestamp);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "12 s", "3 min": rounded up, because "0 s" tells a trader nothing. */
export function duration(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.ceil(ms / 1000))} s`;
  return `${Math.ceil(ms / 60_000)} min`;
}
