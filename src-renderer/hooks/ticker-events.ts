// A market's ticker as it reaches this window: from its own ticker stream (`ticker.updated`) and riding in the
// chart's candle pushes (`candle.updated`), whichever subscription is open. Both carry the venue's newest ticker.
import type { Symbol, Ticker, VenueId } from '../../src-shared';
import { api } from '../api';

export function onTicker(venue: VenueId, symbol: Symbol, listener: (ticker: Ticker) => void): () => void {
  const forThis = (ticker: Ticker): void => {
    if (ticker.venue === venue && ticker.symbol === symbol) listener(ticker);
  };
  const stops = [api.on('ticker.updated', ({ ticker }) => forThis(ticker)), api.on('candle.updated', ({ ticker }) => forThis(ticker))];
  return () => stops.forEach((stop) => stop());
}
