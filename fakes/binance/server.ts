// A local Binance spot REST server (test code) that real, unmodified ccxt talks to: documented paths and JSON,
// HMAC-signed private endpoints, documented endpoint weights with X-MBX-USED-WEIGHT-1M, 429 + Retry-After over the
// limit, 418 for a client that keeps going, and injectable faults.
import { ok, Router, startFakeHttp, type FakeHttpServer, type FakeRequest, type FakeResponse } from '../venue-kit/http';
import { klines, type FakeSymbol } from '../venue-kit/market';
import type { Fault } from '../venue-kit/faults';
import { MatchingEngine, type Asset, type FakeOrder, type FakeTrade } from '../venue-kit/matching-engine';
import { RateGate } from '../venue-kit/rate-window';
import { ticker24hr } from '../venue-kit/v3-wire';
import { verifySigned, type FakeAccountKey } from './auth';
import { DEFAULT_SYMBOLS, exchangeInfo, intervalMs } from './market-data';
import { fail, OrderEndpoints } from './orders';

export interface FakeBinanceAccount extends FakeAccountKey {
  balances: Record<string, number>;
}

export interface FakeBinanceOptions {
  port?: number;
  symbols?: FakeSymbol[];
  accounts?: FakeBinanceAccount[];
  /** REQUEST_WEIGHT window, scaled down for tests (Binance: 6000 per 60 000 ms). */
  weightLimit?: number;
  weightIntervalMs?: number;
  /** ORDERS window (Binance: 100 per 10 000 ms). */
  orderLimit?: number;
  orderIntervalMs?: number;
  /** Requests inside a Retry-After period before a 418 ban, and the ban's length. */
  banAfter?: number;
  banMs?: number;
  /** Window alignment (see RateGateOptions.align); default 'clock' like Binance. */
  alignWindows?: 'clock' | 'first-request';
  /** The venue's clock (a test skews it to see the recvWindow refusal). */
  now?: () => number;
}

/** The shared fake shape (log, faults, engine, setPrice) plus shortcuts older tests and e2e use. */
export interface FakeBinance extends FakeHttpServer {
  engine: MatchingEngine;
  inject(fault: Fault): void;
  orders(): readonly FakeOrder[];
  trades(): readonly FakeTrade[];
  balance(apiKey: string, asset: string): Asset;
  setPrice(symbol: string, price: number): void;
  /**
   * The key's secret regenerated on the venue's side: signed calls with the old one get -1022 from now on. (A key
   * deleted on Binance answers -2015, which ccxt reads as a temporary ban once the key has worked, not as refused.)
   */
  replaceSecret(apiKey: string, secret: string): void;
  /** The request weight of every call the rate limits let through so far (what a test counts as budget used). */
  acceptedWeight(): number;
  close(): Promise<void>;
}

export const TEST_ACCOUNT: FakeBinanceAccount = {
  apiKey: 'fakeBinanceApiKey0123456789',
  secret: 'fakeBinanceSecret0123456789abcdef',
  balances: { USDT: 100_000, BTC: 1, ETH: 10 },
};

/** Documented IP weight of each endpoint the fake serves (spot REST docs, "Weight" of each endpoint). */
function weightOf(req: FakeRequest): number {
  const hasSymbol = req.params.symbol !== undefined;
  switch (`${req.method} ${req.path}`) {
    case 'GET /api/v3/exchangeInfo':
    case 'GET /api/v3/account':
    case 'GET /api/v3/myTrades':
      return 20;
    case 'GET /api/v3/ticker/24hr':
      return hasSymbol ? 2 : 80;
    case 'GET /api/v3/openOrders':
      return hasSymbol ? 6 : 80;
    case 'GET /api/v3/klines':
      return 2;
    case 'GET /api/v3/order':
      return 4;
    default:
      return 1;
  }
}

