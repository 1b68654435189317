import { describe, expect, it } from 'vitest';
import type { Mt5Symbol } from './protocol';
import { retcodeOutcome } from './retcodes';

const EURUSD: Mt5Symbol = {
  name: 'EURUSD', description: '', digits: 5, point: 0.00001, tickSize: 0.00001, tickValue: 1, contractSize: 100_000, volumeMin: 0.01, volumeMax: 100,
  volumeStep: 0.01, stopsLevel: 10, tradeMode: 'full', fillingModes: ['fok'], currencyBase: 'EUR', currencyProfit: 'USD', currencyMargin: 'EUR',
  sessions: [{ day: 1, from: 0, to: 86_400 }, { day: 5, from: 3_600, to: 79_200 }],
};

const refusal = (retcode: number) => {
  const outcome = retcodeOutcome(retcode, 'terminal says', EURUSD);
  if (outcome.kind !== 'refused') throw new Error(`${retcode} was ${outcome.kind}`);
  return outcome.error;
};

describe('retcodeOutcome', () => {
  it('accepts placed, done and partly done', () => {
    expect(retcodeOutcome(10008, '')).toEqual({ kind: 'accepted', partial: false, placed: true });
    expect(retcodeOutcome(10009, '')).toEqual({ kind: 'accepted', partial: false, placed: false });
    expect(retcodeOutcome(10010, '')).toEqual({ kind: 'accepted', partial: true, placed: false });
  });

  it('makes 10011, 10012 and 10031 unknown, with codes the order service resolves by client id rather than refusing', () => {
    for (const retcode of [10011, 10012, 10031]) {
      const outcome = retcodeOutcome(retcode, '');
      expect(outcome.kind).toBe('unknown');
      // TIMEOUT and VENUE_UNAVAILABLE are the codes trading/create-outcome.ts treats as "may have been placed".
      if (outcome.kind === 'unknown') expect(['TIMEOUT', 'VENUE_UNAVAILABLE']).toContain(outcome.error.code);
    }
  });

  it('refuses requotes with "confirm again" and never as something to retry', () => {
    for (const retcode of [10004, 10020, 10021]) {
      const error = refusal(retcode);
      expect(error.message).toMatch(/moved.*confirm again/);
      expect(error.retryable).toBe(false);
      expect(error.code).toBe('ORDER_REJECTED');
    }
  });

  it('says what to fix, with the symbol limits, sessions and the button to press', () => {
    expect(refusal(10024)).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 2_000 });
    expect(refusal(10018).message).toContain('Mon 00:00–24:00, Fri 01:00–22:00 (server time)');
    expect(refusal(10019).code).toBe('INSUFFICIENT_FUNDS');
    expect(refusal(10014).message).toContain('from 0.01 to 100 lots, in steps of 0.01');
    expect(refusal(10015).message).toContain('5 decimals');
    expect(refusal(10016).message).toContain('at least 10 points');
    expect(refusal(10017).message).toContain('disabled for EURUSD');
    expect(refusal(10027).message).toContain('Algo Trading button');
    expect(refusal(10006).message).toContain('terminal says (retcode 10006)');
  });
});
