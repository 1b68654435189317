// The host side of bench/stream, run in its own process like the real host: ccxt.pro Binance pointed at the bench's
// fake feed, CcxtLiveSource, CandleStreams, the real market handlers (where coalescing lives), the dispatcher and
// the real WebSocket host. Only the channels the bench uses are wired; the rest of the core is not needed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiServices } from '../../src-main/api';
import { createDispatcher, type Handlers } from '../../src-main/api/dispatcher';
import { marketHandlers } from '../../src-main/api/market-handlers';
import { CcxtLiveSource, VenueDirectory, type MarketDataVenue } from '../../src-main/exchanges';
import { startHost } from '../../src-main/host/server';
import { CandleStreams } from '../../src-main/streaming';
import { ccxtHistory, ccxtProBinance } from '../../src-main/streaming/testing/ccxt-fakes';

export async function startStreamHost(options: { restBase: string; wsBase: string; token: string; pageOrigin?: string }) {
  const ex = await ccxtProBinance(options);
  await ex.loadMarkets();
  // The feed is the bench's own: its 1,000 frames per second per socket are far above Binance's 5 per second.
  ex.options['ws'] = { ...(ex.options['ws'] as object), cost: 0 };
  const source = new CcxtLiveSource({ venue: 'binance', exchange: ex });
  const history = ccxtHistory(ex);
  const venue: MarketDataVenue = {
    ...history,
    ticker: async (symbol) => ({ venue: 'binance', symbol, last: 1, timestamp: Date.now() }),
  };
  const venues = new VenueDirectory();
  venues.add({ venue, live: source, mode: 'live' });
  const streams = new CandleStreams((id) => venues.liveSource(id), { history: () => venue });
  const handlers = marketHandlers({ venues, streams } as unknown as ApiServices) as unknown as Handlers;
  const host = await startHost({
    dispatcher: createDispatcher(handlers),
    token: options.token,
    rendererDir: mkdtempSync(join(tmpdir(), 'tbs-bench-stream-')),
    // The bench's page comes from its own loopback server: another origin, which the host lets in by name.
    ...(options.pageOrigin ? { allowedOrigins: [options.pageOrigin] } : {}),
  });
  return { port: host.port, stats: host.api.stats, close: async () => (streams.close(), await host.close(), await source.close()) };
}
