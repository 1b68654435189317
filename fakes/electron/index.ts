// Stand-ins for the few Electron objects the shell touches, for the unit tests only. The Electron binary cannot run on
// the CI machines, so these fakes copy the documented behaviour the shell relies on (event names and arguments,
// ipcMain.handle refusing a second handler for a channel) and nothing more.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';

let nextId = 1;

/** An Electron-style event: listeners call preventDefault() to cancel what is about to happen. */
export interface FakeEvent {
  url: string;
  isMainFrame: boolean;
  isSameDocument: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(url = '', init: Partial<Pick<FakeEvent, 'isMainFrame' | 'isSameDocument'>> = {}): FakeEvent {
  return {
    url,
    isMainFrame: init.isMainFrame ?? true,
    isSameDocument: init.isSameDocument ?? false,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  private destroyed = false;

  constructor(public url = '') {
    super();
  }

  send(channel: string, payload: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, payload]);
  }

  getURL(): string {
    return this.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  /** Emits `name` with a fresh event and says whether a listener cancelled it. */
  prevents(name: string, url: string): boolean {
    const event = fakeEvent(url);
    this.emit(name, event, url);
    return event.defaultPrevented;
  }

  /** A navigation in the main frame to a new document: what a reload looks like to main. */
  startNavigation(url: string): void {
    this.url = url;
    this.emit('did-start-navigation', fakeEvent(url));
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }

  asElectron(): WebContents {
    return this as unknown as WebContents;
  }
}

/** What ipcMain.handle passes to a handler: the sender and the frame that called (null once it is gone). */
export function invokeEvent(contents: FakeWebContents, frameUrl: string | null = contents.url): IpcMainInvokeEvent {
  const senderFrame = frameUrl === null ? null : { url: frameUrl };
  return { sender: contents, senderFrame } as unknown as IpcMainInvokeEvent;
}

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    // Electron throws here too: a channel has at most one handler.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What ipcRenderer.invoke does on the other side: no handler is a rejection. */
  async invoke(channel: string, event: IpcMainInvokeEvent, payload?: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, payload);
  }
}

/** BrowserWindow as window.ts uses it; every instance is kept in `created` so a test can reach the window it made. */
export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadFile = vi.fn(async (_path: string): Promise<void> => {});
  readonly loadURL = vi.fn(async (_url: string): Promise<void> => {});
  readonly show = vi.fn();

  constructor(readonly options: unknown) {
    super();
    FakeBrowserWindow.created.push(this);
  }
}

export const fakeShell = { openExternal: vi.fn(async (_url: string): Promise<void> => {}) };

/** ipcRenderer as the preload uses it: listeners get (event, payload), invoke goes to `invoke`. */
export class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (_channel: string, _payload: unknown): Promise<unknown> => ({ ok: true, result: null }));

  /** Main sending an event to this renderer. */
  deliver(event: string, payload: unknown): void {
    this.emit(event, { sender: this, senderId: 0, ports: [] }, payload);
  }
}

/** contextBridge: records what the preload exposes, by world key. */
export const fakeContextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    fakeContextBridge.exposed.set(key, api);
  }),
};
export const fakeIpcRenderer = new FakeIpcRenderer();
