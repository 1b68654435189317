// Requests to the host's API over a socket of the given token, from the test itself (the operator's side, or a
// setup step such as the risk limits a test starts from), answered as the contract's response.
import WebSocket from 'ws';
import type { HostProcess } from './host-process';

export interface ApiResponse {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message?: string };
}

/** One socket for many requests (a test that drives a host hard would otherwise open a socket per request). */
export interface ApiSocket {
  request(channel: string, payload: unknown): Promise<ApiResponse>;
  close(): void;
}

export async function openApi(host: Pick<HostProcess, 'port'>, token: string): Promise<ApiSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, ['tbs.v1', `auth.${token}`]);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const waiting = new Map<number, (response: ApiResponse) => void>();
  let next = 1;
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { type: string; id: number; response: ApiResponse };
    if (frame.type !== 'res') return;
    waiting.get(frame.id)?.(frame.response);
    waiting.delete(frame.id);
  });
  socket.on('close', () => {
    for (const answer of waiting.values()) answer({ ok: false, error: { code: 'CLOSED' } });
    waiting.clear();
  });
  return {
    request(channel, payload) {
      const id = next++;
      const answer = new Promise<ApiResponse>((resolve) => waiting.set(id, resolve));
      socket.send(JSON.stringify({ type: 'req', id, channel, payload }));
      return answer;
    },
    close: () => socket.close(),
  };
}

export async function call(host: HostProcess, token: string, channel: string, payload: unknown): Promise<ApiResponse> {
  const api = await openApi(host, token);
  try {
    return await api.request(channel, payload);
  } finally {
    api.close();
  }
}
