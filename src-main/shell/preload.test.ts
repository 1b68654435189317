import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENT_NAMES, type ApiBridge } from '../../src-shared';
import { fakeContextBridge, fakeIpcRenderer } from '../../fakes/electron';

// The Electron binary cannot run here: the fakes stand in for contextBridge and ipcRenderer.
vi.mock('electron', async () => {
  const fakes = await import('../../fakes/electron');
  return { contextBridge: fakes.fakeContextBridge, ipcRenderer: fakes.fakeIpcRenderer };
});

// Importing the preload is what exposes the bridge, as in a real renderer.
await import('./preload');
const api = fakeContextBridge.exposed.get('api') as ApiBridge;

beforeEach(() => {
  fakeIpcRenderer.invoke.mockClear();
});

describe('preload', () => {
  it('exposes only `api`, with only `invoke` and `on`, and never ipcRenderer', () => {
    expect([...fakeContextBridge.exposed.keys()]).toEqual(['api']);
    expect(fakeContextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
    expect(Object.values(api)).not.toContain(fakeIpcRenderer);
  });

  it('forwards every contract channel to ipcRenderer.invoke and returns main\'s answer', async () => {
    for (const channel of CHANNELS) {
      fakeIpcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: channel });
      await expect(api.invoke(channel, { a: 1 })).resolves.toEqual({ ok: true, result: channel });
      expect(fakeIpcRenderer.invoke).toHaveBeenLastCalledWith(channel, { a: 1 });
    }
  });

  it.each(['orders:hack', 'secrets:get', '', 'constructor', '__proto__', 'toString'])(
    'refuses the unknown channel %j without calling main',
    async (channel) => {
      await expect(api.invoke(channel, {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      expect(fakeIpcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('refuses a channel name that is not a string', async () => {
    await expect(api.invoke(42 as unknown as string, {})).resolves.toMatchObject({ error: { code: 'UNKNOWN_CHANNEL' } });
    expect(fakeIpcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed invoke into an error response, not a rejection', async () => {
    fakeIpcRenderer.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    await expect(api.invoke('settings:get', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('could not be cloned') },
    });
  });

  it.each(['orders.hacked', 'ipc-message', '', '__proto__'])('refuses to subscribe to the unknown event %j', (event) => {
    expect(() => api.on(event, () => {})).toThrow(/no such event/);
    expect(fakeIpcRenderer.eventNames()).toEqual([]);
  });

  it('delivers only the payload of a contract event, and stops after unsubscribe', () => {
    const event = EVENT_NAMES[0]!;
    const listener = vi.fn();
    const unsubscribe = api.on(event, listener);
    fakeIpcRenderer.deliver(event, { n: 1 });
    // Exactly one argument: the IpcRendererEvent (with `sender`, i.e. ipcRenderer) never reaches the page.
    expect(listener.mock.calls).toEqual([[{ n: 1 }]]);

    unsubscribe();
    fakeIpcRenderer.deliver(event, { n: 2 });
    expect(listener).toHaveBeenCalledOnce();
    expect(fakeIpcRenderer.listenerCount(event)).toBe(0);
    unsubscribe(); // a second call is harmless
  });

  it('keeps other listeners of the same event when one unsubscribes', () => {
    const event = EVENT_NAMES[0]!;
    const kept = vi.fn();
    const dropped = vi.fn();
    const unsubscribeKept = api.on(event, kept);
    api.on(event, dropped)();
    fakeIpcRenderer.deliver(event, 'x');
    expect(kept).toHaveBeenCalledWith('x');
    expect(dropped).not.toHaveBeenCalled();
    unsubscribeKept();
  });
});
