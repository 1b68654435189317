import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY, CSP_HEADER_ONLY, devContentSecurityPolicy } from '../../src-shared';
import { appLocation } from './app-location';
import { FakeBrowserWindow, FakeWebContents, fakeShell } from '../../fakes/electron';

// The Electron binary cannot run here: the fakes stand in for the parts of 'electron' that window.ts uses.
vi.mock('electron', async () => {
  const fakes = await import('../../fakes/electron');
  return { BrowserWindow: fakes.FakeBrowserWindow, shell: fakes.fakeShell };
});

const { createMainWindow, hardenSession, hardenWebContents, mainWindowOptions } = await import('./window');

const INDEX_HTML = '/opt/trade-bot/out/renderer/index.html';
const APP_URL = 'app://bundle/index.html';
const location = appLocation({ indexHtml: INDEX_HTML, isPackaged: true });

function hardened(): FakeWebContents {
  const contents = new FakeWebContents(APP_URL);
  hardenWebContents(contents.asElectron(), location);
  return contents;
}

beforeEach(() => {
  FakeBrowserWindow.created.length = 0;
  fakeShell.openExternal.mockClear();
});
afterEach(() => vi.restoreAllMocks());

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer, with no Node, no webview, and the given preload', () => {
    const options = mainWindowOptions('/app/out/preload/preload.cjs');
    // toEqual, not toMatchObject: an extra web preference (say, a forgotten devTools or webSecurity) fails here too.
    expect(options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      preload: '/app/out/preload/preload.cjs',
    });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.width).toBeGreaterThanOrEqual(1024);
  });
});

describe('hardenWebContents', () => {
  it('denies window.open, and sends only web links to the OS browser', () => {
    const contents = hardened();
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://www.binance.com/en/trade' })).toEqual({ action: 'deny' });
    expect(fakeShell.openExternal).toHaveBeenCalledWith('https://www.binance.com/en/trade');
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', APP_URL, 'not a url']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(fakeShell.openExternal).toHaveBeenCalledOnce();
  });

  it.each(['will-navigate', 'will-redirect'])('%s: stays on the app page, never elsewhere', (name) => {
    const contents = hardened();
    expect(contents.prevents(name, 'https://evil.example/')).toBe(true);
    expect(contents.prevents(name, 'file:///tmp/other.html')).toBe(true);
    expect(contents.prevents(name, 'http://localhost:5173/')).toBe(true);
    expect(contents.prevents(name, APP_URL)).toBe(false);
    expect(contents.prevents(name, `${APP_URL}#/orders`)).toBe(false);
  });

  it('prevents attaching a webview', () => {
    expect(hardened().prevents('will-attach-webview', 'https://evil.example/')).toBe(true);
  });
});

describe('hardenSession', () => {
  type HeadersListener = (details: unknown, callback: (response: unknown) => void) => void;
  type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  type CheckHandler = (contents: unknown, permission: string) => boolean;

  /** Records what hardenSession installs on a session. */
  function fakeSession() {
    const installed: { headers?: HeadersListener; request?: RequestHandler; check?: CheckHandler } = {};
    const session = {
      webRequest: { onHeadersReceived: (listener: HeadersListener) => (installed.headers = listener) },
      setPermissionRequestHandler: (handler: RequestHandler) => (installed.request = handler),
      setPermissionCheckHandler: (handler: CheckHandler) => (installed.check = handler),
    };
    hardenSession(session as unknown as Session, location);
    return { headersListener: installed.headers!, requestHandler: installed.request!, checkHandler: installed.check! };
  }

  it('sets the dev server\'s CSP only when the page comes from the dev server', () => {
    const dev = appLocation({ indexHtml: INDEX_HTML, devServerUrl: 'http://localhost:5173', isPackaged: false });
    const installed: { headers?: HeadersListener } = {};
    const session = {
      webRequest: { onHeadersReceived: (listener: HeadersListener) => (installed.headers = listener) },
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
    };
    hardenSession(session as unknown as Session, dev);
    let response: { responseHeaders?: Record<string, string[]> } = {};
    installed.headers!({ responseHeaders: {} }, (value: unknown) => (response = value as typeof response));
    expect(response.responseHeaders).toEqual({ 'Content-Security-Policy': [`${devContentSecurityPolicy('http://localhost:5173')}; ${CSP_HEADER_ONLY}`] });
  });

  it('sets the shared CSP (with its header-only directives) as a response header, replacing any other', () => {
    const session = fakeSession();
    let response: { responseHeaders?: Record<string, string[]> } = {};
    session.headersListener(
      { responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ["default-src *"] } },
      (value: unknown) => (response = value as typeof response),
    );
    expect(response.responseHeaders).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': [`${CONTENT_SECURITY_POLICY}; ${CSP_HEADER_ONLY}`],
    });
  });

  it('grants notifications to the app page and denies every other permission', () => {
    const session = fakeSession();
    const ask = (permission: string, url: string): boolean => {
      let granted: boolean | undefined;
      session.requestHandler(new FakeWebContents(url), permission, (ok: boolean) => (granted = ok));
      return granted!;
    };
    expect(ask('notifications', APP_URL)).toBe(true);
    expect(ask('notifications', 'https://evil.example/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(ask(permission, APP_URL)).toBe(false);
    }
    expect(session.checkHandler(new FakeWebContents(APP_URL), 'notifications')).toBe(true);
    expect(session.checkHandler(new FakeWebContents(APP_URL), 'media')).toBe(false);
    expect(session.checkHandler(null, 'notifications')).toBe(false);
  });
});

describe('createMainWindow', () => {
  it('creates the window with the secure options, hands it over before loading, then loads the built page on app://', async () => {
    const order: string[] = [];
    const window = await createMainWindow({
      preloadPath: '/app/out/preload/preload.cjs',
      location,
      onCreated: () => order.push(`created, loaded=${FakeBrowserWindow.created[0]!.loadURL.mock.calls.length}`),
    });
    const fake = FakeBrowserWindow.created[0]!;
    expect(window).toBe(fake);
    expect(fake.options).toEqual(mainWindowOptions('/app/out/preload/preload.cjs'));
    expect(order).toEqual(['created, loaded=0']);
    expect(fake.loadURL).toHaveBeenCalledWith('app://bundle/index.html');
    // Never file://: the packaged app turns off file://'s extra privileges (a fuse), and the page would not load.
    expect(fake.loadFile).not.toHaveBeenCalled();
    // Hardened before the first load: the navigation guard is already there.
    expect(fake.webContents.prevents('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.show).not.toHaveBeenCalled();
    fake.emit('ready-to-show');
    expect(fake.show).toHaveBeenCalledOnce();
  });

  it('loads the dev server under electron-vite dev', async () => {
    const dev = appLocation({ indexHtml: INDEX_HTML, devServerUrl: 'http://localhost:5173', isPackaged: false });
    await createMainWindow({ preloadPath: '/p.cjs', location: dev });
    expect(FakeBrowserWindow.created[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });
});
