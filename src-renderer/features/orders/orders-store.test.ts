import { beforeEach, describe, expect, it } from 'vitest';
import type { Balance, Order, Trade } from '../../../src-shared';
import { ApiClient } from '../../api/client';
import { attachOrdersFeed, useOrders } from './orders-store';
import { deferred, FakeBridge, order, trade } from '../../testing/fixtures';

const usdt = (free: number, used = 0): Balance => ({ venue: 'demo', asset: 'USDT', free, used, total: free + used });
const btc = (free: number): Balance => ({ venue: 'demo', asset: 'BTC', free, used: 0, total: free });

function demoVenue(over: { open?: Order[]; history?: Order[]; trades?: Trade[]; balances?: Balance[] } = {}): FakeBridge {
  return new FakeBridge()
    .answer('orders:list', (p) => ((p as { scope: string }).scope === 'open' ? (over.open ?? []) : (over.history ?? [])))
    .answer('orders:trades', () => over.trades ?? [])
    .answer('orders:balances', () => over.balances ?? [usdt(10_000)]);
}

const demo = { venue: 'demo', mode: 'demo' } as const;
const state = () => useOrders.getState();

let detach: (() => void) | undefined;
beforeEach(() => {
  detach?.();
  detach = undefined;
  useOrders.setState({ view: undefined, lists: { open: [], history: [] }, trades: [], balances: [], errors: {}, busy: {}, rowErrors: {}, historyLimit: 200, tradesLimit: 200, older: {} });
  state().invalidate();
});

