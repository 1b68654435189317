// An ExchangeAdapter whose every method is a vi.fn that fails until a test gives it behaviour: the wrapper's tests
// see exactly how often and when each port method was called.
import { vi, type Mock } from 'vitest';
import { AppError, type Order, type Ticker, type VenueId } from '../../../src-shared';
import type { ExchangeAdapter } from '../../exchanges';

type Stubbed = { [K in keyof ExchangeAdapter]: ExchangeAdapter[K] extends (...args: infer A) => infer R ? Mock<(...args: A) => R> : ExchangeAdapter[K] };

export function stubAdapter(id: VenueId = 'binance'): Stubbed {
  const unused = () => Promise.reject(new AppError('INTERNAL', 'not stubbed in this test'));
  return {
    id,
    markets: vi.fn(unused),
    ticker: vi.fn(unused),
    candles: vi.fn(unused),
    balance: vi.fn(unused),
    createOrder: vi.fn(unused),
    cancelOrder: vi.fn(unused),
    fetchOrder: vi.fn(unused),
    fetchOrderByClientId: vi.fn(unused),
    openOrders: vi.fn(unused),
    myTrades: vi.fn(unused),
    newClientOrderId: vi.fn(() => 'x-test-1'),
    close: vi.fn(() => Promise.resolve()),
  };
}

export const TICKER: Ticker = { venue: 'binance', symbol: 'BTC/USDT', last: 50_000, timestamp: 1 };

export function order(status: Order['status']): Order {
  return {
    clientOrderId: 'x-test-1',
    exchangeOrderId: '42',
    venue: 'binance',
    mode: 'live',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    amount: 1,
    price: 50_000,
    filled: 0,
    status,
    createdAt: 1,
    updatedAt: 1,
  };
}
