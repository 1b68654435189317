import { describe, expect, it } from 'vitest';
import type { Candle } from '../../src-shared';
import { DemoVenue, type CandleUpdate, type LiveCandleSource } from '../exchanges';
import { CandleStreams } from './candle-streams';

const series = { venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m' } as const;

/** Counts the watches the streams open on a real demo venue. */
function countingSource(venue: DemoVenue) {
  const counts = { started: 0, stopped: 0 };
  const source: LiveCandleSource = {
    watchCandles(symbol, timeframe, onUpdate) {
      counts.started++;
      const stop = venue.watchCandles(symbol, timeframe, onUpdate);
      return () => {
        counts.stopped++;
        stop();
      };
    },
  };
  return { source, counts };
}

function setup() {
  let now = Date.UTC(2026, 10, 2, 9, 30, 0);
  const venue = new DemoVenue({ seed: 1, now: () => now, historyDays: 1 });
  const { source, counts } = countingSource(venue);
  const streams = new CandleStreams((id) => (id === 'demo' ? source : undefined));
  const tick = () => {
    now += 500;
    venue.advance();
  };
  return { streams, counts, tick };
}

describe('CandleStreams', () => {
  it('runs one upstream watch for two subscribers and stops it when the last one leaves', () => {
    const { streams, counts, tick } = setup();
    const a: Candle[] = [];
    const b: Candle[] = [];
    const stopA = streams.subscribe(series, (u: CandleUpdate) => a.push(u.candle));
    const stopB = streams.subscribe(series, (u: CandleUpdate) => b.push(u.candle));
    expect(counts.started).toBe(1);
    expect(streams.activeStreams).toBe(1);
    expect(a).toHaveLength(1); // the first subscriber got the current candle synchronously
    expect(b).toHaveLength(1); // so did the late one, from the stream's last update
    tick();
    expect(a).toHaveLength(2);
    expect(b).toHaveLength(2);
    stopA();
    stopA(); // a second call changes nothing
    expect(counts.stopped).toBe(0);
    tick();
    expect(a).toHaveLength(2);
    expect(b).toHaveLength(3);
    stopB();
    expect(counts.stopped).toBe(1);
    expect(streams.activeStreams).toBe(0);
  });

  it('keeps separate watches per timeframe and symbol', () => {
    const { streams, counts } = setup();
    const stops = [
      streams.subscribe(series, () => {}),
      streams.subscribe({ ...series, timeframe: '5m' }, () => {}),
      streams.subscribe({ ...series, symbol: 'ETH/USDT' }, () => {}),
    ];
    expect(counts.started).toBe(3);
    stops.forEach((stop) => stop());
    expect(counts.stopped).toBe(3);
  });

  it('isolates a throwing subscriber from the others', () => {
    const { streams, tick } = setup();
    const seen: number[] = [];
    streams.subscribe(series, () => {
      throw new Error('subscriber bug');
    });
    streams.subscribe(series, (u) => seen.push(u.candle.close));
    tick();
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  it('says which venue has no live data', () => {
    const { streams } = setup();
    expect(() => streams.subscribe({ ...series, venue: 'binance' }, () => {})).toThrow(/binance/);
    expect(streams.activeStreams).toBe(0);
  });
});
