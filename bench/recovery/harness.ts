// The recovery bench's world: real ccxt.pro Binance against the fake stream venue, CcxtLiveSource with the venue's
// link, CandleStreams with REST backfill, and ten wanted streams on the one venue (eight candle series, two tickers).
import type { Timeframe } from '../../src-shared';
import { VenueLink } from '../../src-main/resilience';
import { CcxtLiveSource, DEFAULT_BACKOFF } from '../../src-main/exchanges';
import { CandleStreams, TickerStreams } from '../../src-main/streaming';
import { ccxtHistory, ccxtProBinance } from '../../src-main/streaming/testing/ccxt-fakes';
import { FakeBinanceStream } from '../../fakes/binance';

export interface RecoveryOptions {
  outages: number;
  /** Reconnects of the fast phase before a stream waits on the link (the app's is 12; fewer keeps the bench short). */
  fastAttempts: number;
  probeEveryMs: number;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the streams');
    await sleep(5);
  }
}

export async function runRecovery(options: RecoveryOptions) {
  const fake = await new FakeBinanceStream({ seed: 21, now: Date.now() }).start();
  let at = Date.now();
  const ticking = setInterval(() => {
    fake.step(Date.now() - at);
    at = Date.now();
  }, 100);
  const ex = await ccxtProBinance(fake);
  // Outages back to back every half minute would spend Binance's 300 connection attempts per 5 minutes within a few
  // rounds, and the link would then rightly hold the reconnects: the bench counts the attempts instead of capping them.
  const link = new VenueLink('binance', { probeEveryMs: options.probeEveryMs, connectLimit: { id: 'bench-uncapped', limit: 1_000_000, intervalMs: 300_000 } });
  const source = new CcxtLiveSource({ venue: 'binance', exchange: ex, backoff: { ...DEFAULT_BACKOFF, maxAttempts: options.fastAttempts }, link, staleAfterMs: 60_000 });
  const streams = new CandleStreams((venue) => (venue === 'binance' ? source : undefined), { history: () => ccxtHistory(ex) });
  const tickers = new TickerStreams((venue) => (venue === 'binance' ? source : undefined));
  const charts: Array<{ status: string; lastUpdateAt: number }> = [];
  for (const symbol of ['BTC/USDT', 'ETH/USDT']) {
    for (const timeframe of ['1m', '5m', '15m', '1h'] as Timeframe[]) {
      const chart = { status: 'live', lastUpdateAt: 0 };
      charts.push(chart);
      streams.subscribe(
        { venue: 'binance', symbol, timeframe },
        () => (chart.lastUpdateAt = Date.now()),
        (change) => (chart.status = change.status),
      );
    }
    tickers.subscribe({ venue: 'binance', symbol }, () => {});
  }
  const allLiveSince = (t0: number) => charts.every((c) => c.status === 'live' && c.lastUpdateAt >= t0);
  const firstChart = charts[0]!;

  const slow: number[] = [];
  const osBack: number[] = [];
  const wake: number[] = [];
  let offlineMs = 0;
  let offlineProbes = 0;
  let rounds = 0;
  try {
    await until(() => allLiveSince(0));
    for (const kind of ['slow', 'os', 'wake'] as const) {
      for (let i = 0; i < options.outages; i++) {
        fake.refuse(true);
        fake.dropAll();
        await until(() => charts.every((c) => c.status === 'offline'));
        const offlineFrom = Date.now();
        const probesFrom = link.probes;
        // The slow probe alone: back at a random moment of its cycle. With the OS's signal (network back, woken up) the
        // signal comes when the venue is back, whenever that is in the cycle.
        await sleep(Math.random() * (kind === 'slow' ? options.probeEveryMs : 1_000));
        const back = Date.now();
        fake.refuse(false);
        // The OS says the network is back / the machine woke (what WakeWatch and powerMonitor call): probe now.
        if (kind !== 'slow') link.probeNow();
        await until(() => firstChart.status === 'live' && firstChart.lastUpdateAt >= back);
        const ms = Date.now() - back;
        (kind === 'slow' ? slow : kind === 'os' ? osBack : wake).push(ms);
        if (kind === 'slow') {
          offlineMs += Date.now() - offlineFrom;
          offlineProbes += link.probes - probesFrom;
        }
        await until(() => allLiveSince(back));
        rounds++;
        options.log(`${kind} outage ${i + 1}: live again ${ms} ms after the venue was back`);
      }
    }
  } finally {
    clearInterval(ticking);
    streams.close();
    tickers.close();
    link.close();
    await source.close();
    await fake.stop();
  }
  const attempts = link.attemptsUsed();
  return { slow, osBack, wake, probesPer5Min: offlineMs > 0 ? (offlineProbes / offlineMs) * 300_000 : 0, attemptsLast5Min: attempts?.used, rounds };
}
