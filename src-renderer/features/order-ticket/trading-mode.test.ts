import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../src-shared';
import { ApiClient } from '../../api/client';
import { FakeBridge } from '../../testing/fixtures';
import { useWorkspace } from '../../stores/workspace';
import { defaultMode, readSavedModes, useTradingMode } from './trading-mode';

function account(venue: AccountSummary['venue'], status: AccountSummary['status']): AccountSummary {
  return { id: venue, venue, label: venue, sandbox: false, createdAt: 0, apiKeySet: true, secretSet: true, passwordSet: false, status };
}

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('defaultMode', () => {
  it('is demo on the demo venue whatever was saved', () => {
    expect(defaultMode('demo', { binance: 'live' }, [])).toBe('demo');
  });

  it('is Live only when an account for the venue is connected, Paper otherwise', () => {
    expect(defaultMode('binance', {}, [account('binance', 'connected')])).toBe('live');
    expect(defaultMode('binance', {}, [account('binance', 'needs-attention')])).toBe('paper');
    expect(defaultMode('binance', {}, [account('gate', 'connected')])).toBe('paper');
    expect(defaultMode('binance', {}, [])).toBe('paper');
  });

  it('is Live on MetaTrader 5 while its trading terminal is connected (it has no keyed account), Paper otherwise', () => {
    expect(defaultMode('mt5', {}, [], true)).toBe('live');
    expect(defaultMode('mt5', {}, [], false)).toBe('paper');
    expect(defaultMode('mt5', { mt5: 'paper' }, [], true)).toBe('paper');
  });

  it('keeps the trader’s last choice for the venue', () => {
    expect(defaultMode('binance', { binance: 'paper' }, [account('binance', 'connected')])).toBe('paper');
    expect(defaultMode('gate', { gate: 'live' }, [])).toBe('live');
  });
});

describe('readSavedModes', () => {
  it('reads only live or paper for real venues, and survives a corrupt value', () => {
    const storage = new MemoryStorage();
    storage.setItem('tbs.trading-mode', JSON.stringify({ binance: 'live', gate: 'demo', demo: 'live', mexc: 'paper' }));
    expect(readSavedModes(storage)).toEqual({ binance: 'live', mexc: 'paper' });
    storage.setItem('tbs.trading-mode', '{not json');
    expect(readSavedModes(storage)).toEqual({});
    expect(readSavedModes(undefined)).toEqual({});
  });
});

describe('useTradingMode', () => {
  beforeEach(() => useTradingMode.setState({ modes: {} }));

  it('resolves a real venue from its accounts once, and remembers an explicit choice across restarts', async () => {
    const bridge = new FakeBridge().answer('accounts:list', () => ({ accounts: [account('binance', 'connected')], venues: ['binance'] }));
    const api = new ApiClient(bridge);
    const storage = new MemoryStorage() as unknown as Storage;
    await useTradingMode.getState().resolve(api, 'binance', storage);
    await useTradingMode.getState().resolve(api, 'binance', storage);
    expect(useTradingMode.getState().modes.binance).toBe('live');
    expect(bridge.calls.filter((c) => c.channel === 'accounts:list')).toHaveLength(1);

    useTradingMode.getState().choose('binance', 'paper', storage);
    expect(useTradingMode.getState().modes.binance).toBe('paper');
    // A restart: a fresh store, the same storage. The saved choice wins over the connected account.
    useTradingMode.setState({ modes: {} });
    await useTradingMode.getState().resolve(api, 'binance', storage);
    expect(useTradingMode.getState().modes.binance).toBe('paper');
    expect(bridge.calls.filter((c) => c.channel === 'accounts:list')).toHaveLength(1);
  });

  it('falls back to Paper when the accounts cannot be listed', async () => {
    const api = new ApiClient(new FakeBridge());
    await useTradingMode.getState().resolve(api, 'gate', undefined);
    expect(useTradingMode.getState().modes.gate).toBe('paper');
  });

  it('resolves the demo venue without asking main', async () => {
    const bridge = new FakeBridge();
    await useTradingMode.getState().resolve(new ApiClient(bridge), 'demo', undefined);
    expect(useTradingMode.getState().modes.demo).toBe('demo');
    expect(bridge.calls).toEqual([]);
  });
});

describe('trading mode of a viewer', () => {
  beforeEach(() => useTradingMode.setState({ modes: {} }));

  it('follows whether the venue is connected, without asking for the accounts (the viewer may not)', async () => {
    useWorkspace.setState({
      role: 'viewer',
      venues: [
        { id: 'binance', name: 'Binance', mode: 'live', available: true },
        { id: 'gate', name: 'Gate.io', mode: 'live', available: false },
      ],
    });
    const bridge = new FakeBridge();
    const api = new ApiClient(bridge);
    await useTradingMode.getState().resolve(api, 'binance', new MemoryStorage() as unknown as Storage);
    await useTradingMode.getState().resolve(api, 'gate', new MemoryStorage() as unknown as Storage);
    expect(useTradingMode.getState().modes).toEqual({ binance: 'live', gate: 'paper' });
    expect(bridge.calls).toEqual([]);
    useWorkspace.setState({ role: undefined, venues: [] });
  });
});
