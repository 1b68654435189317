import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { direction, formatMoney, formatPercent, formatPrice, formatVolume } from './numbers';

describe('number formatting', () => {
  it('shows prices with the market precision, separators and no float noise', () => {
    expect(formatPrice(0.1 + 0.2, 2)).toBe('0.30');
    expect(formatPrice(64_123.456, 2)).toBe('64,123.46');
    expect(formatPrice(145.1, 3)).toBe('145.100');
  });

  it('never shows NaN or undefined', () => {
    expect(formatPrice(Number.NaN, 2)).toBe('—');
    expect(formatPrice(undefined, 2)).toBe('—');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatVolume(undefined)).toBe('—');
  });

  it('signs changes', () => {
    expect(formatPercent(2.5)).toBe('+2.50%');
    expect(formatPercent(-0.123)).toBe('-0.12%');
    expect(formatPercent(0)).toBe('0.00%');
  });

  it('writes money with its currency and says which way it goes', () => {
    expect(formatMoney(-1234.5, 'USD')).toBe('-1,234.50 USD');
    expect(formatMoney(0.1 + 0.2, 'EUR')).toBe('0.30 EUR');
    expect(formatMoney(undefined, 'USD')).toBe('—');
    expect(formatMoney(Number.NaN, 'USD')).toBe('—');
    expect([direction(3), direction(-0.01), direction(0), direction(Number.NaN)]).toEqual(['up', 'down', undefined, undefined]);
  });

  describe('in Vietnamese', () => {
    afterEach(() => setLanguage('en'));

    it('groups thousands with dots and writes decimals with a comma, switched without reloading anything', () => {
      setLanguage('vi');
      expect(formatPrice(64_123.456, 2)).toBe('64.123,46');
      expect(formatPercent(2.5)).toBe('+2,50%');
      setLanguage('en');
      expect(formatPrice(64_123.456, 2)).toBe('64,123.46');
    });
  });
});
