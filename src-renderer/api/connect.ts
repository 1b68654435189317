// Chooses the transport at start: Electron's preload exposes `window.api`; in a browser the page came from the
// headless host and talks to it over WebSocket with the token from the URL.
import type { ApiBridge } from '../../src-shared';
import { ApiClient } from './client';
import type { ConnectionStatus } from './connection-status';
import { WebSocketBridge } from './websocket-bridge';

declare global {
  interface Window {
    api?: ApiBridge;
  }
}

const TOKEN_KEY = 'tbs.token';

/** The token from `#token=…`, kept for this tab so a reload works, and taken out of the address bar. */
export function takeToken(location: Location, storage: Storage, history: History): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

export function connect(onStatus: (status: ConnectionStatus) => void): ApiClient {
  if (window.api) {
    onStatus('connected');
    return new ApiClient(window.api);
  }
  const bridge = new WebSocketBridge({
    origin: window.location.origin,
    token: takeToken(window.location, window.sessionStorage, window.history),
    onStatus,
  });
  bridge.start();
  return new ApiClient(bridge);
}
