// Real ccxt.pro against a fake Binance speaking the documented stream format, through CcxtLiveSource and
// CandleStreams: subscription frames, ref-counting, reconnects with backoff, staleness and gap backfill.
import type { Exchange } from 'ccxt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Candle, StreamStatus } from '../../src-shared';
import { backoffCeiling, CcxtLiveSource, type BackoffPolicy, type StatusChange } from '../exchanges';
import { CandleStreams } from './candle-streams';
import { ccxtHistory, ccxtProBinance } from './testing/ccxt-fakes';
import { FakeBinanceStream, seededRandom } from '../../fakes/binance';

const series = { venue: 'binance', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const FAST: BackoffPolicy = { initialMs: 5, factor: 2, maxMs: 40, jitter: 0.5, maxAttempts: 1000 };

let cleanup: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function setup(options: { backoff?: BackoffPolicy; staleAfterMs?: number; seed?: number } = {}) {
  const fake = await new FakeBinanceStream({ seed: options.seed ?? 7 }).start();
  const ex: Exchange = await ccxtProBinance(fake);
  const delays: number[] = [];
  const source = new CcxtLiveSource({
    venue: 'binance',
    exchange: ex,
    backoff: options.backoff ?? FAST,
    random: seededRandom(options.seed ?? 7),
    staleAfterMs: options.staleAfterMs ?? 60_000,
    onDelay: (_attempt, delay) => delays.push(delay),
  });
  const streams = new CandleStreams((venue) => (venue === 'binance' ? source : undefined), { history: () => ccxtHistory(ex) });
  cleanup.push(() => fake.stop(), () => source.close(), () => streams.close());
  return { fake, ex, source, streams, delays };
}

/** Waits for a condition; the generous timeout only bounds a failing run, nothing is timed. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 5 });

/** Steps the fake market every few milliseconds of real time, like a venue trading, until stopped. */
function drive(fake: FakeBinanceStream, stepMs: number, everyMs = 2) {
  const timer = setInterval(() => fake.step(stepMs), everyMs);
  cleanup.push(() => clearInterval(timer));
  return () => clearInterval(timer);
}

/** What a chart would hold: the newest state of every bar, by open time. */
function chartOf(received: Candle[]): Map<number, Candle> {
  const bars = new Map<number, Candle>();
  for (const candle of received) bars.set(candle.time, candle);
  return bars;
}

describe('CcxtLiveSource with real ccxt.pro against a fake Binance', () => {
  it('subscribes with Binance frames, runs one loop for two subscribers, and unsubscribes after the last one leaves', async () => {
    const { fake, streams } = await setup();
    const a: Candle[] = [];
    const b: Candle[] = [];
    const stopA = streams.subscribe(series, (u) => a.push(u.candle));
    const stopB = streams.subscribe(series, (u) => b.push(u.candle));
    const stopDrive = drive(fake, 1_000);
    await eventually(() => expect(b.length).toBeGreaterThan(3));
    expect(streams.activeStreams).toBe(1);
    const subscribes = fake.frames.filter((f) => f.method === 'SUBSCRIBE').flatMap((f) => f.params);
    expect(subscribes.filter((s) => s === 'btcusdt@kline_1m')).toHaveLength(1);
    expect(subscribes).not.toContain('btcusdt@miniTicker'); // a chart streams candles only: no ticker loop
    expect(a.at(-1)).toEqual(b.at(-1));
    // Candles come from the wire format: the newest bar's close is the fake's.
    await eventually(() => expect(b.at(-1)!.close).toBe(fake.market.current('BTCUSDT').close));

    stopA();
    expect(fake.subscribed().has('btcusdt@kline_1m')).toBe(true);
    stopB();
    expect(streams.activeStreams).toBe(0);
    await eventually(() => expect(fake.subscribed().has('btcusdt@kline_1m')).toBe(false));
    const unsubscribes = fake.frames.filter((f) => f.method === 'UNSUBSCRIBE').flatMap((f) => f.params);
    expect(unsubscribes).toContain('btcusdt@kline_1m');
    stopDrive();
    const seen = b.length;
    fake.step(1_000);
    fake.step(1_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(b.length).toBe(seen); // nothing reaches a subscriber that left
  });

  it('after random disconnects and backfill, the chart holds every bar of the fake record with its final values', async () => {
    const { fake, streams } = await setup({ seed: 42 });
    const received: Candle[] = [];
    const statuses: StreamStatus[] = [];
    streams.subscribe(series, (u) => received.push(u.candle), (c) => statuses.push(c.status));
    // 5 s of market per 2 ms: a one-minute bar every ~24 ms of real time, so outages span several bars.
    drive(fake, 5_000);
    await eventually(() => expect(received.length).toBeGreaterThan(5));
    const random = seededRandom(42);
    let drops = 0;
    for (let i = 0; i < 8; i++) {
      await new Promise((resolve) => setTimeout(resolve, 30 + random() * 120));
      fake.refuse(true);
      fake.dropAll();
      drops++;
      await new Promise((resolve) => setTimeout(resolve, 20 + random() * 150)); // the outage: bars go by unseen
      fake.refuse(false);
      const reconnectsBefore = fake.connections;
      await eventually(() => expect(fake.connections).toBeGreaterThan(reconnectsBefore));
    }
    await eventually(() => expect(statuses.at(-1)).toBe('live'));
    const firstTime = received[0]!.time;
    await eventually(() => expect(received.at(-1)!.time).toBeGreaterThan(firstTime + 60 * 60_000));

    const chart = chartOf(received);
    const lastTime = received.at(-1)!.time;
    const record = fake.market.series('BTCUSDT', 60_000).filter((bar) => bar.time >= firstTime && bar.time < lastTime);
    const missing = record.filter((bar) => !chart.has(bar.time)).map((bar) => new Date(bar.time).toISOString());
    const wrong = record.filter((bar) => chart.has(bar.time) && JSON.stringify(chart.get(bar.time)) !== JSON.stringify(bar));
    expect(drops).toBe(8);
    expect(statuses.filter((s) => s === 'reconnecting').length).toBeGreaterThanOrEqual(drops);
    expect(record.length).toBeGreaterThan(60);
    expect(missing).toEqual([]);
    expect(wrong).toEqual([]);
    // Bars reached the subscriber in time order: the chart only accepts the newest bar or a later one.
    expect(received.every((c, i) => i === 0 || c.time >= received[i - 1]!.time)).toBe(true);
    // Backfill went over REST klines.
    expect(fake.restCalls.some((call) => call.startsWith('/api/v3/klines'))).toBe(true);
  }, 30_000);

  it('retries with growing, capped, jittered delays, then reports failed with the reason', async () => {
    const policy: BackoffPolicy = { initialMs: 5, factor: 2, maxMs: 40, jitter: 0.5, maxAttempts: 7 };
    const { fake, streams, delays } = await setup({ backoff: policy });
    const changes: StatusChange[] = [];
    streams.subscribe(series, () => {}, (c) => changes.push(c));
    drive(fake, 1_000);
    await eventually(() => expect(changes.at(-1)?.status).toBe('live'));
    fake.refuse(true);
    fake.dropAll();
    await eventually(() => expect(changes.at(-1)?.status).toBe('failed'));
    const ceilings = delays.map((_, i) => backoffCeiling(i + 1, policy));
    expect(ceilings).toEqual([5, 10, 20, 40, 40, 40, 40]);
    delays.forEach((delay, i) => {
      expect(delay).toBeLessThanOrEqual(ceilings[i]!);
      expect(delay).toBeGreaterThanOrEqual(ceilings[i]! * (1 - policy.jitter));
    });
    expect(changes.filter((c) => c.status === 'reconnecting')).toHaveLength(7);
    expect(changes.at(-1)!.reason).toMatch(/gave up after 7 reconnects/);
  });

  it('marks a silent stream stale, then live again after filling the bars it missed', async () => {
    const { fake, streams } = await setup({ staleAfterMs: 100 });
    const received: Candle[] = [];
    const changes: StatusChange[] = [];
    streams.subscribe(series, (u) => received.push(u.candle), (c) => changes.push(c));
    drive(fake, 5_000);
    await eventually(() => expect(changes.at(-1)?.status).toBe('live'));
    fake.silence(true);
    await eventually(() => expect(changes.at(-1)?.status).toBe('stale'));
    expect(changes.at(-1)!.reason).toMatch(/no update for/);
    const quietFrom = received.at(-1)!.time;
    await eventually(() => expect(fake.market.now).toBeGreaterThan(quietFrom + 5 * 60_000)); // bars pass unseen
    fake.silence(false);
    await eventually(() => expect(changes.at(-1)?.status).toBe('live'));
    const chart = chartOf(received);
    const lastTime = received.at(-1)!.time;
    const record = fake.market.series('BTCUSDT', 60_000).filter((bar) => bar.time >= quietFrom && bar.time < lastTime);
    expect(record.length).toBeGreaterThan(4);
    expect(record.filter((bar) => JSON.stringify(chart.get(bar.time)) !== JSON.stringify(bar))).toEqual([]);
  });

  it('streams on when the last viewer leaves and a new one arrives at once (a page reload), never failing', async () => {
    const { fake, streams } = await setup();
    drive(fake, 1_000);
    // The next subscribe comes at once, or while the old stream's unsubscribe is on its way, or after its answer
    // (ccxt rejects a watch still pending on the stream when the venue confirms an unsubscribe; the loop re-watches).
    for (const gapMs of [0, 2, 20]) {
      const first: Candle[] = [];
      const stop = streams.subscribe(series, (u) => first.push(u.candle));
      await eventually(() => expect(first.length).toBeGreaterThan(1));
      stop();
      if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      const changes: StatusChange[] = [];
      const again: Candle[] = [];
      const stopAgain = streams.subscribe(series, (u) => again.push(u.candle), (c) => changes.push(c));
      await eventually(() => expect(again.length).toBeGreaterThan(2));
      // The fake's newest bar is what the new subscriber holds: it is live, not failed.
      await eventually(() => expect(again.at(-1)!.close).toBe(fake.market.current('BTCUSDT').close));
      expect(changes.filter((c) => c.status === 'failed')).toEqual([]);
      stopAgain();
    }
  });

  it('fails at once, without retrying, for a symbol the venue does not list', async () => {
    const { streams, delays } = await setup();
    const changes: StatusChange[] = [];
    streams.subscribe({ ...series, symbol: 'NOPE/USDT' }, () => {}, (c) => changes.push(c));
    await eventually(() => expect(changes.at(-1)?.status).toBe('failed'));
    expect(changes.at(-1)!.reason).toMatch(/NOPE\/USDT/);
    expect(delays).toEqual([]);
  });
});
