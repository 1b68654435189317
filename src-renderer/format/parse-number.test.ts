// Typed numbers in each language's convention: the same quantity typed the vi way and the en way reads the same, and
// what could be read two ways is refused with what to type instead, never guessed.
import { describe, expect, it } from 'vitest';
import { parseDecimal } from './parse-number';

const value = (text: string, language: 'en' | 'vi') => {
  const parsed = parseDecimal(text, language);
  return parsed.ok ? parsed.value : parsed.reason;
};

describe('parseDecimal', () => {
  it('reads 1.000,5 in Vietnamese and 1,000.5 in English as 1000.5', () => {
    expect(parseDecimal('1.000,5', 'vi')).toEqual({ ok: true, value: 1000.5 });
    expect(parseDecimal('1,000.5', 'en')).toEqual({ ok: true, value: 1000.5 });
  });

  it('reads decimals typed with the language’s own mark', () => {
    expect(value('0,5', 'vi')).toBe(0.5);
    expect(value('0.5', 'en')).toBe(0.5);
    expect(value(',25', 'vi')).toBe(0.25);
    expect(value('12', 'vi')).toBe(12);
    expect(value(' 65 000,5 ', 'vi')).toBe(65000.5);
    expect(value('1.234.567,89', 'vi')).toBe(1234567.89);
    expect(value('1,234,567.89', 'en')).toBe(1234567.89);
    expect(value('-2,5', 'vi')).toBe(-2.5);
  });

  it('never reads 1.000 as either a thousand or one in Vietnamese: it asks', () => {
    expect(parseDecimal('1.000', 'vi')).toEqual({ ok: false, reason: 'ambiguous', asThousands: '1000', asDecimal: '1,000' });
    expect(parseDecimal('12.345', 'vi')).toMatchObject({ ok: false, reason: 'ambiguous' });
    // A comma is a thousands mark to anyone typing in English.
    expect(parseDecimal('1,000', 'en')).toEqual({ ok: true, value: 1000 });
  });

  it('refuses the other language’s decimal mark and says what to type', () => {
    expect(parseDecimal('0.5', 'vi')).toEqual({ ok: false, reason: 'wrongDecimalMark', suggestion: '0,5' });
    expect(parseDecimal('0,5', 'en')).toEqual({ ok: false, reason: 'wrongDecimalMark', suggestion: '0.5' });
    expect(parseDecimal('.5', 'vi')).toEqual({ ok: false, reason: 'wrongDecimalMark', suggestion: '0,5' });
  });

  it('refuses misplaced separators, two decimal marks, letters and nothing', () => {
    expect(value('1.00.000', 'vi')).toBe('badGrouping');
    expect(value('10.00,5', 'vi')).toBe('badGrouping');
    expect(value('1,5,5', 'vi')).toBe('notANumber');
    expect(value('1e5', 'en')).toBe('notANumber');
    expect(value('abc', 'en')).toBe('notANumber');
    expect(value('   ', 'en')).toBe('empty');
    expect(value(',', 'vi')).toBe('notANumber');
    expect(value('1'.repeat(100), 'en')).toBe('notANumber');
  });
});
