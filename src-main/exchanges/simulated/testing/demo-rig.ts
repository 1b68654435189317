// A simulated account priced by a real DemoVenue on a clock the test drives: `step()` moves the market one tick.
import type { Symbol, Ticker } from '../../../../src-shared';
import { DemoVenue } from '../../demo';
import type { LiveCandleSource, OrderActivity } from '../../ports';
import type { SimulatedAccountStore } from '../account-store';
import { SimulatedExchange, type SimulatedExchangeOptions } from '../simulated-exchange';

export const START = Date.UTC(2026, 10, 2, 12, 0, 10);
export const TICK_MS = 500;

export interface DemoRig {
  demo: DemoVenue;
  exchange: SimulatedExchange;
  /** Every activity pushed so far, oldest first. */
  activities: OrderActivity[];
  /** Live feeds the exchange holds open now. */
  openFeeds(): number;
  step(ms?: number): void;
  ticker(symbol: Symbol): Promise<Ticker>;
  /** Steps until `done` (checked after each step with that step's ticker) or `maxSteps`; the number of steps taken. */
  driveUntil(symbol: Symbol, done: (ticker: Ticker) => boolean | Promise<boolean>, maxSteps?: number): Promise<number>;
  /** Another exchange on the same market and clock (a restart), with the same store. */
  restart(store: SimulatedAccountStore): SimulatedExchange;
  close(): void;
}

export function demoRig(options: { seed?: number; store?: SimulatedAccountStore; exchange?: Partial<SimulatedExchangeOptions> } = {}): DemoRig {
  let now = START;
  const clock = () => now;
  const demo = new DemoVenue({ seed: options.seed ?? 42, now: clock, tickMs: TICK_MS, historyDays: 1 });
  let feeds = 0;
  // The real demo feed, its ticker streams counted: lets a test see the engine watch a symbol's price (a ticker, never
  // candles) only while orders rest on it.
  const live: LiveCandleSource = {
    watchCandles: (symbol, timeframe, onUpdate) => demo.watchCandles(symbol, timeframe, onUpdate),
    watchTicker(symbol, onTicker) {
      feeds++;
      const stop = demo.watchTicker(symbol, onTicker);
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        feeds--;
        stop();
      };
    },
  };
  const make = (store: SimulatedAccountStore | undefined) =>
    new SimulatedExchange({ venue: 'demo', mode: 'demo', prices: demo, live, now: clock, ...(store ? { store } : {}), ...options.exchange });
  const exchanges = [make(options.store)];
  const activities: OrderActivity[] = [];
  exchanges[0]!.watchOrders((activity) => activities.push(activity));
  const rig: DemoRig = {
    demo,
    exchange: exchanges[0]!,
    activities,
    openFeeds: () => feeds,
    step(ms = TICK_MS) {
      now += ms;
      demo.advance();
    },
    ticker: (symbol) => demo.ticker(symbol),
    async driveUntil(symbol, done, maxSteps = 20_000) {
      for (let steps = 1; steps <= maxSteps; steps++) {
        rig.step();
        if (await done(await demo.ticker(symbol))) return steps;
      }
      throw new Error(`the condition was not met within ${maxSteps} steps of the demo market`);
    },
    restart(store) {
      const next = make(store);
      exchanges.push(next);
      return next;
    },
    close() {
      for (const exchange of exchanges) exchange.close();
      demo.close();
    },
  };
  return rig;
}

export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

/** USDT, BTC… → free/used/total, for comparing whole accounts. */
export async function funds(exchange: SimulatedExchange): Promise<Record<string, { free: number; used: number; total: number }>> {
  const out: Record<string, { free: number; used: number; total: number }> = {};
  for (const { asset, free, used, total } of await exchange.balance()) out[asset] = { free, used, total };
  return out;
}
