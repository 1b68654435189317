// tickerFromAll asks every connected venue at once and reports each venue's own outcome: a venue that is down or
// hangs shows as that venue's error while the others' prices still arrive.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, type Ticker } from '../../src-shared';
import { createExchangeAdapter } from './ccxt';
import { ExchangeManager } from './exchange-manager';
import type { ExchangeAdapter } from './ports';
import { startFakeBinance, type FakeBinance } from '../../fakes/binance';

/** A port nothing listens on: connecting is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An adapter whose ticker never answers (a venue stuck mid-request), or answers with a given error. */
function stub(id: 'mexc' | 'gate', ticker: () => Promise<Ticker>): ExchangeAdapter {
  const no = () => Promise.reject(new AppError('INTERNAL', 'not used'));
  return {
    id, ticker, markets: no, candles: no, balance: no, createOrder: no, cancelOrder: no, fetchOrder: no,
    fetchOrderByClientId: no, openOrders: no, myTrades: no, newClientOrderId: () => 'x', close: () => Promise.resolve(),
  };
}

let fake: FakeBinance | undefined;
const manager = new ExchangeManager({ perVenueTimeoutMs: 2000 });
afterEach(async () => {
  await manager.closeAll();
  await fake?.close();
});

describe('ExchangeManager.tickerFromAll', () => {
  it('returns the working venue’s ticker next to the failing venues’ errors', async () => {
    fake = await startFakeBinance();
    const binance = createExchangeAdapter('binance', undefined, { restBaseUrl: fake.url });
    await binance.markets(); // ccxt's first call (loading its market tables) must not count against the hang limit
    await manager.connect(binance);
    await manager.connect(createExchangeAdapter('gate', undefined, { restBaseUrl: `http://127.0.0.1:${await closedPort()}` }));
    await manager.connect(stub('mexc', () => new Promise<Ticker>(() => {})));

    const results = await manager.tickerFromAll('BTC/USDT');
    expect(results.map((r) => r.venue)).toEqual(['binance', 'gate', 'mexc']);
    expect(results[0]).toMatchObject({ venue: 'binance', ok: true, ticker: { last: 60_000 } });
    expect(results[1]).toMatchObject({ venue: 'gate', ok: false, error: { code: 'VENUE_UNAVAILABLE' } });
    expect(results[2]).toMatchObject({ venue: 'mexc', ok: false, error: { code: 'TIMEOUT' } });
  });

  it('turns a non-AppError into INTERNAL with its message, and an empty manager into no results', async () => {
    expect(await manager.tickerFromAll('BTC/USDT')).toEqual([]);
    await manager.connect(stub('gate', () => Promise.reject(new Error('adapter bug'))));
    expect(await manager.tickerFromAll('BTC/USDT')).toEqual([{ venue: 'gate', ok: false, error: { code: 'INTERNAL', message: 'adapter bug' } }]);
  });

  it('replaces and closes an adapter when the same venue connects again', async () => {
    let closed = 0;
    const first = { ...stub('gate', () => Promise.reject(new Error('old'))), close: async () => void (closed += 1) };
    await manager.connect(first);
    await manager.connect(stub('gate', () => Promise.reject(new Error('new'))));
    expect(closed).toBe(1);
    expect(manager.connected()).toEqual(['gate']);
    await manager.disconnect('gate');
    expect(manager.connected()).toEqual([]);
  });
});
