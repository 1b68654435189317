import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { age, amount, currencyDecimals, money, percent, viewLabel } from './portfolio-words';

describe('portfolio words', () => {
  it('says "no price" for an amount without a rate, never 0', () => {
    expect(money(null, 'USDT')).toBe('no price');
    expect(money(0, 'USDT')).toMatch(/^0[.,]00 USDT$/);
  });

  it('counts coins to the satoshi and money to the cent', () => {
    expect(currencyDecimals('BTC')).toBe(8);
    expect(currencyDecimals('EUR')).toBe(2);
  });

  it('writes shares and ages for a trader', () => {
    expect(percent(0.125)).toMatch(/^12[.,]5 %$/);
    expect(percent(null)).toBe('—');
    expect(age(1_000, 91_000)).toBe('2 min ago');
    expect(age(null, 5)).toBe('');
  });

  describe('in Vietnamese', () => {
    afterEach(() => setLanguage('en'));

    it('says "no price", amounts and ages in Vietnamese with its separators', () => {
      setLanguage('vi');
      expect(money(null, 'USDT')).toBe('chưa có giá');
      expect(money(1234.5, 'USDT')).toBe('1.234,50 USDT');
      expect(amount(0.125)).toBe('0,125');
      expect(age(1_000, 91_000)).toBe('2 phút trước');
      expect(viewLabel('paper')).toBe('Giả lập');
    });
  });
});
