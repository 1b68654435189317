// A crossing while the price feed was down: the real TickerStreams feeds the alerts, which fill the gap from the
// venue's history once the feed is back and read the missed bars' highs and lows. A scripted venue (live feed + history of
// one-minute bars) makes the price path the test's; the clock is manual.
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertTriggered, Candle, Market, Ticker } from '../../src-shared';
import { InProcessEventBus } from '../events';
import type { CandleUpdate, LiveCandleSource, MarketDataVenue, StatusListener, VenueDirectory } from '../exchanges';
import { ManualClock } from '../resilience/testing/manual-clock';
import { openDatabase } from '../storage';
import { TickerStreams } from '../streaming';
import { AlertRepository } from './alert-repository';
import { AlertService } from './alert-service';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 2, 14, 0, 0);
const at = (minute: number, second = 0) => T0 + minute * MINUTE + second * 1000;
const BTC: Market = { venue: 'binance', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, amountPrecision: 5, minNotional: 5, active: true };

/** Binance as far as alerts see it: one symbol whose trades the test makes, a live feed it can cut, and history. */
class ScriptedVenue implements MarketDataVenue, LiveCandleSource {
  readonly id = 'binance' as const;
  readonly staleAfterMs = 3_600_000;
  readonly bars: Candle[] = [];
  private listeners = new Set<{ onUpdate?: (u: CandleUpdate) => void; onTicker?: (t: Ticker) => void; onStatus: StatusListener | undefined }>();
  connected = true;
  last: Ticker;

  constructor(
    private readonly clock: ManualClock,
    price: number,
  ) {
    this.last = { venue: 'binance', symbol: 'BTC/USDT', last: price, timestamp: clock.now() };
    this.trade(price);
  }

  /** A trade at `price` now: the venue's bar moves; the feed tells its listeners if it is up. */
  trade(price: number): void {
    const now = this.clock.now();
    const time = Math.floor(now / MINUTE) * MINUTE;
    let bar = this.bars.at(-1);
    if (!bar || bar.time < time) {
      // A bar opens where the previous one closed (minutes without trades are not drawn).
      const open = bar?.close ?? price;
      bar = { time, open, high: Math.max(open, price), low: Math.min(open, price), close: price, volume: 0 };
      this.bars.push(bar);
    }
    bar.high = Math.max(bar.high, price);
    bar.low = Math.min(bar.low, price);
    bar.close = price;
    bar.volume += 1;
    this.last = { venue: 'binance', symbol: 'BTC/USDT', last: price, timestamp: now };
    if (!this.connected) return;
    for (const l of this.listeners) {
      l.onUpdate?.({ candle: { ...bar } });
      l.onTicker?.(this.last);
    }
  }

  drop(): void {
    this.connected = false;
    for (const l of this.listeners) l.onStatus?.({ status: 'reconnecting', reason: 'the connection dropped' });
  }

  back(): void {
    this.connected = true;
    for (const l of this.listeners) l.onStatus?.({ status: 'live' });
  }

