// The API over WebSocket: one session per connection, request frames answered by the dispatcher, events pushed as
// frames. Frames are documented in docs/host-protocol.md.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { RequestFrame, WIRE_PROTOCOL, type ApiResponse, type EventName, type Role, type ServerFrame } from '../../src-shared';
import { TransportSession, type Dispatcher } from '../api';

/** A frame larger than this is refused: no request of the contract comes near it. */
const MAX_FRAME_BYTES = 1 << 20;
/** A client that stops answering pings for this long is dropped, so its subscriptions end. */
const HEARTBEAT_MS = 30_000;
const SHUTDOWN_GRACE_MS = 2_000;
/** Close code for a client that does not read what it is sent (4000–4999: the application's own codes). */
export const SLOW_CLIENT_CLOSE_CODE = 4008;

/**
 * How much unsent data a connection may hold. A client that stops reading (a phone on a bad link, a frozen tab)
 * must not make the host buffer without bound: market pushes are dropped first, and a client that stays far behind
 * is closed.
 */
export interface BackpressureLimits {
  /** Above this many unsent bytes, coalesced market pushes are dropped: the next one carries newer state. */
  dropPushesAboveBytes: number;
  /** Above this for `closeAfterMs`, the client is too slow and is closed with SLOW_CLIENT_CLOSE_CODE. */
  closeAboveBytes: number;
  closeAfterMs: number;
  /** Above this, closed at once: nothing buffers past it. */
  closeAtOnceAboveBytes: number;
}

export const DEFAULT_BACKPRESSURE: BackpressureLimits = {
  dropPushesAboveBytes: 1 << 20,
  closeAboveBytes: 4 << 20,
  closeAfterMs: 10_000,
  closeAtOnceAboveBytes: 16 << 20,
};

export interface WebSocketApi {
  /** Opens the socket as a session of `role`, the role of the token it presented. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, role: Role): void;
  readonly clients: number;
  /** Market pushes dropped for slow clients, and slow clients closed, since start. */
  readonly stats: { droppedPushes: number; slowClientsClosed: number };
  close(): Promise<void>;
}

/**
 * Pushes that only carry the newest state of a stream (a candle still forming, a ticker, a slice of the tape): the
 * next push supersedes them. Responses, order and balance events, status changes and closed candles never are.
 */
export function isCoalescedPush(event: EventName, payload: unknown): boolean {
  if (event === 'ticker.updated' || event === 'trades.updated') return true;
  if (event !== 'candle.updated') return false;
  const closed = (payload as { closed?: unknown[] } | undefined)?.closed;
  return closed === undefined || closed.length === 0;
}

function badFrame(id: number | null, message: string): ServerFrame {
  return { type: 'res', id, response: { ok: false, error: { code: 'BAD_FRAME', message, retryable: false } } };
}

export function createWebSocketApi(dispatcher: Dispatcher, backpressure: Partial<BackpressureLimits> = {}): WebSocketApi {
  const limits: BackpressureLimits = { ...DEFAULT_BACKPRESSURE, ...backpressure };
  const stats = { droppedPushes: 0, slowClientsClosed: 0 };
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // Select our protocol and never echo the `auth.<token>` one back.
    handleProtocols: (offered) => (offered.has(WIRE_PROTOCOL) ? WIRE_PROTOCOL : false),
  });
  const alive = new WeakMap<WebSocket, boolean>();
  const roles = new WeakMap<WebSocket, Role>();

  server.on('connection', (socket) => {
    let slowTimer: NodeJS.Timeout | undefined;
    const closeSlow = (): void => {
      clearTimeout(slowTimer);
      if (session.isClosed) return;
      stats.slowClientsClosed += 1;
      const unsent = socket.bufferedAmount;
      console.warn(`closing a WebSocket client that does not read: ${unsent} bytes unsent`);
      // The session ends now (its subscriptions stop); the close frame waits behind what is unsent, and ws destroys
      // the socket if the client never answers it.
      session.close();
      socket.close(SLOW_CLIENT_CLOSE_CODE, 'client too slow: it did not read what it was sent');
    };
    /** After each send: a client far behind is closed, at once or when it stays behind for `closeAfterMs`. */
    const watchBacklog = (): void => {
      const unsent = socket.bufferedAmount;
      if (unsent > limits.closeAtOnceAboveBytes) return closeSlow();
      if (unsent > limits.closeAboveBytes && slowTimer === undefined) {
        slowTimer = setTimeout(() => {
          slowTimer = undefined;
          if (socket.bufferedAmount > limits.closeAboveBytes) closeSlow();
        }, limits.closeAfterMs);
        slowTimer.unref();
      }
    };
    const send = (frame: ServerFrame): void => {
      if (socket.readyState !== socket.OPEN) return;
      socket.send(JSON.stringify(frame));
      watchBacklog();
    };
    // A socket that somehow arrived without a role gets the lesser one.
    const role = roles.get(socket) ?? 'viewer';
    const session = new TransportSession(randomUUID(), (event, payload) => {
      if (isCoalescedPush(event, payload) && socket.bufferedAmount > limits.dropPushesAboveBytes) {
        stats.droppedPushes += 1;
        return;
      }
      send({ type: 'event', event, payload });
    }, role);
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    const end = (): void => {
      clearTimeout(slowTimer);
      session.close();
    };
    socket.on('close', end);
    socket.on('error', end);
    socket.on('message', (data, isBinary) => {
      void answer(isBinary ? undefined : data.toString()).then(send);
    });

    async function answer(text: string | undefined): Promise<ServerFrame> {
      let json: unknown;
      try {
        if (text === undefined) return badFrame(null, 'frames are JSON text');
        json = JSON.parse(text);
      } catch {
        return badFrame(null, 'a frame is not valid JSON');
      }
      const frame = RequestFrame.safeParse(json);
      if (!frame.success) {
        const id = (json as { id?: unknown })?.id;
        return badFrame(typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null, 'expected {type:"req", id, channel, payload}');
      }
      const response: ApiResponse = await dispatcher.dispatch(frame.data.channel, frame.data.payload, session);
      return { type: 'res', id: frame.data.id, response };
    }
  });

  const heartbeat = setInterval(() => {
    for (const socket of server.clients) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    handleUpgrade(request, socket, head, role) {
      server.handleUpgrade(request, socket, head, (ws) => {
        roles.set(ws, role);
        server.emit('connection', ws, request);
      });
    },
    get clients() {
      return server.clients.size;
    },
    stats,
    close() {
      clearInterval(heartbeat);
      for (const socket of server.clients) socket.close(1001, 'host shutting down');
      // A client that does not read never answers the close: it must not hold the shutdown for ws's 30 s.
      const cutoff = setTimeout(() => server.clients.forEach((socket) => socket.terminate()), SHUTDOWN_GRACE_MS);
      return new Promise((done) => server.close(() => (clearTimeout(cutoff), done())));
    },
  };
}
