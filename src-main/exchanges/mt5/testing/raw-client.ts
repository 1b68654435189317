// A bare NDJSON client for the bridge's own tests: sends exactly the bytes it is given and collects every line,
// so a test can speak out of turn (bad JSON, huge lines, replies nobody asked for) where the fake terminal never would.
import { connect, type Socket } from 'node:net';

export interface RawClient {
  socket: Socket;
  lines: unknown[];
  send(value: object | string): void;
  /** Resolves with the first received line (from now on, or already received) that `match` accepts. */
  next(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  closed: Promise<void>;
  end(): void;
}

export async function rawClient(port: number): Promise<RawClient> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const lines: unknown[] = [];
  const waiters = new Set<() => void>();
  let rest = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    rest += chunk;
    let newline: number;
    while ((newline = rest.indexOf('\n')) !== -1) {
      lines.push(JSON.parse(rest.slice(0, newline)));
      rest = rest.slice(newline + 1);
    }
    for (const waiter of [...waiters]) waiter();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  return {
    socket,
    lines,
    send: (value) => socket.write(typeof value === 'string' ? value : `${JSON.stringify(value)}\n`),
    next(match, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < lines.length; seen++) {
            const line = lines[seen] as Record<string, unknown>;
            if (match(line)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(line);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching line within ${timeoutMs} ms; got ${JSON.stringify(lines).slice(-500)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    closed,
    end: () => socket.destroy(),
  };
}

export const TEST_TOKEN = 'f'.repeat(64);

export function helloLine(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'hello', v: 1, token: TEST_TOKEN, login: '5012345', server: 'Broker-Demo', company: 'Broker Ltd', name: 'J. Trader',
    currency: 'USD', leverage: 100, marginMode: 'hedging', tradeAllowed: true, build: 4620, eaVersion: '1.0.0', serverOffsetMs: 7_200_000,
    ...overrides,
  };
}
