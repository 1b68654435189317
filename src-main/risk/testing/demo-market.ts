// A demo account for risk tests: the real DemoVenue's seeded market on a clock the test moves, and a
// SimulatedExchange (the demo venue's matching engine) priced by it.
import { DemoVenue, SimulatedExchange } from '../../exchanges';

export const DEMO_START = Date.UTC(2026, 10, 2, 12, 0, 10);
export const DEMO_TICK_MS = 500;

export interface DemoMarket {
  exchange: SimulatedExchange;
  now(): number;
  /** One tick of the market. */
  step(): void;
  last(symbol: string): Promise<number>;
  close(): void;
}

export function demoMarket(seed: number): DemoMarket {
  let now = DEMO_START;
  const clock = () => now;
  const demo = new DemoVenue({ seed, now: clock, tickMs: DEMO_TICK_MS, historyDays: 1 });
  const exchange = new SimulatedExchange({ venue: 'demo', mode: 'demo', prices: demo, live: demo, now: clock });
  return {
    exchange,
    now: clock,
    step() {
      now += DEMO_TICK_MS;
      demo.advance();
    },
    last: async (symbol) => (await demo.ticker(symbol)).last,
    close() {
      exchange.close();
      demo.close();
    },
  };
}
