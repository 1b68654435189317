import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../../src-shared';
import { appLocation } from './app-location';

const INDEX_HTML = '/opt/trade-bot/out/renderer/index.html';

describe('appLocation', () => {
  it('serves the built renderer on app://bundle/ with the production CSP, and owns exactly its page', () => {
    const location = appLocation({ indexHtml: INDEX_HTML, isPackaged: true });
    expect(location.entry).toEqual({ kind: 'bundle', url: 'app://bundle/index.html', root: '/opt/trade-bot/out/renderer' });
    expect(location.contentSecurityPolicy).toBe(CONTENT_SECURITY_POLICY);
    expect(location.isOwn('app://bundle/index.html')).toBe(true);
    expect(location.isOwn('app://bundle/index.html#/orders?tab=open')).toBe(true);
    expect(location.isOwn('app://bundle/index.html.evil')).toBe(false);
    expect(location.isOwn('app://bundle/other.html')).toBe(false);
    expect(location.isOwn('app://elsewhere/index.html')).toBe(false);
    // The page on file:// is not the app any more: nothing loads it from there.
    expect(location.isOwn(pathToFileURL(INDEX_HTML).href)).toBe(false);
    expect(location.isOwn('not a url')).toBe(false);
  });

  it('loads the electron-vite dev server when it is on loopback and the app is not packaged, with the dev CSP', () => {
    const location = appLocation({ indexHtml: INDEX_HTML, devServerUrl: 'http://127.0.0.1:5173', isPackaged: false });
    expect(location.entry).toEqual({ kind: 'dev-server', url: 'http://127.0.0.1:5173/' });
    expect(location.contentSecurityPolicy).toBe(devContentSecurityPolicy('http://127.0.0.1:5173'));
    expect(location.isOwn('http://127.0.0.1:5173/src/main.tsx')).toBe(true);
    expect(location.isOwn('http://localhost:5173/')).toBe(false);
  });

  it.each([
    ['a packaged app', 'http://localhost:5173', true],
    ['a dev server on the network', 'http://203.0.113.5:5173', false],
    ['a non-http dev server', 'file:///tmp/x.html', false],
    ['a malformed dev server URL', 'localhost:5173', false],
  ])('ignores ELECTRON_RENDERER_URL in %s, and keeps the production CSP', (_name, devServerUrl, isPackaged) => {
    const location = appLocation({ indexHtml: INDEX_HTML, devServerUrl, isPackaged });
    expect(location.entry.kind).toBe('bundle');
    expect(location.contentSecurityPolicy).toBe(CONTENT_SECURITY_POLICY);
    expect(location.isOwn(devServerUrl)).toBe(false);
  });
});
