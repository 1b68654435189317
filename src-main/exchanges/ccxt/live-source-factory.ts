// Live data of a connected exchange account: a ccxt.pro instance on the account's endpoints behind a CcxtLiveSource.
import type { VenueId } from '../../../src-shared';
import type { ExchangeConnectionOptions, LiveCandleSource } from '../ports';
import type { BackoffPolicy } from './backoff';
import { CcxtLiveSource } from './live-source';
import { createStreamingExchange } from './streaming-exchange';
import type { VenueReach } from './watch-loop';

export interface LiveSourceHandle {
  source: LiveCandleSource;
  /** Closes the venue's sockets; the streams on it end. */
  close(): Promise<void>;
}

export async function openCcxtLiveSource(
  venue: VenueId,
  connection: ExchangeConnectionOptions,
  reconnect: { link?: VenueReach; backoff?: BackoffPolicy } = {},
): Promise<LiveSourceHandle> {
  const exchange = await createStreamingExchange(venue, connection);
  const { link, backoff } = reconnect;
  const source = new CcxtLiveSource({ venue, exchange, ...(link ? { link } : {}), ...(backoff ? { backoff } : {}) });
  // Stops every loop before closing the sockets: a loop left running would reconnect to a venue no longer connected.
  return { source, close: () => source.close() };
}
