// Child process of bench/stream: the baseline. A bare relay that subscribes to the same fake feed and forwards every
// frame as it is to the browser — no ccxt, no validation, no coalescing: the floor under any app.
import { createServer } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';

const streams = JSON.parse(process.env.RELAY_STREAMS);
const upstream = new WebSocket(`${process.env.FAKE_WS}/relay`);
const clients = new Set();
upstream.on('open', () => upstream.send(JSON.stringify({ method: 'SUBSCRIBE', params: streams, id: 1 })));
upstream.on('message', (data) => {
  const text = data.toString();
  for (const client of clients) client.send(text);
});
const http = createServer();
const wss = new WebSocketServer({ server: http });
wss.on('connection', (socket) => {
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
});
http.listen(0, '127.0.0.1', () => console.log(`ready ${http.address().port}`));
process.on('SIGTERM', () => process.exit(0));
