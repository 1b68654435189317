// A fake MEXC (test code) speaking the spot v3 REST format closely enough for real, unmodified ccxt: load markets
// (plus the futures contract list ccxt always asks for), read tickers, candles and balances, and place, fetch (by
// id and by client id), list and cancel orders. Signed calls are verified with MEXC's real scheme; limits follow the
// documented weights (scaled down on request); faults come from the shared injector. Point ccxt at `url`.
import { ok, Router, startFakeHttp, type FakeHttpServer, type FakeRequest, type FakeResponse } from '../venue-kit/http';
import type { FakeSymbol } from '../venue-kit/market';
import { MatchingEngine } from '../venue-kit/matching-engine';
import { verifyMexcRequest, type MexcCredentials } from './auth';
import { MEXC_SYMBOLS, mexcExchangeInfo, mexcIntervalMs, mexcKlines, mexcTicker24hr } from './market-data';
import { MexcOrderEndpoints, mexcError } from './orders';
import { mexcRateGate, type MexcRateLimits } from './rate-limits';
import { mexcAccountJson } from './wire';

export { MEXC_SYMBOLS } from './market-data';
export type { MexcRateLimits } from './rate-limits';

export interface FakeMexcAccount extends MexcCredentials {
  /** Starting free balances (default 100 000 USDT, 1 BTC, 10 ETH). */
  balances?: Record<string, number>;
}

export interface FakeMexcOptions {
  accounts?: readonly FakeMexcAccount[];
  symbols?: FakeSymbol[];
  rateLimits?: Partial<MexcRateLimits>;
  /**
   * For this long after a create, GET /api/v3/order answers -2013 for the new order, as MEXC has been seen to do
   * (ccxt issue #21614). Default 0: visible at once.
   */
  orderVisibleAfterMs?: number;
  now?: () => number;
}

export interface FakeMexc extends FakeHttpServer {
  engine: MatchingEngine;
  /** Moves the last price; resting orders it crosses fill. */
  setPrice(symbol: string, price: number): void;
}

export const DEFAULT_MEXC_ACCOUNT: FakeMexcAccount = { apiKey: 'mx0vglFakeMexcKey', secret: 'fakeMexcSecret0123456789abcdef' };

export async function startFakeMexc(options: FakeMexcOptions = {}): Promise<FakeMexc> {
  const now = options.now ?? Date.now;
  const symbols = options.symbols ?? MEXC_SYMBOLS;
  const accounts = options.accounts ?? [DEFAULT_MEXC_ACCOUNT];
  const engine = new MatchingEngine(symbols, now);
  for (const account of accounts) engine.fund(account.apiKey, account.balances);
  const orders = new MexcOrderEndpoints(engine, now, options.orderVisibleAfterMs ?? 0);

  /** Runs `handler` for the account whose key and signature check out, else answers as MEXC does. */
  const signed = (handler: (apiKey: string, req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse => {
    const key = req.headers['x-mexc-apikey'];
    const account = accounts.find((a) => a.apiKey === key) ?? accounts[0]!;
    const failure = verifyMexcRequest({ query: req.rawQuery, body: req.rawBody, headers: req.headers }, account, now());
    if (failure) return mexcError(failure.code, failure.msg, failure.status);
    return handler(account.apiKey, req);
  };

  const symbolOf = (req: FakeRequest) => engine.symbol(req.params.symbol ?? '');
  const router = new Router()
    .on('GET', '/api/v3/ping', () => ok({}))
    .on('GET', '/api/v3/time', () => ok({ serverTime: now() }))
    .on('GET', '/api/v3/exchangeInfo', () => ok(mexcExchangeInfo(symbols, now())))
    .on('GET', '/api/v3/ticker/24hr', (req) => {
      const s = symbolOf(req);
      return s ? ok(mexcTicker24hr(s, engine.last.get(s.symbol)!, now())) : mexcError(-1121, 'Invalid symbol.');
    })
    .on('GET', '/api/v3/klines', (req) => {
      const s = symbolOf(req);
      if (!s) return mexcError(-1121, 'Invalid symbol.');
      const ms = mexcIntervalMs(req.params.interval ?? '');
      if (ms === undefined) return mexcError(-1121, 'Invalid interval.');
      const { startTime, endTime, limit } = req.params;
      return ok(mexcKlines(s, ms, now(), {
        limit: Number(limit ?? 500),
        ...(startTime === undefined ? {} : { startTime: Number(startTime) }),
        ...(endTime === undefined ? {} : { endTime: Number(endTime) }),
      }));
    })
    // ccxt's mexc loads the futures contract list with every loadMarkets; the fake lists no contracts.
    .on('GET', '/api/v1/contract/detail', () => ok({ success: true, code: 0, data: [] }))
    .on('GET', '/api/v3/capital/config/getall', signed(() => ok([...new Set(symbols.flatMap((s) => [s.base, s.quote]))].map((coin) => ({ coin, name: coin, networkList: [] })))))
    .on('GET', '/api/v3/account', signed((apiKey) => ok(mexcAccountJson(engine.balances.get(apiKey) ?? new Map(), now()))))
    .on('POST', '/api/v3/order', signed((apiKey, req) => orders.create(apiKey, req.params)))
    .on('GET', '/api/v3/order', signed((apiKey, req) => orders.get(apiKey, req.params)))
    .on('DELETE', '/api/v3/order', signed((apiKey, req) => orders.cancel(apiKey, req.params)))
    .on('GET', '/api/v3/openOrders', signed((apiKey, req) => orders.open(apiKey, req.params)))
    .on('GET', '/api/v3/myTrades', signed((apiKey, req) => orders.myTrades(apiKey, req.params)));

  const server = await startFakeHttp({
    router,
    gate: mexcRateGate(options.rateLimits ?? {}, now),
    notFound: (req) => mexcError(404, `${req.method} ${req.path} not found`, 404),
    faultResponse: (kind, fault) => {
      const retryAfter = { 'Retry-After': String(fault.retryAfterS ?? 1) };
      if (kind === '429') return { ...mexcError(429, 'Too Many Requests', 429), headers: retryAfter };
      if (kind === '418') return { ...mexcError(418, 'IP banned', 418), headers: retryAfter };
      // MEXC's own 5xx body; ccxt maps code 500 to a plain ExchangeError, which mexc.ts reclassifies.
      return mexcError(500, 'Internal error', fault.status ?? 500);
    },
  });
  return { ...server, engine, setPrice: (symbol, price) => engine.setPrice(symbol, price) };
}
