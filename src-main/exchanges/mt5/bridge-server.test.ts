import { afterEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../secrets/testing';
import { BridgeError } from './bridge-error';
import { Mt5BridgeServer } from './bridge-server';
import { getOrCreatePairingToken, PAIRING_TOKEN_ENTRY } from './pairing-token';
import { MAX_LINE_BYTES, type Push } from './protocol';
import type { Mt5Session } from './session';
import { helloLine, rawClient, TEST_TOKEN, type RawClient } from './testing/raw-client';

const logged: string[] = [];
const log = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m) };
let server: Mt5BridgeServer | undefined;
const clients: RawClient[] = [];

async function start(options: Partial<ConstructorParameters<typeof Mt5BridgeServer>[0]> = {}) {
  logged.length = 0;
  server = new Mt5BridgeServer({ pairingToken: async () => TEST_TOKEN, appName: 'Test', log, ...options });
  const port = await server.listen(0);
  const sessions: Mt5Session[] = [];
  server.onSession((session) => sessions.push(session));
  const connect = async () => {
    const client = await rawClient(port);
    clients.push(client);
    return client;
  };
  const welcomed = async (overrides: Record<string, unknown> = {}) => {
    const client = await connect();
    client.send(helloLine(overrides));
    await client.next((line) => line.type === 'welcome');
    await waitFor(() => sessions.length > 0 && sessions.at(-1)!.login === (overrides.login ?? '5012345'));
    return { client, session: sessions.at(-1)! };
  };
  return { server: server!, port, sessions, connect, welcomed };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.end();
  await server?.close();
  server = undefined;
});

describe('Mt5BridgeServer handshake', () => {
  it('welcomes a hello with the pairing token and exposes the terminal without its token', async () => {
    const { welcomed, server: s } = await start();
    const { session } = await welcomed();
    expect(session.terminal).toMatchObject({ login: '5012345', server: 'Broker-Demo', marginMode: 'hedging', currency: 'USD' });
    expect(JSON.stringify(session.terminal)).not.toContain(TEST_TOKEN);
    expect(s.connectedLogins()).toEqual(['5012345']);
  });

  it('refuses a wrong token with its reason, closes, and logs login and server but never the token', async () => {
    const { connect, server: s } = await start();
    const refusals: unknown[] = [];
    s.onRefusal((refusal) => refusals.push(refusal));
    const client = await connect();
    const wrong = '0123456789abcdef'.repeat(4);
    client.send(helloLine({ token: wrong }));
    expect(await client.next((line) => line.type === 'refused')).toMatchObject({ reason: 'token' });
    await client.closed;
    expect(s.connectedLogins()).toEqual([]);
    expect(logged.join('\n')).toContain('5012345');
    expect(logged.join('\n')).not.toContain(wrong);
    expect(logged.join('\n')).not.toContain(TEST_TOKEN);
    expect(refusals).toEqual([expect.objectContaining({ reason: 'token', login: '5012345', server: 'Broker-Demo', message: expect.stringContaining('Connect MetaTrader 5') })]);
    expect(JSON.stringify(refusals)).not.toContain(wrong);
  });

  it('refuses another protocol version and a first line that is not a hello', async () => {
    const { connect } = await start();
    const old = await connect();
    old.send(helloLine({ v: 99 }));
    expect(await old.next((line) => line.type === 'refused')).toMatchObject({ reason: 'version' });
    const rude = await connect();
    rude.send({ push: 'tick', symbol: 'EURUSD' });
    expect(await rude.next((line) => line.type === 'refused')).toMatchObject({ reason: 'hello' });
  });

  it('closes a connection that never says hello', async () => {
    const { connect } = await start({ helloTimeoutMs: 100 });
    const client = await connect();
    await client.closed;
  });

  it('closes connections beyond 16 waiting for their welcome, and takes new ones once those are gone', async () => {
    const { connect, server: s } = await start();
    const waiting = await Promise.all(Array.from({ length: 16 }, () => connect()));
    const extra = await connect();
    await extra.closed;
    for (const client of waiting) client.end();
    // The server hears of those closes in its own time: try until a newcomer is kept and welcomed.
    const until = Date.now() + 5_000;
    for (;;) {
      const client = await connect();
      client.send(helloLine());
      const outcome = await Promise.race([client.next((line) => line.type === 'welcome').then(() => 'welcomed'), client.closed.then(() => 'closed')]);
      if (outcome === 'welcomed') break;
      if (Date.now() > until) throw new Error('no connection was taken after the waiting ones left');
    }
    expect(s.connectedLogins()).toEqual(['5012345']);
  });

  it('takes the token from the secret store, made once and kept', async () => {
    const secrets = new MemorySecretStore();
    const token = await getOrCreatePairingToken(secrets);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(await getOrCreatePairingToken(secrets)).toBe(token);
    expect(await secrets.get(PAIRING_TOKEN_ENTRY)).toBe(token);
    const { connect } = await start({ pairingToken: () => getOrCreatePairingToken(secrets) });
    const client = await connect();
    client.send(helloLine({ token }));
    await client.next((line) => line.type === 'welcome');
  });

  it('lets a second connection of the same login replace the first only after it proves the token', async () => {
    const { welcomed, connect, server: s } = await start();
    const first = await welcomed();
    const impostor = await connect();
    impostor.send(helloLine({ token: 'nope' }));
    await impostor.next((line) => line.type === 'refused');
    expect(first.session.open).toBe(true);
    const pending = expect(first.session.request('account', {})).rejects.toMatchObject({ failure: 'disconnected', code: 'DISCONNECTED' });
    const second = await welcomed();
    expect(await first.client.next((line) => line.type === 'bye')).toMatchObject({ reason: 'replaced' });
    await pending;
    await first.client.closed;
    expect(s.session('5012345')).toBe(second.session);
    // A demo and a live terminal side by side.
    await welcomed({ login: '7770001', server: 'Broker-Live' });
    expect(s.connectedLogins().sort()).toEqual(['5012345', '7770001']);
  });
});

