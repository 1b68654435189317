import { describe, expect, it, vi } from 'vitest';
import type { Candle } from '../../src-shared';
import { DemoVenue, type CandleUpdate, type LiveCandleSource, type StatusChange } from '../exchanges';
import { CandleStreams, type StreamedCandle } from './candle-streams';

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

describe('CandleStreams status and backfill over the demo venue', () => {
  const start = Date.UTC(2026, 10, 2, 9, 30, 10);

  async function run(outage: { from: number; until: number }, seconds: number) {
    vi.useFakeTimers({ now: start, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const venue = new DemoVenue({ seed: 3, now: () => Date.now(), historyDays: 1, outage });
    const streams = new CandleStreams((id) => (id === 'demo' ? venue : undefined), { history: () => venue });
    const received: Candle[] = [];
    const updates: StreamedCandle[] = [];
    const changes: StatusChange[] = [];
    streams.subscribe(
      series,
      (u) => {
        received.push(u.candle);
        updates.push(u);
      },
      (c) => changes.push(c),
    );
    for (let t = 0; t < seconds * 2; t++) {
      await vi.advanceTimersByTimeAsync(500);
      venue.advance();
    }
    streams.close();
    vi.useRealTimers();
    return { venue, received, updates, changes };
  }

  it('marks a silent feed stale, then fills the bars it missed from history before it goes live again', async () => {
    const outage = { from: start + 20_000, until: start + 200_000 };
    const { venue, received, changes } = await run(outage, 260);
    expect(changes.map((c) => c.status)).toEqual(['live', 'stale', 'stale', 'live']);
    expect(changes[1]!.reason).toMatch(/no update for \d+ s/);
    expect(changes[2]!.reason).toBe('filling the gap from history');
    // Bars opened and closed inside the outage reached the subscriber, in time order.
    const times = [...new Set(received.map((c) => c.time))];
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const first = times[0]!;
    const last = times.at(-1)!;
    expect((last - first) / 60_000 + 1).toBe(times.length);
    const wholeOutageBars = times.filter((t) => t >= outage.from && t + 60_000 <= outage.until);
    expect(wholeOutageBars.length).toBeGreaterThanOrEqual(2);
    // And each closed bar in its final state: the last one delivered for it equals history.
    const history = await venue.candles('BTC/USDT', '1m', { limit: 10, before: last });
    const final = new Map(received.map((c) => [c.time, c]));
    for (const bar of history.filter((c) => c.time >= first)) expect(final.get(bar.time)).toEqual(bar);
  });

  it('marks the bars fetched to fill the gap with the outage they cover, and only those', async () => {
    const outage = { from: start + 20_000, until: start + 200_000 };
    const { updates } = await run(outage, 260);
    const backfilled = updates.filter((u) => u.backfill);
    expect(backfilled.length).toBeGreaterThanOrEqual(3);
    const window = backfilled[0]!.backfill!;
    // From the last update heard before the silence to the first one after it (the demo ticks every 500 ms).
    expect(window.from).toBeGreaterThanOrEqual(outage.from - 500);
    expect(window.from).toBeLessThanOrEqual(outage.from);
    expect(window.to).toBeGreaterThanOrEqual(outage.until);
    expect(window.to).toBeLessThanOrEqual(outage.until + 1_000);
    expect(backfilled.every((u) => u.backfill === window || (u.backfill!.from === window.from && u.backfill!.to === window.to))).toBe(true);
    // Every missed bar opened inside the gap; the live updates around it carry no mark.
    for (const u of backfilled) expect(u.candle.time).toBeLessThan(window.to);
    const firstLiveAfter = updates.findIndex((u, i) => i > updates.indexOf(backfilled.at(-1)!) && !u.backfill);
    expect(firstLiveAfter).toBeGreaterThan(0);
    expect(updates.slice(0, updates.indexOf(backfilled[0]!)).some((u) => u.backfill)).toBe(false);
  });
});
