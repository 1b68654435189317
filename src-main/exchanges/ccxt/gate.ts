// Gate.io (API v4, spot): only what differs from the other ccxt venues. Sources, checked 2026-11:
// - client order id (`text`): Gate API v4 docs, spot order model, field `text` ("prefixed with t-, no longer than
//   28 bytes without t- prefix, only 0-9 A-Z a-z _ - ."); ccxt gate.js createOrderRequest checks ≤ 28 chars *with*
//   the prefix, so we keep to the stricter reading: the whole id, prefix included, fits in 28 bytes.
// - lookup by client id: GET /spot/orders/{order_id} accepts the `text` as order_id ("Operations based on custom ID
//   can only be checked when the order is in orderbook. When the order is finished, it can be checked within 1 hour
//   after the end of the order. After that, only order ID is accepted." — gateapi-python/-go docs, SpotApi.get_order).
// - rate limits: Gate API v4 docs, "Frequency limit rule" (v4.75): public 200 r/10 s per endpoint per IP; private
//   200 r/10 s per endpoint per UID; spot order placement 10 r/s per UID + market; spot cancellation 200 r/s per UID.
// - signing: KEY, Timestamp (s), SIGN = hex HMAC-SHA512(secret, METHOD\n/api/v4/path\nquery\nhex SHA512(body)\nts);
//   Gate refuses a Timestamp more than 60 s away from its clock (label REQUEST_EXPIRED).
import { ccxtLib } from './ccxt-lib';
import type { Exchange, Order as CcxtOrder } from 'ccxt';
import { AppError } from '../../../src-shared';
import type { RateLimitSpec } from '../rate-limit-spec';
import { fetchOrderByClientIdParam, randomClientOrderId } from './client-order-id';
import { headerValue, rateLimitedError } from './errors';
import type { VenueErrorContext, VenueProfile } from './venue-profile';

/** `t-` then up to 26 characters of Gate's alphabet: 28 bytes at most, prefix included (all ASCII: 1 char = 1 byte). */
export const GATE_CLIENT_ORDER_ID = /^t-[0-9A-Za-z_.-]{1,26}$/;
export const GATE_CLIENT_ORDER_ID_MAX_BYTES = 28;

export function isGateClientOrderId(id: string): boolean {
  return GATE_CLIENT_ORDER_ID.test(id) && Buffer.byteLength(id, 'utf8') <= GATE_CLIENT_ORDER_ID_MAX_BYTES;
}

/**
 * Finished orders to scan when Gate no longer resolves the `text` directly (more than an hour after the order
 * ended). Gate's list endpoints return at most 1000 per page (docs, "Pagination"); the order service resolves
 * unknown orders within minutes, so the newest page is where a lost create lives.
 */
const FINISHED_SCAN_LIMIT = 100;

async function findByText(ex: Exchange, symbol: string, clientOrderId: string): Promise<CcxtOrder | undefined> {
  const direct = await fetchOrderByClientIdParam(ex, symbol, 'text', clientOrderId);
  if (direct !== undefined) return direct;
  // Not found by text: either it never arrived, or it ended over an hour ago and Gate answers only by order id.
  const finished = await ex.fetchClosedOrders(symbol, undefined, FINISHED_SCAN_LIMIT);
  return finished.find((order) => order.clientOrderId === clientOrderId);
}

/** The label Gate puts in every error body (`{"label":"REQUEST_EXPIRED","message":…}`). */
function gateLabel(message: string): string | undefined {
  return /"label"\s*:\s*"([A-Z_]+)"/.exec(message)?.[1];
}

/** Gate's words for an order under the pair's minimum, sent under the generic INVALID_PARAM_VALUE label. */
const ORDER_TOO_SMALL = /Your order size .* is too small/;

/**
 * Gate's 429 carries no Retry-After: when the window frees up is in X-Gate-RateLimit-Reset-Timestamp, in Unix
 * seconds (docs, "Frequency limit rule"). undefined when absent or already past.
 */
export function gateResetWaitMs(headers: VenueErrorContext['headers'], now: number): number | undefined {
  const raw = headerValue(headers, 'X-Gate-RateLimit-Reset-Timestamp');
  const resetS = raw === undefined ? NaN : Number(raw);
  if (!Number.isFinite(resetS)) return undefined;
  const wait = resetS * 1000 - now;
  return wait > 0 ? wait : undefined;
}

function classifyGateError(error: unknown, context: VenueErrorContext): AppError | undefined {
  const label = gateLabel(context.message);
  // A Retry-After (sent by a proxy or an injected fault) stays with the generic mapping; Gate's own 429 needs this.
  if ((error instanceof ccxtLib().RateLimitExceeded || label === 'TOO_MANY_REQUESTS') && context.retryAfterMs === undefined) {
    const wait = gateResetWaitMs(context.headers, context.now);
    if (wait !== undefined) return rateLimitedError(context.venueName, wait);
  }
  // ccxt maps REQUEST_EXPIRED to AuthenticationError, but the keys are fine: this computer's clock is off by > 60 s.
  if (label === 'REQUEST_EXPIRED') {
    return new AppError('VENUE_UNAVAILABLE', `${context.venueName} refused the request's timestamp: check that this computer's clock is set automatically`, false);
  }
  // ccxt matches the label before its "Your order size" rule, so a too-small order would read as a malformed request.
  const detail = /"message"\s*:\s*"([^"]*)"/.exec(context.message)?.[1];
  if (label === 'INVALID_PARAM_VALUE' && detail !== undefined && ORDER_TOO_SMALL.test(detail)) {
    return new AppError('ORDER_REJECTED', `${context.venueName} rejected the order: ${detail}`);
  }
  return undefined;
}

