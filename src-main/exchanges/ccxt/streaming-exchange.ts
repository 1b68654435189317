// A ccxt.pro instance for a venue's public live data (tickers, candles), pointed where the account's connection
// options say: the same REST and WebSocket base URLs as the account, so a testnet, proxy or local fake account also
// streams from there and never from the public endpoint.
import type { Exchange } from 'ccxt';
import type { ExchangeConnectionOptions } from '../ports';
import { ccxtLib } from './ccxt-lib';
import { venueProfile } from './factory';
import { applyConnectionOptions, validateConnectionOptions } from './urls';

export async function createStreamingExchange(venue: string, options: ExchangeConnectionOptions = {}): Promise<Exchange> {
  const profile = venueProfile(venue);
  validateConnectionOptions(options);
  const Pro = ccxtLib().pro[profile.id] as unknown as new (config: object) => Exchange;
  // Spot only, as the REST adapters: loadMarkets (which watch* calls first) would otherwise fetch every derivatives
  // market list too. No keys: public streams need none, so the secret never sits in a second instance.
  const ex = new Pro({ options: { fetchMarkets: { types: ['spot'] } } });
  applyConnectionOptions(ex, options);
  // ccxt.pro refuses a plain ws:// endpoint (a local gateway or fake) until its proxy agent module is loaded.
  if (options.wsBaseUrl?.startsWith('ws://')) await ex.loadHttpProxyAgent();
  return ex;
}
