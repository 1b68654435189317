// The alerts service end to end on real peers: the demo venue's seeded market, TickerStreams, the event bus and
// SQLite, driven by a manual clock so that every tick is the test's to make.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, type AlertTriggered, type Ticker, type VenueId } from '../../src-shared';
import { InProcessEventBus } from '../events';
import { DemoVenue, VenueDirectory, type LiveCandleSource, type MarketDataVenue } from '../exchanges';
import { ManualClock } from '../resilience/testing/manual-clock';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { TickerStreams } from '../streaming';
import { AlertRepository } from './alert-repository';
import { AlertService } from './alert-service';
import { HYSTERESIS_FRACTION } from './rule-logic';

const temp = useTempDatabases();
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const START = Date.UTC(2026, 10, 2, 9, 30, 0);

/** A second simulated market under another venue's name: what a connected Binance account adds, at the same port. */
function venueNamed(id: VenueId, market: DemoVenue): MarketDataVenue & LiveCandleSource {
  const renamed = (ticker: Ticker): Ticker => ({ ...ticker, venue: id });
  return {
    id,
    markets: () => market.markets(),
    ticker: async (symbol) => renamed(await market.ticker(symbol)),
    candles: (symbol, timeframe, query) => market.candles(symbol, timeframe, query),
    watchCandles: (symbol, timeframe, onUpdate) => market.watchCandles(symbol, timeframe, onUpdate),
    watchTicker: (symbol, onTicker) => market.watchTicker(symbol, (ticker) => onTicker(renamed(ticker))),
  };
}

function world(options: { file?: string; clock?: ManualClock; seed?: number; minIntervalMs?: number; hysteresisFraction?: number } = {}) {
  const clock = options.clock ?? new ManualClock(START);
  const demo = new DemoVenue({ seed: options.seed ?? 11, now: () => clock.now(), historyDays: 1 });
  const venues = new VenueDirectory();
  venues.add({ venue: demo, live: demo, mode: 'demo' });
  const bus = new InProcessEventBus();
  const streams = new TickerStreams((venue) => venues.liveSource(venue), { bus });
  const db = temp.open(options.file ?? ':memory:');
  const service = new AlertService({
    repository: new AlertRepository(db),
    streams,
    bus,
    venues,
    clock,
    minIntervalMs: options.minIntervalMs ?? 0,
    ...(options.hysteresisFraction === undefined ? {} : { hysteresisFraction: options.hysteresisFraction }),
    retryMs: 2_000,
  });
  service.start();
  const fired: AlertTriggered[] = [];
  const prices: Ticker[] = [];
  bus.subscribe('alert.triggered', (alert) => fired.push(alert));
  bus.subscribe('price.updated', (ticker) => prices.push(ticker));
  const stop = (): void => {
    service.close();
    streams.close();
    demo.close();
  };
  cleanups.push(stop);
  /** One demo tick (500 ms) per step. */
  const tick = async (steps = 1): Promise<void> => {
    for (let i = 0; i < steps; i++) {
      await clock.advance(500);
      demo.advance();
    }
  };
  const btc = async (): Promise<number> => (await demo.ticker('BTC/USDT')).last;
  return { clock, demo, venues, bus, streams, service, fired, prices, tick, btc, stop };
}

