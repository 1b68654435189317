// Where orders go by venue and mode: live to the account, paper to a simulated account priced by the same venue's
// public data — which must never send an order to the real account — and nothing to a venue that is not connected.
import { describe, expect, it } from 'vitest';
import { InMemoryAccountStore, VenueDirectory } from '../exchanges';
import { useBinanceHarness } from './testing/binance-harness';
import { TradingVenues } from './trading-venues';

const start = useBinanceHarness();

describe('trading venues', () => {
  it('sends paper orders to a simulated account at the venue\'s prices, never to the account itself', async () => {
    const h = await start();
    const directory = new VenueDirectory();
    directory.add({ venue: h.adapter, mode: 'live', trading: h.adapter });
    const venues = new TradingVenues(directory, new InMemoryAccountStore());
    try {
      const service = h.service({ venueFor: venues.venueFor });
      const paper = await service.place({ venue: 'binance', mode: 'paper', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 });
      expect(paper).toMatchObject({ mode: 'paper', status: 'filled', filled: 0.01 });
      expect(paper.averagePrice).toBeGreaterThan(59_000);
      expect(h.fake.log.count({ method: 'POST', path: '/api/v3/order' })).toBe(0);
      const live = await service.place({ venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01, price: 50_000 });
      expect(live).toMatchObject({ mode: 'live', status: 'open' });
      expect(h.fake.log.count({ method: 'POST', path: '/api/v3/order' })).toBe(1);
      expect(service.list({ scope: 'history', mode: 'paper', limit: 10 }).map((o) => o.clientOrderId)).toEqual([paper.clientOrderId]);
      expect(venues.venueFor('binance', 'paper')).toBe(venues.venueFor('binance', 'paper'));
      expect(venues.connected()).toEqual([{ venue: 'binance', mode: 'live' }]);
    } finally {
      venues.close();
    }
  });

  it('refuses a venue that is not connected, and a mode the venue does not trade', () => {
    const venues = new TradingVenues(new VenueDirectory(), new InMemoryAccountStore());
    expect(() => venues.venueFor('gate', 'paper')).toThrow(expect.objectContaining({ code: 'VENUE_UNAVAILABLE' }));
    expect(() => venues.venueFor('gate', 'live')).toThrow(expect.objectContaining({ code: 'VENUE_UNAVAILABLE' }));
    expect(() => venues.venueFor('demo', 'live')).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
    expect(() => venues.venueFor('mexc', 'demo')).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
  });
});
