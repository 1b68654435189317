// TradeStreams over the real demo venue (its clock moved by the test) and over real ccxt.pro against the fake
// Binance stream: one upstream tape per symbol, late subscribers see the recent trades, the trades are the venue's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, type PublicTrade } from '../../src-shared';
import { CcxtLiveSource, DemoVenue, type LiveCandleSource } from '../exchanges';
import { ccxtProBinance } from './testing/ccxt-fakes';
import { FakeBinanceStream } from '../../fakes/binance';
import { RECENT_TRADES_KEPT, TradeStreams } from './trade-streams';

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function demoTapes() {
  let now = Date.UTC(2026, 10, 2, 9, 30, 0);
  const venue = new DemoVenue({ seed: 11, now: () => now, historyDays: 1, tickMs: 500 });
  const counts = { started: 0, stopped: 0 };
  const source: LiveCandleSource = {
    watchCandles: (symbol, timeframe, onUpdate) => venue.watchCandles(symbol, timeframe, onUpdate),
    watchTrades(symbol, onTrades) {
      counts.started++;
      const stop = venue.watchTrades(symbol, onTrades);
      return () => {
        counts.stopped++;
        stop();
      };
    },
  };
  const tapes = new TradeStreams((id) => (id === 'demo' ? source : undefined));
  const tick = (ms = 500) => {
    now += ms;
    venue.advance(now);
  };
  return { venue, tapes, counts, tick };
}

describe('TradeStreams on the demo venue', () => {
  it('runs one upstream tape for two subscribers, gives a late one the recent trades, and stops after the last leaves', async () => {
    const { venue, tapes, counts, tick } = demoTapes();
    const a: PublicTrade[] = [];
    const b: PublicTrade[] = [];
    const stopA = tapes.subscribe({ venue: 'demo', symbol: 'BTC/USDT' }, (t) => a.push(...t));
    for (let i = 0; i < 5; i++) tick();
    expect(a).toHaveLength(5);
    // Each trade is at the price the venue then showed, with its taker side.
    const ticker = await venue.ticker('BTC/USDT');
    expect(a.at(-1)!.price).toBe(ticker.last);
    expect(a.every((t) => t.amount > 0 && (t.side === 'buy' || t.side === 'sell'))).toBe(true);
    expect(a.map((t) => Number(t.id))).toEqual([...a.map((t) => Number(t.id))].sort((x, y) => x - y));

    const stopB = tapes.subscribe({ venue: 'demo', symbol: 'BTC/USDT' }, (t) => b.push(...t));
    expect(b).toEqual(a); // the recent trades at once
    tick();
    expect(b.at(-1)).toEqual(a.at(-1));
    expect(counts.started).toBe(1);
    expect(tapes.activeStreams).toBe(1);

    stopA();
    expect(counts.stopped).toBe(0);
    stopB();
    stopB();
    expect(counts.stopped).toBe(1);
    expect(tapes.activeStreams).toBe(0);
  });

  it('keeps only the newest trades for late subscribers', () => {
    const { tapes, tick } = demoTapes();
    const stop = tapes.subscribe({ venue: 'demo', symbol: 'ETH/USDT' }, () => {});
    for (let i = 0; i < RECENT_TRADES_KEPT + 10; i++) tick();
    const late: PublicTrade[] = [];
    tapes.subscribe({ venue: 'demo', symbol: 'ETH/USDT' }, (t) => late.push(...t));
    expect(late).toHaveLength(RECENT_TRADES_KEPT);
    stop();
  });

  it('refuses a venue without live data, or one that does not stream trades, with a typed error', () => {
    const candlesOnly: LiveCandleSource = { watchCandles: () => () => {} };
    const tapes = new TradeStreams((id) => (id === 'gate' ? candlesOnly : undefined));
    const attempt = (venue: 'binance' | 'gate') => {
      try {
        tapes.subscribe({ venue, symbol: 'BTC/USDT' }, () => {});
      } catch (error) {
        return error as AppError;
      }
      throw new Error('expected a refusal');
    };
    expect(attempt('binance').code).toBe('VENUE_UNAVAILABLE');
    expect(attempt('gate')).toMatchObject({ code: 'NOT_FOUND', message: 'gate does not stream its trades' });
    expect(tapes.activeStreams).toBe(0);
  });
});

describe('TradeStreams over real ccxt.pro against the fake Binance stream', () => {
  it('delivers the trades the venue sent, with their ids, prices and taker sides, and unsubscribes upstream', async () => {
    const fake = await new FakeBinanceStream({ seed: 4 }).start();
    const exchange = await ccxtProBinance(fake);
    const source = new CcxtLiveSource({ venue: 'binance', exchange });
    const tapes = new TradeStreams(() => source);
    cleanup.push(() => fake.stop(), () => source.close());
    const received: PublicTrade[] = [];
    const stop = tapes.subscribe({ venue: 'binance', symbol: 'BTC/USDT' }, (t) => received.push(...t));
    await vi.waitFor(() => expect(fake.subscribed().has('btcusdt@trade')).toBe(true), { timeout: 10_000, interval: 5 });
    for (let i = 0; i < 20; i++) {
      fake.step(1_000);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const sent = fake.tradesSent.get('BTCUSDT')!;
    await vi.waitFor(() => expect(received).toHaveLength(sent.length), { timeout: 10_000, interval: 5 });
    expect(received.map(({ id, price, amount, side }) => ({ id, price, amount, side }))).toEqual(sent);
    stop();
    await vi.waitFor(() => expect(fake.subscribed().has('btcusdt@trade')).toBe(false), { timeout: 10_000, interval: 5 });
  });
});
