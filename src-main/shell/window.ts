// The main window and its security settings. The renderer shows market data and keys are typed into it, so it is
// treated as a web page that may one day run hostile code (a compromised dependency, an XSS in a symbol name): it gets
// no Node, no way to leave the app's page, no new windows, no <webview>, and no permissions but notifications.
import {
  BrowserWindow,
  shell,
  type BrowserWindowConstructorOptions,
  type Session,
  type WebContents,
} from 'electron';
import { CSP_HEADER_ONLY } from '../../src-shared';
import type { AppLocation } from './app-location';

/** Matches the renderer's dark theme, so the window does not flash white before the first paint. */
const BACKGROUND = '#0b0e11';

export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Trade Bot Scratch',
    backgroundColor: BACKGROUND,
    // Shown on 'ready-to-show': an empty frame that fills in later looks broken.
    show: false,
    webPreferences: {
      // The preload's world stays separate from the page's: the page sees only what contextBridge exposes.
      contextIsolation: true,
      // The renderer process runs in Chromium's OS sandbox; the preload can require nothing but electron.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      preload,
    },
  };
}

/** Only web links go to the OS browser: a file:, smb: or custom-scheme URL could launch a local program. */
function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Keeps a webContents on the app's own page. Exported for the tests, which drive it with a fake webContents. */
export function hardenWebContents(contents: WebContents, location: AppLocation): void {
  // window.open and target=_blank never create a window (it would not get these guards); links open in the browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // A navigation away would put a foreign page behind our preload, with the whole API in reach.
  contents.on('will-navigate', (event) => {
    if (!location.isOwn(event.url)) event.preventDefault();
  });
  // A redirect is a navigation the first check did not see (our page loading a URL that then redirects elsewhere).
  contents.on('will-redirect', (event) => {
    if (!location.isOwn(event.url)) event.preventDefault();
  });
  // webviewTag is already false; this also covers a future change of that setting.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Session-wide rules, installed once: the CSP as a response header (it adds `frame-ancestors`, which a meta tag cannot
 * carry; app:// responses set it themselves, see app-protocol.ts), and permissions. The policy is the location's:
 * production, or the dev server's under `npm run dev`.
 */
export function hardenSession(session: Session, location: AppLocation): void {
  const policy = `${location.contentSecurityPolicy}; ${CSP_HEADER_ONLY}`;
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // A server's own (looser) policy must not be combined with ours: drop it whatever its spelling.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
  // Desktop alerts need notifications; camera, microphone, geolocation, clipboard reads etc. have no use here.
  const allowed = (permission: string, url: string): boolean => permission === 'notifications' && location.isOwn(url);
  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(allowed(permission, contents.getURL()));
  });
  session.setPermissionCheckHandler((contents, permission) => allowed(permission, contents?.getURL() ?? ''));
}

export interface MainWindowOptions {
  preloadPath: string;
  location: AppLocation;
  /** Called with the new window before anything loads, so its webContents is trusted from its first IPC call. */
  onCreated?: (window: BrowserWindow) => void;
}

export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath));
  hardenWebContents(window.webContents, options.location);
  options.onCreated?.(window);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(options.location.entry.url);
  return window;
}
