// Shared mode on a real redis-server started for the run (its own port and throwaway folder; appendonly on, as
// docs/scale-out.md asks). Three figures, as issue 17 sets them:
// - streamP50Ms / streamP99Ms: a trade event from one process's commit (the outbox insert) to another process's
//   handler, one event at a time. Goal p99 ≤ 10 ms on loopback.
// - eventsPerSec: sustained, publishing as fast as one process can while another consumes all. Goal ≥ 20,000.
// - budgetUse: the share of the fake Binance's weight budget three processes use together with no 429. Goal ≥ 0.8.
// - killSwitchP50Ms / killSwitchMaxMs: engaged in process A, until B and C have cancelled all their open orders on
//   their own venues (kill-switch.mjs). Goal ≤ 1 s.
// The baseline, measured in the same run: the in-process bus's delivery (what a single process has without Redis).
// Two app processes: this one publishes (process a); the one that receives (process b) runs in a child process of its
// own (consumer.mjs), as each app does, so that neither's SQLite commits or CPU stall the other.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTs } from '../lib/load-ts.mjs';
import { measureSharedKillSwitch } from './kill-switch.mjs';

const { openDatabase, RedisLink, SharedEventBus, SharedRateBudget, startTestRedis, hammer, startFakeBinance, TEST_ACCOUNT } = await loadTs('bench/redis-bus/entry.ts');

const LATENCY_EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
const THROUGHPUT_EVENTS = Number(process.env.BENCH_THROUGHPUT ?? 50_000);
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 30_000);
const KILL_SWITCH_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round2 = (x) => Math.round(x * 100) / 100;

const redis = await startTestRedis();
const folder = mkdtempSync(join(tmpdir(), 'tbs-bench-redis-'));
const links = [];
const buses = [];
const children = [];
async function startProcess(id) {
  // A database file opened as the app opens its own (synchronous FULL: the outbox row is on disk before it is sent).
  const db = openDatabase(join(folder, `${id}.sqlite`), { synchronous: 'FULL' });
  const link = new RedisLink({ url: redis.url });
  const bus = new SharedEventBus({ link, db, processId: id, prefix: 'bench' });
  await bus.start();
  links.push(link);
  buses.push(bus);
  return bus;
}

