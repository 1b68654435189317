// MetaTrader 5 bridge overhead, on 127.0.0.1 against the fake terminal (which answers at once, so what is measured is
// ours: the venue adapter, the zod parsing both ways, the NDJSON framing and the loopback socket).
// - orderRoundTrip: Mt5Venue.createOrder (market) → order_send over the bridge → the fake fills it → reply parsed →
//   Order. Goal p99 ≤ 5 ms.
// - tick: 1,000 ticks/s spread over 20 symbols, from the moment the fake terminal's market moves to the
//   `ticker.updated` push an API session (the renderer's end of IPC or WebSocket) receives, through a whole core:
//   bridge, MT5 live source, ticker streams and the frame coalescer. The fake polls its quotes every BENCH_POLL_MS
//   (the EA's InpPollMs); the figure includes that wait and the coalescer's frame. Goal ≤ 20 ms p99.
//   The coalescer sends the newest price of a symbol once per frame, so fewer ticks arrive than were sent; each one
//   that arrives is timed from when its price was set.
import { loadTs, median } from '../lib/load-ts.mjs';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 2_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const TICK_SECONDS = Number(process.env.BENCH_TICK_SECONDS ?? 3);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 10); // the EA's InpPollMs default
const ORDER_GOAL_MS = 5;
const TICK_GOAL_MS = 20;

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { Mt5Venue, startBridgeHarness, SIM_SYMBOLS, createCore, TransportSession, MemorySecretStore, FakeMt5Terminal, SimulatedTradeServer, alwaysOpen } =
  await loadTs('bench/mt5-bridge/entry.ts');
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

// Baselines in the same run: a request with nothing to do (`account`) over the same socket, and ticks from the fake's
// market to the bridge session's push listener (no core). The goals are about the difference.
const accountMs = [];
for (let i = 0; i < WARMUP + ORDERS; i++) {
  const start = process.hrtime.bigint();
  await session.request('account', {});
  if (i >= WARMUP) accountMs.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const bridgeTickMs = [];
const bridgeSentAt = new Map();
session.onPush((push) => {
  if (push.push !== 'tick') return;
  const at = bridgeSentAt.get(`${push.symbol}|${push.bid}`);
  if (at !== undefined) bridgeTickMs.push(Number(process.hrtime.bigint() - at) / 1e6);
});
for (const symbol of symbols) await session.request('subscribe', { stream: 'ticks', symbol: symbol.name });
await driveTicks((symbol, bid) => {
  bridgeSentAt.set(`${symbol.name}|${bid}`, process.hrtime.bigint());
  terminal.quote(symbol.name, bid);
});
await harness.close();

/** Every 10 ms ten of the 20 symbols move (1,000/s) for TICK_SECONDS; returns how many ticks were set. */
async function driveTicks(set) {
  let step = 0;
  const until = Date.now() + TICK_SECONDS * 1000;
  const started = Date.now();
  while (Date.now() < until) {
    // Catch up to 1,000 ticks per second of elapsed time, whatever the timer's resolution.
    const due = Math.floor((Date.now() - started) * 1);
    for (; step < due; step++) set(symbols[step % symbols.length], Number((1 + (step % 5000) / 100_000).toFixed(5)));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  return step;
}

// Ticks through a whole core, on a trade server running on the real clock.
const dataDir = mkdtempSync(join(tmpdir(), 'bench-mt5-'));
const core = await createCore({ dataDir, transport: 'websocket', secrets: new MemorySecretStore(), mt5Port: 0, demoTickMs: 1000 });
const sentAt = new Map();
const tickMs = [];
const apiSession = new TransportSession('bench', (event, payload) => {
  if (event !== 'ticker.updated') return;
  const at = sentAt.get(`${payload.ticker.symbol}|${payload.ticker.bid}`);
  if (at !== undefined) tickMs.push(Number(process.hrtime.bigint() - at) / 1e6);
});
const call = async (channel, payload) => {
  const response = await core.dispatcher.dispatch(channel, payload, apiSession);
  if (!response.ok) throw new Error(`${channel}: ${response.error.message}`);
  return response.result;
};
const pairing = await call('mt5:pairing', {});
const filesDir = mkdtempSync(join(tmpdir(), 'bench-mt5-files-'));
const server = new SimulatedTradeServer({ login: '9001', clock: () => Date.now() + 7_200_000, symbols: alwaysOpen([eurusd, ...symbols]) });
const live = new FakeMt5Terminal({ port: pairing.port, token: pairing.token, server, filesDir, pollMs: POLL_MS });
live.start();
await live.waitWelcomed();
while (!(await call('mt5:bridge', {})).terminals.some((t) => t.trading && t.connected)) await new Promise((resolve) => setTimeout(resolve, 10));
for (const symbol of symbols) await call('market:subscribe-ticker', { venue: 'mt5', symbol: `${symbol.currencyBase}/USD` });
await new Promise((resolve) => setTimeout(resolve, 500));

// Each push carries the new bid, matched to when it was set.
const step = await driveTicks((symbol, bid) => {
  sentAt.set(`${symbol.currencyBase}/USD|${bid}`, process.hrtime.bigint());
  live.quote(symbol.name, bid);
});
live.stop();
await core.close();
rmSync(dataDir, { recursive: true, force: true });
rmSync(filesDir, { recursive: true, force: true });

const orderRoundTripP50Ms = round(median(orderMs));
const orderRoundTripP99Ms = round(percentile(orderMs, 0.99));
const tickP99Ms = round(percentile(tickMs, 0.99));
const accountP99Ms = round(percentile(accountMs, 0.99));
const bridgeTickP99Ms = round(percentile(bridgeTickMs, 0.99));
const orderVsEmptyRequestP99 = Number((orderRoundTripP99Ms / accountP99Ms).toFixed(2));
const tickCoreVsBridgeP99 = Number((tickP99Ms / bridgeTickP99Ms).toFixed(2));
console.log(`baselines: an empty request (account) p99 ${accountP99Ms} ms (orders ×${orderVsEmptyRequestP99}); ticks to the bridge session only p99 ${bridgeTickP99Ms} ms (through the core ×${tickCoreVsBridgeP99})`);
console.log(`order round trip (${ORDERS} market orders): p50 ${orderRoundTripP50Ms} ms, p99 ${orderRoundTripP99Ms} ms (goal p99 ≤ ${ORDER_GOAL_MS} ms)`);
console.log(`ticks: ${step} sent (${Math.round(step / TICK_SECONDS)}/s) over 20 symbols in ${TICK_SECONDS} s, ${tickMs.length} pushed to the session (the poll and the frame keep the newest per symbol); p50 ${round(median(tickMs))} ms, p99 ${tickP99Ms} ms with a ${POLL_MS} ms poll, terminal to API session push (goal ≤ ${TICK_GOAL_MS} ms)`);
console.log(JSON.stringify({ bench: 'mt5-bridge', orderRoundTripP50Ms, orderRoundTripP99Ms, tickP99Ms, ticksSent: step, ticksPushed: tickMs.length, pollMs: POLL_MS, rendererLegIncluded: true, accountP99Ms, bridgeTickP99Ms, orderVsEmptyRequestP99, tickCoreVsBridgeP99, meets_goal: orderRoundTripP99Ms <= ORDER_GOAL_MS && tickP99Ms <= TICK_GOAL_MS }));
