import { describe, expect, it } from 'vitest';
import { judgeHello } from './handshake';
import { tokensMatch } from './pairing-token';

const TOKEN = 'a'.repeat(64);
const hello = {
  type: 'hello', v: 1, token: TOKEN, login: '5012345', server: 'Broker-Demo', company: 'Broker Ltd', name: 'J. Trader',
  currency: 'USD', leverage: 100, marginMode: 'hedging', tradeAllowed: true, build: 4620, eaVersion: '1.0.0', serverOffsetMs: 7_200_000,
};

describe('judgeHello', () => {
  it('accepts a valid hello with the pairing token', () => {
    const verdict = judgeHello(hello, TOKEN);
    expect(verdict.accepted).toBe(true);
    if (verdict.accepted) expect(verdict.hello.login).toBe('5012345');
  });

  it('refuses a wrong token with reason token, and the refusal does not echo it', () => {
    const verdict = judgeHello({ ...hello, token: 'b'.repeat(64) }, TOKEN);
    expect(verdict).toMatchObject({ accepted: false, refusal: { type: 'refused', reason: 'token' } });
    expect(JSON.stringify(verdict.accepted ? {} : verdict.refusal)).not.toContain('b'.repeat(64));
  });

  it('refuses a token of another length and an empty expected token', () => {
    expect(judgeHello({ ...hello, token: TOKEN.slice(1) }, TOKEN).accepted).toBe(false);
    expect(judgeHello({ ...hello, token: '' }, '').accepted).toBe(false);
  });

  it('refuses another protocol version before looking at the token', () => {
    expect(judgeHello({ ...hello, v: 2, token: 'wrong' }, TOKEN)).toMatchObject({ accepted: false, refusal: { reason: 'version' } });
  });

  it('refuses a first line that is not a hello', () => {
    expect(judgeHello({ id: '1', ok: true, result: {} }, TOKEN)).toMatchObject({ accepted: false, refusal: { reason: 'hello' } });
    expect(judgeHello({ ...hello, marginMode: 'spot' }, TOKEN)).toMatchObject({ accepted: false, refusal: { reason: 'hello' } });
  });
});

describe('tokensMatch', () => {
  it('matches only the same token', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abc', 'abd')).toBe(false);
    expect(tokensMatch('abc', 'abcd')).toBe(false);
  });
});