/** Process b: the consumer child. `next(test)` resolves with the first message from it that passes `test`. */
async function startConsumer(id) {
  const child = fork(join(import.meta.dirname, 'consumer.mjs'), [redis.url, join(folder, `${id}.sqlite`), id, 'bench'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  const listeners = new Set();
  child.on('message', (message) => {
    const at = performance.now();
    for (const listener of listeners) listener(message, at);
  });
  const next = (test) =>
    new Promise((resolve, reject) => {
      const onExit = (code) => reject(new Error(`consumer process ${id} exited (${code}) early`));
      const listener = (message, at) => {
        if (!test(message)) return;
        listeners.delete(listener);
        child.off('exit', onExit);
        resolve({ message, at });
      };
      listeners.add(listener);
      child.once('exit', onExit);
    });
  await next((m) => m.ready);
  return { child, next, send: (message) => child.send(message) };
}

const trade = (n) => ({ id: `t${n}`, venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', price: 60_000, amount: 0.01, timestamp: n });

try {
  const a = await startProcess('a');
  const b = await startConsumer('b');

  // Latency: one event at a time, from a's publish (outbox commit included) to b's handler.
  const latencies = [];
  for (let n = 0; n < LATENCY_EVENTS; n++) {
    const id = `t${n}`;
    const arrived = b.next((m) => m.arrived === id);
    const sent = performance.now();
    a.publish('trade.executed', trade(n));
    latencies.push((await arrived).at - sent);
  }
  latencies.sort((x, y) => x - y);

  // Throughput: a publishes as fast as it can (in slices, so that the relay runs meanwhile); b receives every one.
  const offset = LATENCY_EVENTS;
  const expecting = b.next((m) => m.expecting);
  b.send({ expect: { offset, count: THROUGHPUT_EVENTS } });
  await expecting;
  const allIn = b.next((m) => m.allIn);
  const started = performance.now();
  for (let n = 0; n < THROUGHPUT_EVENTS; n++) {
    a.publish('trade.executed', trade(offset + n));
    if (n % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
  const eventsPerSec = THROUGHPUT_EVENTS / (((await allIn).at - started) / 1_000);

  // Baseline: the in-process bus alone (a's local subscribers), same events.
  let local = 0;
  a.local.subscribe('trade.executed', () => local++);
  const localStarted = performance.now();
  for (let n = 0; n < THROUGHPUT_EVENTS; n++) a.local.publish('trade.executed', trade(n));
  const localPerSec = local / ((performance.now() - localStarted) / 1_000);

  // Budget: three processes' shared budgets against the fake Binance (its 6000 a minute scaled to 3000 in 10 s; 418
  // after 3 more requests inside a Retry-After).
  const LIMIT = 3_000;
  const INTERVAL_MS = 10_000;
  const binance = await startFakeBinance({ weightLimit: LIMIT, weightIntervalMs: INTERVAL_MS, banAfter: 3 });
  const spec = {
    windows: [{ id: 'REQUEST_WEIGHT', intervalMs: INTERVAL_MS, limit: LIMIT }],
    costs: { ticker: { REQUEST_WEIGHT: 2 }, candles: { REQUEST_WEIGHT: 2 }, balance: { REQUEST_WEIGHT: 20 }, openOrders: { REQUEST_WEIGHT: 6 }, myTrades: { REQUEST_WEIGHT: 20 } },
  };
  const budgets = [];
  for (const id of ['a', 'b', 'c']) {
    const link = new RedisLink({ url: redis.url });
    links.push(link);
    budgets.push(new SharedRateBudget({ link, client: await link.connect(), venue: 'binance', spec, scope: 'bench', processId: id }));
  }
  const result = await hammer({ baseUrl: binance.url, budgets, account: TEST_ACCOUNT, durationMs: BUDGET_MS });
  await binance.close();
  const budgetUse = result.weightAccepted / ((LIMIT * result.elapsedMs) / INTERVAL_MS);
  const rejected = (result.statuses[429] ?? 0) + (result.statuses[418] ?? 0);

  const killSwitchTimes = (await measureSharedKillSwitch({ redisUrl: redis.url, folder, rounds: KILL_SWITCH_ROUNDS })).sort((x, y) => x - y);

  const figures = {
    streamP50Ms: round2(percentile(latencies, 50)),
    streamP99Ms: round2(percentile(latencies, 99)),
    eventsPerSec: Math.round(eventsPerSec),
    budgetUse: round2(budgetUse),
    budgetRejected: rejected,
    baselineInProcessEventsPerSec: Math.round(localPerSec),
    ratioToInProcess: Number((eventsPerSec / localPerSec).toPrecision(3)),
    killSwitchP50Ms: Math.round(percentile(killSwitchTimes, 50)),
    killSwitchMaxMs: Math.round(killSwitchTimes.at(-1)),
  };
  console.log(`stream latency p50 ${figures.streamP50Ms} ms, p99 ${figures.streamP99Ms} ms over ${LATENCY_EVENTS} events (goal p99 ≤ 10 ms)`);
  console.log(`sustained ${figures.eventsPerSec} events/s over ${THROUGHPUT_EVENTS} (goal ≥ 20,000); in-process bus ${figures.baselineInProcessEventsPerSec}/s`);
  console.log(`budget use ${figures.budgetUse} of the venue's weight by 3 processes in ${BUDGET_MS / 1000} s, ${rejected} × 429/418 (goal ≥ 0.8, none)`);
  console.log(`kill switch engaged in A: B and C swept in ${figures.killSwitchP50Ms} ms (median), ${figures.killSwitchMaxMs} ms at most over ${KILL_SWITCH_ROUNDS} rounds (goal ≤ 1000 ms)`);
  const pass = figures.streamP99Ms <= 10 && figures.eventsPerSec >= 20_000 && figures.budgetUse >= 0.8 && rejected === 0 && figures.killSwitchMaxMs <= 1_000;
  console.log(JSON.stringify({ bench: 'redis-bus', ...figures, goals: { streamP99Ms: 10, eventsPerSec: 20_000, budgetUse: 0.8, killSwitchMaxMs: 1_000 }, pass }));
} finally {
  for (const child of children) {
    if (child.exitCode !== null || !child.connected) continue;
    const exited = once(child, 'exit');
    child.send({ stop: true });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    if (child.exitCode === null) child.kill();
  }
  for (const bus of buses) await bus.stop();
  for (const link of links) await link.close();
  await redis.stop();
  rmSync(folder, { recursive: true, force: true });
}