describe('AlertService on the demo venue', () => {
  it('fires once when the price crosses a line just above it, publishes alert.triggered and keeps it in the history', async () => {
    const w = world();
    const threshold = (await w.btc()) + 0.01;
    const rule = await w.service.create({ venue: 'demo', symbol: 'BTC/USDT', kind: 'above', threshold, note: 'take profit' });
    expect(rule).toMatchObject({ status: 'armed', description: `BTC/USDT above ${threshold.toLocaleString('en-US')}`, note: 'take profit' });
    expect(w.streams.activeStreams).toBe(1);

    let steps = 0;
    while (w.fired.length === 0 && steps++ < 2_000) await w.tick();
    const crossing = w.prices.find((p) => p.symbol === 'BTC/USDT' && p.last > threshold)!;
    expect(w.fired).toEqual([
      {
        ruleId: rule.id,
        venue: 'demo',
        symbol: 'BTC/USDT',
        description: rule.description,
        price: crossing.last,
        at: w.clock.now(),
        terms: { kind: 'above', threshold, direction: 'up' },
      },
    ]);
    // The history keeps what was said (the terms travel only with the live event, for the screen to word it).
    const { terms: _terms, ...recorded } = w.fired[0]!;
    expect(w.service.history(10)).toEqual([{ id: 1, ...recorded }]);
    expect(w.service.list()[0]).toMatchObject({ status: 'beyond', lastFiredAt: w.clock.now(), lastPrice: crossing.last });

    // Later firings each need the price to have gone back under the band first: hovering never re-fires.
    const firstIndex = w.prices.indexOf(crossing);
    await w.tick(600);
    const band = threshold * (1 - HYSTERESIS_FRACTION);
    let rearmed = false;
    let expected = 1;
    for (const price of w.prices.slice(firstIndex + 1)) {
      if (price.last <= band) rearmed = true;
      if (rearmed && price.last > threshold) {
        expected++;
        rearmed = false;
      }
    }
    expect(w.fired).toHaveLength(expected);
  });

  it('never fires a paused rule, drops its feed, and re-reads the side of the line when resumed', async () => {
    const w = world();
    const price = await w.btc();
    const up = await w.service.create({ venue: 'demo', symbol: 'BTC/USDT', kind: 'above', threshold: price + 0.01 });
    const down = await w.service.create({ venue: 'demo', symbol: 'BTC/USDT', kind: 'below', threshold: price - 0.01 });
    await w.service.setPaused(up.id, true);
    const paused = await w.service.setPaused(down.id, true);
    expect(paused.status).toBe('paused');
    expect(w.streams.activeStreams).toBe(0);

    await w.tick(400);
    const now = await w.btc();
    expect(now > price + 0.01 || now < price - 0.01).toBe(true); // the market moved past a line…
    expect(w.fired).toEqual([]); // …and neither rule said a word

    const resumed = await w.service.setPaused(now > price ? up.id : down.id, false);
    expect(resumed.status).toBe('beyond'); // already past its line: it waits for the next crossing
    expect(w.streams.activeStreams).toBe(1);
    await w.tick(2);
    expect(w.fired).toEqual([]);
  });

  it('keeps one feed per venue and symbol with active rules, and drops it when none needs it', async () => {
    const w = world();
    const a = await w.service.create({ venue: 'demo', symbol: 'BTC/USDT', kind: 'above', threshold: 90_000 });
    const b = await w.service.create({ venue: 'demo', symbol: 'BTC/USDT', kind: 'below', threshold: 10_000 });
    const c = await w.service.create({ venue: 'demo', symbol: 'ETH/USDT', kind: 'change-pct', threshold: 5, windowMinutes: 30 });
    expect(w.streams.activeStreams).toBe(2);
    expect(w.service.runningFeeds).toBe(2);
    w.service.delete(a.id);
    expect(w.streams.activeStreams).toBe(2);
    w.service.delete(b.id);
    expect(w.streams.activeStreams).toBe(1);
    await w.service.setPaused(c.id, true);
    expect(w.streams.activeStreams).toBe(0);
  });

  it('caps repeats with the throttle: a rule on a line the price keeps crossing fires at most once a minute', async () => {
    const minutes = 15;
    // The seeded market replays identically: a first run finds the level SOL crosses most (its median), and a
    // hair-thin band makes nearly every crossing of it count.
    const dry = world();
    await dry.demo.ticker('SOL/USDT');
    await dry.service.create({ venue: 'demo', symbol: 'SOL/USDT', kind: 'above', threshold: 1_000_000 });
    await dry.tick(2 * 60 * minutes);
    const sol = dry.prices.filter((p) => p.symbol === 'SOL/USDT').map((p) => p.last).sort((a, b) => a - b);
    const line = sol[Math.floor(sol.length / 2)]!;
    dry.stop();

    const free = world({ minIntervalMs: 0, hysteresisFraction: 0.00001 });
    await free.service.create({ venue: 'demo', symbol: 'SOL/USDT', kind: 'crossing', threshold: line });
    await free.tick(2 * 60 * minutes);
    const throttled = world({ minIntervalMs: 60_000, hysteresisFraction: 0.00001 });
    const rule = await throttled.service.create({ venue: 'demo', symbol: 'SOL/USDT', kind: 'crossing', threshold: line });
    await throttled.tick(2 * 60 * minutes);

    expect(free.fired.length).toBeGreaterThan(minutes); // more than once a minute without the throttle…
    expect(throttled.fired.length).toBeGreaterThanOrEqual(3);
    expect(throttled.fired.length).toBeLessThanOrEqual(minutes); // …at most once a minute with it
    for (let i = 1; i < throttled.fired.length; i++) {
      expect(throttled.fired[i]!.at - throttled.fired[i - 1]!.at).toBeGreaterThanOrEqual(60_000);
    }
    expect(throttled.fired.every((f) => f.ruleId === rule.id && /^SOL\/USDT crossing [\d,.]+ (upwards|downwards)$/.test(f.description))).toBe(true);
  });

  it('waits for a venue that is not connected, says so, and starts watching once it is', async () => {
    const w = world();
    const rule = await w.service.create({ venue: 'binance', symbol: 'BTC/USDT', kind: 'above', threshold: 1_000_000 });
    expect(rule.status).toBe('waiting-for-venue');
    expect(rule.detail).toMatch(/^Binance is not connected: add an account in Accounts/);
    // A saved account still connecting, then offline: the alert says it waits for it, not that none exists.
    w.venues.setPending('binance', () => ({ status: 'connecting' }));
    expect(w.service.list()[0]!.detail).toMatch(/^Binance is connecting…/);
    w.venues.setPending('binance', () => ({ status: 'offline', retryAt: START + 15_000 }));
    expect(w.service.list()[0]!.detail).toMatch(/^Binance is offline — retrying by itself/);

    const binanceMarket = new DemoVenue({ seed: 99, now: () => w.clock.now(), historyDays: 1 });
    cleanups.push(() => binanceMarket.close());
    const binance = venueNamed('binance', binanceMarket);
    // Connected, but without a live feed yet: it still waits, and says why.
    w.venues.add({ venue: binance, mode: 'live' });
    await w.clock.advance(2_000);
    expect(w.service.list()[0]).toMatchObject({ status: 'waiting-for-venue', detail: expect.stringMatching(/^Binance gives no live prices right now/) });
    w.venues.add({ venue: binance, live: binance, mode: 'live' });
    await w.clock.advance(2_000); // the retry
    binanceMarket.advance();
    await w.tick();
    binanceMarket.advance();
    const [listed] = w.service.list();
    expect(listed).toMatchObject({ status: 'armed', lastPrice: (await binance.ticker('BTC/USDT')).last });
  });

  it('starts a saved account\'s feed the instant the account connects, not at its next retry', async () => {
    const w = world();
    w.venues.setPending('binance', () => ({ status: 'connecting' }));
    await w.service.create({ venue: 'binance', symbol: 'BTC/USDT', kind: 'above', threshold: 1_000_000 });
    await w.clock.advance(500); // well inside the 2 s retry, which then starts over
    expect(w.service.runningFeeds).toBe(0);
    expect(w.service.list()[0]!.status).toBe('waiting-for-venue');

    const binanceMarket = new DemoVenue({ seed: 99, now: () => w.clock.now(), historyDays: 1 });
    cleanups.push(() => binanceMarket.close());
    const binance = venueNamed('binance', binanceMarket);
    // The account connects: no time passes before the feed runs.
    w.venues.add({ venue: binance, live: binance, mode: 'live' });
    expect(w.service.runningFeeds).toBe(1);
    binanceMarket.advance();
    await w.clock.advance(0);
    expect(w.service.list()[0]).toMatchObject({ status: 'armed', lastPrice: (await binance.ticker('BTC/USDT')).last });

    // Another venue connecting leaves it as it is (one subscription).
    w.venues.add({ venue: venueNamed('gate', binanceMarket), live: venueNamed('gate', binanceMarket), mode: 'live' });
    expect(w.service.runningFeeds).toBe(1);
  });

  it('keeps the arming through a restart: a crossing already announced does not fire again', async () => {
    const file = join(temp.folder(), 'app.sqlite');
    const clock = new ManualClock(START);
    const first = world({ file, clock });
    const threshold = (await first.btc()) + 0.01;
    const rule = await first.service.create({ venue: 'demo', symbol: 'BTC/USDT', kind: 'above', threshold });
    let steps = 0;
    while (first.fired.length === 0 && steps++ < 2_000) await first.tick();
    expect(first.fired).toHaveLength(1);
    first.stop();

    const second = world({ file, clock });
    expect(second.service.list()).toEqual([expect.objectContaining({ id: rule.id, status: 'beyond', lastFiredAt: first.fired[0]!.at })]);
    await second.tick(20);
    expect(second.prices.length).toBeGreaterThan(0);
    expect(second.prices.every((p) => p.last > threshold * (1 - HYSTERESIS_FRACTION))).toBe(true); // never re-armed…
    expect(second.fired).toEqual([]); // …so no second alert for the same crossing
  });

  it('arms a rule from the price the trader saw: a line the price passed while the request travelled still fires', async () => {
    const w = world();
    const price = await w.btc();
    // The trader saw price - 40 and set a line at price - 30; by the time main has it, the price is above the line.
    const seen = await w.service.create({ venue: 'demo', symbol: 'BTC/USDT', kind: 'above', threshold: price - 30, referencePrice: price - 40 });
    // The same line without a reference is judged from the live price: already past it, so it waits.
    const unseen = await w.service.create({ venue: 'demo', symbol: 'BTC/USDT', kind: 'above', threshold: price - 30 });
    expect([seen.status, unseen.status]).toEqual(['armed', 'beyond']);
    const before = w.prices.length;
    let steps = 0;
    while (w.prices.length === before && steps++ < 20) await w.tick();
    const next = w.prices[before]!.last;
    expect(next).toBeGreaterThan(price - 30); // one tick moves a few dollars, not 30
    expect(w.fired.map((f) => f.ruleId)).toEqual([seen.id]);
  });

  it('refuses a market the venue does not list, saving nothing', async () => {
    const w = world();
    const error = await w.service.create({ venue: 'demo', symbol: 'DOGE/USDT', kind: 'above', threshold: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', message: 'Demo has no market DOGE/USDT; it lists BTC/USDT, ETH/USDT, SOL/USDT' });
    expect(w.service.list()).toEqual([]);
    expect(w.streams.activeStreams).toBe(0);
    await expect(w.service.update({ id: 'nope', note: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('starts afresh when its terms change: the new line is judged from the current price', async () => {
    const w = world();
    const price = await w.btc();
    const rule = await w.service.create({ venue: 'demo', symbol: 'BTC/USDT', kind: 'above', threshold: price * 2 });
    expect(rule.status).toBe('armed');
    const moved = await w.service.update({ id: rule.id, kind: 'below', threshold: price * 2, note: 'now a floor' });
    expect(moved).toMatchObject({ kind: 'below', status: 'beyond', note: 'now a floor', description: expect.stringContaining('below') });
    const cleared = await w.service.update({ id: rule.id, note: '' });
    expect(cleared.note).toBeUndefined();
  });
});
