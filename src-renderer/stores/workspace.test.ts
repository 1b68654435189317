import { beforeEach, describe, expect, it } from 'vitest';
import type { Preferences, Role, VenueSummary } from '../../src-shared';
import { ApiClient } from '../api/client';
import { FakeBridge } from '../testing/fixtures';
import { useWorkspace } from './workspace';

const SAVED: Preferences = { venue: 'binance', symbol: 'BTC/USDT', timeframe: '1m', theme: 'dark', palette: 'green-red', timeZone: 'local' };
const VENUES: VenueSummary[] = [
  { id: 'demo', name: 'Demo', mode: 'demo', available: true },
  { id: 'binance', name: 'Binance', mode: 'live', available: false },
];
const MARKETS = [{ symbol: 'BTC/USDT' }, { symbol: 'ETH/USDT' }];

function bridgeFor(role: Role): FakeBridge {
  return new FakeBridge()
    .answer('app:info', () => ({ name: 'app', version: '1', transport: 'websocket', defaultVenue: 'demo', venues: VENUES, role }))
    .answer('settings:get', () => SAVED)
    .answer('market:markets', () => MARKETS)
    .answer('settings:update', (change) => ({ ...SAVED, ...(change as Partial<Preferences>) }));
}

describe('workspace roles', () => {
  beforeEach(() => useWorkspace.setState({ role: undefined, venues: [], markets: [], preferences: undefined, error: undefined }));

  it('keeps a viewer on Demo without saving, and its later choices in the tab only', async () => {
    const bridge = bridgeFor('viewer');
    const api = new ApiClient(bridge);
    await useWorkspace.getState().load(api);
    expect(useWorkspace.getState()).toMatchObject({ role: 'viewer', preferences: { venue: 'demo', symbol: 'BTC/USDT' } });
    expect(useWorkspace.getState().error).toBe('Binance is not connected, so Demo is shown.');
    await useWorkspace.getState().choose(api, { timeframe: '4h', theme: 'light' });
    expect(useWorkspace.getState()).toMatchObject({ preferences: { timeframe: '4h', theme: 'light' }, error: undefined });
    expect(bridge.calls.map((c) => c.channel)).not.toContain('settings:update');
  });

  it('saves the operator’s choices as before', async () => {
    const bridge = bridgeFor('operator');
    const api = new ApiClient(bridge);
    await useWorkspace.getState().load(api);
    await useWorkspace.getState().choose(api, { timeframe: '4h' });
    expect(useWorkspace.getState()).toMatchObject({ role: 'operator', preferences: { timeframe: '4h' } });
    expect(bridge.calls.filter((c) => c.channel === 'settings:update').map((c) => c.payload)).toEqual([
      { venue: 'demo', symbol: 'BTC/USDT' },
      expect.objectContaining({ timeframe: '4h' }),
    ]);
  });
});
