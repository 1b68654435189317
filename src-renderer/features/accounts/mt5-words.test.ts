import { afterEach, describe, expect, it } from 'vitest';
import type { Mt5TerminalSummary } from '../../../src-shared';
import { setTimeZone } from '../../format/time';
import { setLanguage } from '../../i18n';
import { connectionText, leverageText, marginLevelText, marginModeWords, refusedWho, refusalWords, sortTerminals } from './mt5-words';

afterEach(() => {
  setTimeZone('local');
  setLanguage('en');
});

function terminal(over: Partial<Mt5TerminalSummary>): Mt5TerminalSummary {
  return {
    login: '1', server: 'Broker-Demo', company: 'Broker Ltd', name: 'A Trader', currency: 'USD', leverage: 100, marginMode: 'hedging',
    tradeAllowed: true, build: 4000, eaVersion: '1.0.0', connected: true, since: 0, trading: false, ...over,
  };
}

describe('MetaTrader 5 words', () => {
  it('says since when a terminal is connected or was last heard from, in the chosen zone', () => {
    setTimeZone('utc');
    const at = Date.UTC(2026, 2, 14, 9, 12, 5);
    expect(connectionText({ connected: true, since: at })).toMatch(/^Connected since .*09:12:05/);
    expect(connectionText({ connected: false, since: at })).toMatch(/^Disconnected since .*14.*09:12:05/);
  });

  it('writes leverage and margin level as brokers do, with no level while no margin is used', () => {
    expect(leverageText(500)).toBe('1:500');
    expect(leverageText(0)).toBe('—');
    expect(marginLevelText(2345.678, 430)).toBe('2,345.68 %');
    expect(marginLevelText(0, 0)).toBe('—');
  });

  it('names who was refused with what is known of it', () => {
    expect(refusedWho({ login: '77', server: 'Live-1' })).toBe('login 77 on Live-1');
    expect(refusedWho({ login: '77' })).toBe('login 77');
    expect(refusedWho({})).toBe('a terminal');
  });

  it('lists the trading terminal first, then connected ones, then by login', () => {
    const order = sortTerminals([
      terminal({ login: '3', connected: false }),
      terminal({ login: '2' }),
      terminal({ login: '9', trading: true }),
      terminal({ login: '1' }),
    ]).map((t) => t.login);
    expect(order).toEqual(['9', '1', '2', '3']);
  });

  it('speaks Vietnamese after a switch, with its own separators', () => {
    setLanguage('vi');
    setTimeZone('utc');
    expect(connectionText({ connected: true, since: Date.UTC(2026, 2, 14, 9, 12, 5) })).toMatch(/^Đã kết nối từ .*09:12:05/);
    expect(marginLevelText(2345.678, 430)).toBe('2.345,68 %');
    expect(refusedWho({ login: '77', server: 'Live-1' })).toBe('login 77 trên Live-1');
    expect(refusalWords('token')).toBe('Sai token ghép nối');
    expect(marginModeWords('netting')).toBe('Netting (bù trừ)');
  });
});
