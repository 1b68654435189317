// A tiny HTTP server for fake venues (test code): routes, a request log, fault injection and an optional rate-limit
// gate, in the order a real venue's edge applies them. Each fake (Binance, Gate, MEXC) supplies only its routes and
// its wire format for errors; the plumbing that makes faults and logs comparable across venues lives here.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultInjector, type Fault, type FaultKind } from './faults';
import { RequestLog } from './request-log';

export interface FakeRequest {
  method: string;
  path: string;
  /** Query parameters merged with a form-encoded or JSON body's top-level fields (body wins). */
  params: Record<string, string>;
  /** Exact bytes as sent, for signature checks. */
  rawQuery: string;
  rawBody: string;
  headers: IncomingMessage['headers'];
}

export interface FakeResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A 200 (or `status`) answer with a JSON body: what most routes of every fake return. */
export const ok = (body: unknown, status = 200): FakeResponse => ({ status, body });

export type FakeHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

interface Route {
  method: string;
  path: string;
  handler: FakeHandler;
}

/** Method + exact path routing; enough for REST APIs whose ids travel in the query or the body. */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, path: string, handler: FakeHandler): this {
    this.routes.push({ method: method.toUpperCase(), path, handler });
    return this;
  }

  find(method: string, path: string): FakeHandler | undefined {
    return this.routes.find((r) => r.method === method && r.path === path)?.handler;
  }
}

export interface FakeHttpOptions {
  router: Router;
  /** Runs before the route: a response here (429, 418…) is sent instead of the route's. Also adds headers. */
  gate?: (req: FakeRequest) => { reject?: FakeResponse; headers?: Record<string, string> };
  /** The venue's wire format for an injected status fault. */
  faultResponse?: (kind: Extract<FaultKind, '5xx' | '429' | '418'>, fault: Fault) => FakeResponse;
  notFound?: (req: FakeRequest) => FakeResponse;
}

export interface FakeHttpServer {
  url: string;
  port: number;
  log: RequestLog;
  faults: FaultInjector;
  close(): Promise<void>;
}

function parseParams(rawQuery: string, rawBody: string, contentType: string | undefined): Record<string, string> {
  const params = Object.fromEntries(new URLSearchParams(rawQuery));
  if (rawBody === '') return params;
  if (contentType?.includes('application/json')) {
    try {
      const parsed = JSON.parse(rawBody) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed)) params[k] = typeof v === 'string' ? v : JSON.stringify(v);
      }
    } catch {
      // a malformed body reaches the handler as no params: the venue answers it with its own error
    }
    return params;
  }
  return { ...params, ...Object.fromEntries(new URLSearchParams(rawBody)) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, response: FakeResponse, extra: Record<string, string> = {}): void {
  const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  const isJson = typeof response.body !== 'string';
  res.writeHead(response.status, {
    'Content-Type': isJson ? 'application/json;charset=UTF-8' : 'text/plain',
    ...extra,
    ...response.headers,
  });
  res.end(body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeHttp(options: FakeHttpOptions, port = 0): Promise<FakeHttpServer> {
  const log = new RequestLog();
  const faults = new FaultInjector();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      const rawQuery = url.search.replace(/^\?/, '');
      const fault = faults.take(method, url.pathname);
      if (fault?.kind === 'reset') {
        log.add({ method, path: url.pathname, status: 0, fault: 'reset' });
        req.socket.destroy();
        return;
      }
      const rawBody = await readBody(req);
      const request: FakeRequest = {
        method,
        path: url.pathname,
        params: parseParams(rawQuery, rawBody, req.headers['content-type']),
        rawQuery,
        rawBody,
        headers: req.headers,
      };
      if (fault?.kind === 'latency') await sleep(fault.latencyMs ?? 1000);
      if (fault && (fault.kind === '5xx' || fault.kind === '429' || fault.kind === '418')) {
        const response = options.faultResponse?.(fault.kind, fault) ?? defaultFaultResponse(fault);
        log.add({ method, path: url.pathname, status: response.status, fault: fault.kind });
        send(res, response);
        return;
      }
      const gate = options.gate?.(request) ?? {};
      if (gate.reject) {
        log.add({ method, path: url.pathname, status: gate.reject.status });
        send(res, gate.reject, gate.headers);
        return;
      }
      const handler = options.router.find(method, url.pathname);
      let response: FakeResponse;
      try {
        response = handler ? await handler(request) : (options.notFound?.(request) ?? { status: 404, body: 'Not Found' });
      } catch (error) {
        response = { status: 500, body: `fake handler failed: ${String(error)}` };
      }
      if (fault?.kind === 'accept-then-drop') {
        // The venue did the work; the answer never reaches the client.
        log.add({ method, path: url.pathname, status: 0, fault: 'accept-then-drop' });
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'accept-then-5xx') {
        // The venue did the work, then its edge answered with an error (a gateway timing out on the backend).
        const failed = options.faultResponse?.('5xx', fault) ?? defaultFaultResponse({ ...fault, kind: '5xx' });
        log.add({ method, path: url.pathname, status: failed.status, fault: 'accept-then-5xx' });
        send(res, failed);
        return;
      }
      log.add({ method, path: url.pathname, status: response.status, ...(fault ? { fault: fault.kind } : {}) });
      send(res, response, gate.headers);
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    log,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function defaultFaultResponse(fault: Fault): FakeResponse {
  const retryAfter = String(fault.retryAfterS ?? 1);
  if (fault.kind === '429') return { status: 429, body: { message: 'Too many requests' }, headers: { 'Retry-After': retryAfter } };
  if (fault.kind === '418') return { status: 418, body: { message: 'IP banned' }, headers: { 'Retry-After': retryAfter } };
  return { status: fault.status ?? 503, body: 'Service Unavailable' };
}
