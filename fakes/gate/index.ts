// A fake Gate.io (test code) speaking Gate API v4's spot REST format closely enough for real, unmodified ccxt: load
// markets, read tickers, candles and balances, and place, fetch (by id and by text), list and cancel orders.
// Private calls are verified with the real signing scheme; limits follow Gate's "Frequency limit rule" (scaled
// down on request); faults come from the shared injector. Point ccxt at `url` (the origin; ccxt adds /api/v4).
import { ok, Router, startFakeHttp, type FakeHttpServer, type FakeRequest, type FakeResponse } from '../venue-kit/http';
import type { FakeSymbol } from '../venue-kit/market';
import { MatchingEngine } from '../venue-kit/matching-engine';
import { verifyGateRequest, type GateCredentials } from './auth';
import { currenciesJson, currencyPairJson, GATE_PAIRS, candlesticks, intervalSeconds, tickerJson } from './market-data';
import { GateCountdowns } from './countdown';
import { GateOrderEndpoints, gateError } from './orders';
import { gateRateGate, type GateRateLimits } from './rate-limits';

export { GATE_PAIRS } from './market-data';
export type { GateRateLimits } from './rate-limits';

export interface FakeGateAccount extends GateCredentials {
  /** Starting free balances (default 100 000 USDT, 1 BTC, 10 ETH). */
  balances?: Record<string, number>;
}

export interface FakeGateOptions {
  accounts?: readonly FakeGateAccount[];
  pairs?: FakeSymbol[];
  rateLimits?: Partial<GateRateLimits>;
  textLookupWindowMs?: number;
  now?: () => number;
}

export interface FakeGate extends FakeHttpServer {
  engine: MatchingEngine;
  /** The dead-man switch's countdowns (POST /spot/countdown_cancel_all). */
  countdowns: GateCountdowns;
  /** Moves the last price; resting orders it crosses fill. */
  setPrice(pair: string, price: number): void;
}

export const DEFAULT_GATE_ACCOUNT: FakeGateAccount = { apiKey: 'gate-test-key', secret: 'gate-test-secret' };
const API = '/api/v4';

