// A local HTTP server for provider tests: answers with the JSON a route handler returns and records every request
// (path, query, headers), so tests can assert both what a provider sent and how often it called.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface FakeReply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Route = (request: RecordedRequest) => FakeReply;

export interface FakeServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replaces the route, e.g. to make a healthy fake start failing. */
  route: Route;
}

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

export async function startFakeServer(route: Route): Promise<FakeServer> {
  const fake: FakeServer = { url: '', requests: [], route };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: RecordedRequest = { path: url.pathname, query: url.searchParams, headers: req.headers };
    fake.requests.push(request);
    const reply = fake.route(request);
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  (fake as { url: string }).url = `http://127.0.0.1:${port}`;
  return fake;
}
