import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS } from '../../../src-shared';
import { settingsFromText, settingsToText } from './limits-form';

describe('risk settings form', () => {
  it('round-trips settings, with empty fields meaning no limit and symbols upper-cased', () => {
    const form = settingsToText(DEFAULT_RISK_SETTINGS);
    form.global.maxOrderNotional = '10,000';
    form.global.allowedSymbols = 'btc/usdt, ETH/USDT';
    form.accounts.gate = { maxOrderNotional: '', maxPositionNotional: '', maxOpenOrders: '5', maxDailyLoss: '', allowedSymbols: '' };
    form.accounts.demo = { maxOrderNotional: '', maxPositionNotional: '', maxOpenOrders: '', maxDailyLoss: '', allowedSymbols: '' };
    form.dailyResetUtc = '08:00';
    const result = settingsFromText(form);
    expect(result).toEqual({
      settings: { global: { maxOrderNotional: 10_000, allowedSymbols: ['BTC/USDT', 'ETH/USDT'] }, accounts: { gate: { maxOpenOrders: 5 } }, dailyResetUtc: '08:00', warnAtPct: 80 },
    });
    if ('settings' in result) expect(settingsToText(result.settings).global.maxOrderNotional).toBe('10000');
  });

  it('names the field that is wrong', () => {
    const form = settingsToText(DEFAULT_RISK_SETTINGS);
    form.global.maxDailyLoss = '-5';
    expect(settingsFromText(form)).toEqual({ error: expect.stringMatching(/^global › maximum daily loss: /) });
    const late = settingsToText(DEFAULT_RISK_SETTINGS);
    late.dailyResetUtc = '24:00';
    expect(settingsFromText(late)).toEqual({ error: 'daily reset time: a reset time looks like 00:00 (UTC)' });
  });
});
