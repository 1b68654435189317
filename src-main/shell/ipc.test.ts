import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, CHANNELS, type Preferences } from '../../src-shared';
import { createDispatcher, type Dispatcher, type Handlers } from '../api/dispatcher';
import type { Session } from '../api/session';
import { appLocation } from './app-location';
import { FakeIpcMain, FakeWebContents, invokeEvent } from '../../fakes/electron';
import { registerIpc } from './ipc';
import { OwnedWindows, senderCheck } from './sender';

const INDEX_HTML = '/opt/trade-bot/out/renderer/index.html';
const APP_URL = 'app://bundle/index.html';
const PREFS: Preferences = { venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m', theme: 'dark', palette: 'green-red', timeZone: 'local' };

function notHere(): never {
  throw new AppError('NOT_FOUND', 'not used by this test');
}

/** A real dispatcher over simple handlers; `sessions` collects the session each subscribe call was given. */
function setup() {
  const sessions: Session[] = [];
  // Every channel answers NOT_FOUND except the few this test drives.
  const unused = Object.fromEntries(CHANNELS.map((channel) => [channel, notHere])) as unknown as Handlers;
  const handlers: Handlers = {
    ...unused,
    'market:subscribe': (_request, session) => {
      sessions.push(session);
      return { subscriptionId: `sub-${sessions.length}` };
    },
    'market:unsubscribe': () => ({ unsubscribed: true }),
    'settings:get': () => PREFS,
    'settings:update': (request) => ({ ...PREFS, ...request }),
  };
  const real = createDispatcher(handlers);
  const dispatcher = { dispatch: vi.fn<Dispatcher['dispatch']>((...args) => real.dispatch(...args)), broadcast: real.broadcast };
  const ipcMain = new FakeIpcMain();
  const owned = new OwnedWindows();
  const location = appLocation({ indexHtml: INDEX_HTML, isPackaged: true });
  const isTrustedSender = senderCheck({ location, owns: (contents) => owned.owns(contents) });
  const dispose = registerIpc({ ipcMain, dispatcher, isTrustedSender });
  const openWindow = (): FakeWebContents => {
    const contents = new FakeWebContents(APP_URL);
    owned.add(contents.asElectron());
    return contents;
  };
  return { ipcMain, dispatcher, sessions, dispose, openWindow };
}

const SERIES = { venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m' };
const STATUS = { subscriptionId: 'sub-1', status: 'stale', reason: 'no update for 12 s' } as const;

describe('registerIpc', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('registers a handler for every channel of the contract and nothing else', () => {
    const { ipcMain } = setup();
    // Compared with CHANNELS itself: a channel added to the contract without a handler here fails this test.
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('removes every handler when disposed', () => {
    const { ipcMain, dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it.each([
    ['a page on another origin', (c: FakeWebContents) => invokeEvent(c, 'https://evil.example/')],
    ['another local file', (c: FakeWebContents) => invokeEvent(c, 'file:///tmp/downloaded.html')],
    ['a call without a sender frame', (c: FakeWebContents) => invokeEvent(c, null)],
    ['a webContents the shell did not create', () => invokeEvent(new FakeWebContents(APP_URL))],
  ])('refuses %s on every channel without calling the dispatcher', async (_name, eventFor) => {
    const { ipcMain, dispatcher, openWindow } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const event = eventFor(openWindow());
    for (const channel of CHANNELS) {
      const response = await ipcMain.invoke(channel, event, {});
      expect(response).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', retryable: false } });
    }
    expect(dispatcher.dispatch).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(CHANNELS.length); // refusals leave a trace
  });

  it('passes a trusted call to the dispatcher and returns its answer', async () => {
    const { ipcMain, dispatcher, openWindow } = setup();
    const contents = openWindow();
    const response = await ipcMain.invoke('settings:update', invokeEvent(contents), { theme: 'light' });
    expect(response).toEqual({ ok: true, result: { ...PREFS, theme: 'light' } });
    expect(dispatcher.dispatch).toHaveBeenCalledWith('settings:update', { theme: 'light' }, expect.anything());
    // The contract's validation still runs behind the transport.
    const invalid = await ipcMain.invoke('settings:update', invokeEvent(contents), { theme: 'pink' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('answers with data, not a rejection, when the dispatcher throws', async () => {
    const { ipcMain, dispatcher, openWindow } = setup();
    dispatcher.dispatch.mockRejectedValueOnce(new Error('boom'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await ipcMain.invoke('settings:get', invokeEvent(openWindow()), {});
    expect(response).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('boom') } });
  });

  it('pushes session events to the calling window until it is destroyed', async () => {
    const { ipcMain, sessions, openWindow } = setup();
    const contents = openWindow();
    await ipcMain.invoke('market:subscribe', invokeEvent(contents), SERIES);
    const session = sessions[0]!;
    const cleanup = vi.fn();
    session.onClose(cleanup);

    session.push('stream.status-changed', STATUS);
    expect(contents.sent).toEqual([['stream.status-changed', STATUS]]);

    contents.destroy();
    expect(cleanup).toHaveBeenCalledOnce();
    session.push('stream.status-changed', STATUS);
    expect(contents.sent).toHaveLength(1);
  });

  it('gives each window its own session, kept across calls', async () => {
    const { ipcMain, sessions, openWindow } = setup();
    const first = openWindow();
    const second = openWindow();
    await ipcMain.invoke('market:subscribe', invokeEvent(first), SERIES);
    await ipcMain.invoke('market:subscribe', invokeEvent(first), SERIES);
    await ipcMain.invoke('market:subscribe', invokeEvent(second), SERIES);
    expect(sessions[0]).toBe(sessions[1]);
    expect(sessions[2]).not.toBe(sessions[0]);
    sessions[2]!.push('stream.status-changed', STATUS);
    expect(first.sent).toEqual([]);
    expect(second.sent).toHaveLength(1);
  });

  it('ends the session when the window loads a new document, and starts a fresh one', async () => {
    const { ipcMain, sessions, openWindow } = setup();
    const contents = openWindow();
    await ipcMain.invoke('market:subscribe', invokeEvent(contents), SERIES);
    const cleanup = vi.fn();
    sessions[0]!.onClose(cleanup);

    contents.startNavigation(APP_URL); // a reload
    expect(cleanup).toHaveBeenCalledOnce();
    await ipcMain.invoke('market:subscribe', invokeEvent(contents), SERIES);
    expect(sessions[1]).not.toBe(sessions[0]);
    // Listeners of ended sessions are removed, so reloads do not pile them up.
    expect(contents.listenerCount('did-start-navigation')).toBe(1);
    expect(contents.listenerCount('destroyed')).toBe(2); // the live session's and OwnedWindows'
  });

  it('closes every session when disposed', async () => {
    const { ipcMain, sessions, openWindow, dispose } = setup();
    await ipcMain.invoke('market:subscribe', invokeEvent(openWindow()), SERIES);
    const cleanup = vi.fn();
    sessions[0]!.onClose(cleanup);
    dispose();
    expect(cleanup).toHaveBeenCalledOnce();
  });
});
