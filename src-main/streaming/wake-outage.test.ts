// A sleep, through real ccxt.pro against the fake Binance: while the laptop slept the venue closed every socket and
// refused new ones, and was back before the wake-up. The streams had given up their fast reconnects and wait on the
// venue's link, whose next slow probe is a minute away; the wall clock jumping past the wake watch's timer probes the
// venue at once, and every stream is live again with every missed candle equal to the venue's klines.
import type { Exchange } from 'ccxt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Candle, Timeframe } from '../../src-shared';
import { VenueLinks, WakeWatch } from '../resilience';
import { ManualClock } from '../resilience/testing/manual-clock';
import { CcxtLiveSource, type BackoffPolicy, type StatusChange } from '../exchanges';
import { CandleStreams } from './candle-streams';
import { ccxtHistory, ccxtProBinance } from './testing/ccxt-fakes';
import { FakeBinanceStream, seededRandom } from '../../fakes/binance';

const FAST: BackoffPolicy = { initialMs: 5, factor: 2, maxMs: 40, jitter: 0.3, maxAttempts: 12 };
/** Far longer than the test waits after the wake-up: only the wake-up can bring the streams back in time. */
const PROBE_EVERY_MS = 120_000;

let cleanup: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const eventually = (check: () => void, timeout = 20_000) => vi.waitFor(check, { timeout, interval: 5 });

describe('a wake-up after the venue closed the sockets', () => {
  it('probes at once on the wall clock\'s jump: every stream live again and every missed candle the venue\'s', async () => {
    const fake = await new FakeBinanceStream({ seed: 23 }).start();
    const ex: Exchange = await ccxtProBinance(fake);
    const links = new VenueLinks({ probeEveryMs: PROBE_EVERY_MS, jitter: 0 });
    const link = links.get('binance');
    const source = new CcxtLiveSource({ venue: 'binance', exchange: ex, backoff: FAST, random: seededRandom(7), staleAfterMs: 60_000, link });
    const streams = new CandleStreams((venue) => (venue === 'binance' ? source : undefined), { history: () => ccxtHistory(ex) });
    // The wake watch on a clock the test moves: the way core.ts wires it (every offline venue probed at once).
    const wallClock = new ManualClock(Date.now());
    const woke: number[] = [];
    const watch = new WakeWatch(
      (sleptMs) => {
        woke.push(sleptMs);
        links.probeAll();
      },
      { clock: wallClock, everyMs: 5_000, toleranceMs: 10_000 },
    );
    watch.start();
    cleanup.push(() => fake.stop(), () => source.close(), () => streams.close(), () => links.close(), () => watch.stop());

    const charts = new Map<string, { received: Candle[]; changes: StatusChange[] }>();
    for (const symbol of ['BTC/USDT', 'ETH/USDT']) {
      for (const timeframe of ['1m', '5m'] as Timeframe[]) {
        const chart = { received: [] as Candle[], changes: [] as StatusChange[] };
        charts.set(`${symbol} ${timeframe}`, chart);
        streams.subscribe({ venue: 'binance', symbol, timeframe }, (u) => chart.received.push(u.candle), (c) => chart.changes.push(c));
      }
    }
    const driving = setInterval(() => fake.step(1_000), 2);
    cleanup.push(() => clearInterval(driving));
    await eventually(() => {
      for (const chart of charts.values()) expect(chart.received.length).toBeGreaterThan(2);
    });
    await wallClock.advance(5_000); // awake: on time, no wake-up
    expect(woke).toEqual([]);

    // The lid closes. The venue closes every socket and refuses new ones; the market goes on for many minutes.
    fake.refuse(true);
    fake.dropAll();
    const sleptFrom = fake.market.now;
    await eventually(() => {
      for (const chart of charts.values()) expect(chart.changes.at(-1)?.status).toBe('offline');
    });
    await eventually(() => expect(fake.market.now).toBeGreaterThan(sleptFrom + 8 * 60_000));
    // The venue is back before the lid opens; nothing has asked it yet (the slow probe is two minutes away).
    fake.refuse(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(link.state.state).toBe('offline');
    expect(link.probes).toBe(0);
    for (const chart of charts.values()) expect(chart.changes.at(-1)?.status).toBe('offline');

    // The lid opens: the wall clock has jumped 75 s past the watch's timer, which fires late.
    wallClock.tick(75_000);
    await wallClock.advance(5_000);
    expect(woke).toHaveLength(1);
    // Due 5 s after it was armed, it fired 75 s after: 70 s late.
    expect(woke[0]).toBe(70_000);
    const wokeAt = Date.now();
    await eventually(() => {
      for (const chart of charts.values()) expect(chart.changes.at(-1)?.status).toBe('live');
    });
    // Back by the wake-up's probe, long before the slow one.
    expect(Date.now() - wokeAt).toBeLessThan(PROBE_EVERY_MS / 2);
    expect(link.probes).toBe(1);
    expect(link.state.state).toBe('live');
    // Every bar from before the sleep to now is the venue's own kline, the missed ones included.
    await eventually(() => {
      for (const chart of charts.values()) expect(chart.received.at(-1)!.time).toBeGreaterThan(sleptFrom + 9 * 60_000);
    });
    for (const [name, chart] of charts) {
      const span = name.endsWith('5m') ? 300_000 : 60_000;
      const bars = new Map<number, Candle>();
      for (const candle of chart.received) bars.set(candle.time, candle);
      const firstTime = chart.received[0]!.time;
      const lastTime = chart.received.at(-1)!.time;
      const record = fake.market.series(name.startsWith('BTC') ? 'BTCUSDT' : 'ETHUSDT', span).filter((bar) => bar.time >= firstTime && bar.time < lastTime);
      if (span === 60_000) expect(record.filter((bar) => bar.time > sleptFrom).length).toBeGreaterThan(8);
      expect(record.filter((bar) => JSON.stringify(bars.get(bar.time)) !== JSON.stringify(bar)).map((bar) => `${name} ${bar.time}`)).toEqual([]);
    }
  }, 60_000);
});
