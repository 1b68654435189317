// Resilience overhead: the per-call cost of the whole read path (bulkhead → retry → rate budget → breaker →
// timeout → metrics) around an adapter method, against calling that method directly, in one run. The adapter
// answers at once, so every nanosecond measured is the stack's own. Goal: ≤ 10 µs per call.
import { loadTs } from '../lib/load-ts.mjs';

const GOAL_US = 10;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const TICKER = { venue: 'binance', symbol: 'BTC/USDT', last: 50_000, timestamp: 1 };
const refuse = () => Promise.reject(new Error('not used by the benchmark'));

/** An adapter that answers at once: what is left to measure is the wrapper. */
function instantAdapter() {
  return {
    id: 'binance',
    ticker: async () => TICKER,
    markets: refuse, candles: refuse, balance: refuse, createOrder: refuse, cancelOrder: refuse, fetchOrder: refuse,
    fetchOrderByClientId: refuse, openOrders: refuse, myTrades: refuse,
    newClientOrderId: () => 'x-1',
    close: async () => {},
  };
}

/** ns per call of `n` sequential awaited calls. */
async function timeLoop(call, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await call();
  return Number(process.hrtime.bigint() - start) / n;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const { ResilienceRegistry, withResilience } = await loadTs('src-main/resilience/index.ts');
// Binance's real windows, with limits so high that the budget never waits: its bookkeeping is measured, not its
// waiting. Everything else at the production defaults.
const rateLimits = {
  windows: [
    { id: 'REQUEST_WEIGHT', intervalMs: 60_000, limit: 1e12 },
    { id: 'RAW_REQUESTS', intervalMs: 300_000, limit: 1e12 },
  ],
  costs: { ticker: { REQUEST_WEIGHT: 2, RAW_REQUESTS: 1 } },
};
const adapter = instantAdapter();
const registry = new ResilienceRegistry();
const wrapped = withResilience(adapter, { registry, rateLimits });

const direct = () => adapter.ticker('BTC/USDT');
const stack = () => wrapped.ticker('BTC/USDT');
await timeLoop(direct, WARMUP);
await timeLoop(stack, WARMUP);

// Interleaved rounds, so that a noisy moment on the machine hits both sides alike.
const directNs = [];
const stackNs = [];
for (let round = 0; round < ROUNDS; round++) {
  directNs.push(await timeLoop(direct, ITERATIONS));
  stackNs.push(await timeLoop(stack, ITERATIONS));
}
const direct_ns = Math.round(median(directNs));
const stack_ns = Math.round(median(stackNs));
const overhead_us = Number(((stack_ns - direct_ns) / 1000).toFixed(3));
const ratio = Number((stack_ns / direct_ns).toFixed(1));
const calls = registry.snapshot().operations.find((o) => o.operation === 'ticker');

console.log(`direct call:            ${direct_ns} ns/call (median of ${ROUNDS} rounds × ${ITERATIONS})`);
console.log(`through the stack:      ${stack_ns} ns/call`);
console.log(`overhead per call:      ${overhead_us} µs (goal ≤ ${GOAL_US} µs), ratio ${ratio}×`);
console.log(`calls recorded by metrics: ${calls?.count}, errors ${calls?.errors}`);
console.log(JSON.stringify({ bench: 'resilience', direct_ns, stack_ns, overhead_us, ratio, goal_us: GOAL_US, meets_goal: overhead_us <= GOAL_US }));