export async function startFakeBinance(options: FakeBinanceOptions = {}): Promise<FakeBinance> {
  const now = options.now ?? Date.now;
  let accepted = 0;
  const symbols = options.symbols ?? DEFAULT_SYMBOLS;
  const engine = new MatchingEngine(symbols, now);
  const keys = new Map<string, FakeAccountKey>();
  for (const account of options.accounts ?? [TEST_ACCOUNT]) {
    keys.set(account.apiKey, account);
    engine.fund(account.apiKey, account.balances);
  }
  const windows = [
    { id: 'REQUEST_WEIGHT', intervalMs: options.weightIntervalMs ?? 60_000, limit: options.weightLimit ?? 6000 },
    { id: 'ORDERS', intervalMs: options.orderIntervalMs ?? 10_000, limit: options.orderLimit ?? 100 },
  ];
  const gate = new RateGate({ windows, ...(options.banAfter === undefined ? {} : { banAfter: options.banAfter }), banMs: options.banMs ?? 2_000, align: options.alignWindows ?? 'clock', now });
  const rateLimits = [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: windows[0]!.limit },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: windows[1]!.limit },
    { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61_000 },
  ];
  const endpoints = new OrderEndpoints(engine);

  const signed = (handler: (apiKey: string, params: Record<string, string>) => FakeResponse) => (req: FakeRequest) => {
    const auth = verifySigned(req, keys, now());
    return 'error' in auth ? auth.error : handler(auth.key.apiKey, req.params);
  };
  const withSymbol = (req: FakeRequest, fn: (s: FakeSymbol) => FakeResponse): FakeResponse => {
    const s = req.params.symbol === undefined ? undefined : engine.symbol(req.params.symbol);
    return s ? fn(s) : fail(-1121, 'Invalid symbol.');
  };

  const router = new Router()
    .on('GET', '/api/v3/ping', () => ok({}))
    .on('GET', '/api/v3/time', () => ok({ serverTime: now() }))
    .on('GET', '/api/v3/exchangeInfo', () => ok(exchangeInfo(symbols, rateLimits, now())))
    .on('GET', '/api/v3/ticker/24hr', (req) =>
      req.params.symbol === undefined
        ? ok(symbols.map((s) => ticker24hr(s, engine.last.get(s.symbol)!, now())))
        : withSymbol(req, (s) => ok(ticker24hr(s, engine.last.get(s.symbol)!, now()))),
    )
    .on('GET', '/api/v3/klines', (req) =>
      withSymbol(req, (s) => {
        const ms = intervalMs(req.params.interval ?? '');
        if (ms === undefined) return fail(-1120, 'Invalid interval.');
        const query = { limit: Math.min(Number(req.params.limit ?? 500), 1000) } as { startTime?: number; endTime?: number; limit: number };
        if (req.params.startTime !== undefined) query.startTime = Number(req.params.startTime);
        if (req.params.endTime !== undefined) query.endTime = Number(req.params.endTime);
        return ok(klines(s, ms, now(), query));
      }),
    )
    .on('GET', '/api/v3/account', signed((apiKey) => {
      const balances = [...(engine.balances.get(apiKey) ?? new Map<string, Asset>()).entries()].map(([asset, b]) => ({
        asset, free: b.free.toFixed(8), locked: b.locked.toFixed(8),
      }));
      return {
        status: 200,
        body: {
          makerCommission: 10, takerCommission: 10, buyerCommission: 0, sellerCommission: 0,
          commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
          canTrade: true, canWithdraw: true, canDeposit: true, brokered: false, requireSelfTradePrevention: false,
          preventSor: false, updateTime: now(), accountType: 'SPOT', balances, permissions: ['SPOT'], uid: 354937868,
        },
      };
    }))
    .on('POST', '/api/v3/order', signed((apiKey, p) => endpoints.create(apiKey, p)))
    .on('GET', '/api/v3/order', signed((apiKey, p) => endpoints.get(apiKey, p)))
    .on('DELETE', '/api/v3/order', signed((apiKey, p) => endpoints.cancel(apiKey, p)))
    .on('GET', '/api/v3/openOrders', signed((apiKey, p) => endpoints.open(apiKey, p)))
    .on('GET', '/api/v3/myTrades', signed((apiKey, p) => endpoints.myTrades(apiKey, p)));

  const server = await startFakeHttp(
    {
      router,
      gate: (req) => {
        const isOrder = req.method === 'POST' && req.path === '/api/v3/order';
        const decision = gate.charge({ REQUEST_WEIGHT: weightOf(req), ORDERS: isOrder ? 1 : 0 });
        const headers: Record<string, string> = {
          'X-MBX-USED-WEIGHT-1M': String(decision.used.REQUEST_WEIGHT ?? 0),
          ...(isOrder ? { 'X-MBX-ORDER-COUNT-10S': String(decision.used.ORDERS ?? 0) } : {}),
        };
        const rejected = decision.rejected;
        if (!rejected) {
          accepted += weightOf(req);
          return { headers };
        }
        const retryAfter = String(Math.max(1, Math.ceil(rejected.retryAfterMs / 1000)));
        const msg =
          rejected.status === 418
            ? `Way too much request weight used; IP banned until ${now() + rejected.retryAfterMs}. Please use WebSocket Streams for live updates to avoid bans.`
            : `Too much request weight used; current limit is ${windows[0]!.limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`;
        return { headers, reject: { status: rejected.status, body: { code: -1003, msg }, headers: { 'Retry-After': retryAfter } } };
      },
      faultResponse: (kind, fault) => {
        if (kind === '5xx') return { status: fault.status ?? 503, body: { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' } };
        const headers = { 'Retry-After': String(fault.retryAfterS ?? 1) };
        if (kind === '418') return { status: 418, body: { code: -1003, msg: 'Way too much request weight used; IP banned.' }, headers };
        return { status: 429, body: { code: -1003, msg: 'Too many requests; please use WebSocket Streams for live updates.' }, headers };
      },
      notFound: () => ({ status: 404, body: '<html><body><h2>404 Not found</h2></body></html>' }),
    },
    options.port,
  );

  return {
    ...server,
    engine,
    inject: (fault) => server.faults.inject(fault),
    orders: () => engine.orders,
    trades: () => engine.trades,
    balance: (apiKey, asset) => ({ ...engine.asset(apiKey, asset) }),
    setPrice: (symbol, price) => engine.setPrice(symbol, price),
    replaceSecret: (apiKey, secret) => {
      const key = keys.get(apiKey);
      if (key) keys.set(apiKey, { ...key, secret });
    },
    acceptedWeight: () => accepted,
  };
}