describe('Mt5Session', () => {
  it('matches replies to requests by id, whatever their order', async () => {
    const { welcomed } = await start();
    const { client, session } = await welcomed();
    const account = session.request('account', {});
    const positions = session.request('positions', {});
    const accountReq = await client.next((line) => line.cmd === 'account');
    const positionsReq = await client.next((line) => line.cmd === 'positions');
    client.send({ id: positionsReq.id, ok: true, result: { positions: [] } });
    client.send({
      id: accountReq.id, ok: true,
      result: { login: '5012345', currency: 'USD', balance: 10_000, equity: 10_001, margin: 0, freeMargin: 10_001, marginLevel: 0, leverage: 100, marginMode: 'hedging', tradeAllowed: true },
    });
    expect(await positions).toEqual({ positions: [] });
    expect(await account).toMatchObject({ balance: 10_000, equity: 10_001 });
  });

  it('sends flat requests and refuses bad arguments before sending', async () => {
    const { welcomed } = await start();
    const { client, session } = await welcomed();
    await expect(session.request('order_send', { cid: 'has space', symbol: 'EURUSD', side: 'buy', orderType: 'market', volume: 0.1 })).rejects.toBeInstanceOf(BridgeError);
    session.request('rates', { symbol: 'EURUSD', timeframe: 'M1', from: 1, to: 2 }).catch(() => undefined);
    const sent = await client.next((line) => line.cmd === 'rates');
    expect(Object.values(sent).every((value) => typeof value !== 'object')).toBe(true);
    expect(client.lines.some((line) => (line as { cmd?: string }).cmd === 'order_send')).toBe(false);
  });

  it('fails a request on its deadline and drops the late and the repeated reply', async () => {
    const { welcomed } = await start();
    const { client, session } = await welcomed();
    const late = session.request('account', {}, 50);
    const request = await client.next((line) => line.cmd === 'account');
    await expect(late).rejects.toMatchObject({ failure: 'timeout', code: 'TIMEOUT' });
    client.send({ id: request.id, ok: true, result: {} });
    await waitFor(() => logged.some((line) => line.includes('nothing waits for')));
    const once = session.request('positions', {});
    const again = await client.next((line) => line.cmd === 'positions');
    const reply = { id: again.id, ok: true, result: { positions: [] } };
    client.send(reply);
    client.send(reply);
    await expect(once).resolves.toEqual({ positions: [] });
    await waitFor(() => logged.filter((line) => line.includes('nothing waits for')).length === 2);
    expect(session.open).toBe(true);
  });

  it('turns an error reply into a typed BridgeError and a malformed result into bad_reply', async () => {
    const { welcomed } = await start();
    const { client, session } = await welcomed();
    const missing = session.request('cancel', { ticket: '1' });
    const cancel = await client.next((line) => line.cmd === 'cancel');
    client.send({ id: cancel.id, ok: false, error: { code: 'not_found', message: 'no pending order 1' } });
    await expect(missing).rejects.toMatchObject({ failure: 'not_found', code: 'NOT_FOUND', message: 'no pending order 1' });
    const odd = session.request('account', {});
    const account = await client.next((line) => line.cmd === 'account');
    client.send({ id: account.id, ok: true, result: { balance: 'lots' } });
    await expect(odd).rejects.toMatchObject({ failure: 'bad_reply' });
  });

  it('answers bad JSON, an unknown line and a line over 1 MiB with errors and keeps the session', async () => {
    const { welcomed } = await start();
    const { client, session } = await welcomed();
    client.send('{"not json\n');
    expect(await client.next((line) => line.ok === false)).toMatchObject({ id: null, error: { code: 'bad_json' } });
    client.send({ cmd: 'surprise', id: '9' });
    expect(await client.next((line) => line.ok === false && line.id === '9')).toMatchObject({ error: { code: 'bad_request' } });
    client.send(`{"push":"tick","pad":"${'x'.repeat(MAX_LINE_BYTES)}"}\n`);
    expect(await client.next((line) => (line.error as { code?: string } | undefined)?.code === 'line_too_long')).toMatchObject({ id: null });
    const pushes: Push[] = [];
    session.onPush((push) => pushes.push(push));
    client.send({ push: 'tick', symbol: 'EURUSD', time: 1, bid: 1.1, ask: 1.2, last: 0, volume: 0 });
    await waitFor(() => pushes.length === 1);
    expect(pushes[0]).toEqual({ push: 'tick', symbol: 'EURUSD', time: 1, bid: 1.1, ask: 1.2, last: 0, volume: 0 });
    expect(session.open).toBe(true);
  });

  it('disconnects a silent EA after the missed heartbeats and fails what was in flight', async () => {
    const { welcomed } = await start({ heartbeatMs: 20, silentMs: 150 });
    const { client, session } = await welcomed();
    await client.next((line) => line.type === 'heartbeat');
    const inFlight = session.request('account', {}, 5_000);
    await expect(inFlight).rejects.toMatchObject({ failure: 'disconnected' });
    expect(session.open).toBe(false);
    await client.closed;
  });

  it('keeps a session alive while the EA sends heartbeats', async () => {
    const { welcomed } = await start({ heartbeatMs: 20, silentMs: 150 });
    const { client, session } = await welcomed();
    for (let i = 0; i < 8; i++) {
      client.send({ type: 'heartbeat', time: Date.now(), serverOffsetMs: 10_800_000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(session.open).toBe(true);
    expect(session.serverOffsetMs).toBe(10_800_000);
  });
});
