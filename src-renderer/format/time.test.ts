import { afterEach, describe, expect, it } from 'vitest';
import { clockTime, isoDateTime, sameDay, setTimeZone, timeParts } from './time';

// 2026-03-01 23:30:05 UTC
const AT = Date.UTC(2026, 2, 1, 23, 30, 5);

afterEach(() => setTimeZone('local'));

describe('times in the chosen zone', () => {
  it('gives UTC fields and strings when UTC is chosen', () => {
    setTimeZone('utc');
    expect(timeParts(AT)).toEqual({ year: 2026, month: 3, day: 1, hours: 23, minutes: 30, seconds: 5 });
    expect(clockTime(AT)).toBe('23:30:05');
    expect(clockTime(AT, false)).toBe('23:30');
    expect(isoDateTime(AT)).toBe('2026-03-01 23:30:05');
    expect(sameDay(AT, AT + 30 * 60_000)).toBe(false); // past midnight UTC
  });

  it('follows the local zone by default', () => {
    const local = new Date(AT);
    expect(timeParts(AT).hours).toBe(local.getHours());
    expect(clockTime(AT).slice(0, 2)).toBe(String(local.getHours()).padStart(2, '0'));
  });
});
