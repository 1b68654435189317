// Rule logic over sequences of prices: what fires, when, and how often.
import { describe, expect, it } from 'vitest';
import { PriceWindow } from './price-window';
import { evaluateRule, initialArming, type FiringPolicy, type RuleState } from './rule-logic';

const SECOND = 1_000;
const policy: FiringPolicy = { minIntervalMs: 0 };

/** Feeds prices one second apart (from t = 1 s) and returns the times and directions that fired. */
function run(rule: RuleState, prices: number[], options: { policy?: FiringPolicy; windowMinutes?: number } = {}) {
  const fired: Array<{ price: number; direction: 'up' | 'down'; at: number }> = [];
  const window = new PriceWindow((options.windowMinutes ?? rule.windowMinutes ?? 0) * 60_000);
  const state = { ...rule };
  prices.forEach((price, index) => {
    const at = (index + 1) * SECOND;
    window.add(at, price);
    const extremes = window.extremes(at - (state.windowMinutes ?? 0) * 60_000);
    const outcome = evaluateRule(state, { price, at, ...extremes }, options.policy ?? policy);
    state.arming = outcome.arming;
    if (outcome.fired) {
      state.lastFiredAt = at;
      fired.push({ price, direction: outcome.fired, at });
    }
  });
  return { fired, state };
}

const above = (threshold: number): RuleState => ({ kind: 'above', threshold, paused: false });
const below = (threshold: number): RuleState => ({ kind: 'below', threshold, paused: false });

describe('above / below', () => {
  it('fires once when the price goes from at-or-under the line to over it', () => {
    expect(run(above(100), [99, 99.5, 100, 100.01, 101, 102]).fired).toEqual([{ price: 100.01, direction: 'up', at: 4 * SECOND }]);
    expect(run(below(100), [101, 100, 99.99, 99]).fired).toEqual([{ price: 99.99, direction: 'down', at: 3 * SECOND }]);
  });

  it('does not fire again while the price hovers around the line, inside the hysteresis band', () => {
    // Band: 0.1 % of 100 = 0.1. Dips to 99.95 are noise, not a new crossing.
    const { fired, state } = run(above(100), [99, 100.2, 99.95, 100.05, 99.92, 100.3, 99.91, 100.01]);
    expect(fired.map((f) => f.price)).toEqual([100.2]);
    expect(state.arming).toEqual({ up: false, down: false });
  });

  it('re-arms after the price goes back below the band, and fires at the next crossing', () => {
    const { fired } = run(above(100), [99, 100.5, 99.9, 99.95, 100.1, 98, 97, 101]);
    expect(fired.map((f) => f.price)).toEqual([100.5, 100.1, 101]);
  });

  it('does not fire for a rule whose first price is already beyond its line, until it comes back and crosses', () => {
    expect(run(above(100), [105, 106, 104, 107]).fired).toEqual([]);
    expect(run(above(100), [105, 99.8, 100.4]).fired.map((f) => f.price)).toEqual([100.4]);
    expect(run(below(100), [95, 94, 96, 99.99]).fired).toEqual([]);
  });

  it('reads the line itself as the near side: a rule made at exactly the threshold is armed', () => {
    expect(initialArming(above(100), { price: 100, at: 0 })).toEqual({ up: true, down: false });
    expect(initialArming(below(100), { price: 100, at: 0 })).toEqual({ up: false, down: true });
    expect(initialArming(above(100), { price: 100.01, at: 0 })).toEqual({ up: false, down: false });
  });
});

describe('crossing', () => {
  it('fires each way once per crossing, with the band between directions', () => {
    const rule: RuleState = { kind: 'crossing', threshold: 100, paused: false };
    // Each firing needs the price to have been a band (0.1) away on the other side first: wiggles of a few cents
    // around the line after a crossing are not crossings.
    const prices = [99, 100.05, 99.95, 100.05, 99.97, 100.2, 99.95, 100.02, 99.98, 100.03, 99.85, 100.01];
    const { fired } = run(rule, prices);
    expect(fired.map((f) => [f.price, f.direction])).toEqual([
      [100.05, 'up'],
      [99.95, 'down'],
      [100.01, 'up'],
    ]);
  });
});

describe('paused', () => {
  it('never fires, whatever the price does, and keeps its arming for when it is resumed', () => {
    const rule: RuleState = { ...above(100), paused: true, arming: { up: true, down: false } };
    const { fired, state } = run(rule, [99, 101, 98, 102, 97, 103]);
    expect(fired).toEqual([]);
    expect(state.arming).toEqual({ up: true, down: false });
    const crossing: RuleState = { kind: 'crossing', threshold: 100, paused: true, arming: { up: true, down: true } };
    expect(run(crossing, [99, 101, 98, 102]).fired).toEqual([]);
  });
});