describe('orders store', () => {
  it('loads open orders, history, trades and balances of the view', async () => {
    const bridge = demoVenue({
      open: [order({ clientOrderId: 'o1' })],
      history: [order({ clientOrderId: 'h1', status: 'filled', filled: 0.01 })],
      trades: [trade()],
      balances: [usdt(9_400), btc(0.01)],
    });
    await state().show(new ApiClient(bridge), demo, 1);
    expect(state().lists.open.map((o) => o.clientOrderId)).toEqual(['o1']);
    expect(state().lists.history.map((o) => o.clientOrderId)).toEqual(['h1']);
    expect(state().trades).toHaveLength(1);
    expect(state().balances.map((b) => b.asset)).toEqual(['BTC', 'USDT']);
    expect(state().loading).toEqual({ orders: false, trades: false, balances: false });
    expect(bridge.calls.find((c) => c.channel === 'orders:balances')?.payload).toEqual({ venue: 'demo', mode: 'demo' });
  });

  it('does not load the same view twice on one connection, and loads again after a reconnect', async () => {
    const bridge = demoVenue();
    const api = new ApiClient(bridge);
    await state().show(api, demo, 1);
    await state().show(api, demo, 1);
    expect(bridge.calls.filter((c) => c.channel === 'orders:balances')).toHaveLength(1);
    await state().show(api, demo, 2);
    expect(bridge.calls.filter((c) => c.channel === 'orders:balances')).toHaveLength(2);
  });

  it('follows order, trade and balance events of the view and ignores the others', async () => {
    const bridge = demoVenue();
    const api = new ApiClient(bridge);
    detach = attachOrdersFeed(api);
    await state().show(api, demo, 1);

    bridge.emit('order.updated', order({ clientOrderId: 'n1' }));
    bridge.emit('order.updated', order({ clientOrderId: 'other', venue: 'binance', mode: 'paper' }));
    expect(state().lists.open.map((o) => o.clientOrderId)).toEqual(['n1']);

    bridge.emit('order.updated', order({ clientOrderId: 'n1', status: 'filled', filled: 0.01, updatedAt: 5_000 }));
    bridge.emit('trade.executed', trade({ id: 'f1', clientOrderId: 'n1' }));
    bridge.emit('balance.changed', { venue: 'demo', mode: 'demo', balances: [usdt(9_399.4), btc(0.01)] });
    bridge.emit('balance.changed', { venue: 'binance', mode: 'paper', balances: [{ ...usdt(1), venue: 'binance' }] });
    expect(state().balances).toEqual([btc(0.01), usdt(9_399.4)]);
    // The whole list each time: an asset sold down to zero is no longer listed, and must leave the table.
    bridge.emit('balance.changed', { venue: 'demo', mode: 'demo', balances: [usdt(9_999)] });
    expect(state().lists.open).toEqual([]);
    expect(state().lists.history.map((o) => o.status)).toEqual(['filled']);
    expect(state().trades.map((t) => t.id)).toEqual(['f1']);
    expect(state().balances).toEqual([usdt(9_999)]);
  });

  it('keeps what events brought while the lists were loading', async () => {
    const openList = deferred<Order[]>();
    const balances = deferred<Balance[]>();
    const bridge = demoVenue()
      .answer('orders:list', (p) => ((p as { scope: string }).scope === 'open' ? openList.promise : []))
      .answer('orders:balances', () => balances.promise);
    const api = new ApiClient(bridge);
    detach = attachOrdersFeed(api);
    const loading = state().show(api, demo, 1);

    // The order fills and the balance moves after main read the lists but before their answer arrives.
    bridge.emit('order.updated', order({ status: 'filled', filled: 0.01, updatedAt: 9_000 }));
    bridge.emit('balance.changed', { venue: 'demo', mode: 'demo', balances: [usdt(9_500)] });
    openList.resolve([order({ status: 'open', updatedAt: 1_000 })]);
    balances.resolve([usdt(10_000), btc(0)]);
    await loading;

    expect(state().lists.open).toEqual([]);
    expect(state().lists.history[0]?.status).toBe('filled');
    // The pushed list is the newer whole: the loaded one (read before the fill) is dropped.
    expect(state().balances).toEqual([usdt(9_500)]);
  });

  it('drops the answer of a load a newer view has replaced', async () => {
    const slow = deferred<Order[]>();
    const bridge = demoVenue().answer('orders:list', (p) => {
      const { scope, venue } = p as { scope: string; venue: string };
      if (venue === 'demo' && scope === 'open') return slow.promise;
      return [];
    });
    const api = new ApiClient(bridge);
    const first = state().show(api, demo, 1);
    await state().show(api, { venue: 'binance', mode: 'paper' }, 1);
    slow.resolve([order({ clientOrderId: 'stale' })]);
    await first;
    expect(state().view).toEqual({ venue: 'binance', mode: 'paper' });
    expect(state().lists.open).toEqual([]);
  });

  it('says why a section failed, keeps the others, and loads again at the next show', async () => {
    const bridge = demoVenue().answer('orders:balances', () => {
      throw new Error('Binance is not answering; try again in a minute');
    });
    const api = new ApiClient(bridge);
    await state().show(api, demo, 1);
    expect(state().errors).toEqual({ balances: 'Binance is not answering; try again in a minute' });
    expect(state().lists).toEqual({ open: [], history: [] });

    bridge.answer('orders:balances', () => [usdt(1)]);
    await state().show(api, demo, 1);
    expect(state().errors).toEqual({});
    expect(state().balances).toEqual([usdt(1)]);
  });

  it('cancels an order and moves it to history; a failed cancel is said on its row', async () => {
    const bridge = demoVenue({ open: [order({ clientOrderId: 'a' }), order({ clientOrderId: 'b' })] })
      .answer('orders:cancel', (p) => {
        const id = (p as { clientOrderId: string }).clientOrderId;
        if (id === 'b') throw new Error('the venue says the order is already filled');
        return order({ clientOrderId: id, status: 'cancelled', updatedAt: 4_000 });
      });
    const api = new ApiClient(bridge);
    await state().show(api, demo, 1);

    const cancelling = state().cancel(api, 'a');
    expect(state().busy).toEqual({ a: 'cancelling' });
    await cancelling;
    await state().cancel(api, 'b');
    expect(state().busy).toEqual({});
    expect(state().lists.open.map((o) => o.clientOrderId)).toEqual(['b']);
    expect(state().lists.history.map((o) => [o.clientOrderId, o.status])).toEqual([['a', 'cancelled']]);
    expect(state().rowErrors).toEqual({ b: 'Could not cancel: the venue says the order is already filled' });
  });

  it('cancels all of a symbol in the view, and marks the orders that could not be cancelled', async () => {
    const bridge = demoVenue({ open: [order({ clientOrderId: 'a' }), order({ clientOrderId: 'b' })] }).answer('orders:cancel-all', () => ({
      cancelled: [order({ clientOrderId: 'a', status: 'cancelled', updatedAt: 4_000 })],
      failed: [{ clientOrderId: 'b', error: { code: 'VENUE_UNAVAILABLE', message: 'the venue did not answer', retryable: true } }],
    }));
    const api = new ApiClient(bridge);
    await state().show(api, demo, 1);
    const result = await state().cancelAll(api, 'BTC/USDT');
    expect(bridge.calls.at(-1)).toEqual({ channel: 'orders:cancel-all', payload: { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT' } });
    expect(result?.cancelled).toHaveLength(1);
    expect(state().lists.open.map((o) => o.clientOrderId)).toEqual(['b']);
    expect(state().rowErrors).toEqual({ b: 'Could not cancel: the venue did not answer' });
    expect(state().cancellingAll).toBe(false);
  });

  it('checks an unknown order again and shows what the venue now says', async () => {
    const bridge = demoVenue({ history: [order({ status: 'unknown', reason: 'no answer in time' })] }).answer('orders:check', () =>
      order({ status: 'open', updatedAt: 6_000 }),
    );
    const api = new ApiClient(bridge);
    await state().show(api, demo, 1);
    expect(state().lists.history.map((o) => o.status)).toEqual(['unknown']);
    expect(state().lists.open.map((o) => o.status)).toEqual(['unknown']);
    await state().check(api, 'c1');
    expect(bridge.calls.at(-1)).toEqual({ channel: 'orders:check', payload: { clientOrderId: 'c1' } });
    expect(state().lists.history).toEqual([]);
    expect(state().lists.open.map((o) => o.status)).toEqual(['open']);
  });

  it('listens once however many panels attach, and stops when the last one leaves', () => {
    const bridge = new FakeBridge();
    const api = new ApiClient(bridge);
    const first = attachOrdersFeed(api);
    const second = attachOrdersFeed(api);
    expect(bridge.listenerCount('order.updated')).toBe(1);
    first();
    first();
    expect(bridge.listenerCount('order.updated')).toBe(1);
    second();
    expect(bridge.listenerCount('order.updated')).toBe(0);
    expect(bridge.listenerCount('balance.changed')).toBe(0);
  });

  it('loads older trades and orders a page at a time after the oldest held, until there are none left', async () => {
    const newest = Array.from({ length: 200 }, (_, i) => trade({ id: `n${i}`, timestamp: 10_000 - i }));
    const older = Array.from({ length: 30 }, (_, i) => trade({ id: `o${i}`, timestamp: 5_000 - i }));
    const asked: unknown[] = [];
    const bridge = demoVenue({ history: [order({ clientOrderId: 'h1', status: 'filled', filled: 0.01, updatedAt: 900 })] }).answer('orders:trades', (p) => {
      const before = (p as { before?: { at: number; id: string } }).before;
      asked.push(before);
      return before ? older : newest;
    });
    const api = new ApiClient(bridge);
    await state().show(api, demo, 1);
    expect(state().trades).toHaveLength(200);
    await state().loadOlder(api, 'trades');
    // After the oldest held: its time and id.
    expect(asked.at(-1)).toEqual({ at: 10_000 - 199, id: 'n199' });
    expect(state().trades).toHaveLength(230);
    expect(state().trades.at(-1)!.id).toBe('o29');
    expect(state().older.trades).toBe('end');
    // The list keeps the size it grew to: a new fill comes in on top, the oldest row held drops.
    state().receiveTrade(trade({ id: 'new', timestamp: 20_000 }));
    expect(state().trades).toHaveLength(230);
    expect([state().trades[0]!.id, state().trades.at(-1)!.id]).toEqual(['new', 'o28']);

    bridge.answer('orders:list', (p) => {
      const q = p as { scope: string; before?: unknown };
      if (q.scope === 'open') return [];
      return q.before ? [order({ clientOrderId: 'h0', status: 'cancelled', updatedAt: 800 })] : [order({ clientOrderId: 'h1', status: 'filled', filled: 0.01, updatedAt: 900 })];
    });
    await state().loadOlder(api, 'orders');
    expect(state().lists.history.map((o) => o.clientOrderId)).toEqual(['h1', 'h0']);
    expect(state().older.orders).toBe('end');
  });
});
