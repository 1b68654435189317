// Records a scripted bridge session (the app's real server, the fake terminal, a fixed clock) and compares it, line
// for line in both directions, with the golden transcript the app's own replay test uses
// (src-main/exchanges/mt5/testing/transcripts). RECORD_MT5_TRANSCRIPTS=1 rewrites the file after a deliberate
// protocol change; review its diff like code.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startBridgeHarness, type BridgeHarness } from './bridge-harness';

const FILE = join(__dirname, '../../src-main/exchanges/mt5/testing/transcripts/session.ndjson');
const NOON = Date.UTC(2026, 0, 7, 12);
let harness: BridgeHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

it('the app and the fake terminal speak exactly the golden session transcript', async () => {
  const quiet = { heartbeatMs: 3_600_000, silentMs: 7_200_000 };
  harness = await startBridgeHarness(quiet);
  const { session, terminal } = await harness.attach({ ...quiet, pollMs: 3_600_000, account: { clock: () => NOON } });
  await session.request('symbols', { symbol: 'EURUSD' });
  await session.request('account', {});
  const open = await session.request('order_send', { cid: 'k3j2h1', symbol: 'EURUSD', side: 'buy', orderType: 'market', volume: 0.1, deviation: 10 });
  await session.request('order_send', { cid: 'k3j2h1', symbol: 'EURUSD', side: 'buy', orderType: 'market', volume: 0.1, deviation: 10 });
  await session.request('positions', {});
  await session.request('modify', { target: 'position', ticket: open.order, sl: 1.079, tp: 1.09 });
  const pending = await session.request('order_send', { cid: 'a8b7', symbol: 'EURUSD', side: 'buy', orderType: 'limit', volume: 0.2, price: 1.075 });
  await session.request('orders', {});
  await session.request('cancel', { ticket: pending.order });
  await session.request('close', { ticket: open.order, cid: 'c9x8', volume: 0.05 });
  await session.request('find', { cid: 'c9x8' });
  await session.request('deals', { from: NOON - 60_000, to: NOON + 60_000 });
  await session.request('rates', { symbol: 'EURUSD', timeframe: 'M1', from: NOON - 180_000, to: NOON - 60_000 });
  await session.request('subscribe', { stream: 'ticks', symbol: 'EURUSD' });
  await session.request('unsubscribe', { stream: 'ticks', symbol: 'EURUSD' });
  await expect(session.request('cancel', { ticket: '123' })).rejects.toMatchObject({ failure: 'not_found' });
  const recorded = terminal.wire.map(({ from, line }) => ({ [from]: JSON.parse(line) as unknown }));
  if (process.env.RECORD_MT5_TRANSCRIPTS === '1') writeFileSync(FILE, recorded.map((line) => JSON.stringify(line)).join('\n') + '\n');
  const golden = readFileSync(FILE, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);
  expect(recorded).toEqual(golden);
});
