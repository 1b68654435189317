// The headless host: the built renderer over HTTP(S) and the API over a WebSocket at /api, on 127.0.0.1 by default,
// behind a token. It lets the app run on a server and be watched from a browser, and it is how e2e tests drive it.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Role } from '../../src-shared';
import type { Dispatcher } from '../api';
import { tokenOf } from './auth';
import { originRefusal } from './origin-check';
import { roleOfToken } from './token-roles';
import { SECURITY_HEADERS, serveStatic } from './static-files';
import { clientAddress, TokenAttempts } from './token-attempts';
import { createWebSocketApi, type BackpressureLimits, type WebSocketApi } from './websocket-api';

export const API_PATH = '/api';
/** Lets the page tell "wrong token" from "host unreachable" before it opens the WebSocket. */
export const SESSION_CHECK_PATH = '/api/session';
const WILDCARD_BINDS = new Set(['0.0.0.0', '::']);

export interface HostOptions {
  dispatcher: Dispatcher;
  token: string;
  /** The read-only token; absent: only the operator token opens the API. */
  viewerToken?: string | undefined;
  rendererDir: string;
  port?: number;
  bind?: string;
  /** PEM certificate and key: the host serves HTTPS and WSS only. */
  tls?: { cert: string; key: string };
  /** Origins, besides the host's own, whose pages may open the WebSocket. */
  allowedOrigins?: readonly string[];
  /** Failed-token bookkeeping; a default one per host when absent (tests pass one with their own clock). */
  tokenAttempts?: TokenAttempts;
  backpressure?: Partial<BackpressureLimits>;
}

export interface RunningHost {
  readonly port: number;
  /** Where the app is, without the token: `https://127.0.0.1:4000`. */
  readonly origin: string;
  /** The URL to open, token included (in the fragment, which browsers never send to a server). */
  readonly url: string;
  readonly api: WebSocketApi;
  /** The same for the viewer token, when there is one. */
  readonly viewerUrl: string | undefined;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: string, reason = '', headers: Record<string, string> = {}): void {
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  const body = reason ? `${reason}\n` : '';
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n${extra}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroy();
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const bind = options.bind ?? '127.0.0.1';
  const api = createWebSocketApi(options.dispatcher, options.backpressure);
  const attempts = options.tokenAttempts ?? new TokenAttempts();
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const tokens = { operator: options.token, viewer: options.viewerToken };

  /**
   * The role of a request's token (operator or viewer), counting failures per address; no role and `retryAfterS`
   * while the address must wait.
   */
  const authorize = (request: IncomingMessage): { role?: Role; retryAfterS?: number } => {
    const address = clientAddress(request.socket.remoteAddress);
    const waitMs = attempts.retryAfterMs(address);
    if (waitMs > 0) return { retryAfterS: Math.ceil(waitMs / 1000) };
    const role = roleOfToken(tokens, tokenOf(request));
    if (role) attempts.succeeded(address);
    else attempts.failed(address);
    return role ? { role } : {};
  };

  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    if (path === SESSION_CHECK_PATH) {
      const { role, retryAfterS } = authorize(request);
      const held = retryAfterS === undefined ? {} : { 'Retry-After': String(retryAfterS) };
      response.writeHead(role ? 204 : retryAfterS === undefined ? 401 : 429, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', ...held });
      return void response.end();
    }
    serveStatic(options.rendererDir, request, response).catch((error: unknown) => {
      console.error('serving a file failed', error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  };
  const server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : createHttpServer(onRequest);

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    if (path !== API_PATH) return refuseUpgrade(socket, '404 Not Found');
    const refusal = originRefusal(request, allowedOrigins);
    if (refusal) return refuseUpgrade(socket, '403 Forbidden', refusal);
    const { role, retryAfterS } = authorize(request);
    if (retryAfterS !== undefined) {
      return refuseUpgrade(socket, '429 Too Many Requests', 'too many wrong tokens from this address: wait', { 'Retry-After': String(retryAfterS) });
    }
    if (!role) return refuseUpgrade(socket, '401 Unauthorized');
    api.handleUpgrade(request, socket, head, role);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bind, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // A wildcard bind is reachable on every address of the machine; the URL printed is the one that works here.
  const shownHost = WILDCARD_BINDS.has(bind) ? '127.0.0.1' : bind.includes(':') ? `[${bind}]` : bind;
  const origin = `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`;

  return {
    port,
    origin,
    url: `${origin}/#token=${encodeURIComponent(options.token)}`,
    viewerUrl: options.viewerToken === undefined ? undefined : `${origin}/#token=${encodeURIComponent(options.viewerToken)}`,
    api,
    async close() {
      await api.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
