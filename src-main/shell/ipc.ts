// The one place that talks to ipcMain. It registers exactly the contract's channels, refuses untrusted senders before
// anything else runs, and hands every trusted call to the transport-agnostic dispatcher together with the session of
// the calling window, so handlers can push events back to it and tie subscriptions to its lifetime.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, type ApiResponse, type Channel } from '../../src-shared';
import { toErrorData, type Dispatcher } from '../api/dispatcher';
import { TransportSession } from '../api/session';

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatcher: Dispatcher;
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
}

function unauthorized(channel: Channel): ApiResponse {
  return { ok: false, error: { code: 'UNAUTHORIZED', message: `${channel}: sender not allowed`, retryable: false } };
}

/** Registers a handler for every channel of the contract; returns a function that removes them all. */
export function registerIpc({ ipcMain, dispatcher, isTrustedSender }: IpcOptions): () => void {
  // One session per webContents (a window), with the function that ends it and unhooks its listeners.
  const sessions = new Map<number, { session: TransportSession; end: () => void }>();

  const sessionOf = (contents: WebContents): TransportSession => {
    const existing = sessions.get(contents.id);
    if (existing) return existing.session;
    const session = new TransportSession(`ipc-${contents.id}`, (event, payload) => {
      // A push can race the window's destruction; sending to a destroyed webContents throws.
      if (!contents.isDestroyed()) contents.send(event, payload);
    });
    // A reload or a new document in the same window is a new renderer: without this, the old page's subscriptions
    // would keep streaming into a page that never asked for them, until the window closes.
    const onNavigation = (details: { isMainFrame: boolean; isSameDocument: boolean }): void => {
      if (details.isMainFrame && !details.isSameDocument) end();
    };
    const end = (): void => {
      contents.removeListener('did-start-navigation', onNavigation);
      contents.removeListener('destroyed', end);
      sessions.delete(contents.id);
      session.close();
    };
    contents.on('did-start-navigation', onNavigation);
    contents.once('destroyed', end);
    sessions.set(contents.id, { session, end });
    return session;
  };

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<ApiResponse> => {
      if (!isTrustedSender(event)) {
        console.warn(`ipc: refused ${channel} from ${describeSender(event)}`);
        return unauthorized(channel);
      }
      try {
        return await dispatcher.dispatch(channel, payload, sessionOf(event.sender));
      } catch (error) {
        // The dispatcher answers with data, but a throw here would reach the renderer as a bare message: keep the
        // promise that every call resolves to { ok, result | error }.
        return toErrorData(error, channel);
      }
    });
  }

  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
    for (const { end } of [...sessions.values()]) end();
  };
}

function describeSender(event: IpcMainInvokeEvent): string {
  try {
    return event.senderFrame?.url || `webContents ${event.sender.id} (no frame)`;
  } catch {
    return `webContents ${event.sender.id}`;
  }
}
