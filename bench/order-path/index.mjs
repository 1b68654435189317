// Order-path overhead: what OrderService.place() adds to the venue call itself — market and pre-trade checks, the
// client order id, journaling the intent before the send and the answer after it, the order.updated events — against
// a TradingVenue whose createOrder answers at once (a stub at the port), so that everything measured is ours.
// The journal's fsync is reported on its own: the same run with PRAGMA synchronous=OFF and =FULL on a temp file.
// Goal: ≤ 1 ms median per order excluding fsync.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTs, median } from '../lib/load-ts.mjs';

const GOAL_MS = 1;
const ORDERS = Number(process.env.BENCH_ORDERS ?? 3_000);
const FSYNC_ORDERS = Number(process.env.BENCH_FSYNC_ORDERS ?? 500);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);

const { openDatabase, OrderJournal, OrderService, InProcessEventBus } = await loadTs('bench/order-path/entry.ts');

const MARKET = { venue: 'binance', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, amountPrecision: 5, minAmount: 0.00001, minNotional: 5, active: true };
const refuse = () => Promise.reject(new Error('not used by the benchmark'));

/** A venue that answers every call at once. */
function instantVenue() {
  let next = 0;
  return {
    id: 'binance',
    markets: async () => [MARKET],
    ticker: async () => ({ venue: 'binance', symbol: 'BTC/USDT', last: 60_000, timestamp: Date.now() }),
    createOrder: async (request, clientOrderId) => {
      const now = Date.now();
      return { ...request, mode: 'live', clientOrderId, exchangeOrderId: String(++next), filled: 0, status: 'open', createdAt: now, updatedAt: now };
    },
    newClientOrderId: () => `bench-${process.pid}-${++next}`,
    candles: refuse, balance: refuse, cancelOrder: refuse, fetchOrder: refuse, fetchOrderByClientId: refuse, myTrades: refuse,
    openOrders: async () => [],
  };
}

const ORDER = { venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001, price: 50_000 };
const REQUEST = { venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001, price: 50_000 };

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

async function timeEach(n, call) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await call(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

/** place() per order on a fresh journal file with the given synchronous setting, in ms. */
async function run(synchronous, n) {
  const folder = mkdtempSync(join(tmpdir(), 'tbs-order-path-'));
  const db = openDatabase(join(folder, 'orders.sqlite'), { synchronous });
  const venue = instantVenue();
  const bus = new InProcessEventBus();
  bus.subscribe('order.updated', () => {}); // core relays every order.updated to the windows
  const service = new OrderService({
    journal: new OrderJournal(db),
    venueFor: () => venue,
    bus,
    // A pre-trade check as the risk service adds them; polling of the open orders stays out of the measurement.
    checks: [(order, { market }) => void (order.amount * (order.price ?? 0) > 1e9 && market)],
    pollMs: 1e9,
    warn: () => {},
  });
  try {
    await timeEach(WARMUP, () => service.place(ORDER));
    return await timeEach(n, () => service.place(ORDER));
  } finally {
    service.close();
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

const direct = instantVenue();
await timeEach(WARMUP, (i) => direct.createOrder(REQUEST, `w${i}`));
const directMs = await timeEach(ORDERS, (i) => direct.createOrder(REQUEST, `d${i}`));
const offMs = await run('OFF', ORDERS);
const fullMs = await run('FULL', FSYNC_ORDERS);

const round = (ms) => Number(ms.toFixed(4));
const direct_median_ms = round(median(directMs));
const overhead_median_ms = round(median(offMs) - median(directMs));
const overhead_p99_ms = round(percentile(offMs, 0.99) - median(directMs));
const full_median_ms = round(median(fullMs));
const full_p99_ms = round(percentile(fullMs, 0.99));
const fsync_median_ms = round(median(fullMs) - median(offMs));
const ratio = Number((median(offMs) / median(directMs)).toFixed(1));

console.log(`venue call alone (instant stub):        median ${direct_median_ms} ms (${ORDERS} orders)`);
console.log(`place(), synchronous=OFF (no fsync):    median ${round(median(offMs))} ms, p99 ${round(percentile(offMs, 0.99))} ms`);
console.log(`  our overhead per order:               median ${overhead_median_ms} ms, p99 ${overhead_p99_ms} ms (goal ≤ ${GOAL_MS} ms median), ratio ${ratio}× the venue call`);
console.log(`place(), synchronous=FULL (as the app): median ${full_median_ms} ms, p99 ${full_p99_ms} ms (${FSYNC_ORDERS} orders)`);
console.log(`  the journal's fsync (FULL − OFF):     median ${fsync_median_ms} ms per order (two commits: the intent, then the answer)`);
console.log(
  JSON.stringify({
    bench: 'order-path',
    direct_median_ms,
    overhead_median_ms,
    overhead_p99_ms,
    full_median_ms,
    full_p99_ms,
    fsync_median_ms,
    ratio,
    goal_ms: GOAL_MS,
    meets_goal: overhead_median_ms <= GOAL_MS,
  }),
);