describe('throttle', () => {
  it('caps firings to one per interval, and a crossing held back fires once the interval has passed if still beyond', () => {
    const rule = above(100);
    const prices: number[] = [];
    // Crosses the line every 3 s (99 → 101 → 99 …) for 30 s.
    for (let i = 0; i < 30; i++) prices.push(i % 3 === 2 ? 101 : 99);
    const unthrottled = run(rule, prices).fired;
    expect(unthrottled).toHaveLength(10);
    const throttled = run(rule, prices, { policy: { minIntervalMs: 10 * SECOND } }).fired;
    expect(throttled.map((f) => f.at / SECOND)).toEqual([3, 15, 27]);
    for (let i = 1; i < throttled.length; i++) expect(throttled[i]!.at - throttled[i - 1]!.at).toBeGreaterThanOrEqual(10 * SECOND);
  });

  it('fires a held-back crossing when the interval ends, as long as the price is still past the line', () => {
    const rule: RuleState = { ...above(100), arming: { up: true, down: false }, lastFiredAt: 0 };
    // Throttled until t = 5 s; over the line from t = 2 s on.
    const { fired } = run(rule, [99, 101, 101, 101, 101, 101, 101], { policy: { minIntervalMs: 5 * SECOND } });
    expect(fired.map((f) => f.at / SECOND)).toEqual([5]);
  });
});

describe('percent change within a window', () => {
  it('fires on a rise of the percentage from the window low, once, and re-arms when the move fades', () => {
    const rule: RuleState = { kind: 'change-pct', threshold: 2, windowMinutes: 1, paused: false };
    const prices = [100, 100.5, 101, 101.5, 102.1, 102.5, 102.2];
    const { fired } = run(rule, prices);
    expect(fired.map((f) => [f.price, f.direction])).toEqual([[102.1, 'up']]);
  });

  it('fires on a fall of the percentage from the window high', () => {
    const rule: RuleState = { kind: 'change-pct', threshold: 2, windowMinutes: 1, paused: false };
    const { fired } = run(rule, [100, 101, 100, 99.5, 98.9, 98.5]);
    expect(fired.map((f) => [f.price, f.direction])).toEqual([[98.9, 'down']]);
  });

  it('forgets prices older than the window: a slow drift does not fire', () => {
    const rule: RuleState = { kind: 'change-pct', threshold: 2, windowMinutes: 1, paused: false };
    // +0.5 % every 20 s: +3 % overall in 2 minutes, but never 2 % within one minute.
    const prices: number[] = [];
    for (let i = 0; i < 140; i++) prices.push(100 * 1.005 ** Math.floor(i / 20));
    expect(run(rule, prices).fired).toEqual([]);
    // The same moves 5 s apart: 2 % within a minute.
    const fast: number[] = [];
    for (let i = 0; i < 40; i++) fast.push(100 * 1.005 ** Math.floor(i / 5));
    expect(run(rule, fast).fired.map((f) => f.direction)).toEqual(['up']);
  });

  it('fires again only after the move fell back under 90 % of the threshold', () => {
    const rule: RuleState = { kind: 'change-pct', threshold: 2, windowMinutes: 1, paused: false };
    // 100 → 102 fires; the low stays 100 for the window, so back to 101.9 (1.9 % > 1.8 %) keeps it disarmed…
    expect(run(rule, [100, 102, 101.9, 102.1]).fired).toHaveLength(1);
    // …while back to 101.7 (1.7 %) re-arms it, and 102 fires again.
    expect(run(rule, [100, 102, 101.7, 102]).fired).toHaveLength(2);
  });
});

describe('PriceWindow', () => {
  it('keeps the low and high per second for its span only', () => {
    const window = new PriceWindow(10 * SECOND);
    window.add(1_000, 5);
    window.add(1_400, 7);
    window.add(1_900, 4);
    window.add(3_000, 6);
    expect(window.extremes(0)).toEqual({ low: 4, high: 7 });
    expect(window.extremes(2_000)).toEqual({ low: 6, high: 6 });
    window.add(12_500, 9);
    expect(window.extremes(0)).toEqual({ low: 6, high: 9 }); // second 1 fell out of the 10 s span
    expect(window.size).toBe(2);
    expect(window.extremes(20_000)).toBeUndefined();
  });
});
