import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AUTH_PROTOCOL_PREFIX, WIRE_PROTOCOL, type ServerFrame } from '../../src-shared';
import { createCore, type Core } from '../core';
import { startHost, type RunningHost } from './server';
import { DEFAULT_TOKEN_ATTEMPT_LIMITS, TokenAttempts } from './token-attempts';

const TOKEN = 'test-token-0123456789abcdef';
let core: Core;
let host: RunningHost;
let origin: string;

beforeAll(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'tbs-renderer-'));
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(renderer, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'outside-renderer.txt'), 'secret');
  core = await createCore({ dataDir: mkdtempSync(join(tmpdir(), 'tbs-host-')), transport: 'websocket', demoSeed: 3, demoTickMs: 100 });
  host = await startHost({ dispatcher: core.dispatcher, token: TOKEN, rendererDir: renderer, port: 0 });
  origin = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host.close();
  await core.close();
});

interface UpgradeAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The HTTP answer to an upgrade: its status and body when refused, 101 when the socket opened. */
function upgrade(path: string, protocols: string[], options: { headers?: Record<string, string>; origin?: string; port?: number } = {}): Promise<UpgradeAnswer> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${options.port ?? host.port}${path}`, protocols, {
      headers: options.headers ?? {},
      ...(options.origin === undefined ? {} : { origin: options.origin }),
    });
    socket.on('open', () => {
      socket.close();
      resolve({ status: 101, body: '', headers: {} });
    });
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    socket.on('error', () => {});
  });
}

async function upgradeStatus(path: string, protocols: string[], headers: Record<string, string> = {}): Promise<number> {
  return (await upgrade(path, protocols, { headers })).status;
}

const WITH_TOKEN = [WIRE_PROTOCOL, `${AUTH_PROTOCOL_PREFIX}${TOKEN}`];

async function connect(): Promise<{ socket: WebSocket; frames: ServerFrame[]; next: (predicate: (f: ServerFrame) => boolean) => Promise<ServerFrame> }> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, [WIRE_PROTOCOL, `${AUTH_PROTOCOL_PREFIX}${TOKEN}`]);
  const frames: ServerFrame[] = [];
  const waiters: Array<{ predicate: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }> = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    frames.push(frame);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    }
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const next = (predicate: (f: ServerFrame) => boolean) =>
    new Promise<ServerFrame>((resolve) => {
      const seen = frames.find(predicate);
      if (seen) resolve(seen);
      else waiters.push({ predicate, resolve });
    });
  return { socket, frames, next };
}

describe('headless host', () => {
  it('refuses an upgrade without the right token with 401, and other paths with 404', async () => {
    expect(await upgradeStatus('/api', [WIRE_PROTOCOL])).toBe(401);
    expect(await upgradeStatus('/api', [WIRE_PROTOCOL, `${AUTH_PROTOCOL_PREFIX}wrong-token`])).toBe(401);
    expect(await upgradeStatus('/api', [WIRE_PROTOCOL], { Authorization: 'Bearer nope' })).toBe(401);
    expect(await upgradeStatus('/elsewhere', [WIRE_PROTOCOL, `${AUTH_PROTOCOL_PREFIX}${TOKEN}`])).toBe(404);
    expect(await upgradeStatus('/api', [WIRE_PROTOCOL, `${AUTH_PROTOCOL_PREFIX}${TOKEN}`])).toBe(101);
    expect(await upgradeStatus('/api', [WIRE_PROTOCOL], { Authorization: `Bearer ${TOKEN}` })).toBe(101);
  });

  it('never echoes the token subprotocol back', async () => {
    const { socket } = await connect();
    expect(socket.protocol).toBe(WIRE_PROTOCOL);
    socket.close();
  });

  it('answers request frames with the dispatcher and bad frames with a typed error', async () => {
    const { socket, next } = await connect();
    socket.send(JSON.stringify({ type: 'req', id: 1, channel: 'settings:get', payload: {} }));
    expect(await next((f) => f.type === 'res' && f.id === 1)).toMatchObject({ response: { ok: true, result: { venue: 'demo' } } });
    socket.send(JSON.stringify({ type: 'req', id: 2, channel: 'nope:nothing', payload: {} }));
    expect(await next((f) => f.type === 'res' && f.id === 2)).toMatchObject({ response: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } } });
    socket.send('{not json');
    expect(await next((f) => f.type === 'res' && f.id === null)).toMatchObject({ response: { ok: false, error: { code: 'BAD_FRAME' } } });
    socket.send(JSON.stringify({ type: 'req', id: 3 }));
    expect(await next((f) => f.type === 'res' && f.id === 3)).toMatchObject({ response: { ok: false, error: { code: 'BAD_FRAME' } } });
    socket.close();
  });

  it('pushes events of a subscription as event frames', async () => {
    const { socket, next } = await connect();
    socket.send(JSON.stringify({ type: 'req', id: 9, channel: 'market:subscribe', payload: { venue: 'demo', symbol: 'BTC/USDT', timeframe: '5m' } }));
    const response = await next((f) => f.type === 'res' && f.id === 9);
    const { subscriptionId } = (response as { response: { result: { subscriptionId: string } } }).response.result;
    const event = await next((f) => f.type === 'event' && f.event === 'candle.updated');
    expect(event).toMatchObject({ payload: { subscriptionId, symbol: 'BTC/USDT', timeframe: '5m' } });
    socket.close();
  });

  it('serves the renderer with its CSP and nothing outside its folder', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('<title>app</title>');
    const asset = await fetch(`${origin}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of ['/..%2foutside-renderer.txt', '/%2e%2e/outside-renderer.txt', '/assets/..%2f..%2foutside-renderer.txt', '/nope.js']) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status).toBe(404);
    }
    expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(405);
  });

  it('tells a page whether its token is good', async () => {
    expect((await fetch(`${origin}/api/session`)).status).toBe(401);
    expect((await fetch(`${origin}/api/session`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${origin}/api/session`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(204);
  });

  it('binds to the loopback address by default and prints a URL carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${TOKEN}`);
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
  });
});

