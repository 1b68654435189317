import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import { appLocation } from './app-location';
import { FakeWebContents, invokeEvent } from '../../fakes/electron';
import { OwnedWindows, senderCheck } from './sender';

const INDEX_HTML = '/opt/trade-bot/out/renderer/index.html';
const APP_URL = 'app://bundle/index.html';

function setup(devServerUrl?: string) {
  const owned = new OwnedWindows();
  const location = appLocation({ indexHtml: INDEX_HTML, devServerUrl, isPackaged: false });
  const trusted = senderCheck({ location, owns: (contents) => owned.owns(contents) });
  const openWindow = (url: string): FakeWebContents => {
    const contents = new FakeWebContents(url);
    owned.add(contents.asElectron());
    return contents;
  };
  return { trusted, openWindow };
}

describe('senderCheck', () => {
  it('trusts the app page in a window the shell created, whatever its hash or query', () => {
    const { trusted, openWindow } = setup();
    const contents = openWindow(APP_URL);
    expect(trusted(invokeEvent(contents))).toBe(true);
    expect(trusted(invokeEvent(contents, `${APP_URL}#/orders?tab=open`))).toBe(true);
  });

  it.each([
    ['another origin', 'https://evil.example/index.html'],
    ['another local file', 'file:///tmp/index.html'],
    ['the built index.html on file://', pathToFileURL(INDEX_HTML).href],
    ['another page of the bundle', 'app://bundle/other.html'],
    ['another host on the app scheme', 'app://elsewhere/index.html'],
    ['about:blank', 'about:blank'],
    ['a data: page', 'data:text/html,<script>1</script>'],
  ])('refuses a frame showing %s', (_name, url) => {
    const { trusted, openWindow } = setup();
    expect(trusted(invokeEvent(openWindow(APP_URL), url))).toBe(false);
  });

  it('refuses a call whose frame is gone (null or throwing senderFrame)', () => {
    const { trusted, openWindow } = setup();
    const contents = openWindow(APP_URL);
    expect(trusted(invokeEvent(contents, null))).toBe(false);
    const throwing = {
      sender: contents,
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    } as unknown as IpcMainInvokeEvent;
    expect(trusted(throwing)).toBe(false);
  });

  it('refuses the app page in a webContents the shell did not create', () => {
    const { trusted } = setup();
    expect(trusted(invokeEvent(new FakeWebContents(APP_URL)))).toBe(false);
  });

  it('stops trusting a webContents once it is destroyed', () => {
    const { trusted, openWindow } = setup();
    const contents = openWindow(APP_URL);
    contents.destroy();
    expect(trusted(invokeEvent(contents))).toBe(false);
  });

  it('trusts the dev server origin, and nothing else, under electron-vite dev', () => {
    const { trusted, openWindow } = setup('http://localhost:5173/');
    const contents = openWindow('http://localhost:5173/');
    expect(trusted(invokeEvent(contents, 'http://localhost:5173/index.html#/chart'))).toBe(true);
    expect(trusted(invokeEvent(contents, 'http://localhost:5174/'))).toBe(false);
    expect(trusted(invokeEvent(contents, APP_URL))).toBe(false);
  });
});
