// The app is killed mid-order — intents journaled, creates sent and handled by the venue, their answers never seen —
// and a new service on the same journal file reconciles at start: every journaled order is resolved within 5 s,
// agrees with the venue, and no create is sent again.
import { describe, expect, it } from 'vitest';
import type { Order, OrderStatus, PlaceOrder } from '../../src-shared';
import type { TradingVenue } from '../exchanges';
import { isUnsettled } from './order-state';
import { useBinanceHarness, waitFor } from './testing/binance-harness';

const start = useBinanceHarness();
const never = () => new Promise<never>(() => {});

const ORDERS: PlaceOrder[] = [
  ...Array.from({ length: 8 }, (_, i): PlaceOrder => ({ venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01, price: 55_000 + i })),
  ...Array.from({ length: 6 }, (_, i): PlaceOrder => ({ venue: 'binance', mode: 'live', symbol: 'ETH/USDT', side: 'sell', type: 'limit', amount: 0.1, price: 3_500 + i })),
  ...Array.from({ length: 6 }, (): PlaceOrder => ({ venue: 'binance', mode: 'live', symbol: 'ETH/USDT', side: 'buy', type: 'market', amount: 0.2 })),
];

describe('restart reconciliation', () => {
  it('resolves every order of a service killed mid-order within 5 s, agreeing with the venue, sending nothing again', async () => {
    const h = await start();
    const creates = () => h.fake.log.count({ method: 'POST', path: '/api/v3/order' });
    // Sends the create and "dies" before the answer is read.
    const killedMidSend: TradingVenue = {
      ...h.adapter,
      createOrder: (request, clientOrderId) => {
        void h.adapter.createOrder(request, clientOrderId).catch(() => undefined);
        return never();
      },
    };
    const intents: Order[] = [];
    const killed = h.service({ afterJournal: (order) => void intents.push(order) }, killedMidSend);
    for (const order of ORDERS) void killed.place(order);
    // Two more that the crash caught between the journal write and the send.
    const killedBeforeSend = h.service({
      afterJournal: (order) => {
        intents.push(order);
        return never();
      },
    });
    for (const order of ORDERS.slice(0, 2)) void killedBeforeSend.place(order);
    await waitFor(() => intents.length === ORDERS.length + 2 && creates() === ORDERS.length, 10_000, 'every create to reach the venue');
    killed.close();
    killedBeforeSend.close();
    const journal = h.journal();
    expect(journal.unsettled().map(({ order }) => order.status)).toEqual(Array(ORDERS.length + 2).fill('pending'));

    const started = performance.now();
    const restarted = h.service();
    const report = await restarted.reconcile();
    const reconciledMs = performance.now() - started;
    await waitFor(() => intents.every(({ clientOrderId }) => !isUnsettled(journal.get(clientOrderId)!.order.status)), 5_000, 'every order to be resolved');
    const elapsedMs = performance.now() - started;
    console.log(
      `restart reconciliation: ${intents.length} journaled orders (${ORDERS.length} sent, 2 not), reconcile() returned in ${reconciledMs.toFixed(0)} ms ` +
        `${JSON.stringify(report)}, all resolved in ${elapsedMs.toFixed(0)} ms`,
    );
    expect(elapsedMs).toBeLessThan(5_000);
    expect(report).toMatchObject({ checked: ORDERS.length + 2, resolved: ORDERS.length, unresolved: 2, adopted: 0 });

    const fakeStatus: Record<string, OrderStatus> = { NEW: 'open', FILLED: 'filled', CANCELED: 'cancelled' };
    for (const intent of intents) {
      const onVenue = h.fake.orders().filter((o) => o.clientOrderId === intent.clientOrderId);
      const order = journal.get(intent.clientOrderId)!.order;
      expect(onVenue.length).toBeLessThanOrEqual(1);
      if (onVenue[0]) expect(order).toMatchObject({ status: fakeStatus[onVenue[0].status], exchangeOrderId: String(onVenue[0].orderId) });
      else expect(order).toMatchObject({ status: 'rejected', reason: expect.stringContaining('never reached Binance') });
    }
    const statuses = intents.map((i) => journal.get(i.clientOrderId)!.order.status).sort();
    expect(statuses.filter((s) => s === 'open')).toHaveLength(14);
    expect(statuses.filter((s) => s === 'filled')).toHaveLength(6);
    expect(statuses.filter((s) => s === 'rejected')).toHaveLength(2);
    expect(creates()).toBe(ORDERS.length);
    // The fills are booked once each, from the venue's trades.
    await waitFor(() => restarted.trades({ symbol: 'ETH/USDT', limit: 100 }).length === 6, 5_000, 'the six market fills to be booked');
  });
});
