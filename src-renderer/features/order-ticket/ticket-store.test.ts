import { beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../src-shared';
import { ApiClient } from '../../api/client';
import { deferred, FakeBridge, order } from '../../testing/fixtures';
import { useOrders } from '../orders/orders-store';
import { ticketResult, useTicket } from './ticket-store';

const ticket = () => useTicket.getState();
/** The placed order lives in the orders store (events reach it there); the ticket reads it from there. */
const orders = () => useOrders.getState();
const result = () => ticketResult(ticket().placement, orders().lists);
const request = { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01, price: 50_000 } as const;

beforeEach(() => {
  useTicket.setState({ side: 'buy', type: 'limit', amount: '', price: '', stopPrice: '', placement: undefined, submitting: false });
  useOrders.setState({ view: { venue: 'demo', mode: 'demo' }, lists: { open: [], history: [] } });
  ticket().clear();
});

describe('ticket store', () => {
  it('prefills the price from the last price when switching to limit or stop, and drops the stop leaving stop-limit', () => {
    ticket().setType('market', '60000.00');
    ticket().setType('stop-limit', '60000.00');
    expect(ticket().price).toBe('60000.00');
    ticket().setField('stopPrice', '61000');
    ticket().setType('limit', '60100.00');
    expect(ticket().price).toBe('60100.00');
    expect(ticket().stopPrice).toBe('');
  });

  it('Esc clears the numbers and the last answer but keeps side and type', () => {
    ticket().setSide('sell');
    ticket().setType('market', '');
    ticket().setField('amount', '0.5');
    expect(ticket().touched.amount).toBe(true);
    const clears = ticket().clears;
    ticket().clear();
    expect(ticket().clears).toBe(clears + 1);
    expect(ticket()).toMatchObject({ side: 'sell', type: 'market', amount: '', price: '', touched: { amount: false } });
  });

  it('B/S asks for focus on that side', () => {
    const before = ticket().focusRequest;
    ticket().requestFocus('sell');
    expect(ticket().side).toBe('sell');
    expect(ticket().focusRequest).toBe(before + 1);
  });

  it('shows main’s answer, and a refusal in main’s words', async () => {
    const bridge = new FakeBridge().answer('orders:place', () => order({ status: 'open' }));
    await ticket().place(new ApiClient(bridge), request);
    expect(bridge.calls).toEqual([{ channel: 'orders:place', payload: request }]);
    expect(result()).toEqual({ kind: 'order', order: expect.objectContaining({ status: 'open' }) });

    bridge.answer('orders:place', () => {
      throw new Error('the minimum amount is 0.00001 BTC');
    });
    await ticket().place(new ApiClient(bridge), request);
    expect(result()).toEqual({ kind: 'refused', message: 'the minimum amount is 0.00001 BTC' });
    expect(ticket().submitting).toBe(false);
  });

  it('follows the placed order: an unknown order becomes open when the venue answers', async () => {
    const bridge = new FakeBridge().answer('orders:place', () => order({ status: 'unknown', reason: 'no answer within 10 s' }));
    await ticket().place(new ApiClient(bridge), request);
    orders().receiveOrder(order({ clientOrderId: 'someone-else', status: 'filled', updatedAt: 9_000 }));
    expect(result()).toMatchObject({ order: { status: 'unknown' } });
    orders().receiveOrder(order({ status: 'open', updatedAt: 2_000 }));
    expect(result()).toMatchObject({ order: { status: 'open' } });
  });

  it('keeps a fill pushed before the answer to the place arrived', async () => {
    const answer = deferred<Order>();
    const bridge = new FakeBridge().answer('orders:place', () => answer.promise);
    const placing = ticket().place(new ApiClient(bridge), request);
    expect(ticket().submitting).toBe(true);
    // A second submit while the first is in flight sends nothing.
    await ticket().place(new ApiClient(bridge), request);
    orders().receiveOrder(order({ status: 'filled', filled: 0.01, updatedAt: 3_000 }));
    answer.resolve(order({ status: 'open', updatedAt: 1_000 }));
    await placing;
    expect(bridge.calls).toHaveLength(1);
    expect(result()).toMatchObject({ order: { status: 'filled' } });
  });
});
