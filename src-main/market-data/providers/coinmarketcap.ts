// CoinMarketCap: latest quotes only (its OHLCV endpoints need a paid plan).
// GET /v2/cryptocurrency/quotes/latest?symbol=BTC&convert=USD with the key in the X-CMC_PRO_API_KEY header.
// Every answer carries `status { error_code, error_message, credit_count }`; error_code 0 is success, and
// `data` is keyed by symbol, each an array of coins sharing it (CMC ranks the first) — "API response format" and
// "Rate limits and troubleshooting", coinmarketcap.com/api/documentation/guides.
// Limits (Basic, free): 30 requests/min ("resets every 60 seconds", HTTP 429 past it) and 10,000 credits/month —
// coinmarketcap.com/api/pricing. One quote of one symbol costs 1 credit: 10,000 / 31 days ≈ 320 a day.
import { AppError, type Symbol } from '../../../src-shared';
import { getJson, invalidResponse, positiveNumber, retryAfterMs, statusError } from '../http';
import type { MarketDataProvider, ProviderCall, ProviderQuote } from '../ports';
import { RATE } from '../rate-limiter';
import { fiatPair } from '../symbols';

export const COINMARKETCAP_URL = 'https://pro-api.coinmarketcap.com';
const NAME = 'CoinMarketCap';

interface CmcStatus {
  error_code?: number | string;
  error_message?: string | null;
}

export class CoinMarketCapProvider implements MarketDataProvider {
  readonly id = 'coinmarketcap' as const;
  readonly name = NAME;
  readonly kind = 'data-api' as const;
  readonly needsKey = true;
  readonly capabilities = ['quote'] as const;
  readonly rateLimit = [
    { intervalMs: RATE.MINUTE, limit: 30 },
    { intervalMs: RATE.DAY, limit: 320 },
  ];

  constructor(private readonly baseUrl: string = COINMARKETCAP_URL) {}

  async quote(symbol: Symbol, { apiKey }: ProviderCall): Promise<ProviderQuote> {
    const { base, quote } = fiatPair(symbol);
    const url = new URL('/v2/cryptocurrency/quotes/latest', this.baseUrl);
    url.searchParams.set('symbol', base);
    url.searchParams.set('convert', quote);
    const response = await getJson(NAME, url, { headers: { 'X-CMC_PRO_API_KEY': apiKey ?? '' }, secrets: [apiKey] });
    const body = response.body as { status?: CmcStatus; data?: Record<string, unknown> } | undefined;
    const code = Number(body?.status?.error_code ?? 0);
    if (code !== 0 || response.status !== 200) {
      throw cmcError(code, body?.status?.error_message ?? undefined, response.status, retryAfterMs(response.retryAfter, 60_000));
    }
    const coins = body?.data?.[base];
    const coin = (Array.isArray(coins) ? coins[0] : coins) as
      | { quote?: Record<string, { price?: unknown; last_updated?: unknown }>; last_updated?: unknown }
      | undefined;
    if (!coin) throw new AppError('NOT_FOUND', `${NAME} has no coin ${base}`);
    const price = positiveNumber(coin.quote?.[quote]?.price);
    if (price === undefined) throw invalidResponse(NAME, `a ${quote} price for ${base}`);
    const timestamp = Date.parse(String(coin.quote?.[quote]?.last_updated ?? coin.last_updated));
    if (!Number.isFinite(timestamp)) throw invalidResponse(NAME, 'a last_updated time');
    return { pair: `${base}/${quote}`, price, timestamp };
  }
}

/** CMC's documented error codes (status.error_code) to what happens next. */
function cmcError(code: number, message: string | undefined, httpStatus: number, retryAfter: number): AppError {
  const says = message ? `: ${message}` : '';
  switch (code) {
    case 1001: // API_KEY_INVALID
    case 1002: // API_KEY_MISSING
    case 1003: // API_KEY_PLAN_REQUIRES_PAYMENT
    case 1004: // API_KEY_PLAN_PAYMENT_EXPIRED
    case 1005: // API_KEY_REQUIRED
    case 1006: // API_KEY_PLAN_NOT_AUTHORIZED
    case 1007: // API_KEY_DISABLED
      return new AppError('AUTH_FAILED', `${NAME} refused the API key (${code}${says}): check it in Data providers`);
    case 1008: // API_KEY_PLAN_MINUTE_RATE_LIMIT_REACHED
    case 1011: // IP_RATE_LIMIT_REACHED
      return new AppError('RATE_LIMITED', `${NAME} rate limit reached (${code}${says})`, true, { retryAfterMs: retryAfter });
    case 1009: // API_KEY_PLAN_DAILY_RATE_LIMIT_REACHED
    case 1010: // API_KEY_PLAN_MONTHLY_RATE_LIMIT_REACHED
      return new AppError('RATE_LIMITED', `${NAME} plan limit reached (${code}${says})`, true, { retryAfterMs: Math.max(retryAfter, RATE.HOUR) });
    case 400:
      return new AppError('NOT_FOUND', `${NAME} rejected the request${says}`);
    default:
      return code === 0 ? statusError(NAME, httpStatus, retryAfter) : new AppError('VENUE_UNAVAILABLE', `${NAME} error ${code}${says}`);
  }
}
