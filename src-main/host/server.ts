// The headless host: the built renderer over HTTP and the API over a WebSocket at /api, on 127.0.0.1 by default,
// behind a token. It lets the app run on a server and be watched from a browser, and it is how e2e tests drive it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Dispatcher } from '../api';
import { tokenOf } from './auth';
import { roleOfToken } from './token-roles';
import { SECURITY_HEADERS, serveStatic } from './static-files';
import { createWebSocketApi } from './websocket-api';

export const API_PATH = '/api';
/** Lets the page tell "wrong token" from "host unreachable" before it opens the WebSocket. */
export const SESSION_CHECK_PATH = '/api/session';

export interface HostOptions {
  dispatcher: Dispatcher;
  token: string;
  /** The read-only token; absent: only the operator token opens the API. */
  viewerToken?: string | undefined;
  rendererDir: string;
  port?: number;
  bind?: string;
}

export interface RunningHost {
  readonly port: number;
  /** The URL to open, token included (in the fragment, which browsers never send to a server). */
  readonly url: string;
  /** The same for the viewer token, when there is one. */
  readonly viewerUrl: string | undefined;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const bind = options.bind ?? '127.0.0.1';
  const api = createWebSocketApi(options.dispatcher);
  const tokens = { operator: options.token, viewer: options.viewerToken };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    if (path === SESSION_CHECK_PATH) {
      const ok = roleOfToken(tokens, tokenOf(request)) !== undefined;
      response.writeHead(ok ? 204 : 401, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' });
      return void response.end();
    }
    serveStatic(options.rendererDir, request, response).catch((error: unknown) => {
      console.error('serving a file failed', error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    if (path !== API_PATH) return refuseUpgrade(socket, '404 Not Found');
    const role = roleOfToken(tokens, tokenOf(request));
    if (!role) return refuseUpgrade(socket, '401 Unauthorized');
    api.handleUpgrade(request, socket, head, role);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bind, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = bind.includes(':') ? `[${bind}]` : bind;

  return {
    port,
    url: `http://${shownHost}:${port}/#token=${encodeURIComponent(options.token)}`,
    viewerUrl: options.viewerToken === undefined ? undefined : `http://${shownHost}:${port}/#token=${encodeURIComponent(options.viewerToken)}`,
    async close() {
      await api.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
