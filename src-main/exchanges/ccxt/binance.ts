// Binance spot: only what differs from the base adapter.
// Sources: Binance spot REST docs (developers.binance.com/docs/binance-spot-api-docs/rest-api/limits,
// …/rest-api/trading-endpoints) and ccxt 4.5.84's binance.js (its `api` cost table is weight × 0.2).
import { ccxtLib } from './ccxt-lib';
import { AppError } from '../../../src-shared';
import type { RateLimitSpec } from '../rate-limit-spec';
import { fetchOrderByClientIdParam, randomClientOrderId } from './client-order-id';
import type { VenueProfile } from './venue-profile';

/** Binance accepts `^[.A-Z:/a-z0-9_-]{1,36}$`; we use a recognisable prefix and stay well inside it. */
export const BINANCE_CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;

/**
 * Documented IP weights (per minute) and order counts of the calls the adapter makes. openOrders without a symbol
 * weighs 80 instead of 6, which is why the resilience layer prices it apart.
 */
export const BINANCE_RATE_LIMITS: RateLimitSpec = {
  windows: [
    { id: 'REQUEST_WEIGHT', intervalMs: 60_000, limit: 6000 },
    { id: 'ORDERS_10S', intervalMs: 10_000, limit: 100 },
    { id: 'ORDERS_1D', intervalMs: 86_400_000, limit: 200_000 },
  ],
  costs: {
    markets: { REQUEST_WEIGHT: 20 }, // GET /api/v3/exchangeInfo
    ticker: { REQUEST_WEIGHT: 2 }, // GET /api/v3/ticker/24hr?symbol=
    candles: { REQUEST_WEIGHT: 2 }, // GET /api/v3/klines
    balance: { REQUEST_WEIGHT: 20 }, // GET /api/v3/account
    createOrder: { REQUEST_WEIGHT: 1, ORDERS_10S: 1, ORDERS_1D: 1 }, // POST /api/v3/order
    cancelOrder: { REQUEST_WEIGHT: 1 }, // DELETE /api/v3/order
    fetchOrder: { REQUEST_WEIGHT: 4 }, // GET /api/v3/order
    fetchOrderByClientId: { REQUEST_WEIGHT: 4 }, // GET /api/v3/order?origClientOrderId=
    openOrders: { REQUEST_WEIGHT: 6 }, // GET /api/v3/openOrders?symbol=
    openOrdersAll: { REQUEST_WEIGHT: 80 }, // GET /api/v3/openOrders
    myTrades: { REQUEST_WEIGHT: 20 }, // GET /api/v3/myTrades
  },
  usedHeaders: { REQUEST_WEIGHT: 'x-mbx-used-weight-1m', ORDERS_10S: 'x-mbx-order-count-10s', ORDERS_1D: 'x-mbx-order-count-1d' },
};

/**
 * Binance codes ccxt classifies by host: on api.binance.com its spot table maps -2014/-2015 (bad key, IP or
 * permission) to OperationRejected and -1022 (bad signature) to BadRequest, which would tell a trader to fix the
 * order when the keys are what is wrong; -1013 (a filter failure: notional, lot size, price) becomes ExchangeError or
 * BadRequest depending on host, when it is the order that must change. Through a proxy or custom base URL ccxt uses
 * its generic table instead, so both paths end here.
 */
const AUTH_CODES = new Set(['-2014', '-2015', '-1022', '-2008']);
const ORDER_FILTER_CODES = new Set(['-1013']);

export const binance: VenueProfile = {
  id: 'binance',
  name: 'Binance',
  createCcxt(credentials) {
    return new (ccxtLib().binance)({
      ...(credentials ? { apiKey: credentials.apiKey, secret: credentials.secret } : {}),
      options: {
        // Spot only: without this loadMarkets also calls the futures and options exchangeInfo endpoints.
        fetchMarkets: { types: ['spot'] },
        // Otherwise loadMarkets with keys makes a signed sapi call (currencies) that spot trading does not need.
        fetchCurrencies: false,
        // ccxt refuses openOrders without a symbol unless told the caller knows it weighs 80.
        warnOnFetchOpenOrdersWithoutSymbol: false,
        // With keys, loadMarkets would also ask sapi for margin pairs: margin is not traded here.
        fetchMargins: false,
      },
    });
  },
  clientOrderIdParam: 'newClientOrderId',
  makeClientOrderId: () => randomClientOrderId('tbs-', 32),
  findByClientId: (ex, symbol, clientOrderId) => fetchOrderByClientIdParam(ex, symbol, 'origClientOrderId', clientOrderId),
  rateLimits: BINANCE_RATE_LIMITS,
  quirks: {
    // Spot STOP_LOSS_LIMIT / TAKE_PROFIT_LIMIT: ccxt picks the type from `triggerPrice` on a limit order.
    stopLimit: true,
    // DELETE /api/v3/order answers with a fresh cancel id in clientOrderId and ours in origClientOrderId.
    clientOrderIdOf: (order) => {
      const info = order.info as Record<string, unknown> | undefined;
      const original = info?.origClientOrderId;
      return typeof original === 'string' && original !== '' ? original : undefined;
    },
    notes: [
      'A 429 means back off; continuing after 429s earns a 418 IP ban of 2 minutes up to 3 days (Retry-After says).',
      'Market buys go by quantity: the adapter never passes a price, so ccxt does not switch to quoteOrderQty.',
      'Unknown order ids answer HTTP 400 with code -2013 (fetch) or -2011 (cancel).',
    ],
  },
  classifyError(error, context) {
    if (!(error instanceof ccxtLib().ExchangeError)) return undefined;
    const code = /"code"\s*:\s*(-?\d+)/.exec(context.message)?.[1];
    if (code === undefined) return undefined;
    if (AUTH_CODES.has(code)) {
      return new AppError(
        'AUTH_FAILED',
        `Binance refused the API key (code ${code}): check the key and secret, that the key may trade spot, and its IP allow-list`,
      );
    }
    if (ORDER_FILTER_CODES.has(code)) {
      const msg = /"msg"\s*:\s*"([^"]*)"/.exec(context.message)?.[1] ?? 'filter failure';
      return new AppError('ORDER_REJECTED', `Binance rejected the order (${msg}): check the amount, price and minimum order value`);
    }
    return undefined;
  },
};
