// The orders channels through the real dispatcher, over the order service on a real SQLite journal and the demo
// venue's simulated market: the contract refuses bad payloads before the service runs (nothing journaled, nothing
// sent), and a good order goes through to a fill, its trade and the account's balances.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Order, type OrderRequest, type Trade } from '../../src-shared';
import { InProcessEventBus } from '../events';
import { DemoVenue, SimulatedExchange } from '../exchanges';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { MemorySecretStore } from '../secrets/testing';
import { OrderJournal, OrderService } from '../trading';
import { createDispatcher, type Handlers } from './dispatcher';
import type { ApiServices } from './services';
import { TransportSession } from './session';
import { tradingHandlers } from './trading-handlers';

const temp = useTempDatabases();
const session = new TransportSession('s1', () => {});
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function setup() {
  const demo = new DemoVenue({ seed: 11, tickMs: 50 });
  const exchange = new SimulatedExchange({ venue: 'demo', mode: 'demo', prices: demo, live: demo });
  // Every create that reaches the venue, to show that refused requests never get there.
  const placed: unknown[] = [];
  const bound = new Proxy(exchange, {
    get(target, property) {
      if (property === 'createOrder') {
        return (request: OrderRequest, clientOrderId: string) => {
          placed.push(request);
          return target.createOrder(request, clientOrderId);
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const bus = new InProcessEventBus();
  const trades: Trade[] = [];
  bus.subscribe('trade.executed', (trade) => void trades.push(trade));
  const trading = new OrderService({
    journal: new OrderJournal(temp.open(join(temp.folder(), 'app.sqlite'), { synchronous: 'FULL' })),
    venueFor: () => bound,
    bus,
    warn: () => {},
  });
  closers.push(() => trading.close(), () => exchange.close(), () => demo.close());
  const refuse = () => {
    throw new Error('not part of this test');
  };
  const others = Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as Handlers;
  const secrets = new MemorySecretStore();
  const dispatcher = createDispatcher({ ...others, ...tradingHandlers({ trading, secrets } as unknown as ApiServices) });
  return { trading, placed, trades, secrets, call: (channel: string, payload: unknown) => dispatcher.dispatch(channel, payload, session) };
}

describe('orders channels', () => {
  it.each([
    ['a real venue in demo mode', { venue: 'binance', mode: 'demo' }, 'mode'],
    ['the demo venue live', { venue: 'demo', mode: 'live' }, 'mode'],
    ['a limit order without a price', { type: 'limit', price: undefined }, 'price'],
    ['a stop-limit without a stop price', { type: 'stop-limit', price: 60_000, stopPrice: undefined }, 'stopPrice'],
    ['a negative amount', { amount: -1 }, 'amount'],
    ['a lower-case symbol', { symbol: 'btc/usdt' }, 'symbol'],
    ['an extra field', { leverage: 10 }, 'leverage'],
  ])('refuses %s with INVALID_REQUEST; nothing is journaled or sent', async (_what, change, field) => {
    const { call, trading, placed } = setup();
    const order = { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01, price: 60_000, ...change };
    const response = await call('orders:place', order);
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', retryable: false } });
    expect(response.ok ? '' : response.error.message).toContain(field);
    expect(trading.list({ scope: 'open', limit: 10 })).toEqual([]);
    expect(trading.list({ scope: 'history', limit: 10 })).toEqual([]);
    expect(placed).toEqual([]);
  });

  it('refuses a live order while the key file is locked, saying so; demo orders go on', async () => {
    const { call, trading, secrets } = setup();
    secrets.lock('the passphrase');
    const live = await call('orders:place', { venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 });
    expect(live).toMatchObject({ ok: false, error: { code: 'SECRETS_LOCKED', message: expect.stringContaining('locked: enter the passphrase') } });
    expect(trading.list({ scope: 'history', limit: 10 })).toEqual([]);
    const demo = await call('orders:place', { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 });
    expect(demo).toMatchObject({ ok: true, result: { status: 'filled' } });
  });

  it('refuses cancel-all and balances in a mode the venue does not trade', async () => {
    const { call } = setup();
    expect(await call('orders:cancel-all', { venue: 'demo', mode: 'paper' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('orders:balances', { venue: 'gate', mode: 'demo' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('orders:cancel', { clientOrderId: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('places a market order on the demo venue: filled, listed, its trade booked, balances moved', async () => {
    const { call, trades } = setup();
    const before = await call('orders:balances', { venue: 'demo', mode: 'demo' });
    const placed = await call('orders:place', { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 });
    expect(placed).toMatchObject({ ok: true, result: { status: 'filled', filled: 0.01, venue: 'demo', mode: 'demo' } });
    const order = (placed as { result: Order }).result;
    expect(await call('orders:list', { scope: 'history' })).toEqual({ ok: true, result: [order] });
    expect(await call('orders:list', { scope: 'open' })).toEqual({ ok: true, result: [] });
    expect(await call('orders:trades', { venue: 'demo' })).toMatchObject({ ok: true, result: [{ clientOrderId: order.clientOrderId, amount: 0.01, side: 'buy' }] });
    expect(trades).toHaveLength(1);
    expect(await call('orders:check', { clientOrderId: order.clientOrderId })).toEqual({ ok: true, result: order });
    const after = await call('orders:balances', { venue: 'demo', mode: 'demo' });
    const btc = (response: typeof after) => (response as { result: { asset: string; total: number }[] }).result.find((b) => b.asset === 'BTC')?.total ?? 0;
    expect(btc(after)).toBeCloseTo(btc(before) + 0.01 * 0.999, 8);
    expect(await call('orders:cancel', { clientOrderId: order.clientOrderId })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('orders:cancel', { clientOrderId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
