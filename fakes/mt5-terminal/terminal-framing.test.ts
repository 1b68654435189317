// The fake terminal as the EA behaves toward a misbehaving app: bad JSON, a line over 1 MiB, unknown commands and
// requests before the welcome get error replies or are ignored, and the connection carries on.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FakeMt5Terminal } from './terminal';
import { SimulatedTradeServer } from './trade-server';

let server: Server | undefined;
let terminal: FakeMt5Terminal | undefined;
afterEach(async () => {
  terminal?.stop();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
});

it('answers bad lines with errors and keeps serving, ignoring requests before the welcome', async () => {
  const received: Record<string, unknown>[] = [];
  let socket: Socket | undefined;
  server = createServer((s) => {
    socket = s;
    let rest = '';
    s.setEncoding('utf8').on('data', (chunk: string) => {
      rest += chunk;
      for (let i = rest.indexOf('\n'); i !== -1; i = rest.indexOf('\n')) {
        received.push(JSON.parse(rest.slice(0, i)) as Record<string, unknown>);
        rest = rest.slice(i + 1);
      }
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  terminal = new FakeMt5Terminal({ port, token: 't', server: new SimulatedTradeServer(), filesDir: mkdtempSync(join(tmpdir(), 'mt5-files-')), pollMs: 10 });
  terminal.start();
  await expect.poll(() => received.some((line) => line.type === 'hello')).toBe(true);
  const send = (text: string) => socket!.write(text);
  const waitFor = (match: (line: Record<string, unknown>) => boolean) => expect.poll(() => received.some(match), { timeout: 5_000 }).toBe(true);

  send('{"id":"0","cmd":"account"}\n');
  send('{"type":"welcome","v":1,"heartbeatMs":5000,"app":"raw"}\n');
  await expect.poll(() => terminal!.welcomed).toBe(true);
  send('{oops\n');
  await waitFor((line) => line.ok === false && (line.error as { code: string }).code === 'bad_json');
  send(`{"id":"1","cmd":"account","pad":"${'x'.repeat(1024 * 1024)}"}\n`);
  await waitFor((line) => line.ok === false && (line.error as { code: string }).code === 'line_too_long');
  send('{"id":"2","cmd":"teleport"}\n');
  await waitFor((line) => line.id === '2' && (line.error as { code: string }).code === 'unknown_command');
  send('{"id":"3","cmd":"order_send","cid":"no spaces allowed","symbol":"EURUSD","side":"buy","orderType":"market","volume":0.1}\n');
  await waitFor((line) => line.id === '3' && (line.error as { code: string }).code === 'bad_request');
  send('{"id":"4","cmd":"account"}\n');
  await waitFor((line) => line.id === '4' && line.ok === true);
  // The request sent before the welcome was never answered, the oversized one neither.
  expect(received.some((line) => line.id === '0' || line.id === '1')).toBe(false);
  expect(terminal.server.deals).toHaveLength(0);
});
