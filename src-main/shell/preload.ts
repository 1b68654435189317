// The only bridge between the page and main: `window.api` with two functions. ipcRenderer itself is never exposed —
// with it the page could send on any channel and read every event's sender object. Names outside the contract are
// refused here already, so a typo fails in the renderer with a clear error instead of hanging on a missing handler.
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel, isEventName, type ApiBridge, type ApiResponse } from '../../src-shared';

export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): ApiBridge {
  return {
    async invoke(channel: string, payload: unknown): Promise<ApiResponse> {
      if (!isChannel(channel)) {
        const name = String(channel).slice(0, 80);
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no such channel: ${name}`, retryable: false } };
      }
      try {
        return (await ipc.invoke(channel, payload)) as ApiResponse;
      } catch (error) {
        // Main answers with data and never throws; a rejection means the call did not reach a handler (the payload
        // could not be cloned, main is shutting down). Keep the promise that every call resolves to data.
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'INTERNAL', message: `${channel}: ${message}`, retryable: false } };
      }
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (!isEventName(event)) throw new Error(`no such event: ${String(event).slice(0, 80)}`);
      if (typeof listener !== 'function') throw new TypeError(`${event}: listener must be a function`);
      // Only the payload crosses: the IpcRendererEvent carries `sender` (ipcRenderer) and must not reach the page.
      const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipc.on(event, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(event, forward);
      };
    },
  };
}

contextBridge.exposeInMainWorld('api', createBridge(ipcRenderer));
