// Markets of each trading venue, loaded once per venue object: every order is checked against its market's
// precision and minimums, and a venue's market list barely changes while the app runs. Keyed by the venue object,
// so a reconnected account (a new adapter) loads afresh; a failed load is forgotten and retried by the next order.
import { AppError, type Market, type Symbol } from '../../src-shared';
import type { TradingVenue } from '../exchanges';

export class MarketCache {
  private readonly loads = new WeakMap<TradingVenue, Promise<Map<Symbol, Market>>>();

  async market(venue: TradingVenue, symbol: Symbol, label: string): Promise<Market> {
    let load = this.loads.get(venue);
    if (!load) {
      load = venue.markets().then((list) => new Map(list.map((m) => [m.symbol, m])));
      this.loads.set(venue, load);
      load.catch(() => this.loads.delete(venue));
    }
    const market = (await load).get(symbol);
    if (!market) throw new AppError('ORDER_REJECTED', `${symbol} is not listed on ${label}: choose one of its markets`);
    return market;
  }
}
