// The browser sign-in's way back into the app (RFC 8252 §7.3): a one-shot HTTP server on 127.0.0.1 that receives the
// provider's redirect, answers "You can close this tab", and hands the URL over. Auth0 compares callback URLs exactly,
// so the port cannot be random: the app tries a small fixed list, each registered in the tenant (docs/sign-in.md).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignInError } from './errors';

/** Registered as http://127.0.0.1:PORT/callback in the Auth0 application, in this order. */
export const CALLBACK_PORTS: readonly number[] = [53682, 53683, 53684];
export const CALLBACK_PATH = '/callback';

const DONE_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Trade Bot Scratch</title></head>
<body><main><h1>You can close this tab</h1><p>Trade Bot Scratch has your sign-in; return to the app.</p></main></body></html>`;

export interface LoopbackRedirect {
  redirectUri: string;
  /** The full callback URL the browser was sent to (query string and all). */
  callback: Promise<URL>;
  close(): void;
}

function listen(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(true);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** Listens on the first free port of `ports`; when all are taken, says which ones. */
export async function openLoopbackRedirect(ports: readonly number[] = CALLBACK_PORTS): Promise<LoopbackRedirect> {
  let deliver!: (url: URL) => void;
  const callback = new Promise<URL>((resolve) => (deliver = resolve));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' }).end(DONE_PAGE);
    deliver(url);
  });
  for (const port of ports) {
    if (await listen(server, port)) {
      return {
        redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
        callback,
        close: () => {
          server.closeAllConnections();
          server.close();
        },
      };
    }
  }
  throw new SignInError(
    'ports-busy',
    `cannot receive the sign-in: ports ${ports.join(', ')} on 127.0.0.1 are all in use by other programs; close one of them, or sign in with a code instead`,
  );
}
