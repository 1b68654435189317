import { afterEach, describe, expect, it } from 'vitest';
import { AppError, type QuietHours } from '../../src-shared';
import { inQuietHours, localMinutes } from './quiet-hours';
import { startHarness, type Harness } from './testing/harness';
import { sampleAlert, sampleRisk } from './testing/samples';

const night: QuietHours = { enabled: true, start: '22:00', end: '07:00', timeZone: 'Asia/Tokyo' };
/** 2026-01-15 at hh:mm in Tokyo (UTC+9, no daylight saving). */
const tokyo = (hh: number, mm = 0) => Date.UTC(2026, 0, 15, hh - 9, mm);

describe('quiet hours', () => {
  it("reads the time in the trader's time zone, and a window that spans midnight", () => {
    expect(localMinutes(tokyo(23, 15), 'Asia/Tokyo')).toBe(23 * 60 + 15);
    expect(inQuietHours(night, tokyo(21, 59))).toBe(false);
    expect(inQuietHours(night, tokyo(22, 0))).toBe(true);
    expect(inQuietHours(night, tokyo(3))).toBe(true);
    expect(inQuietHours(night, tokyo(6, 59))).toBe(true);
    expect(inQuietHours(night, tokyo(7, 0))).toBe(false);
    expect(inQuietHours({ ...night, enabled: false }, tokyo(3))).toBe(false);
    const lunch = { ...night, start: '12:00', end: '13:30' };
    expect(inQuietHours(lunch, tokyo(12, 45))).toBe(true);
    expect(inQuietHours(lunch, tokyo(13, 30))).toBe(false);
  });

  describe('in the service', () => {
    let harness: Harness;
    afterEach(() => harness.close());

    it('holds back desktop during quiet hours but never a risk limit', async () => {
      let now = tokyo(23);
      harness = startHarness({ clock: { now: () => now, setTimer: (cb, ms) => { const t = setTimeout(cb, ms); return () => clearTimeout(t); } } });
      await harness.service.update({ quietHours: night });
      const [alert] = await harness.service.notify('price-alert', sampleAlert());
      expect(alert).toMatchObject({ channel: 'desktop', outcome: 'quiet-hours', detail: 'held back: quiet hours 22:00–07:00 (Asia/Tokyo)' });
      const [risk] = await harness.service.notify('risk-limit', sampleRisk());
      expect(risk).toMatchObject({ channel: 'desktop', outcome: 'sent' });
      now = tokyo(8);
      const [later] = await harness.service.notify('price-alert', sampleAlert({ price: 66_000 }));
      expect(later).toMatchObject({ outcome: 'sent' });
      expect(harness.shown.map((n) => n.type)).toEqual(['risk-limit', 'price-alert']);
    });

    it('refuses an unknown time zone with a clear error and keeps the settings it had', async () => {
      harness = startHarness();
      const before = await harness.service.settings();
      await expect(harness.service.update({ quietHours: { ...night, timeZone: 'Mars/Olympus' } })).rejects.toThrow(
        new AppError('INVALID_REQUEST', "quietHours.timeZone: 'Mars/Olympus' is not a known time zone (e.g. Europe/Paris)"),
      );
      expect(await harness.service.settings()).toEqual(before);
    });
  });
});
