// The API bridge of the browser (headless host): request/response and event frames over one WebSocket, with the
// token checked first so that a wrong token shows "not authorized" rather than an endless reconnect, and with
// reconnection (exponential backoff with jitter) after a drop.
import {
  AUTH_PROTOCOL_PREFIX,
  ServerFrame,
  WIRE_PROTOCOL,
  type ApiBridge,
  type ApiResponse,
} from '../../src-shared';
import type { ConnectionStatus } from './connection-status';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;
/** A request made while disconnected waits this long for the connection before it fails as retryable. */
const SEND_WAIT_MS = 10_000;

export interface WebSocketBridgeOptions {
  /** http(s) origin of the host, e.g. http://127.0.0.1:4000 */
  origin: string;
  token: string;
  onStatus: (status: ConnectionStatus) => void;
}

/** The API's WebSocket address on the page's own host: wss:// when the page came over https://, ws:// otherwise. */
export function apiSocketUrl(origin: string): string {
  return `${origin.replace(/^http(s?):/, 'ws$1:')}/api`;
}

const disconnected = (message: string): ApiResponse => ({
  ok: false,
  error: { code: 'DISCONNECTED', message, retryable: true },
});

export class WebSocketBridge implements ApiBridge {
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (response: ApiResponse) => void>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly waitingForOpen = new Set<() => void>();
  private attempt = 0;
  private stopped = false;

  constructor(private readonly options: WebSocketBridgeOptions) {}

  start(): void {
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
  }

  invoke(channel: string, payload: unknown): Promise<ApiResponse> {
    return new Promise((resolve) => {
      const send = (): void => {
        const id = this.nextId++;
        this.pending.set(id, resolve);
        this.socket!.send(JSON.stringify({ type: 'req', id, channel, payload }));
      };
      if (this.socket?.readyState === WebSocket.OPEN) return send();
      const timer = setTimeout(() => {
        this.waitingForOpen.delete(onOpen);
        resolve(disconnected(`not connected to the app; ${channel} was not sent`));
      }, SEND_WAIT_MS);
      const onOpen = (): void => {
        clearTimeout(timer);
        send();
      };
      this.waitingForOpen.add(onOpen);
    });
  }

  on(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.options.onStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const authorized = await this.checkToken();
    if (authorized === false) {
      this.stopped = true;
      this.options.onStatus('unauthorized');
      return;
    }
    if (authorized === undefined) return this.retry();

    const socket = new WebSocket(apiSocketUrl(this.options.origin), [WIRE_PROTOCOL, `${AUTH_PROTOCOL_PREFIX}${this.options.token}`]);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.options.onStatus('connected');
      for (const onOpen of this.waitingForOpen) onOpen();
      this.waitingForOpen.clear();
    };
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      for (const resolve of this.pending.values()) resolve(disconnected('the connection to the app dropped; try again'));
      this.pending.clear();
      this.retry();
    };
  }

  /** true: token accepted; false: refused; undefined: the host could not be reached. */
  private async checkToken(): Promise<boolean | undefined> {
    try {
      const response = await fetch(`${this.options.origin}/api/session`, {
        headers: { Authorization: `Bearer ${this.options.token}` },
        cache: 'no-store',
      });
      if (response.status === 401) return false;
      return response.ok ? true : undefined;
    } catch {
      return undefined;
    }
  }

  private retry(): void {
    if (this.stopped) return;
    this.options.onStatus('reconnecting');
    const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.attempt++);
    // Full jitter: many tabs reconnecting after a host restart do not all knock at once.
    setTimeout(() => void this.connect(), ceiling / 2 + Math.random() * (ceiling / 2));
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = ServerFrame.parse(JSON.parse(data));
    } catch {
      console.error('unreadable frame from the app');
      return;
    }
    if (frame.type === 'res') {
      if (frame.id === null) return console.error('the app could not read a request', frame.response);
      const resolve = this.pending.get(frame.id);
      this.pending.delete(frame.id);
      resolve?.(frame.response as ApiResponse);
      return;
    }
    for (const listener of this.listeners.get(frame.event) ?? []) {
      try {
        listener(frame.payload);
      } catch (error) {
        console.error(`listener of ${frame.event} failed`, error);
      }
    }
  }
}
