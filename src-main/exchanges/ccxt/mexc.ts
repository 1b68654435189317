// MEXC (spot API v3): only what differs from the other ccxt venues. Sources, checked 2026-11:
// - spot v3 docs (mexcdevelop/apidocs, spot_v3_en, deploy of 2025-08-08): POST /api/v3/order takes
//   `newClientOrderId`; GET and DELETE /api/v3/order take `orderId` or `origClientOrderId`; GET /api/v3/openOrders
//   requires `symbol`. The docs give no format for `newClientOrderId` (error 700008 "Illegal characters found in
//   parameter"), so we stay inside the rule of the Binance v3 API that MEXC's mirrors, `^[a-zA-Z0-9-_]{1,36}$`, and
//   at most 32 characters.
// - rate limits, same docs, "LIMITS": weights per endpoint; "Each endpoint with IP limits has an independent 500
//   every 10 second limit", the same for UID limits; GET /api/v3/account is also capped at 2 times/s; a 429 or 418
//   carries Retry-After in seconds; repeated 429s escalate to IP bans (2 min to 3 days).
// - an unknown order is `{"code":-2013,"msg":"Order does not exist."}` (HTTP 400), which ccxt 4.5 maps to a bare
//   ExchangeError; MEXC has also been seen to answer -2013 for an order created moments before (ccxt issue #21614).
// - signing: HMAC-SHA256(secret, the query string before `&signature=`) as lowercase hex, key in X-MEXC-APIKEY.
import { ccxtLib } from './ccxt-lib';
import type { Exchange, Order as CcxtOrder } from 'ccxt';
import { AppError } from '../../../src-shared';
import type { RateLimitSpec } from '../rate-limit-spec';
import { binance } from './binance';
import { fetchOrderByClientIdParam, randomClientOrderId } from './client-order-id';
import { bannedError } from './errors';
import type { VenueErrorContext, VenueProfile } from './venue-profile';

export const MEXC_CLIENT_ORDER_ID = /^[A-Za-z0-9_-]{1,32}$/;
const CLIENT_ORDER_ID_LENGTH = 32;
/** Marks our orders among others on the same account; letters and digits are valid on every venue. */
const CLIENT_ORDER_ID_PREFIX = 'tbs';

export function isMexcClientOrderId(id: string): boolean {
  return MEXC_CLIENT_ORDER_ID.test(id);
}

/** MEXC's numeric error code from a ccxt message (`mexc {"code":-2013,"msg":"Order does not exist."}`). */
export function mexcCode(message: string): number | undefined {
  const match = /"code"\s*:\s*"?(-?\d+)"?/.exec(message);
  return match ? Number(match[1]) : undefined;
}

const ORDER_DOES_NOT_EXIST = -2013;
/** Codes MEXC sends with a 5xx body; ccxt maps 500 to a plain ExchangeError, which would read as our bug. */
const SERVER_SIDE = new Set([500, 501, 503, 504]);

async function findByOrigClientOrderId(ex: Exchange, symbol: string, clientOrderId: string): Promise<CcxtOrder | undefined> {
  try {
    return await fetchOrderByClientIdParam(ex, symbol, 'clientOrderId', clientOrderId);
  } catch (error) {
    if (error instanceof ccxtLib().ExchangeError && mexcCode(error.message) === ORDER_DOES_NOT_EXIST) return undefined;
    throw error;
  }
}

/** "Api key info invalid": ccxt calls it a BadRequest, but it is the key that is wrong, not the request. */
const UNKNOWN_KEY = 10072;

function classifyMexcError(_error: unknown, context: VenueErrorContext): AppError | undefined {
  const code = mexcCode(context.message);
  if (code === ORDER_DOES_NOT_EXIST) return new AppError('NOT_FOUND', `${context.venueName} has no such order`);
  if (code === UNKNOWN_KEY) {
    return new AppError('AUTH_FAILED', `${context.venueName} does not know this API key: check the key, and that it is a spot API key`);
  }
  // A 418 whose body carries MEXC's code rather than ccxt's DDoSProtection: the IP is banned until Retry-After.
  if (code === 418) return bannedError(context.venueName, context.retryAfterMs);
  if (code !== undefined && SERVER_SIDE.has(code)) {
    return new AppError('VENUE_UNAVAILABLE', `${context.venueName} reported an internal error; try again shortly`);
  }
  return undefined;
}

