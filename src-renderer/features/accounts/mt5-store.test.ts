import { beforeEach, describe, expect, it } from 'vitest';
import type { Mt5BridgeStatus } from '../../../src-shared';
import { ApiClient } from '../../api/client';
import { deferred, FakeBridge } from '../../testing/fixtures';
import { followMt5, useMt5 } from './mt5-store';

function status(logins: string[], over: Partial<Mt5BridgeStatus> = {}): Mt5BridgeStatus {
  return {
    listening: true,
    host: '127.0.0.1',
    port: 17031,
    terminals: logins.map((login, i) => ({
      login, server: 'Broker-Demo', company: 'Broker Ltd', name: 'T', currency: 'USD', leverage: 100, marginMode: 'hedging' as const,
      tradeAllowed: true, build: 4000, eaVersion: '1.0.0', connected: true, since: 1, trading: i === 0,
    })),
    refusals: [],
    ...over,
  };
}
const pairing = (token: string) => ({ token, host: '127.0.0.1' as const, port: 17031 });
const state = () => useMt5.getState();

beforeEach(() => useMt5.setState({ status: undefined, pairing: undefined, error: undefined, renewError: undefined, switching: undefined, switchError: undefined }));

describe('MetaTrader 5 store', () => {
  it('reads the bridge and the pairing token', async () => {
    const bridge = new FakeBridge().answer('mt5:bridge', () => status(['5012345'])).answer('mt5:pairing', () => pairing('abc'));
    await state().load(new ApiClient(bridge));
    expect(state().status?.terminals.map((t) => t.login)).toEqual(['5012345']);
    expect(state().pairing?.token).toBe('abc');
    expect(state().error).toBeUndefined();
  });

  it('keeps a pushed status over the answer of a load that was read before it', async () => {
    const slow = deferred<Mt5BridgeStatus>();
    const bridge = new FakeBridge().answer('mt5:bridge', () => slow.promise).answer('mt5:pairing', () => pairing('abc'));
    const api = new ApiClient(bridge);
    const stop = followMt5(api);
    const loading = state().load(api);
    bridge.emit('mt5.bridge-changed', status(['1', '2']));
    slow.resolve(status([]));
    await loading;
    stop();
    expect(state().status?.terminals.map((t) => t.login)).toEqual(['1', '2']);
    expect(bridge.listenerCount('mt5.bridge-changed')).toBe(0);
  });

  it('says why the token could not be read, and still shows the terminals', async () => {
    const bridge = new FakeBridge().answer('mt5:bridge', () => status(['1'])).answer('mt5:pairing', () => {
      throw new Error('the keychain is locked: unlock it first');
    });
    await state().load(new ApiClient(bridge));
    expect(state().error).toBe('the keychain is locked: unlock it first');
    expect(state().status?.terminals).toHaveLength(1);
  });

  it('shows a refused "Use for trading" on that terminal, and the new status once accepted', async () => {
    const bridge = new FakeBridge().answer('mt5:use-for-trading', () => {
      throw new Error('Login 1 still has open orders placed from this app');
    });
    const api = new ApiClient(bridge);
    await state().useForTrading(api, '2');
    expect(state().switchError).toEqual({ login: '2', message: 'Login 1 still has open orders placed from this app' });
    expect(state().switching).toBeUndefined();

    bridge.answer('mt5:use-for-trading', () => status(['2', '1']));
    await state().useForTrading(api, '2');
    expect(state().switchError).toBeUndefined();
    expect(state().status?.terminals.find((t) => t.trading)?.login).toBe('2');
    expect(bridge.calls.at(-1)?.payload).toEqual({ login: '2' });
  });

  it('replaces the token with the renewed one', async () => {
    const bridge = new FakeBridge().answer('mt5:renew-pairing', () => pairing('new-token'));
    useMt5.setState({ pairing: pairing('old') });
    await state().renew(new ApiClient(bridge));
    expect(state().pairing?.token).toBe('new-token');
    expect(state().renewing).toBe(false);
  });
});