describe('Origin of a WebSocket upgrade', () => {
  it('lets in pages of the host itself, and programs that send no Origin, with the token', async () => {
    expect((await upgrade('/api', WITH_TOKEN, { origin: origin })).status).toBe(101);
    expect((await upgrade('/api', WITH_TOKEN)).status).toBe(101);
    expect((await upgrade('/api', [WIRE_PROTOCOL])).status).toBe(401); // no Origin is no pass: the token decides
  });

  it('refuses any other page with 403 and the reason, whatever token it carries', async () => {
    for (const other of ['http://evil.example', `http://localhost:${host.port}`, `https://127.0.0.1:${host.port}.evil.example`, 'null', 'file://']) {
      const answer = await upgrade('/api', WITH_TOKEN, { origin: other });
      expect(answer.status, other).toBe(403);
      expect(answer.body).toMatch(/is not allowed to connect/);
    }
    const answer = await upgrade('/api', WITH_TOKEN, { origin: 'http://evil.example' });
    expect(answer.body).toContain('--allowed-origin');
  });

  it('lets in the origins it was given, such as a reverse proxy’s address', async () => {
    const proxied = await startHost({
      dispatcher: core.dispatcher,
      token: TOKEN,
      rendererDir: mkdtempSync(join(tmpdir(), 'tbs-renderer-')),
      allowedOrigins: ['https://trade.example.com'],
    });
    try {
      expect((await upgrade('/api', WITH_TOKEN, { origin: 'https://trade.example.com', port: proxied.port })).status).toBe(101);
      expect((await upgrade('/api', WITH_TOKEN, { origin: 'https://other.example.com', port: proxied.port })).status).toBe(403);
    } finally {
      await proxied.close();
    }
  });
});

describe('wrong tokens from one address', () => {
  it('are answered 429 with Retry-After once the free attempts are used, on the page check and the upgrade alike', async () => {
    let now = 5_000_000;
    const limited = await startHost({
      dispatcher: core.dispatcher,
      token: TOKEN,
      rendererDir: mkdtempSync(join(tmpdir(), 'tbs-renderer-')),
      tokenAttempts: new TokenAttempts({ ...DEFAULT_TOKEN_ATTEMPT_LIMITS, freeFailures: 2, firstDelayMs: 4_000 }, () => now),
    });
    const check = (token: string) => fetch(`http://127.0.0.1:${limited.port}/api/session`, { headers: { Authorization: `Bearer ${token}` } });
    try {
      expect((await check('wrong-1')).status).toBe(401);
      expect((await upgrade('/api', [WIRE_PROTOCOL, `${AUTH_PROTOCOL_PREFIX}wrong-2`], { port: limited.port })).status).toBe(401);
      expect((await check('wrong-3')).status).toBe(401); // the first failure beyond the free ones: held back from now on

      const held = await check(TOKEN); // even the right token waits: guessing must gain nothing
      expect(held.status).toBe(429);
      expect(held.headers.get('retry-after')).toBe('4');
      const heldUpgrade = await upgrade('/api', WITH_TOKEN, { port: limited.port });
      expect(heldUpgrade.status).toBe(429);
      expect(heldUpgrade.headers['retry-after']).toBe('4');

      now += 4_000;
      expect((await check('wrong-4')).status).toBe(401);
      expect((await check(TOKEN)).headers.get('retry-after')).toBe('8'); // twice as long after each further failure
      now += 8_000;
      expect((await check(TOKEN)).status).toBe(204); // a right token clears the record
      expect((await check('wrong-5')).status).toBe(401);
      expect((await check(TOKEN)).status).toBe(204);
    } finally {
      await limited.close();
    }
  });
});