const TEN_SECONDS = 10_000;

/**
 * Open orders without a symbol: at most this many per-market calls (3 weight each). Past it the locked funds do not
 * narrow the markets down enough (a buy in USDT could sit in any USDT market), and the adapter asks for a symbol.
 */
export const MEXC_OPEN_ORDERS_MAX_MARKETS = 10;
/** The fetch that follows a create (quirk confirmCreate): weight 2 per attempt. */
const CONFIRM_CREATE = { attempts: 3, delayMs: 150 } as const;

export const MEXC_RATE_LIMITS: RateLimitSpec = {
  // MEXC counts each endpoint apart; one shared window per kind is stricter, never looser.
  windows: [
    { id: 'IP', intervalMs: TEN_SECONDS, limit: 500 },
    { id: 'UID', intervalMs: TEN_SECONDS, limit: 500 },
    { id: 'ACCOUNT', intervalMs: 1_000, limit: 2 },
  ],
  costs: {
    // exchangeInfo (10) + the contract list ccxt always loads next to it (futures API, not weighted here: 1).
    markets: { IP: 11 },
    ticker: { IP: 1 },
    candles: { IP: 1 },
    balance: { IP: 10, ACCOUNT: 1 },
    // POST /api/v3/order (1) and the GET that confirms it (2); a retried confirmation (-2013) costs 2 more each.
    createOrder: { IP: 3, UID: 1 },
    cancelOrder: { IP: 1 },
    fetchOrder: { IP: 2 },
    fetchOrderByClientId: { IP: 2 },
    openOrders: { IP: 3 },
    // GET /api/v3/account to find locked funds, then GET /api/v3/openOrders per market, at most the cap.
    openOrdersAll: { IP: 10 + 3 * MEXC_OPEN_ORDERS_MAX_MARKETS, ACCOUNT: 1 },
    myTrades: { IP: 10 },
  },
  defaultCost: { IP: 1 },
};

export const mexc: VenueProfile = {
  id: 'mexc',
  name: 'MEXC',
  createCcxt(credentials) {
    return new (ccxtLib().mexc)({
      ...(credentials === undefined ? {} : { apiKey: credentials.apiKey, secret: credentials.secret }),
      // With keys, loadMarkets would also call the signed /api/v3/capital/config/getall (weight 10) for per-chain
      // currency data the app never reads; without it, loading markets needs no valid key.
      has: { fetchCurrencies: false },
    });
  },
  // ccxt's unified param; mexc.js sends it as `newClientOrderId` on create and `origClientOrderId` on fetch/cancel.
  clientOrderIdParam: 'clientOrderId',
  makeClientOrderId: () => randomClientOrderId(CLIENT_ORDER_ID_PREFIX, CLIENT_ORDER_ID_LENGTH),
  findByClientId: findByOrigClientOrderId,
  rateLimits: MEXC_RATE_LIMITS,
  quirks: {
    stopLimit: false,
    // The create answer has no status or fills: one GET tells whether a market order filled or a limit rests.
    confirmCreate: CONFIRM_CREATE,
    openOrdersPerMarket: { maxMarkets: MEXC_OPEN_ORDERS_MAX_MARKETS },
    // MEXC's v3 cancel answer is Binance's: our id in origClientOrderId, a new cancel id in clientOrderId.
    clientOrderIdOf: (order) => binance.quirks.clientOrderIdOf?.(order),
    notes: [
      'loadMarkets always fetches the futures contract list too (contract API /api/v1/contract/detail).',
      'GET /api/v3/openOrders requires a symbol: open orders across all markets are one call per market whose ' +
        'base or quote has funds locked, up to MEXC_OPEN_ORDERS_MAX_MARKETS.',
      'Not-found (-2013) shortly after a create is not proof that the create was lost (ccxt #21614): look again ' +
        'before declaring the order rejected.',
      'A market order with a price is sent as quoteOrderQty = amount × price; without a price as quantity.',
      'POST /api/v3/order answers with the order\'s terms only (no status, fills or client id): the adapter fetches ' +
        'the order right after (confirmCreate), and reports "pending" if that fetch never finds it.',
    ],
  },
  classifyError: classifyMexcError,
};
