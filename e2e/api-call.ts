// One request to the host's API over a socket of the given token, from the test itself (the operator's side, or a
// setup step such as the risk limits a test starts from), answered as the contract's response.
import WebSocket from 'ws';
import type { HostProcess } from './host-process';

export async function call(host: HostProcess, token: string, channel: string, payload: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string } }> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, ['tbs.v1', `auth.${token}`]);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const answer = new Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>((resolve) => {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; id: number; response: { ok: boolean } };
      if (frame.type === 'res' && frame.id === 1) resolve(frame.response);
    });
  });
  socket.send(JSON.stringify({ type: 'req', id: 1, channel, payload }));
  const response = await answer;
  socket.close();
  return response;
}
