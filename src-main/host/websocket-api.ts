// The API over WebSocket: one session per connection, request frames answered by the dispatcher, events pushed as
// frames. Frames are documented in docs/host-protocol.md.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { RequestFrame, WIRE_PROTOCOL, type ApiResponse, type Role, type ServerFrame } from '../../src-shared';
import { TransportSession, type Dispatcher } from '../api';

/** A frame larger than this is refused: no request of the contract comes near it. */
const MAX_FRAME_BYTES = 1 << 20;
/** A client that stops answering pings for this long is dropped, so its subscriptions end. */
const HEARTBEAT_MS = 30_000;

export interface WebSocketApi {
  /** Opens the socket as a session of `role`, the role of the token it presented. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, role: Role): void;
  readonly clients: number;
  close(): Promise<void>;
}

function badFrame(id: number | null, message: string): ServerFrame {
  return { type: 'res', id, response: { ok: false, error: { code: 'BAD_FRAME', message, retryable: false } } };
}

export function createWebSocketApi(dispatcher: Dispatcher): WebSocketApi {
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // Select our protocol and never echo the `auth.<token>` one back.
    handleProtocols: (offered) => (offered.has(WIRE_PROTOCOL) ? WIRE_PROTOCOL : false),
  });
  const alive = new WeakMap<WebSocket, boolean>();
  const roles = new WeakMap<WebSocket, Role>();

  server.on('connection', (socket) => {
    const send = (frame: ServerFrame): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    // A socket that somehow arrived without a role gets the lesser one.
    const role = roles.get(socket) ?? 'viewer';
    const session = new TransportSession(randomUUID(), (event, payload) => send({ type: 'event', event, payload }), role);
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    socket.on('close', () => session.close());
    socket.on('error', () => session.close());
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
    close() {
      clearInterval(heartbeat);
      for (const socket of server.clients) socket.close(1001, 'host shutting down');
      return new Promise((done) => server.close(() => done()));
    },
  };
}