function number(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

export async function startFakeGate(options: FakeGateOptions = {}): Promise<FakeGate> {
  const now = options.now ?? Date.now;
  const pairs = options.pairs ?? GATE_PAIRS;
  const accounts = options.accounts ?? [DEFAULT_GATE_ACCOUNT];
  const engine = new MatchingEngine(pairs, now);
  for (const account of accounts) engine.fund(account.apiKey, account.balances);
  const countdowns = new GateCountdowns(engine, now);
  const orders = new GateOrderEndpoints(engine, { now, ...(options.textLookupWindowMs === undefined ? {} : { textLookupWindowMs: options.textLookupWindowMs }) });

  /** Runs `handler` for the key whose signature checks out; Gate answers a refused signature with 401 and a label. */
  const signed = (handler: (apiKey: string, req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse => {
    for (const account of accounts) {
      const failure = verifyGateRequest({ method: req.method, path: req.path, query: req.rawQuery, body: req.rawBody, headers: req.headers }, account, now());
      if (failure === undefined) return handler(account.apiKey, req);
      if (failure.label !== 'INVALID_KEY') return gateError(401, failure.label, failure.message);
    }
    return gateError(401, 'INVALID_KEY', 'Invalid key provided');
  };

  const router = new Router()
    .on('GET', `${API}/spot/time`, () => ok({ server_time: now() }))
    .on('GET', `${API}/spot/currencies`, () => ok(currenciesJson(pairs)))
    .on('GET', `${API}/spot/currency_pairs`, () => ok(pairs.map(currencyPairJson)))
    // ccxt merges margin flags into spot markets; the fake lists no margin pairs.
    .on('GET', `${API}/margin/currency_pairs`, () => ok([]))
    .on('GET', `${API}/spot/tickers`, (req) => {
      const wanted = req.params.currency_pair;
      if (wanted !== undefined && !engine.symbol(wanted)) return gateError(400, 'INVALID_CURRENCY_PAIR', `Invalid currency pair ${wanted}`);
      return ok(pairs.filter((p) => wanted === undefined || p.symbol === wanted).map((p) => tickerJson(p, engine.last.get(p.symbol)!)));
    })
    .on('GET', `${API}/spot/candlesticks`, (req) => {
      const pair = engine.symbol(req.params.currency_pair ?? '');
      if (!pair) return gateError(400, 'INVALID_CURRENCY_PAIR', 'Invalid currency pair');
      const seconds = intervalSeconds(req.params.interval ?? '30m');
      if (seconds === undefined) return gateError(400, 'INVALID_PARAM_VALUE', 'invalid argument: interval');
      const { limit, from, to } = req.params;
      // Gate: "limit conflicts with from and to".
      if (limit !== undefined && (from !== undefined || to !== undefined)) return gateError(400, 'INVALID_PARAM_VALUE', 'limit conflicts with from/to');
      return ok(candlesticks(pair, seconds, now(), { ...(limit ? { limit: Number(limit) } : {}), ...(from ? { from: number(from) } : {}), ...(to ? { to: number(to) } : {}) }));
    })
    // key.mode 1 is a classic account, so ccxt keeps to /spot/* (a unified account would read /unified/accounts).
    .on('GET', `${API}/account/detail`, signed(() => ok({ user_id: 10_000_001, ip_whitelist: [], currency_pairs: [], key: { mode: 1 }, tier: 0, copy_trading_role: 0 })))
    .on('GET', `${API}/spot/accounts`, signed((apiKey, req) => orders.accounts(apiKey, req.params)))
    .on('POST', `${API}/spot/orders`, signed((apiKey, req) => orders.create(apiKey, req.params)))
    .on('GET', `${API}/spot/orders`, signed((apiKey, req) => orders.list(apiKey, req.params)))
    .on('GET', `${API}/spot/open_orders`, signed((apiKey, req) => orders.openGrouped(apiKey, req.params)))
    .on('GET', `${API}/spot/my_trades`, signed((apiKey, req) => orders.myTrades(apiKey, req.params)))
    .on('POST', `${API}/spot/countdown_cancel_all`, signed((apiKey, req) => countdowns.arm(apiKey, req.params)));

  const byId = /^\/api\/v4\/spot\/orders\/([^/]+)$/;
  const getOne = signed((apiKey, req) => orders.get(apiKey, decodeURIComponent(byId.exec(req.path)![1]!), req.params));
  const cancelOne = signed((apiKey, req) => orders.cancel(apiKey, decodeURIComponent(byId.exec(req.path)![1]!), req.params));

  const rate = gateRateGate(pairs.map((p) => p.symbol), options.rateLimits ?? {}, now);
  const server = await startFakeHttp({
    router,
    gate: rate,
    // The shared router matches exact paths; Gate puts the order id in the path, so those two routes land here.
    notFound: (req) => {
      if (byId.test(req.path) && req.method === 'GET') return getOne(req);
      if (byId.test(req.path) && req.method === 'DELETE') return cancelOne(req);
      return gateError(404, 'NOT_FOUND', `${req.method} ${req.path} not found`);
    },
    faultResponse: (kind, fault) => {
      if (kind === '5xx') return gateError(fault.status ?? 503, 'SERVER_ERROR', 'Internal server error');
      const retryAfter = { 'Retry-After': String(fault.retryAfterS ?? 1) };
      if (kind === '429') return { ...gateError(429, 'TOO_MANY_REQUESTS', 'Request Rate limit Exceeded'), headers: retryAfter };
      return { status: 418, body: { label: 'TOO_MANY_REQUESTS', message: 'IP banned' }, headers: retryAfter };
    },
  });
  const close = async (): Promise<void> => {
    countdowns.close();
    await server.close();
  };
  return { ...server, close, engine, countdowns, setPrice: (pair, price) => engine.setPrice(pair, price) };
}
