import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AUTH_PROTOCOL_PREFIX, WIRE_PROTOCOL, type ServerFrame } from '../../src-shared';
import { createCore, type Core } from '../core';
import { startHost, type RunningHost } from './server';

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

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(path: string, protocols: string[], headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, protocols, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => {});
  });
}

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
  });
});