/** Gate API v4 docs, "Countdown cancel orders": the timeout is at least 5 s; 0 stops the countdown. */
export const GATE_COUNTDOWN_MIN_S = 5;

/**
 * POST /spot/countdown_cancel_all {timeout}: unless called again within `timeout` seconds, Gate cancels every open
 * spot order of the account (no currency_pair: all markets). Called again, it starts a new countdown.
 */
async function armCountdownCancelAll(ex: Exchange, timeoutS: number): Promise<void> {
  if (!Number.isInteger(timeoutS) || (timeoutS !== 0 && timeoutS < GATE_COUNTDOWN_MIN_S)) {
    throw new AppError('INVALID_REQUEST', `Gate.io's countdown cancel-all takes 0 or at least ${GATE_COUNTDOWN_MIN_S} whole seconds, not ${timeoutS}`);
  }
  const gateApi = ex as Exchange & { privateSpotPostCountdownCancelAll(params: Record<string, unknown>): Promise<unknown> };
  await gateApi.privateSpotPostCountdownCancelAll({ timeout: timeoutS });
}

const SECOND = 1_000;

export const GATE_RATE_LIMITS: RateLimitSpec = {
  // Gate counts per endpoint; one shared window per class is stricter than that, never looser. The placement limit
  // is per market on Gate's side, kept global here for the same reason.
  windows: [
    { id: 'PUBLIC', intervalMs: 10 * SECOND, limit: 200 },
    { id: 'PRIVATE', intervalMs: 10 * SECOND, limit: 200 },
    { id: 'SPOT_ORDER_PLACE', intervalMs: SECOND, limit: 10 },
    { id: 'SPOT_ORDER_CANCEL', intervalMs: SECOND, limit: 200 },
  ],
  costs: {
    // loadMarkets: /spot/currency_pairs and /margin/currency_pairs (ccxt merges margin flags), and with keys
    // /account/detail once (ccxt's unified-account check).
    markets: { PUBLIC: 2, PRIVATE: 1 },
    ticker: { PUBLIC: 1 },
    candles: { PUBLIC: 1 },
    balance: { PRIVATE: 1 },
    // A market buy first reads the ticker for its price (quirk marketBuyNeedsPrice): priced for the worst case.
    createOrder: { SPOT_ORDER_PLACE: 1, PUBLIC: 1 },
    cancelOrder: { SPOT_ORDER_CANCEL: 1 },
    fetchOrder: { PRIVATE: 1 },
    // By text, then (when not found) the newest finished orders.
    fetchOrderByClientId: { PRIVATE: 2 },
    openOrders: { PRIVATE: 1 },
    openOrdersAll: { PRIVATE: 1 },
    myTrades: { PRIVATE: 1 },
  },
  defaultCost: { PRIVATE: 1 },
  // Gate reports what is left (X-Gate-RateLimit-Requests-Remain), not what is used, so there is no `usedHeaders`.
};

export const gate: VenueProfile = {
  id: 'gate',
  name: 'Gate.io',
  createCcxt(credentials) {
    return new (ccxtLib().gate)({
      ...(credentials === undefined ? {} : { apiKey: credentials.apiKey, secret: credentials.secret }),
      // loadMarkets would also download /spot/currencies (every coin Gate lists, with its chains); the app reads
      // markets, never per-chain currency data.
      has: { fetchCurrencies: false },
      options: {
        // Spot only: otherwise loadMarkets also walks futures, delivery and options (several requests each).
        fetchMarkets: { types: ['spot'] },
      },
    });
  },
  clientOrderIdParam: 'text',
  makeClientOrderId: () => randomClientOrderId('t-', GATE_CLIENT_ORDER_ID_MAX_BYTES),
  findByClientId: findByText,
  rateLimits: GATE_RATE_LIMITS,
  quirks: {
    stopLimit: false,
    marketBuyNeedsPrice: true,
    notes: [
      'A market BUY is sized in the quote currency on Gate: ccxt needs a price to turn the base amount into a cost ' +
        '(createMarketBuyOrderRequiresPrice), and reports the order back in base units from avg_deal_price. The ' +
        'adapter passes the ticker\'s ask, so the cost covers the amount at the price a buy meets.',
      'A 429 has no Retry-After; the wait is X-Gate-RateLimit-Reset-Timestamp (classifyGateError reads it).',
      'With keys, ccxt asks GET /account/detail once (loadUnifiedStatus) to learn whether the account is unified; a ' +
        'failure there silently means "classic".',
      'Lookup by text works while the order is open and for 1 hour after it ends; later only the numeric id works, ' +
        'hence the fallback scan of finished orders.',
    ],
  },
  classifyError: classifyGateError,
  armDeadManSwitch: armCountdownCancelAll,
};
