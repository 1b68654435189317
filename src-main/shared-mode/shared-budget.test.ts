// One rate budget for three processes on a real redis-server, against the fake Binance that enforces the documented
// weights per IP across connections (429 over the limit, 418 for a client that keeps going): for 60 s they hammer
// public and private calls together and get no 429 and no 418, yet use at least 80 % of the allowance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBinance, TEST_ACCOUNT, type FakeBinance } from '../../fakes/binance';
import type { RateLimitSpec } from '../exchanges';
import { RedisLink } from './redis-link';
import { SharedRateBudget } from './shared-budget';
import { hammer } from './testing/hammer';
import { startTestRedis, type TestRedis } from './testing/redis-server';

// Binance's REQUEST_WEIGHT scaled from 6000 a minute to 3000 in 10 s, so that 60 s cover 6 of its windows. (A much
// shorter window would make the test measure the machine's timer lateness rather than the budget: the burst a
// bucket holds is a share of the window, and 1 s windows leave it a few tens of milliseconds of slack.)
const LIMIT = 3_000;
const INTERVAL_MS = 10_000;
const SPEC: RateLimitSpec = {
  windows: [{ id: 'REQUEST_WEIGHT', intervalMs: INTERVAL_MS, limit: LIMIT }],
  costs: { ticker: { REQUEST_WEIGHT: 2 }, candles: { REQUEST_WEIGHT: 2 }, balance: { REQUEST_WEIGHT: 20 }, openOrders: { REQUEST_WEIGHT: 6 }, myTrades: { REQUEST_WEIGHT: 20 } },
};

let redis: TestRedis;
let binance: FakeBinance;
const links: RedisLink[] = [];
beforeAll(async () => {
  redis = await startTestRedis();
  binance = await startFakeBinance({ weightLimit: LIMIT, weightIntervalMs: INTERVAL_MS, banAfter: 3 });
});
afterAll(async () => {
  for (const link of links) await link.close();
  await binance.close();
  await redis.stop();
});

async function budgetOf(processId: string, scope: string): Promise<SharedRateBudget> {
  const link = new RedisLink({ url: redis.url });
  links.push(link);
  return new SharedRateBudget({ link, client: await link.connect(), venue: 'binance', spec: SPEC, scope, processId });
}

describe('one rate budget for all processes', () => {
  it('keeps 3 processes hammering for 60 s free of 429 and 418 while using at least 80 % of the budget', async () => {
    const budgets = await Promise.all(['a', 'b', 'c'].map((id) => budgetOf(id, 'binance:127.0.0.1')));
    const result = await hammer({ baseUrl: binance.url, budgets, account: TEST_ACCOUNT, durationMs: 60_000 });
    expect(result.statuses[429] ?? 0).toBe(0);
    expect(result.statuses[418] ?? 0).toBe(0);
    expect(Object.keys(result.statuses)).toEqual(['200']);
    const use = result.weightAccepted / ((LIMIT * result.elapsedMs) / INTERVAL_MS);
    expect(use).toBeGreaterThanOrEqual(0.8);
    expect(budgets.map((b) => b.processes)).toEqual([3, 3, 3]);
  }, 120_000);

  it('without Redis, each process spends an equal share of the processes last seen, not the whole budget', async () => {
    const budgets = await Promise.all(['a', 'b', 'c'].map((id) => budgetOf(id, 'binance:outage')));
    // Two rounds: in the second, each one hears of all three.
    for (let round = 0; round < 2; round++) for (const budget of budgets) await budget.acquire('ticker', Date.now() + 5_000);
    await redis.kill();
    try {
      const alone = budgets[0]!;
      const started = Date.now();
      let weight = 0;
      while (Date.now() - started < 2_000) {
        await alone.acquire('ticker', Date.now() + 5_000);
        weight += 2;
      }
      const perSecond = weight / ((Date.now() - started) / 1_000);
      // The usable allowance is 270 a second (10 % margin); a third of it is 90.
      expect(alone.processes).toBe(3);
      expect(perSecond).toBeLessThanOrEqual(270 / 3 + 10);
      expect(perSecond).toBeGreaterThan(270 / 3 / 4); // still working, on its share
    } finally {
      await redis.restart();
    }
  }, 30_000);
});
