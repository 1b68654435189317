import { describe, expect, it } from 'vitest';
import { Metrics, percentile } from './metrics';

describe('Metrics', () => {
  it('gives nearest-rank percentiles of known inputs', () => {
    const metrics = new Metrics();
    // 1..100 ms, shuffled: p50 is 50, p95 is 95, p99 is 99.
    const latencies = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1);
    latencies.forEach((ms, i) => metrics.record('binance', 'ticker', ms, i % 10 === 0));
    expect(metrics.snapshot()).toEqual([{ operation: 'ticker', venue: 'binance', count: 100, errors: 10, p50Ms: 50, p95Ms: 95, p99Ms: 99 }]);
  });

  it('keeps operations and venues apart', () => {
    const metrics = new Metrics();
    metrics.record('binance', 'ticker', 5, false);
    metrics.record('gate', 'ticker', 7, true);
    metrics.record('binance', 'balance', 9, false);
    const byKey = Object.fromEntries(metrics.snapshot().map((m) => [`${m.venue}/${m.operation}`, [m.count, m.errors, m.p50Ms]]));
    expect(byKey).toEqual({ 'binance/ticker': [1, 0, 5], 'gate/ticker': [1, 1, 7], 'binance/balance': [1, 0, 9] });
  });

  it('bounds memory: percentiles cover the latest samples, counts cover all calls', () => {
    const metrics = new Metrics(4);
    for (const ms of [1000, 1000, 1000, 1000, 1, 2, 3, 4]) metrics.record('mexc', 'candles', ms, false);
    expect(metrics.snapshot()[0]).toMatchObject({ count: 8, p50Ms: 2, p99Ms: 4 });
  });

  it('percentile of nothing is 0, of one sample is that sample', () => {
    expect(percentile([], 99)).toBe(0);
    expect(percentile([42], 50)).toBe(42);
    expect(percentile([1, 2], 100)).toBe(2);
  });
});
