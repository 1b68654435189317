import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared';
import type { ExchangeOperation, RateLimitSpec } from '../exchanges';
import { RateBudget } from './rate-budget';
import { ManualClock } from './testing/manual-clock';

const SPEC: RateLimitSpec = {
  windows: [
    { id: 'REQUEST_WEIGHT', intervalMs: 1_000, limit: 20 },
    { id: 'ORDERS', intervalMs: 10_000, limit: 5 },
  ],
  costs: {
    ticker: { REQUEST_WEIGHT: 2 },
    markets: { REQUEST_WEIGHT: 10 },
    balance: { REQUEST_WEIGHT: 20 },
    createOrder: { REQUEST_WEIGHT: 1, ORDERS: 1 },
  },
  defaultCost: { REQUEST_WEIGHT: 1 },
  safetyMargin: 0,
};

function costOf(spec: RateLimitSpec, op: ExchangeOperation, windowId: string): number {
  return (spec.costs[op] ?? spec.defaultCost ?? {})[windowId] ?? 0;
}

describe('RateBudget', () => {
  it('never lets more than a window\'s limit reach the venue, whatever the calls, latencies and clock steps', () => {
    const ops: ExchangeOperation[] = ['ticker', 'markets', 'balance', 'createOrder', 'openOrders'];
    // Durations near the windows' edges, where an off-by-one in expiry would show, mixed with arbitrary ones.
    const edges = fc.constantFrom(0, 1, 250, 499, 500, 999, 1_000, 1_001, 9_999, 10_000);
    const ms = (max: number) => fc.oneof({ arbitrary: edges, weight: 4 }, { arbitrary: fc.nat(max), weight: 1 });
    const arrival = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }));
    const command = fc.oneof(
      fc.record({ kind: fc.constant('call' as const), op: fc.constantFrom(...ops), latency: ms(3_000), arrival }),
      fc.record({ kind: fc.constant('step' as const), ms: ms(2_500) }),
      fc.record({ kind: fc.constant('report' as const), used: fc.nat(25) }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 200 }), fc.double({ min: 0, max: 0.3, noNaN: true }), (commands, safetyMargin) => {
        const spec = { ...SPEC, safetyMargin };
        const clock = new ManualClock(1_000_000);
        const budget = new RateBudget('binance', spec, clock);
        // What the venue sees: each request arrives somewhere between its send and its answer.
        const arrivals: Array<{ at: number; op: ExchangeOperation }> = [];
        let pending: Array<{ op: ExchangeOperation; doneAt: number }> = [];
        let now = clock.now();
        const settleUntil = (end: number) => {
          pending.sort((a, b) => a.doneAt - b.doneAt);
          while (pending[0] && pending[0].doneAt <= end) {
            const done = pending.shift()!;
            now = done.doneAt;
            clock.tick(now - clock.now());
            budget.complete(done.op);
          }
          clock.tick(end - clock.now());
          now = end;
        };
        for (const c of commands) {
          if (c.kind === 'step') settleUntil(now + c.ms);
          else if (c.kind === 'report') budget.reportUsed('REQUEST_WEIGHT', c.used);
          else if (budget.tryReserve(c.op) === 0) {
            arrivals.push({ at: now + c.arrival * c.latency, op: c.op });
            pending = [...pending, { op: c.op, doneAt: now + c.latency }];
          }
        }
        settleUntil(now + 100_000);
        for (const window of spec.windows) {
          for (const a of arrivals) {
            const inWindow = arrivals.filter((b) => b.at > a.at - window.intervalMs && b.at <= a.at);
            const used = inWindow.reduce((sum, b) => sum + costOf(spec, b.op, window.id), 0);
            expect(used).toBeLessThanOrEqual(window.limit);
          }
        }
      }),
      {
        numRuns: 500,
        // The edge an off-by-one in expiry would miss: a full window, then a call exactly one interval minus 1 ms later.
        examples: [[[{ kind: 'call', op: 'balance', latency: 0, arrival: 0 }, { kind: 'step', ms: 999 }, { kind: 'call', op: 'balance', latency: 0, arrival: 0 }], 0]],
      },
    );
  });

  it('keeps the safety margin free and says when the next call fits', () => {
    const clock = new ManualClock(0);
    const budget = new RateBudget('binance', { windows: [{ id: 'W', intervalMs: 1_000, limit: 10 }], costs: { ticker: { W: 3 } }, safetyMargin: 0.1 }, clock);
    expect(budget.tryReserve('ticker')).toBe(0);
    budget.complete('ticker');
    clock.tick(100);
    budget.tryReserve('ticker');
    budget.complete('ticker');
    clock.tick(100);
    budget.tryReserve('ticker');
    budget.complete('ticker');
    // 9 of 10 used, limit with margin is 9: the next one waits until the first expires at 1000.
    expect(budget.snapshot().windows).toEqual([{ id: 'W', used: 9, limit: 10 }]);
    expect(budget.tryReserve('ticker')).toBe(800);
  });

  it('acquire waits for room, and refuses with RATE_LIMITED when room comes after the deadline', async () => {
    const clock = new ManualClock(0);
    const budget = new RateBudget('binance', { windows: [{ id: 'W', intervalMs: 1_000, limit: 4 }], costs: { ticker: { W: 2 } }, safetyMargin: 0 }, clock);
    await budget.acquire('ticker', 0);
    budget.complete('ticker');
    await budget.acquire('ticker', 0);
    budget.complete('ticker');
    const refused = await budget.acquire('ticker', 500).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 1_000 });
    let done = false;
    const waiting = budget.acquire('ticker', 5_000).then(() => (done = true));
    await clock.advance(999);
    expect(done).toBe(false);
    await clock.advance(1);
    await waiting;
    expect(done).toBe(true);
  });

  it('an in-flight call holds its cost until it answers', () => {
    const clock = new ManualClock(0);
    const budget = new RateBudget('gate', { windows: [{ id: 'W', intervalMs: 1_000, limit: 2 }], costs: { ticker: { W: 2 } }, safetyMargin: 0 }, clock);
    expect(budget.tryReserve('ticker')).toBe(0);
    clock.tick(5_000);
    expect(budget.tryReserve('ticker')).toBeGreaterThan(0);
    budget.complete('ticker');
    // Counted from its answer, not from its send: the venue may have seen it as late as that.
    expect(budget.tryReserve('ticker')).toBe(1_000);
  });

  it('honours Retry-After: nothing goes out until the pause ends', async () => {
    const clock = new ManualClock(0);
    const budget = new RateBudget('binance', SPEC, clock);
    budget.observeError(new AppError('RATE_LIMITED', '429', true, { retryAfterMs: 5_000 }));
    expect(budget.tryReserve('ticker')).toBe(5_000);
    expect(budget.snapshot().pausedUntil).toBe(5_000);
    let done = false;
    const waiting = budget.acquire('ticker', 60_000).then(() => (done = true));
    await clock.advance(4_999);
    expect(done).toBe(false);
    await clock.advance(1);
    await waiting;
    expect(budget.snapshot().pausedUntil).toBeUndefined();
  });

  it('a ban stops every call at once until it ends, then calls resume', async () => {
    const start = new Date(2026, 0, 5, 14, 30).getTime();
    const clock = new ManualClock(start);
    const budget = new RateBudget('binance', SPEC, clock);
    budget.observeError(new AppError('BANNED', '418', true, { retryAfterMs: 120_000 }));
    for (const op of ['ticker', 'createOrder', 'balance'] as const) {
      const error = await budget.acquire(op, start + 600_000).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'BANNED', retryAfterMs: 120_000 });
      expect((error as Error).message).toMatch(/Binance has banned this address .* until 14:32/);
    }
    expect(budget.snapshot().bannedUntil).toBe(start + 120_000);
    await clock.advance(119_999);
    expect(() => budget.tryReserve('ticker')).toThrow(/banned/);
    await clock.advance(1);
    expect(budget.tryReserve('ticker')).toBe(0);
    expect(budget.snapshot().bannedUntil).toBeUndefined();
  });

  it('raises its count to the server-reported used weight, and ignores a lower one', () => {
    const clock = new ManualClock(0);
    const budget = new RateBudget('binance', { ...SPEC, usedHeaders: { REQUEST_WEIGHT: 'x-mbx-used-weight-1m' } }, clock);
    budget.tryReserve('ticker');
    budget.complete('ticker');
    budget.observeHeaders({ 'X-Mbx-Used-Weight-1m': '15', 'Content-Type': 'application/json' });
    expect(budget.snapshot().windows[0]).toEqual({ id: 'REQUEST_WEIGHT', used: 15, limit: 20 });
    budget.reportUsed('REQUEST_WEIGHT', 3);
    expect(budget.snapshot().windows[0]?.used).toBe(15);
    expect(budget.tryReserve('markets')).toBe(1_000);
  });

  it('refuses a spec whose operation can never fit', () => {
    const budget = new RateBudget('mexc', { windows: [{ id: 'W', intervalMs: 1_000, limit: 5 }], costs: { ticker: { W: 6 } } });
    expect(() => budget.tryReserve('ticker')).toThrow(/above its limit/);
  });
});
