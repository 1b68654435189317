// An outage longer than the whole fast phase, through real ccxt.pro against the fake Binance: every wanted stream of
// the venue waits on the venue's one link instead of ending, the link probes at a slow pace (one probe for all of
// them), and when the venue answers every stream is live again with every candle equal to the venue's klines.
import type { Exchange } from 'ccxt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Candle, Timeframe } from '../../src-shared';
import { VenueLink } from '../resilience';
import { CcxtLiveSource, type BackoffPolicy, type StatusChange } from '../exchanges';
import { CandleStreams } from './candle-streams';
import { TickerStreams } from './ticker-streams';
import { ccxtHistory, ccxtProBinance } from './testing/ccxt-fakes';
import { FakeBinanceStream, seededRandom } from '../../fakes/binance';

/** The fast phase of the app (12 reconnects, capped at 30 s), scaled down: the outage outlasts it many times. */
const FAST: BackoffPolicy = { initialMs: 5, factor: 2, maxMs: 40, jitter: 0.3, maxAttempts: 12 };
const PROBE_EVERY_MS = 60;

let cleanup: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const eventually = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 5 });

function drive(fake: FakeBinanceStream, stepMs: number, everyMs = 2) {
  const timer = setInterval(() => fake.step(stepMs), everyMs);
  cleanup.push(() => clearInterval(timer));
}

describe('a venue unreachable for longer than the fast phase', () => {
  it('keeps every wanted stream waiting on one probe, then brings them all back live with every candle right', async () => {
    const fake = await new FakeBinanceStream({ seed: 11 }).start();
    const ex: Exchange = await ccxtProBinance(fake);
    const link = new VenueLink('binance', { probeEveryMs: PROBE_EVERY_MS, jitter: 0.2, random: seededRandom(3) });
    const source = new CcxtLiveSource({ venue: 'binance', exchange: ex, backoff: FAST, random: seededRandom(5), staleAfterMs: 60_000, link });
    const streams = new CandleStreams((venue) => (venue === 'binance' ? source : undefined), { history: () => ccxtHistory(ex) });
    const tickers = new TickerStreams((venue) => (venue === 'binance' ? source : undefined));
    cleanup.push(() => fake.stop(), () => source.close(), () => streams.close(), () => tickers.close(), () => link.close());

    // Ten wanted streams on one venue: eight candle series and two tickers.
    const timeframes: Timeframe[] = ['1m', '5m', '15m', '1h'];
    const charts = new Map<string, { received: Candle[]; changes: StatusChange[] }>();
    for (const symbol of ['BTC/USDT', 'ETH/USDT']) {
      for (const timeframe of timeframes) {
        const chart = { received: [] as Candle[], changes: [] as StatusChange[] };
        charts.set(`${symbol} ${timeframe}`, chart);
        streams.subscribe({ venue: 'binance', symbol, timeframe }, (u) => chart.received.push(u.candle), (c) => chart.changes.push(c));
      }
    }
    const tickerChanges: StatusChange[][] = [[], []];
    tickers.subscribe({ venue: 'binance', symbol: 'BTC/USDT' }, () => {}, (c) => tickerChanges[0]!.push(c));
    tickers.subscribe({ venue: 'binance', symbol: 'ETH/USDT' }, () => {}, (c) => tickerChanges[1]!.push(c));
    drive(fake, 1_000);
    await eventually(() => {
      for (const chart of charts.values()) expect(chart.received.length).toBeGreaterThan(2);
    });

    fake.refuse(true);
    fake.dropAll();
    const outageFrom = fake.market.now;
    await eventually(() => {
      for (const chart of charts.values()) expect(chart.changes.at(-1)?.status).toBe('offline');
    });
    const offline = [...charts.values()][0]!.changes.at(-1)!;
    expect(offline.reason).toMatch(/unreachable/);
    expect(offline.retryAt).toBeGreaterThan(0);
    // Ten simulated minutes, and several probe periods of real time, with the venue away.
    await eventually(() => expect(fake.market.now).toBeGreaterThan(outageFrom + 10 * 60_000));
    const probesBefore = link.probes;
    const refusedBefore = fake.refusedAttempts;
    const waitStart = Date.now();
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS * 6));
    const waited = Date.now() - waitStart;
    const probes = link.probes - probesBefore;
    // The slow phase: one probe per period for the whole venue, and one connection attempt per probe (not ten).
    expect(probes).toBeGreaterThanOrEqual(2);
    expect(probes).toBeLessThanOrEqual(Math.ceil(waited / (PROBE_EVERY_MS * 0.8)) + 1);
    expect(fake.refusedAttempts - refusedBefore).toBeLessThanOrEqual(probes + 1);
    for (const chart of charts.values()) expect(chart.changes.some((c) => c.status === 'failed')).toBe(false);
    expect(link.state.state).toBe('offline');

    fake.refuse(false);
    await eventually(() => {
      for (const chart of charts.values()) expect(chart.changes.at(-1)?.status).toBe('live');
      for (const changes of tickerChanges) expect(changes.at(-1)?.status).toBe('live');
    });
    expect(link.state.state).toBe('live');
    // Every bar of every chart from before the outage to now is the venue's own kline.
    for (const [name, chart] of charts) {
      const timeframe = name.split(' ')[1] as Timeframe;
      const span = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000 }[timeframe as '1m'];
      const bars = new Map<number, Candle>();
      for (const candle of chart.received) bars.set(candle.time, candle);
      const firstTime = chart.received[0]!.time;
      const lastTime = chart.received.at(-1)!.time;
      const record = fake.market.series(name.startsWith('BTC') ? 'BTCUSDT' : 'ETHUSDT', span).filter((bar) => bar.time >= firstTime && bar.time < lastTime);
      if (timeframe === '1m') expect(record.length).toBeGreaterThan(10);
      expect(record.filter((bar) => JSON.stringify(bars.get(bar.time)) !== JSON.stringify(bar)).map((bar) => `${name} ${bar.time}`)).toEqual([]);
    }
  }, 60_000);
});
