import { beforeEach, describe, expect, it } from 'vitest';
import type { ClosePosition, Position } from '../../../src-shared';
import { ApiClient } from '../../api/client';
import { deferred, FakeBridge } from '../../testing/fixtures';
import { useDeals, followDeals } from './deals-store';
import { attachPositionsFeed, usePositions } from './positions-store';

function position(over: Partial<Position> = {}): Position {
  return {
    venue: 'mt5', account: '5012345', id: '70001', symbol: 'EUR/USD', side: 'buy', volume: 0.3, openPrice: 1.08201, swap: 0, profit: 1,
    currency: 'USD', openedAt: 1_000, ...over,
  };
}
const state = () => usePositions.getState();
const until = async (check: () => boolean, ms = 2_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

beforeEach(() => {
  usePositions.setState({ positions: [], failed: [], loaded: false, error: undefined, busy: {}, rowErrors: {}, closeAllResult: undefined, closeAllError: undefined });
  useDeals.setState({ account: undefined, deals: [], error: undefined, loading: false });
});

describe('positions store', () => {
  it('lists positions newest first with the accounts that did not answer', async () => {
    const failure = { venue: 'mt5' as const, account: '7009', error: { code: 'VENUE_UNAVAILABLE' as const, message: 'login 7009 is not answering', retryable: true } };
    const bridge = new FakeBridge().answer('positions:list', () => ({ positions: [position({ id: '1', openedAt: 1 }), position({ id: '2', openedAt: 5 })], failed: [failure] }));
    await state().load(new ApiClient(bridge));
    expect(state().positions.map((p) => p.id)).toEqual(['2', '1']);
    expect(state().failed).toEqual([failure]);
    expect(state().loaded).toBe(true);
  });

  it('drops the answer of a load a newer one has overtaken', async () => {
    const slow = deferred<{ positions: Position[]; failed: [] }>();
    let calls = 0;
    const bridge = new FakeBridge().answer('positions:list', () => (++calls === 1 ? slow.promise : { positions: [], failed: [] }));
    const api = new ApiClient(bridge);
    const first = state().load(api);
    await state().load(api);
    slow.resolve({ positions: [position()], failed: [] });
    await first;
    expect(state().positions).toEqual([]);
  });

  it('closes part of a position (what remains stays listed) and then the rest (the row goes)', async () => {
    const bridge = new FakeBridge().answer('positions:close', (p) => {
      const { volume } = p as ClosePosition;
      return { venue: 'mt5', account: '5012345', id: '70001', symbol: 'EUR/USD', volume: volume ?? 0.2, price: 1.082, remaining: volume ? 0.2 : 0 };
    });
    const api = new ApiClient(bridge);
    usePositions.setState({ positions: [position()] });
    expect(await state().close(api, position(), 0.1)).toBe(true);
    expect(state().positions.map((p) => p.volume)).toEqual([0.2]);
    expect(bridge.calls.at(-1)?.payload).toEqual({ venue: 'mt5', account: '5012345', id: '70001', volume: 0.1 });
    expect(await state().close(api, state().positions[0]!)).toBe(true);
    expect(bridge.calls.at(-1)?.payload).toEqual({ venue: 'mt5', account: '5012345', id: '70001' });
    expect(state().positions).toEqual([]);
    expect(state().busy).toEqual({});
  });

  it('shows a refused close on its row, in the venue’s words, and keeps the position', async () => {
    const bridge = new FakeBridge().answer('positions:close', () => {
      throw new Error('the market is closed: EURUSD trades Mon–Fri 00:00–24:00');
    });
    usePositions.setState({ positions: [position()] });
    expect(await state().close(new ApiClient(bridge), position())).toBe(false);
    expect(state().rowErrors).toEqual({ 'mt5|5012345|70001': 'Could not close: the market is closed: EURUSD trades Mon–Fri 00:00–24:00' });
    expect(state().positions).toHaveLength(1);
  });

  it('sends new SL/TP with null for a removed one and shows what the venue holds then', async () => {
    const bridge = new FakeBridge().answer('positions:modify', () => position({ stopLoss: 1.07 }));
    usePositions.setState({ positions: [position({ takeProfit: 1.2 })] });
    expect(await state().modify(new ApiClient(bridge), { venue: 'mt5', account: '5012345', id: '70001', stopLoss: 1.07, takeProfit: null })).toBe(true);
    expect(bridge.calls.at(-1)?.payload).toEqual({ venue: 'mt5', account: '5012345', id: '70001', stopLoss: 1.07, takeProfit: null });
    expect(state().positions[0]?.stopLoss).toBe(1.07);
    expect(state().positions[0]?.takeProfit).toBeUndefined();
  });

  it('closes all with the confirmation, and keeps each result to show', async () => {
    const error = { code: 'VENUE_UNAVAILABLE' as const, message: 'market closed', retryable: false };
    const bridge = new FakeBridge().answer('positions:close-all', () => ({
      closed: [{ venue: 'mt5', account: '5012345', id: '1', symbol: 'EUR/USD', volume: 0.3, price: 1.08, remaining: 0 }],
      failed: [{ venue: 'mt5', account: '5012345', id: '2', symbol: 'XAU/USD', error }],
    }));
    usePositions.setState({ positions: [position({ id: '1' }), position({ id: '2', symbol: 'XAU/USD' })] });
    await state().closeAll(new ApiClient(bridge));
    expect(bridge.calls.at(-1)).toEqual({ channel: 'positions:close-all', payload: { confirm: true } });
    expect(state().positions.map((p) => p.id)).toEqual(['2']);
    expect(state().closeAllResult?.failed[0]?.error.message).toBe('market closed');
    expect(state().closingAll).toBe(false);
  });

  it('reads the list once for a burst of positions.changed, and stops listening when the last view goes', async () => {
    const bridge = new FakeBridge().answer('positions:list', () => ({ positions: [position()], failed: [] }));
    const api = new ApiClient(bridge);
    const detachA = attachPositionsFeed(api, 20);
    const detachB = attachPositionsFeed(api, 20);
    expect(bridge.listenerCount('positions.changed')).toBe(1);
    for (let i = 0; i < 30; i++) bridge.emit('positions.changed', { venue: 'mt5', account: '5012345' });
    await until(() => state().positions.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(bridge.calls.filter((c) => c.channel === 'positions:list')).toHaveLength(1);
    detachA();
    detachA();
    expect(bridge.listenerCount('positions.changed')).toBe(1);
    detachB();
    expect(bridge.listenerCount('positions.changed')).toBe(0);
  });
});

describe('deals store', () => {
  it('reads the deals of the account shown, and again when that account’s positions change', async () => {
    let reads = 0;
    const bridge = new FakeBridge().answer('positions:deals', (p) => {
      reads++;
      const { account } = p as { account: string };
      return { deals: [{ venue: 'mt5', account, id: `d${reads}`, positionId: '70001', symbol: 'EUR/USD', side: 'buy', entry: 'in', volume: 0.1, price: 1.08, profit: 0, commission: 0, swap: 0, currency: 'USD', time: 1 }] };
    });
    const api = new ApiClient(bridge);
    const stop = followDeals(api, 10);
    await useDeals.getState().show(api, { venue: 'mt5', account: '5012345' });
    expect(useDeals.getState().deals.map((d) => d.id)).toEqual(['d1']);
    expect(bridge.calls.at(-1)?.payload).toEqual({ venue: 'mt5', account: '5012345' });

    bridge.emit('positions.changed', { venue: 'mt5', account: '7009' });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(reads).toBe(1);
    bridge.emit('positions.changed', { venue: 'mt5', account: '5012345' });
    bridge.emit('positions.changed', { venue: 'mt5', account: '5012345' });
    await until(() => useDeals.getState().deals[0]?.id === 'd2');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(reads).toBe(2);
    stop();
    expect(bridge.listenerCount('positions.changed')).toBe(0);
  });
});
