// Random sequences of orders, cancels and market moves on the demo venue: whatever happens, no balance goes below
// zero, free + used is the total, what is held equals what the open orders need, and every asset's total is its
// start plus the flows of the fills.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError, type Balance, type Order, type OrderSide, type Trade } from '../../../src-shared';
import { DEFAULT_STARTING_BALANCES } from './account-state';
import { assetsOf } from './ledger';
import { demoRig, type DemoRig } from './testing/demo-rig';

const SYMBOLS = [
  { symbol: 'BTC/USDT', step: 0.00001, places: 5, min: 10, max: 3_000, pricePlaces: 2 },
  { symbol: 'ETH/USDT', step: 0.0001, places: 4, min: 20, max: 5_000, pricePlaces: 2 },
  { symbol: 'SOL/USDT', step: 0.01, places: 2, min: 4, max: 2_000, pricePlaces: 3 },
] as const;

type Op =
  | { kind: 'market'; market: number; side: OrderSide; steps: number }
  | { kind: 'limit'; market: number; side: OrderSide; steps: number; offset: number }
  | { kind: 'stop'; market: number; side: OrderSide; steps: number; stopOffset: number; limitOffset: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'wait'; ticks: number };

const market = fc.integer({ min: 0, max: SYMBOLS.length - 1 });
const side = fc.constantFrom<OrderSide>('buy', 'sell');
const steps = fc.integer({ min: 1, max: 5_000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('market' as const), market, side, steps }),
  fc.record({ kind: fc.constant('limit' as const), market, side, steps, offset: fc.double({ min: -0.01, max: 0.01, noNaN: true }) }),
  fc.record({ kind: fc.constant('stop' as const), market, side, steps, stopOffset: fc.double({ min: 0.0002, max: 0.005, noNaN: true }), limitOffset: fc.double({ min: -0.005, max: 0.005, noNaN: true }) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('wait' as const), ticks: fc.integer({ min: 1, max: 400 }) }),
);

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function checkInvariants(balances: Balance[], open: Order[], trades: Trade[]): void {
  const held: Record<string, number> = {};
  for (const order of open) {
    const { base, quote } = assetsOf(order.symbol);
    if (order.side === 'buy') held[quote] = (held[quote] ?? 0) + order.price! * order.amount;
    else held[base] = (held[base] ?? 0) + order.amount;
  }
  const expected: Record<string, number> = { ...DEFAULT_STARTING_BALANCES };
  for (const trade of trades) {
    const { base, quote } = assetsOf(trade.symbol);
    const value = trade.price * trade.amount;
    const sign = trade.side === 'buy' ? 1 : -1;
    expected[base] = (expected[base] ?? 0) + sign * trade.amount - (trade.feeAsset === base ? trade.fee! : 0);
    expected[quote] = (expected[quote] ?? 0) - sign * value - (trade.feeAsset === quote ? trade.fee! : 0);
  }
  const byAsset = new Map(balances.map((b) => [b.asset, b]));
  for (const asset of new Set([...byAsset.keys(), ...Object.keys(held), ...Object.keys(expected)])) {
    const b = byAsset.get(asset) ?? { free: 0, used: 0, total: 0 };
    expect(b.free, `${asset} free`).toBeGreaterThanOrEqual(0);
    expect(b.used, `${asset} used`).toBeGreaterThanOrEqual(0);
    expect(close(b.free + b.used, b.total), `${asset}: free ${b.free} + used ${b.used} = total ${b.total}`).toBe(true);
    expect(close(b.used, held[asset] ?? 0), `${asset}: used ${b.used}, open orders hold ${held[asset] ?? 0}`).toBe(true);
    expect(close(b.total, expected[asset] ?? 0), `${asset}: total ${b.total}, start plus fills ${expected[asset] ?? 0}`).toBe(true);
  }
}

let rig: DemoRig | undefined;
afterEach(() => rig?.close());

describe('SimulatedExchange under random orders', () => {
  it('never lets a balance go negative, and keeps free + used = total = start + fills', async () => {
    let runs = 0;
    let fills = 0;
    let limitFills = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000 }), fc.array(op, { minLength: 1, maxLength: 40 }), async (seed, ops) => {
        rig?.close();
        const current = (rig = demoRig({ seed }));
        const { exchange } = current;
        let counter = 0;
        for (const step of ops) {
          try {
            if (step.kind === 'wait') {
              for (let i = 0; i < step.ticks; i++) current.step();
            } else if (step.kind === 'cancel') {
              const open = await exchange.openOrders();
              const target = open[step.pick % Math.max(1, open.length)];
              if (target) await exchange.cancelOrder(target.symbol, target.exchangeOrderId!);
            } else {
              const spec = SYMBOLS[step.market]!;
              const amount = Number((Math.min(spec.max, Math.max(spec.min, step.steps)) * spec.step).toFixed(spec.places));
              const last = (await current.ticker(spec.symbol)).last;
              const at = (factor: number) => Number((last * factor).toFixed(spec.pricePlaces));
              const base = { venue: 'demo', symbol: spec.symbol, side: step.side, amount } as const;
              const id = `p${counter++}`;
              if (step.kind === 'market') await exchange.createOrder({ ...base, type: 'market' }, id);
              else if (step.kind === 'limit') await exchange.createOrder({ ...base, type: 'limit', price: at(1 + step.offset) }, id);
              else {
                const direction = step.side === 'buy' ? 1 : -1;
                const stopPrice = at(1 + direction * step.stopOffset);
                await exchange.createOrder({ ...base, type: 'stop-limit', stopPrice, price: at(1 + direction * step.stopOffset + step.limitOffset) }, id);
              }
            }
          } catch (error) {
            // Refusals are outcomes a trader sees; anything else is a bug.
            if (!isAppError(error) || !['INSUFFICIENT_FUNDS', 'ORDER_REJECTED'].includes(error.code)) throw error;
          }
          const trades = (await Promise.all(SYMBOLS.map((s) => exchange.myTrades(s.symbol)))).flat();
          checkInvariants(await exchange.balance(), await exchange.openOrders(), trades);
        }
        runs++;
        const trades = (await Promise.all(SYMBOLS.map((s) => exchange.myTrades(s.symbol)))).flat();
        fills += trades.length;
        for (const trade of trades) {
          const order = await exchange.fetchOrderByClientId(trade.symbol, trade.clientOrderId!);
          if (order?.type !== 'market') limitFills++;
        }
      }),
      { numRuns: 60 },
    );
    expect(runs).toBeGreaterThanOrEqual(60);
    // The sequences really trade (about 100 fills in 60 runs, a third of them limit or stop orders): not all refused.
    expect(fills).toBeGreaterThan(40);
    expect(limitFills).toBeGreaterThan(10);
  });
});
