import { describe, expect, it } from 'vitest';
import { alreadyPastWarning, checkDraft, parseDecimal, statusWords } from './alert-words';

const where = { venue: 'demo', symbol: 'BTC/USDT' } as const;

describe('alert form checks', () => {
  it('reads thousands separators and refuses what is not a positive number, per field', () => {
    expect(parseDecimal('65,000.5')).toBe(65_000.5);
    expect(checkDraft({ kind: 'above', threshold: '65,000.5', windowMinutes: '', note: ' tp ' }, where)).toEqual({
      ok: true,
      rule: { ...where, kind: 'above', threshold: 65_000.5, note: 'tp' },
    });
    expect(checkDraft({ kind: 'above', threshold: '', windowMinutes: '', note: '' }, where)).toEqual({
      ok: false,
      errors: { threshold: 'Threshold: enter a price' },
    });
    expect(checkDraft({ kind: 'below', threshold: '-3', windowMinutes: '', note: '' }, where)).toEqual({
      ok: false,
      errors: { threshold: 'Threshold: the price must be above zero' },
    });
    expect(checkDraft({ kind: 'change-pct', threshold: '2', windowMinutes: '600', note: '' }, where)).toEqual({
      ok: false,
      errors: { windowMinutes: 'Window: the window is at most 240 minutes (4 hours)' },
    });
  });

  it('warns when the line is already behind the price, and only then', () => {
    expect(alreadyPastWarning('above', 100, 101)).toMatch(/already above this line/);
    expect(alreadyPastWarning('above', 100, 99)).toBeUndefined();
    expect(alreadyPastWarning('below', 100, 99)).toMatch(/already below this line/);
    expect(alreadyPastWarning('crossing', 100, 150)).toBeUndefined();
    expect(alreadyPastWarning('above', 100, undefined)).toBeUndefined();
  });

  it('says what a waiting rule waits for', () => {
    expect(statusWords({ status: 'waiting-for-venue', detail: 'Binance is not connected', kind: 'above' })).toEqual({
      label: 'Waiting for venue',
      hint: 'Binance is not connected',
    });
    expect(statusWords({ status: 'beyond', kind: 'above' }).hint).toMatch(/comes back past the line by 0.1 % and crosses/);
    expect(statusWords({ status: 'beyond', kind: 'change-pct' }).label).toBe('Move reached');
  });
});
