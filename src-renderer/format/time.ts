// Times on screen in the trader's chosen zone: local (the default) or UTC (UI.md). The choice is the app's, set once
// per render by App before anything below it formats a time, so pure formatters keep their simple signatures.

export type TimeZoneChoice = 'local' | 'utc';

let zone: TimeZoneChoice = 'local';

export function setTimeZone(choice: TimeZoneChoice): void {
  zone = choice;
}

export function timeZoneChoice(): TimeZoneChoice {
  return zone;
}

/** Calendar fields of an instant in the chosen zone (month 1–12). */
export interface TimeParts {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function timeParts(ms: number): TimeParts {
  const d = new Date(ms);
  return zone === 'utc'
    ? { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hours: d.getUTCHours(), minutes: d.getUTCMinutes(), seconds: d.getUTCSeconds() }
    : { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hours: d.getHours(), minutes: d.getMinutes(), seconds: d.getSeconds() };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** HH:MM:SS (24 h), or HH:MM without seconds. */
export function clockTime(ms: number, withSeconds = true): string {
  const p = timeParts(ms);
  return withSeconds ? `${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}` : `${pad(p.hours)}:${pad(p.minutes)}`;
}

/** YYYY-MM-DD HH:MM:SS: logs, where entries are compared by eye. */
export function isoDateTime(ms: number): string {
  const p = timeParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${clockTime(ms)}`;
}

import { intlLocale } from '../i18n/language';

const formats = new Map<string, Intl.DateTimeFormat>();

/** Intl formatting in the chosen zone and language (month names, date order), formatters cached per options. */
export function formatWith(ms: number, options: Intl.DateTimeFormatOptions): string {
  const locale = intlLocale();
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, zone === 'utc' ? { ...options, timeZone: 'UTC' } : options);
    formats.set(key, format);
  }
  return format.format(new Date(ms));
}

/** The same calendar day in the chosen zone. */
export function sameDay(a: number, b: number): boolean {
  const x = timeParts(a);
  const y = timeParts(b);
  return x.year === y.year && x.month === y.month && x.day === y.day;
}

/** A time of day as the language writes it (24 h in both of ours): what a hint such as "expires at" names. */
export function timeOfDay(ms: number): string {
  return formatWith(ms, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}
