import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { appLocation } from './app-location';

const INDEX_HTML = '/opt/trade-bot/out/renderer/index.html';

describe('appLocation', () => {
  it('loads the built index.html and owns exactly that file', () => {
    const location = appLocation({ indexHtml: INDEX_HTML, isPackaged: true });
    expect(location.entry).toEqual({ kind: 'file', path: INDEX_HTML });
    expect(location.isOwn(pathToFileURL(INDEX_HTML).href)).toBe(true);
    expect(location.isOwn('file:///opt/trade-bot/out/renderer/index.html.evil')).toBe(false);
    expect(location.isOwn('file://remote-host/opt/trade-bot/out/renderer/index.html')).toBe(false);
    expect(location.isOwn('not a url')).toBe(false);
  });

  it('loads the electron-vite dev server when it is on loopback and the app is not packaged', () => {
    const location = appLocation({ indexHtml: INDEX_HTML, devServerUrl: 'http://127.0.0.1:5173', isPackaged: false });
    expect(location.entry).toEqual({ kind: 'url', url: 'http://127.0.0.1:5173/' });
    expect(location.isOwn('http://127.0.0.1:5173/src/main.tsx')).toBe(true);
    expect(location.isOwn('http://localhost:5173/')).toBe(false);
  });

  it.each([
    ['a packaged app', 'http://localhost:5173', true],
    ['a dev server on the network', 'http://203.0.113.5:5173', false],
    ['a non-http dev server', 'file:///tmp/x.html', false],
    ['a malformed dev server URL', 'localhost:5173', false],
  ])('ignores ELECTRON_RENDERER_URL in %s', (_name, devServerUrl, isPackaged) => {
    const location = appLocation({ indexHtml: INDEX_HTML, devServerUrl, isPackaged });
    expect(location.entry).toEqual({ kind: 'file', path: INDEX_HTML });
    expect(location.isOwn(devServerUrl)).toBe(false);
  });
});
