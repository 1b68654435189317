// Kill switch: time from engagement to the last cancel acknowledged, with 100 open orders over three fake venues
// (34 on Binance, 33 on Gate, 33 on MEXC), through real ccxt over HTTP on 127.0.0.1. Goal: ≤ 1 s.
// Each adapter behind the resilience stack with its venue's rate budget, as core wraps every account. Two
// configurations: ccxt's own request spacing off (as in the app, where the rate budget paces each venue to its
// documented limits) and, as the baseline, on (ccxt's default of one request per 50 ms per venue).
import { loadTs, median } from '../lib/load-ts.mjs';

const { InProcessEventBus, openDatabase, RiskRepository, RiskService, startThreeVenues } = await loadTs('bench/kill-switch/entry.ts');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ORDERS = [34, 33, 33];
const GOAL_MS = 1_000;

async function measure(ccxtThrottle) {
  const venues = await startThreeVenues({ ccxtThrottle, resilient: true });
  const times = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      await venues.placeResting(ORDERS);
      const open = await venues.openCount();
      if (open.reduce((a, b) => a + b, 0) !== 100) throw new Error(`expected 100 open orders, found ${open.join(' + ')}`);
      const risk = new RiskService({ repository: new RiskRepository(openDatabase(':memory:')), bus: new InProcessEventBus(), cancelTargets: () => venues.targets() });
      const started = performance.now();
      risk.engageKillSwitch('benchmark');
      const state = await risk.killSwitch.whenSwept();
      times.push(performance.now() - started);
      const cancelled = state.venues.reduce((sum, v) => sum + v.cancelled.length, 0);
      const left = await venues.openCount();
      if (cancelled !== 100 || left.some((n) => n !== 0)) throw new Error(`round ${round}: ${cancelled} cancelled, still open ${left.join('/')}`);
      risk.close();
    }
  } finally {
    await venues.close();
  }
  return times;
}

const results = {};
for (const [name, throttle] of [['throttle-off', false], ['ccxt-throttle', true]]) {
  const times = await measure(throttle);
  results[name] = { medianMs: Math.round(median(times)), maxMs: Math.round(Math.max(...times)) };
  console.log(`${name}: median ${results[name].medianMs} ms, max ${results[name].maxMs} ms over ${ROUNDS} rounds (goal ≤ ${GOAL_MS} ms)`);
}
console.log(JSON.stringify({ bench: 'kill-switch', orders: 100, venues: 3, rounds: ROUNDS, goalMs: GOAL_MS, ...results, pass: results['throttle-off'].medianMs <= GOAL_MS }));
