// TickerStreams over the real demo venue (its clock moved by the test) and over real ccxt.pro against the fake
// Binance stream (its documented 24hrMiniTicker events, what ccxt's watchTicker subscribes to): one upstream ticker per symbol, the last one given at once to a
// late subscriber, the figures the venue's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ticker } from '../../src-shared';
import { InProcessEventBus } from '../events';
import { CcxtLiveSource, DemoVenue, type LiveCandleSource } from '../exchanges';
import { ccxtProBinance } from './testing/ccxt-fakes';
import { FakeBinanceStream } from '../../fakes/binance';
import { TickerStreams } from './ticker-streams';

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('TickerStreams on the demo venue', () => {
  it('runs one upstream ticker for two subscribers, gives a late one the last ticker, and stops after the last leaves', async () => {
    let now = Date.UTC(2026, 10, 2, 9, 30, 0);
    const venue = new DemoVenue({ seed: 5, now: () => now, historyDays: 1, tickMs: 500 });
    const counts = { started: 0, stopped: 0 };
    const source: LiveCandleSource = {
      watchCandles: (symbol, timeframe, onUpdate) => venue.watchCandles(symbol, timeframe, onUpdate),
      watchTicker(symbol, onTicker) {
        counts.started++;
        const stop = venue.watchTicker(symbol, onTicker);
        return () => (counts.stopped++, stop());
      },
    };
    const tickers = new TickerStreams((id) => (id === 'demo' ? source : undefined));
    const tick = () => venue.advance((now += 500));
    const a: Ticker[] = [];
    const stopA = tickers.subscribe({ venue: 'demo', symbol: 'SOL/USDT' }, (t) => a.push(t));
    expect(a).toHaveLength(1); // the current price at once
    for (let i = 0; i < 4; i++) tick();
    expect(a).toHaveLength(5);
    expect(a.at(-1)).toEqual(await venue.ticker('SOL/USDT'));

    const b: Ticker[] = [];
    const stopB = tickers.subscribe({ venue: 'demo', symbol: 'SOL/USDT' }, (t) => b.push(t));
    expect(b).toEqual([a.at(-1)]);
    tick();
    expect(b.at(-1)).toEqual(a.at(-1));
    expect(counts).toEqual({ started: 1, stopped: 0 });
    stopA();
    stopB();
    expect(counts).toEqual({ started: 1, stopped: 1 });
    expect(tickers.activeStreams).toBe(0);
  });

  it('marks a ticker silent past its interval stale, and live again with the next one', () => {
    vi.useFakeTimers();
    cleanup.push(() => vi.useRealTimers());
    let now = Date.UTC(2026, 10, 2, 9, 30, 0);
    const venue = new DemoVenue({ seed: 5, now: () => now, historyDays: 1, tickMs: 500 });
    const source = { staleAfterMs: 3_000, watchCandles: () => () => {}, watchTicker: venue.watchTicker.bind(venue) };
    const tickers = new TickerStreams(() => source);
    const statuses: string[] = [];
    const stop = tickers.subscribe({ venue: 'demo', symbol: 'BTC/USDT' }, () => {}, (change) => statuses.push(`${change.status}: ${change.reason ?? ''}`));
    vi.advanceTimersByTime(2_000);
    venue.advance((now += 2_000));
    vi.advanceTimersByTime(2_000); // 2 s since the last ticker: not yet
    expect(statuses).toEqual([]);
    vi.advanceTimersByTime(1_500);
    expect(statuses).toEqual(['stale: no update for 3 s']);
    venue.advance((now += 4_000));
    expect(statuses).toEqual(['stale: no update for 3 s', 'live: ']);
    stop();
    vi.advanceTimersByTime(10_000); // stopped: no timer left to fire
    expect(statuses).toHaveLength(2);
  });

  it('publishes price.updated once per ticker from upstream, on the event bus, however many subscribers', () => {
    let now = Date.UTC(2026, 10, 2, 9, 30, 0);
    const venue = new DemoVenue({ seed: 3, now: () => now, historyDays: 1, tickMs: 500 });
    const bus = new InProcessEventBus();
    const prices: Ticker[] = [];
    bus.subscribe('price.updated', (t) => void prices.push(t));
    const tickers = new TickerStreams(() => venue, { bus });
    const received: Ticker[] = [];
    const stopA = tickers.subscribe({ venue: 'demo', symbol: 'BTC/USDT' }, (t) => received.push(t));
    const stopB = tickers.subscribe({ venue: 'demo', symbol: 'BTC/USDT' }, () => {});
    for (let i = 0; i < 10; i++) venue.advance((now += 500));
    expect(prices.length).toBeGreaterThan(3);
    expect(prices).toEqual(received);
    stopA();
    stopB();
    venue.advance((now += 500));
    expect(prices).toHaveLength(received.length);
  });

  it('refuses a venue that does not stream its ticker with a typed error', () => {
    const tickers = new TickerStreams(() => ({ watchCandles: () => () => {} }));
    expect(() => tickers.subscribe({ venue: 'gate', symbol: 'BTC/USDT' }, () => {})).toThrow('gate does not stream its ticker');
    expect(tickers.activeStreams).toBe(0);
  });
});

describe('TickerStreams over real ccxt.pro against the fake Binance stream', () => {
  it('delivers the venue\'s last price and 24 h change, runs no ticker loop for a chart, and unsubscribes upstream', async () => {
    const fake = await new FakeBinanceStream({ seed: 9 }).start();
    const exchange = await ccxtProBinance(fake);
    const source = new CcxtLiveSource({ venue: 'binance', exchange });
    const tickers = new TickerStreams(() => source);
    cleanup.push(() => fake.stop(), () => source.close());
    // A chart of the symbol streams candles only: no ticker subscription of its own.
    const stopCandles = source.watchCandles('BTC/USDT', '1m', () => {});
    await vi.waitFor(() => expect([...fake.subscribed()]).toContain('btcusdt@kline_1m'), { timeout: 10_000, interval: 5 });
    expect(fake.subscribed().has('btcusdt@miniTicker')).toBe(false);
    const received: Ticker[] = [];
    const stop = tickers.subscribe({ venue: 'binance', symbol: 'BTC/USDT' }, (t) => received.push(t));
    await vi.waitFor(() => expect([...fake.subscribed()]).toContain('btcusdt@miniTicker'), { timeout: 10_000, interval: 5 });
    fake.step(1_000);
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(0), { timeout: 10_000, interval: 5 });
    const bar = fake.market.current('BTCUSDT');
    const day = fake.market.series('BTCUSDT', 60_000).find((b) => b.time >= fake.market.now - 86_400_000)!;
    expect(received.at(-1)).toMatchObject({ venue: 'binance', symbol: 'BTC/USDT', last: bar.close });
    expect(day.open).not.toBe(bar.close);
    expect(received.at(-1)!.change24hPct).toBeCloseTo(((bar.close - day.open) / day.open) * 100, 2);

    stop();
    await vi.waitFor(() => expect(fake.subscribed().has('btcusdt@miniTicker')).toBe(false), { timeout: 10_000, interval: 5 });
    expect(fake.subscribed().has('btcusdt@kline_1m')).toBe(true); // the chart streams on
    stopCandles();
  });
});
