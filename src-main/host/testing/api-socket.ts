// A test client of the host's WebSocket API: typed calls answered by id, raw text frames for what JSON.stringify
// cannot write (NaN, 1e999), and the pushed events kept for inspection.
import WebSocket from 'ws';
import { AUTH_PROTOCOL_PREFIX, WIRE_PROTOCOL, type ApiResponse, type ServerFrame } from '../../../src-shared';

export interface ApiSocket {
  readonly socket: WebSocket;
  readonly events: Array<{ event: string; payload: unknown }>;
  /** Sends `{type:'req', id, channel, payload}` and resolves with its answer. */
  call(channel: string, payload: unknown, timeoutMs?: number): Promise<ApiResponse>;
  /** Sends `text` as it is and resolves with the next answer carrying `id` (null for a frame the host cannot read). */
  raw(text: string, id: number | null, timeoutMs?: number): Promise<ApiResponse>;
  /** A fresh request id, for raw frames. */
  nextId(): number;
  close(): Promise<void>;
}

export class ReplyTimeout extends Error {}

export async function openApiSocket(port: number, token: string): Promise<ApiSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api`, [WIRE_PROTOCOL, `${AUTH_PROTOCOL_PREFIX}${token}`]);
  const events: ApiSocket['events'] = [];
  const waiting = new Map<number | null, Array<(response: ApiResponse) => void>>();
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (frame.type === 'event') return void events.push({ event: frame.event, payload: frame.payload });
    const queue = waiting.get(frame.id);
    const resolve = queue?.shift();
    if (queue?.length === 0) waiting.delete(frame.id);
    resolve?.(frame.response);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let id = 0;
  const await_ = (key: number | null, timeoutMs: number, what: string): Promise<ApiResponse> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new ReplyTimeout(`no answer to ${what} within ${timeoutMs} ms`)), timeoutMs);
      const queue = waiting.get(key) ?? [];
      queue.push((response) => {
        clearTimeout(timer);
        resolve(response);
      });
      waiting.set(key, queue);
    });
  return {
    socket,
    events,
    nextId: () => ++id,
    call(channel, payload, timeoutMs = 15_000) {
      const requestId = ++id;
      const answer = await_(requestId, timeoutMs, channel);
      socket.send(JSON.stringify({ type: 'req', id: requestId, channel, payload }));
      return answer;
    },
    raw(text, requestId, timeoutMs = 15_000) {
      const answer = await_(requestId, timeoutMs, `raw frame ${text.slice(0, 60)}`);
      socket.send(text);
      return answer;
    },
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}
