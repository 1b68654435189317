// 1,000 randomized orders through the venue port, the bridge and the fake terminal, half of them with a fault
// (a reply lost after execution, the bridge dropped before or after sending, an EA restart with its map on disk,
// requotes, 10012 with or without execution, a duplicated reply). Each order is handled the way the order service
// does: a definite refusal is final, anything else is resolved by client order id. For half of the unknown orders the
// same client id is also sent again first — which the order service never does — to prove the EA's map makes even
// that harmless. Afterwards the fake trade server's deals are the truth: no client id may have traded twice, and
// every resolution must match it.
import { expect, it } from 'vitest';
import { startBridgeHarness, TRADE_FAULTS, type TradeFault } from '../../../fakes/mt5-terminal';
import { AppError, type Order } from '../../../src-shared';
import { seededRandom } from '../demo';
import { Mt5Venue } from './mt5-venue';

const RUNS = 1_000;
const DEFINITE = new Set(['ORDER_REJECTED', 'INSUFFICIENT_FUNDS', 'RATE_LIMITED', 'INVALID_REQUEST', 'NOT_FOUND']);

it('1,000 faulty order runs: no duplicate trade, no order lost', { timeout: 180_000 }, async () => {
  const harness = await startBridgeHarness();
  try {
    const { terminal, session } = await harness.attach({ account: { balance: 10_000_000 } });
    const now = () => terminal.server.clock() - session.serverOffsetMs;
    const venue = new Mt5Venue({ login: session.login, session: (login) => harness.bridge.session(login), orderTimeoutMs: 60, now });
    const random = seededRandom(14);
    const faults: Record<string, number> = {};
    const resolved = new Map<string, 'filled' | 'not placed'>();
    let unknownResolved = 0;
    let resent = 0;

    const resolve = async (cid: string): Promise<Order | undefined> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await venue.fetchOrderByClientId('EUR/USD', cid);
        } catch (error) {
          // The terminal is reconnecting: ask again, as the order resolver does.
          if (attempt > 500 || !(error instanceof AppError) || DEFINITE.has(error.code)) throw error;
          await new Promise((r) => setTimeout(r, 10));
        }
      }
    };

    for (let run = 0; run < RUNS; run++) {
      const cid = `run${run}`;
      const fault: TradeFault | undefined = random() < 0.5 ? TRADE_FAULTS[Math.floor(random() * TRADE_FAULTS.length)] : undefined;
      faults[fault ?? 'none'] = (faults[fault ?? 'none'] ?? 0) + 1;
      if (fault) terminal.faults.push(fault);
      const request = { venue: 'mt5' as const, symbol: 'EUR/USD', side: random() < 0.5 ? ('buy' as const) : ('sell' as const), type: 'market' as const, amount: (1 + Math.floor(random() * 10)) / 100 };
      try {
        const order = await venue.createOrder(request, cid);
        resolved.set(cid, order.filled > 0 ? 'filled' : 'not placed');
      } catch (error) {
        if (error instanceof AppError && DEFINITE.has(error.code)) {
          resolved.set(cid, 'not placed');
          continue;
        }
        unknownResolved++;
        if (random() < 0.5) {
          resent++;
          await venue.createOrder(request, cid).catch(() => undefined);
        }
        const order = await resolve(cid);
        resolved.set(cid, order && order.filled > 0 ? 'filled' : 'not placed');
      }
    }

    const dealsPerCid = new Map<string, number>();
    for (const deal of terminal.server.deals) dealsPerCid.set(deal.comment, (dealsPerCid.get(deal.comment) ?? 0) + 1);
    const duplicates = [...dealsPerCid.values()].filter((count) => count > 1).length;
    const lost = [...resolved].filter(([cid, outcome]) => (dealsPerCid.get(`tbs:${cid}`) ?? 0) > 0 !== (outcome === 'filled')).length;
    const filled = [...resolved.values()].filter((outcome) => outcome === 'filled').length;
    console.log(JSON.stringify({ runs: RUNS, faults, unknownResolved, resentSameCid: resent, filled, trades: terminal.server.deals.length, duplicateTrades: duplicates, ordersLost: lost, eaRestarts: terminal.restarts, connections: terminal.connections }));
    expect(resolved.size).toBe(RUNS);
    expect(duplicates).toBe(0);
    expect(lost).toBe(0);
    expect(terminal.server.deals.length).toBe(filled);
    expect(unknownResolved).toBeGreaterThan(100);
  } finally {
    await harness.close();
  }
});
