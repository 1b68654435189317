// Quiet hours: a daily window in the trader's own time zone. Desktop and SMS notifications are held back during it
// (they interrupt: a pop-up, a phone buzzing at night); email still goes, since it waits in the inbox. A risk limit
// exceeded is never held back on any channel: money is at stake and the trader must be able to act.
import { AppError, type DeliveryChannel, type NotificationType, type QuietHours } from '../../src-shared';

const HELD_BACK: ReadonlySet<DeliveryChannel> = new Set(['desktop', 'sms']);

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since local midnight in `timeZone`. */
export function localMinutes(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new AppError('INVALID_REQUEST', `quietHours.timeZone: '${timeZone}' is not a known time zone (e.g. Europe/Paris)`);
  }
}

export function inQuietHours(quiet: QuietHours, at: number): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const now = localMinutes(at, quiet.timeZone);
  // A window such as 22:00–07:00 spans midnight.
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** Whether quiet hours hold this notification back on this channel now. */
export function heldBackByQuietHours(quiet: QuietHours, type: NotificationType | 'test', channel: DeliveryChannel, at: number): boolean {
  if (type === 'risk-limit' || type === 'test' || !HELD_BACK.has(channel)) return false;
  return inQuietHours(quiet, at);
}
