import { describe, expect, it } from 'vitest';
import { clientAddress, TokenAttempts, type TokenAttemptLimits } from './token-attempts';

const limits: TokenAttemptLimits = { freeFailures: 3, firstDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000, maxTracked: 100 };

function clocked(overrides: Partial<TokenAttemptLimits> = {}) {
  let now = 1_000_000;
  const attempts = new TokenAttempts({ ...limits, ...overrides }, () => now);
  return { attempts, advance: (ms: number) => (now += ms) };
}

describe('failed token attempts', () => {
  it('lets a few mistakes pass, then holds the address back longer after each further one, up to the ceiling', () => {
    const { attempts, advance } = clocked();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      expect(attempts.retryAfterMs('10.0.0.9')).toBe(0); // it may try: the previous hold-back has passed
      attempts.failed('10.0.0.9');
      const wait = attempts.retryAfterMs('10.0.0.9');
      waits.push(wait);
      advance(wait);
    }
    expect(waits).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('clears the record on a right token', () => {
    const { attempts, advance } = clocked();
    for (let i = 0; i < 5; i++) attempts.failed('10.0.0.9');
    expect(attempts.retryAfterMs('10.0.0.9')).toBe(2_000);
    advance(2_000);
    attempts.succeeded('10.0.0.9');
    attempts.failed('10.0.0.9');
    expect(attempts.retryAfterMs('10.0.0.9')).toBe(0);
  });

  it('counts each address on its own, and treats an IPv4-mapped address as the IPv4 one', () => {
    const { attempts } = clocked();
    for (let i = 0; i < 4; i++) attempts.failed(clientAddress('::ffff:192.0.2.1'));
    expect(attempts.retryAfterMs('192.0.2.1')).toBe(1_000);
    expect(attempts.retryAfterMs('192.0.2.2')).toBe(0);
  });

  it('forgets an address that stopped failing, and never remembers more than its cap', () => {
    const { attempts, advance } = clocked({ maxTracked: 50 });
    for (let i = 0; i < 4; i++) attempts.failed('10.0.0.9');
    advance(60_001);
    expect(attempts.retryAfterMs('10.0.0.9')).toBe(0);
    attempts.failed('10.0.0.9');
    expect(attempts.retryAfterMs('10.0.0.9')).toBe(0); // a fresh record: the free failures again

    for (let i = 0; i < 10_000; i++) attempts.failed(`198.51.${i >> 8}.${i & 255}`);
    expect(attempts.tracked).toBe(50);
    // The most recent ones are those kept.
    for (let i = 0; i < 3; i++) attempts.failed('198.51.39.15');
    expect(attempts.retryAfterMs('198.51.39.15')).toBe(1_000);
  });
});
