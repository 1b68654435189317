// Several processes' shared budgets hammering the fake Binance with public and signed private calls, each call
// taking its documented weight from its process's budget first. Counts what the venue answered, so that a test or
// a benchmark can tell 429s, 418s and how much of the venue's allowance was used.
import { createHmac } from 'node:crypto';
import type { ExchangeOperation } from '../../exchanges';
import type { SharedRateBudget } from '../shared-budget';

export interface HammerAccount {
  apiKey: string;
  secret: string;
}

interface Call {
  operation: ExchangeOperation;
  path: string;
  query: string;
  signed: boolean;
  weight: number;
}

// Binance's documented weights (the fake enforces the same ones).
const CALLS: Call[] = [
  { operation: 'ticker', path: '/api/v3/ticker/24hr', query: 'symbol=BTCUSDT', signed: false, weight: 2 },
  { operation: 'candles', path: '/api/v3/klines', query: 'symbol=BTCUSDT&interval=1m&limit=10', signed: false, weight: 2 },
  { operation: 'balance', path: '/api/v3/account', query: '', signed: true, weight: 20 },
  { operation: 'openOrders', path: '/api/v3/openOrders', query: 'symbol=BTCUSDT', signed: true, weight: 6 },
  { operation: 'myTrades', path: '/api/v3/myTrades', query: 'symbol=BTCUSDT', signed: true, weight: 20 },
];

export interface HammerResult {
  statuses: Record<number, number>;
  /** Weight of the calls the venue accepted. */
  weightAccepted: number;
  elapsedMs: number;
}

export async function hammer(options: {
  baseUrl: string;
  budgets: readonly SharedRateBudget[];
  account: HammerAccount;
  durationMs: number;
  workersPerBudget?: number;
}): Promise<HammerResult> {
  const statuses: Record<number, number> = {};
  let weightAccepted = 0;
  const started = Date.now();
  const until = started + options.durationMs;
  let n = 0;
  const worker = async (budget: SharedRateBudget) => {
    while (Date.now() < until) {
      const call = CALLS[n++ % CALLS.length]!;
      await budget.acquire(call.operation, until + 60_000);
      if (Date.now() >= until) return; // taken after the end: not sent, not counted
      const status = await send(options.baseUrl, options.account, call);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) weightAccepted += call.weight;
    }
  };
  const workers = options.budgets.flatMap((budget) => Array.from({ length: options.workersPerBudget ?? 4 }, () => worker(budget)));
  await Promise.all(workers);
  return { statuses, weightAccepted, elapsedMs: Date.now() - started };
}

async function send(baseUrl: string, account: HammerAccount, call: Call): Promise<number> {
  let query = call.query;
  const headers: Record<string, string> = {};
  if (call.signed) {
    query = `${query}${query ? '&' : ''}timestamp=${Date.now()}&recvWindow=5000`;
    query += `&signature=${createHmac('sha256', account.secret).update(query).digest('hex')}`;
    headers['X-MBX-APIKEY'] = account.apiKey;
  }
  const response = await fetch(`${baseUrl}${call.path}${query ? `?${query}` : ''}`, { headers });
  await response.arrayBuffer();
  return response.status;
}
