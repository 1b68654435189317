// Open orders across all markets on a venue that lists them one market at a time (MEXC: GET /api/v3/openOrders
// requires `symbol`). Asking every market would cost thousands of requests; but a resting spot order always locks
// funds (a buy its quote, a sell its base), so only markets whose base or quote has something locked can hold one.
// That narrowing is exact, not a guess: a market outside it has no open order of ours.
import type { Exchange, Order as CcxtOrder } from 'ccxt';
import { AppError } from '../../../src-shared';
import { normalizeBalances } from './normalize';
import type { VenueProfile } from './venue-profile';

/**
 * One fetchOpenOrders per spot market where funds are locked, one after the other (the venue's per-endpoint
 * limit and ccxt's throttle see an ordinary sequence). More than `maxMarkets` candidates is refused before any of
 * them is asked: a locked USDT balance alone can point at every USDT market.
 */
export async function openOrdersByMarket(ex: Exchange, venue: Pick<VenueProfile, 'id' | 'name'>, maxMarkets: number): Promise<CcxtOrder[]> {
  await ex.loadMarkets();
  const locked = new Set(normalizeBalances(venue.id, await ex.fetchBalance()).filter((b) => b.used > 0).map((b) => b.asset));
  const markets = Object.values(ex.markets ?? {}).filter(
    (m) => m !== undefined && m.spot !== false && (locked.has(m.base) || locked.has(m.quote)),
  );
  if (markets.length > maxMarkets) {
    throw new AppError(
      'INVALID_REQUEST',
      `${venue.name} lists open orders one market at a time, and the funds locked in ${[...locked].sort().join(', ')} could belong to orders in ${markets.length} markets: choose a market to list its open orders`,
    );
  }
  const orders: CcxtOrder[] = [];
  for (const market of markets) orders.push(...(await ex.fetchOpenOrders(market.symbol)));
  return orders;
}
