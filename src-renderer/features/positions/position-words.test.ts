import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import type { Market, Position } from '../../../src-shared';
import { closeAllQuestion, closedWords, decimalsIn, failureWords, parseCloseVolume, parseStop, positionDecimals, stopFieldText } from './position-words';

function position(over: Partial<Position> = {}): Position {
  return {
    venue: 'mt5', account: '5012345', id: '70001', symbol: 'EUR/USD', side: 'buy', volume: 0.3, openPrice: 1.08201, currentPrice: 1.0825,
    swap: -0.12, profit: 14.7, currency: 'USD', openedAt: 1_000, ...over,
  };
}

describe('position decimals', () => {
  it('reads the decimals a number carries, without float noise', () => {
    expect(decimalsIn(1.08201)).toBe(5);
    expect(decimalsIn(0.1 + 0.2)).toBe(1);
    expect(decimalsIn(2650)).toBe(0);
    expect(decimalsIn(Number.NaN)).toBe(0);
  });

  it('takes the market precision when the market is known, else the prices own decimals (at least 2)', () => {
    const market: Market = { venue: 'mt5', symbol: 'EUR/USD', base: 'EUR', quote: 'USD', pricePrecision: 5, amountPrecision: 2, active: true };
    expect(positionDecimals(position({ openPrice: 1.082, currentPrice: 1.1 }), [market])).toEqual({ price: 5, volume: 2 });
    expect(positionDecimals(position({ openPrice: 1.082, currentPrice: 1.1, stopLoss: 1.07001 }), [])).toEqual({ price: 5, volume: 2 });
    expect(positionDecimals(position({ symbol: 'XAU/USD', openPrice: 2650, currentPrice: 2651.5 }), [])).toEqual({ price: 2, volume: 2 });
    expect(positionDecimals(position({ volume: 0.001 }), []).volume).toBe(3);
  });
});

describe('partial close volume', () => {
  const held = position({ volume: 0.3 });

  afterEach(() => setLanguage('en'));

  it('takes a volume up to the position’s', () => {
    expect(parseCloseVolume('0.1', held, 2)).toEqual({ ok: true, value: 0.1 });
    expect(parseCloseVolume(String(0.1 + 0.2), held, 2)).toEqual({ ok: true, value: 0.1 + 0.2 });
  });

  it('reads the volume in Vietnamese with a decimal comma, and answers in Vietnamese', () => {
    setLanguage('vi');
    expect(parseCloseVolume(' 0,30 ', held, 2)).toEqual({ ok: true, value: 0.3 });
    expect(parseCloseVolume('0,31', held, 2)).toEqual({ ok: false, message: 'Tối đa 0,30 lot: khối lượng của vị thế.' });
  });

  it('refuses a comma as the decimal mark in English rather than guessing', () => {
    expect(parseCloseVolume('0,30', held, 2).ok).toBe(false);
  });

  it('refuses more than the position, zero and what is not a number, saying why', () => {
    expect(parseCloseVolume('0.31', held, 2)).toEqual({ ok: false, message: "At most 0.30 lots: the position's volume." });
    expect(parseCloseVolume('0', held, 2)).toEqual({ ok: false, message: 'The volume to close must be more than 0.' });
    expect(parseCloseVolume('', held, 2).ok).toBe(false);
    expect(parseCloseVolume('-0.1', held, 2).ok).toBe(false);
    expect(parseCloseVolume('1e-2', held, 2).ok).toBe(false);
  });
});

describe('SL/TP fields', () => {
  it('reads an empty field as "remove" (null) and a price as the new level', () => {
    expect(parseStop('', 'stopLoss')).toEqual({ ok: true, value: null });
    expect(parseStop('  ', 'takeProfit')).toEqual({ ok: true, value: null });
    expect(parseStop('1.07500', 'stopLoss')).toEqual({ ok: true, value: 1.075 });
  });

  it('refuses zero and words', () => {
    expect(parseStop('0', 'stopLoss')).toEqual({ ok: false, message: 'Stop loss: type a price above 0, or leave it empty to remove it.' });
    expect(parseStop('abc', 'takeProfit').ok).toBe(false);
  });

  it('shows a held level as plain digits to edit, with the language’s decimal mark', () => {
    expect(stopFieldText(1234.5, 2)).toBe('1234.50');
    expect(stopFieldText(undefined, 5)).toBe('');
    setLanguage('vi');
    expect(stopFieldText(1234.5, 2)).toBe('1234,50');
    expect(parseStop('1234,50', 'stopLoss')).toEqual({ ok: true, value: 1234.5 });
    setLanguage('en');
  });
});

describe('close all', () => {
  it('asks how many positions on how many accounts', () => {
    expect(closeAllQuestion([position(), position({ id: '2' }), position({ id: '3', account: '7009' })])).toBe('Close 3 positions on 2 accounts?');
    expect(closeAllQuestion([position()])).toBe('Close 1 position on 1 account?');
    setLanguage('vi');
    expect(closeAllQuestion([position(), position({ id: '2' })])).toBe('Đóng 2 vị thế trên 1 tài khoản?');
    setLanguage('en');
  });

  it('reports each closed position and each failure with its reason', () => {
    expect(closedWords({ venue: 'mt5', account: '5012345', id: '70001', symbol: 'EUR/USD', volume: 0.1, price: 1.08195, remaining: 0 }, { price: 5, volume: 2 })).toBe(
      'EUR/USD #70001 (login 5012345): closed 0.10 lots at 1.08195',
    );
    expect(closedWords({ venue: 'mt5', account: '1', id: '9', symbol: 'EUR/USD', volume: 0.1, price: 1.1, remaining: 0.2 }, { price: 5, volume: 2 })).toContain(
      '; 0.20 lots stay open',
    );
    const error = { code: 'VENUE_UNAVAILABLE' as const, message: 'the market is closed until 01:00', retryable: false };
    expect(failureWords({ venue: 'mt5', account: '1', id: '9', symbol: 'XAU/USD', error })).toBe('XAU/USD #9 (login 1): the market is closed until 01:00');
    expect(failureWords({ venue: 'mt5', account: '7009', error })).toBe('Login 7009: the market is closed until 01:00');
  });
});
