// A market's ticker as it reaches this window over its ticker stream (`ticker.updated`): the top bar keeps that
// stream open for the market shown, and anything else in the window that wants the price listens here.
import type { Symbol, Ticker, VenueId } from '../../src-shared';
import { api } from '../api';

export function onTicker(venue: VenueId, symbol: Symbol, listener: (ticker: Ticker) => void): () => void {
  return api.on('ticker.updated', ({ ticker }) => {
    if (ticker.venue === venue && ticker.symbol === symbol) listener(ticker);
  });
}
