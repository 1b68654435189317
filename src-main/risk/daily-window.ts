// When "today" began for the daily loss: the latest reset time (HH:MM, UTC) at or before a moment.
const DAY_MS = 86_400_000;

export function parseResetTime(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return (hours * 60 + minutes) * 60_000;
}

/** The start of the risk day containing `at`, in milliseconds since the epoch. */
export function dayStart(at: number, resetUtc: string): number {
  const offset = parseResetTime(resetUtc);
  const midnight = Math.floor(at / DAY_MS) * DAY_MS;
  const todayReset = midnight + offset;
  return at >= todayReset ? todayReset : todayReset - DAY_MS;
}

/** HH:MM UTC of a moment, for messages ("since the reset at 00:00 UTC"). */
export function utcClock(at: number): string {
  return new Date(at).toISOString().slice(11, 16);
}
