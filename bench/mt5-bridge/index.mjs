// MetaTrader 5 bridge overhead, on 127.0.0.1 against the fake terminal (which answers at once, so what is measured is
// ours: the venue adapter, the zod parsing both ways, the NDJSON framing and the loopback socket).
// - orderRoundTrip: Mt5Venue.createOrder (market) → order_send over the bridge → the fake fills it → reply parsed →
//   Order. Goal p99 ≤ 5 ms.
// - tick: 1,000 ticks/s spread over 20 symbols, from the moment the fake terminal's market moves to the app's
//   session push listener. The fake polls its quotes every BENCH_POLL_MS (the EA's InpPollMs, 50 by default in the
//   EA); the figure includes that wait. Goal ≤ 20 ms p99 to the renderer: the renderer leg (streamer and frame
//   coalescer) is not wired for MT5 yet and is not included.
import { loadTs, median } from '../lib/load-ts.mjs';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 2_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const TICK_SECONDS = Number(process.env.BENCH_TICK_SECONDS ?? 3);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 5);
const ORDER_GOAL_MS = 5;
const TICK_GOAL_MS = 20;

const { Mt5Venue, startBridgeHarness, SIM_SYMBOLS } = await loadTs('bench/mt5-bridge/entry.ts');
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const round = (ms) => Number(ms.toFixed(3));

// 20 symbols shaped like EURUSD.
const eurusd = SIM_SYMBOLS[0];
const symbols = Array.from({ length: 20 }, (_, i) => ({ ...eurusd, name: `FX${String(i).padStart(2, '0')}USD`, currencyBase: `FX${String(i).padStart(2, '0')}` }));

const harness = await startBridgeHarness();
const { terminal, session } = await harness.attach({ pollMs: POLL_MS, account: { balance: 1e12, marginMode: 'netting', symbols: [eurusd, ...symbols] } });
const venue = new Mt5Venue({ login: session.login, session: (login) => harness.bridge.session(login), now: () => terminal.server.clock() - session.serverOffsetMs });

// Orders: alternate buy and sell on a netting account, so that the position (and the fake's work) stays flat.
const orderMs = [];
for (let i = 0; i < WARMUP + ORDERS; i++) {
  const start = process.hrtime.bigint();
  await venue.createOrder({ venue: 'mt5', symbol: 'EUR/USD', side: i % 2 ? 'sell' : 'buy', type: 'market', amount: 0.01 }, `b${i}`);
  if (i >= WARMUP) orderMs.push(Number(process.hrtime.bigint() - start) / 1e6);
}

// Ticks: every 10 ms ten of the 20 symbols move (1,000/s); each push carries the new bid, matched to when it was set.
const sentAt = new Map();
const tickMs = [];
session.onPush((push) => {
  if (push.push !== 'tick') return;
  const at = sentAt.get(`${push.symbol}|${push.bid}`);
  if (at !== undefined) tickMs.push(Number(process.hrtime.bigint() - at) / 1e6);
});
for (const symbol of symbols) await session.request('subscribe', { stream: 'ticks', symbol: symbol.name });
let step = 0;
const until = Date.now() + TICK_SECONDS * 1000;
const started = Date.now();
while (Date.now() < until) {
  // Catch up to 1,000 ticks per second of elapsed time, whatever the timer's resolution.
  const due = Math.floor((Date.now() - started) * 1);
  for (; step < due; step++) {
    const symbol = symbols[step % symbols.length];
    const bid = Number((1 + (step % 5000) / 100_000).toFixed(5));
    sentAt.set(`${symbol.name}|${bid}`, process.hrtime.bigint());
    terminal.quote(symbol.name, bid);
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
}
await new Promise((resolve) => setTimeout(resolve, 100));
await harness.close();

const orderRoundTripP50Ms = round(median(orderMs));
const orderRoundTripP99Ms = round(percentile(orderMs, 0.99));
const tickP99Ms = round(percentile(tickMs, 0.99));
console.log(`order round trip (${ORDERS} market orders): p50 ${orderRoundTripP50Ms} ms, p99 ${orderRoundTripP99Ms} ms (goal p99 ≤ ${ORDER_GOAL_MS} ms)`);
console.log(`ticks: ${step} sent (${Math.round(step / TICK_SECONDS)}/s) over 20 symbols in ${TICK_SECONDS} s, ${tickMs.length} pushed (the poll keeps the newest per symbol); p50 ${round(median(tickMs))} ms, p99 ${tickP99Ms} ms with a ${POLL_MS} ms poll (goal ≤ ${TICK_GOAL_MS} ms to the renderer; renderer leg not included)`);
console.log(JSON.stringify({ bench: 'mt5-bridge', orderRoundTripP50Ms, orderRoundTripP99Ms, tickP99Ms, ticksSent: step, ticksPushed: tickMs.length, pollMs: POLL_MS, rendererLegIncluded: false, meets_goal: orderRoundTripP99Ms <= ORDER_GOAL_MS && tickP99Ms <= TICK_GOAL_MS }));