  watchCandles(_symbol: string, _timeframe: string, onUpdate: (u: CandleUpdate) => void, onStatus?: StatusListener): () => void {
    const listener = { onUpdate, onStatus };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  watchTicker(_symbol: string, onTicker: (t: Ticker) => void, onStatus?: StatusListener): () => void {
    const listener = { onTicker, onStatus };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  markets = () => Promise.resolve([BTC]);
  ticker = () => Promise.resolve(this.last);
  candles(_symbol: string, _timeframe: string, query: { limit: number; before?: number }): Promise<Candle[]> {
    const before = query.before ?? Infinity;
    return Promise.resolve(this.bars.filter((b) => b.time < before).slice(-query.limit).map((b) => ({ ...b })));
  }
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function world() {
  const clock = new ManualClock(at(0));
  const venue = new ScriptedVenue(clock, 64_000);
  const bus = new InProcessEventBus();
  const streams = new TickerStreams(() => venue, { bus });
  const venues = { get: () => venue, summaries: () => [{ id: 'binance', name: 'Binance', mode: 'live', available: true }] } as unknown as VenueDirectory;
  const repository = new AlertRepository(openDatabase(':memory:'));
  const service = new AlertService({ repository, streams, bus, venues, clock, minIntervalMs: 0 });
  service.start();
  const fired: AlertTriggered[] = [];
  bus.subscribe('alert.triggered', (alert) => void fired.push(alert));
  cleanups.push(() => {
    service.close();
    streams.close();
  });
  /** Moves the clock to `when` and trades there. */
  const tradeAt = async (when: number, price: number) => {
    await clock.advance(when - clock.now());
    venue.trade(price);
    await clock.advance(0);
  };
  return { clock, venue, service, fired, tradeAt };
}

describe('alerts over an outage of the price feed', () => {
  it('a crossing inside the outage fires once on recovery, marked with the outage; not for a rule made after it; never twice', async () => {
    const w = world();
    const line = await w.service.create({ venue: 'binance', symbol: 'BTC/USDT', kind: 'above', threshold: 65_000, referencePrice: 64_000 });
    await w.tradeAt(at(1, 10), 64_200);
    await w.tradeAt(at(2, 5), 64_300);

    // 14:02:10 the feed drops. On the venue the price goes through the line at 14:03 and stays above it.
    await w.clock.advance(at(2, 10) - w.clock.now());
    w.venue.drop();
    await w.tradeAt(at(3, 20), 65_500);
    await w.tradeAt(at(3, 40), 65_150);
    // 14:04:30, still offline: the trader adds a line the price had already crossed at 14:03 (it is at 65,150 now).
    await w.clock.advance(at(4, 30) - w.clock.now());
    const late = await w.service.create({ venue: 'binance', symbol: 'BTC/USDT', kind: 'above', threshold: 65_400, referencePrice: 65_150 });
    await w.tradeAt(at(5, 0), 65_200);
    await w.tradeAt(at(6, 30), 65_100);
    expect(w.fired).toEqual([]);

    // 14:07:05 the feed is back; its first trade starts the backfill of the bars from 14:02 to 14:06.
    await w.clock.advance(at(7, 5) - w.clock.now());
    w.venue.back();
    await w.tradeAt(at(7, 5), 65_120);
    await w.clock.advance(0);
    expect(w.fired).toEqual([
      {
        ruleId: line.id,
        venue: 'binance',
        symbol: 'BTC/USDT',
        description: 'BTC/USDT above 65,000 — while offline (14:02–14:07 UTC)',
        price: 65_500,
        at: at(7, 5),
        offline: { from: at(2, 10), to: at(7, 5) },
        terms: { kind: 'above', threshold: 65_000, direction: 'up' },
      },
    ]);
    expect(w.service.history(10)).toEqual([expect.objectContaining({ ruleId: line.id, description: 'BTC/USDT above 65,000 — while offline (14:02–14:07 UTC)', price: 65_500 })]);

    // Live again on the same side of the line: no second firing for the same crossing.
    await w.tradeAt(at(7, 30), 65_300);
    await w.tradeAt(at(8, 10), 65_350);
    expect(w.fired.map((f) => f.ruleId)).toEqual([line.id]);
    expect(w.service.list().find((r) => r.id === line.id)).toMatchObject({ status: 'beyond' });

    // Live crossings work as before: back under the band, then through both lines.
    await w.tradeAt(at(9, 0), 64_800);
    await w.tradeAt(at(9, 30), 65_450);
    expect(w.fired.map((f) => [f.ruleId, f.price, f.offline])).toEqual([
      [line.id, 65_500, { from: at(2, 10), to: at(7, 5) }],
      [line.id, 65_450, undefined],
      [late.id, 65_450, undefined],
    ]);
    expect(w.fired.slice(1).every((f) => !f.description.includes('offline'))).toBe(true);
  });

  it('a bar that crossed and came back while offline fires the rule once, however many bars crossed', async () => {
    const w = world();
    const cross = await w.service.create({ venue: 'binance', symbol: 'BTC/USDT', kind: 'crossing', threshold: 65_000, referencePrice: 64_000 });
    await w.tradeAt(at(1, 0), 64_100);
    await w.clock.advance(at(1, 30) - w.clock.now());
    w.venue.drop();
    // Up through the line at 14:02, down through it at 14:03, up again at 14:04, back under by 14:05.
    await w.tradeAt(at(2, 10), 65_300);
    await w.tradeAt(at(3, 10), 64_600);
    await w.tradeAt(at(4, 10), 65_400);
    await w.tradeAt(at(5, 10), 64_700);
    await w.clock.advance(at(6, 0) - w.clock.now());
    w.venue.back();
    await w.tradeAt(at(6, 0), 64_650);
    await w.clock.advance(0);
    // The live price is below the line, where the outage left it: the fall through it then is not fired either.
    expect(w.fired).toHaveLength(1);
    expect(w.fired[0]).toMatchObject({ ruleId: cross.id, price: 65_300, description: 'BTC/USDT crossing 65,000 upwards — while offline (14:01–14:06 UTC)' });
  });
});
