// A real WebSocket client that stops reading (its socket paused) while the host keeps pushing: what may be dropped
// is dropped, what may not is kept, and a client that stays behind is closed instead of buffered without end.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AUTH_PROTOCOL_PREFIX, WIRE_PROTOCOL, type EventPayload } from '../../src-shared';
import type { Session } from '../api';
import { startHost, type RunningHost } from './server';
import { recordingDispatcher, type RecordingDispatcher } from './testing/recording-dispatcher';
import { SLOW_CLIENT_CLOSE_CODE, type BackpressureLimits } from './websocket-api';

const TOKEN = 'backpressure-token-0123456789';
const PAD = 'x'.repeat(16_000);
const hosts: RunningHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function start(backpressure: BackpressureLimits): Promise<{ host: RunningHost; dispatcher: RecordingDispatcher }> {
  const dispatcher = recordingDispatcher();
  const host = await startHost({ dispatcher, token: TOKEN, rendererDir: mkdtempSync(join(tmpdir(), 'tbs-renderer-')), backpressure });
  hosts.push(host);
  return { host, dispatcher };
}

interface Client {
  socket: WebSocket;
  frames: Array<{ type: string; id?: number; event?: string; payload?: { seq?: number } }>;
  closed: Promise<{ code: number; reason: string }>;
}

async function connect(host: RunningHost, dispatcher: RecordingDispatcher): Promise<Client & { session: Session }> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, [WIRE_PROTOCOL, `${AUTH_PROTOCOL_PREFIX}${TOKEN}`]);
  const frames: Client['frames'] = [];
  socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as Client['frames'][number]));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const seen = dispatcher.nextSession();
  socket.send(JSON.stringify({ type: 'req', id: 1, channel: 'app:info', payload: {} }));
  return { socket, frames, closed, session: await seen };
}

const candle = (seq: number) =>
  ({ subscriptionId: 's', venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m', seq, pad: PAD }) as unknown as EventPayload<'candle.updated'>;
const order = (seq: number) => ({ seq, pad: PAD }) as unknown as EventPayload<'order.updated'>;
const yieldToIo = () => new Promise((resolve) => setImmediate(resolve));

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('backpressure on a client that stops reading', () => {
  it('drops coalesced market pushes above the limit but never responses or order events', async () => {
    const { host, dispatcher } = await start({
      dropPushesAboveBytes: 256 << 10,
      closeAboveBytes: 256 << 20,
      closeAfterMs: 60_000,
      closeAtOnceAboveBytes: 512 << 20,
    });
    const client = await connect(host, dispatcher);
    await until(() => client.frames.some((f) => f.id === 1), 'the first response');
    client.socket.pause();

    // Pushes until the kernel's buffers are full and the host starts dropping (bounded: 200 MB at most).
    let pushed = 0;
    while (host.api.stats.droppedPushes === 0 && pushed < 12_500) {
      client.session.push('candle.updated', candle(pushed++));
      if (pushed % 50 === 0) await yieldToIo();
    }
    expect(host.api.stats.droppedPushes).toBeGreaterThan(0);
    const more = 200;
    for (let i = 0; i < more; i++) client.session.push('candle.updated', candle(pushed++));
    // While congested: an order event and a response still go out.
    dispatcher.broadcast('order.updated', order(1));
    client.socket.send(JSON.stringify({ type: 'req', id: 42, channel: 'orders:list', payload: {} }));
    client.socket.send(JSON.stringify({ type: 'req', id: 43, channel: 'orders:list', payload: {} }));
    await until(() => host.api.stats.droppedPushes >= more, 'the further pushes to be dropped');

    client.socket.resume();
    await until(() => client.frames.some((f) => f.id === 43), 'the responses after the backlog');
    const candles = client.frames.filter((f) => f.event === 'candle.updated');
    expect(candles.length + host.api.stats.droppedPushes).toBe(pushed);
    expect(client.frames.filter((f) => f.event === 'order.updated')).toHaveLength(1);
    expect(client.frames.filter((f) => f.id === 42)).toHaveLength(1);
    expect(host.api.stats.slowClientsClosed).toBe(0);
    // What arrives is in order: dropping never reorders.
    const seqs = candles.map((f) => f.payload!.seq!);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    client.socket.close();
  });

  it(`closes a client that stays above the limit with code ${SLOW_CLIENT_CLOSE_CODE}, ending its session`, async () => {
    const { host, dispatcher } = await start({
      dropPushesAboveBytes: 64 << 10,
      closeAboveBytes: 512 << 10,
      closeAfterMs: 1_000,
      closeAtOnceAboveBytes: 512 << 20,
    });
    const client = await connect(host, dispatcher);
    await until(() => client.frames.some((f) => f.id === 1), 'the first response');
    client.socket.pause();

    // Order events are never dropped: they pile up until the host gives up on the client.
    let pushed = 0;
    const started = Date.now();
    while (host.api.stats.slowClientsClosed === 0 && pushed < 12_500) {
      dispatcher.broadcast('order.updated', order(pushed++));
      await (pushed % 20 === 0 ? new Promise((resolve) => setTimeout(resolve, 5)) : yieldToIo());
    }
    expect(host.api.stats.slowClientsClosed).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(dispatcher.closed.has(client.session)).toBe(true);
    const sentBeforeClose = pushed;
    dispatcher.broadcast('order.updated', order(pushed)); // a closed session sends nothing more

    client.socket.resume();
    const { code, reason } = await client.closed;
    expect(code).toBe(SLOW_CLIENT_CLOSE_CODE);
    expect(reason).toContain('too slow');
    const received = client.frames.filter((f) => f.event === 'order.updated');
    expect(received.length).toBeLessThanOrEqual(sentBeforeClose);
    expect(received.every((f) => f.payload!.seq! < sentBeforeClose)).toBe(true);
  });

  it('closes at once above the absolute ceiling', async () => {
    const { host, dispatcher } = await start({
      dropPushesAboveBytes: 64 << 10,
      closeAboveBytes: 256 << 10,
      closeAfterMs: 60_000,
      closeAtOnceAboveBytes: 1 << 20,
    });
    const client = await connect(host, dispatcher);
    await until(() => client.frames.some((f) => f.id === 1), 'the first response');
    client.socket.pause();
    let pushed = 0;
    while (host.api.stats.slowClientsClosed === 0 && pushed < 12_500) {
      dispatcher.broadcast('order.updated', order(pushed++));
      if (pushed % 50 === 0) await yieldToIo();
    }
    expect(host.api.stats.slowClientsClosed).toBe(1);
    client.socket.resume();
    expect((await client.closed).code).toBe(SLOW_CLIENT_CLOSE_CODE);
  });
});
