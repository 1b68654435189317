// Bad input everywhere: every channel of the contract (CHANNELS, so a new one is covered without a change here) gets
// 200 random and boundary requests over the real WebSocket of a real host, on the demo venue with every outward
// address on a closed local port. Every answer must be a typed error or a result the contract's schema accepts, none
// an INTERNAL (a bug reached by bad input), the host must keep answering, and a refused request must write nothing:
// the refused requests are replayed on a fresh host, where nothing valid was ever sent, and the whole database is
// compared before and after each one. Seeded (TBS_FUZZ_SEED to replay another run); prints its figures.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiErrorData, CHANNELS, contract, ERROR_CODES, type ApiResponse, type Channel } from '../../src-shared';
import { createCore, DATABASE_FILE, type Core } from '../core';
import { providerUrlsFromEnv } from '../market-data';
import { startHost, type RunningHost } from './server';
import { openApiSocket, ReplyTimeout, type ApiSocket } from './testing/api-socket';
import { CLOSED_PORT, fuzzCases, type FuzzCase } from './testing/fuzz-payloads';

const SEED = Number(process.env.TBS_FUZZ_SEED ?? 20_261_204);
const TOKEN = 'fuzz-operator-token-0123456789';
/** A request not answered within this is a hang. */
const REPLY_TIMEOUT_MS = 20_000;

interface RunningApp {
  core: Core;
  host: RunningHost;
  api: ApiSocket;
  dbFile: string;
}

const started: RunningApp[] = [];

async function startApp(): Promise<RunningApp> {
  const renderer = mkdtempSync(join(tmpdir(), 'tbs-renderer-'));
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  const dataDir = mkdtempSync(join(tmpdir(), 'tbs-fuzz-'));
  const core = await createCore({
    dataDir,
    transport: 'websocket',
    demoSeed: 11,
    // Subscriptions answer after the first tick: a fast demo feed keeps hundreds of them quick.
    demoTickMs: 100,
    marketDataUrls: providerUrlsFromEnv({ TBS_MARKET_DATA_BASE_URL: `http://127.0.0.1:${CLOSED_PORT}` }),
    twilioBaseUrl: `http://127.0.0.1:${CLOSED_PORT}`,
  });
  const host = await startHost({ dispatcher: core.dispatcher, token: TOKEN, rendererDir: renderer, port: 0 });
  const app = { core, host, api: await openApiSocket(host.port, TOKEN), dbFile: join(dataDir, DATABASE_FILE) };
  started.push(app);
  return app;
}

afterAll(async () => {
  for (const { api, host, core } of started) {
    await api.close();
    await host.close();
    await core.close();
  }
});

/**
 * Watches the app's database through a connection of its own: `data_version` changes whenever another connection
 * commits (a cheap check after every request), and `dump` digests every table to tell a real change from a no-op.
 */
class DatabaseWatch {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
  }

  version(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  dump(): Map<string, string> {
    const tables = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
    return new Map(
      tables.map(({ name }) => {
        const rows = this.db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).raw().all();
        const text = JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
        return [name, createHash('sha256').update(text).digest('hex')];
      }),
    );
  }

  close(): void {
    this.db.close();
  }
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name));
}

interface Sent {
  channel: Channel;
  fuzzCase: FuzzCase;
  response: ApiResponse;
  ms: number;
}

async function send(api: ApiSocket, channel: Channel, fuzzCase: FuzzCase): Promise<{ response: ApiResponse; ms: number }> {
  const start = performance.now();
  let response: ApiResponse;
  if (fuzzCase.kind === 'payload') {
    response = await api.call(channel, fuzzCase.payload, REPLY_TIMEOUT_MS);
  } else {
    const id = api.nextId();
    response = await api.raw(fuzzCase.text(id), fuzzCase.expectsId ? id : null, REPLY_TIMEOUT_MS);
  }
  return { response, ms: performance.now() - start };
}

function describeCase(fuzzCase: FuzzCase): string {
  const text = fuzzCase.kind === 'raw' ? fuzzCase.text(0) : (JSON.stringify(fuzzCase.payload) ?? 'undefined');
  return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text;
}

/** Why an answer breaks the contract, or undefined when it is a typed error or a valid result. */
function contractBreach(channel: Channel, response: ApiResponse): string | undefined {
  if (response.ok) {
    const parsed = contract[channel].res.safeParse(response.result);
    return parsed.success ? undefined : `result does not match the contract: ${parsed.error.message.slice(0, 300)}`;
  }
  if (!ApiErrorData.safeParse(response.error).success || !ERROR_CODES.includes(response.error.code)) return `untyped error ${JSON.stringify(response.error)}`;
  if (response.error.code === 'INTERNAL') return `INTERNAL: ${response.error.message.slice(0, 300)}`;
  return undefined;
}

describe('API fuzz over the WebSocket', () => {
  const refused: Array<{ channel: Channel; fuzzCase: FuzzCase }> = [];

  it('answers every bad request with a typed error or a valid result, and stays up', { timeout: 300_000 }, async () => {
    const app = await startApp();
    const sent: Sent[] = [];
    const breaches: string[] = [];
    for (const [index, channel] of CHANNELS.entries()) {
      for (const fuzzCase of fuzzCases(channel, SEED + index)) {
        let reply: { response: ApiResponse; ms: number };
        try {
          reply = await send(app.api, channel, fuzzCase);
        } catch (error) {
          if (error instanceof ReplyTimeout) throw new Error(`${channel} hung on ${describeCase(fuzzCase)}`, { cause: error });
          throw error;
        }
        sent.push({ channel, fuzzCase, ...reply });
        const breach = contractBreach(channel, reply.response);
        if (breach) breaches.push(`${channel} ${describeCase(fuzzCase)} → ${breach}`);
        if (!reply.response.ok) refused.push({ channel, fuzzCase });
      }
    }

    // A frame over the host's 1 MiB limit ends that socket (close code 1009), never the host.
    const oversized = await openApiSocket(app.host.port, TOKEN);
    const closed = new Promise<number>((resolve) => oversized.socket.once('close', (code) => resolve(code)));
    oversized.socket.send(JSON.stringify({ type: 'req', id: 1, channel: 'orders:place', payload: { text: 'x'.repeat(2_000_000) } }));
    expect(await closed).toBe(1009);
    expect(await app.api.call('app:info', {})).toMatchObject({ ok: true, result: { name: expect.any(String) as string } });
    const fresh = await openApiSocket(app.host.port, TOKEN);
    expect(await fresh.call('app:info', {})).toMatchObject({ ok: true });
    await fresh.close();

    const byCode = new Map<string, number>();
    for (const { response } of sent) {
      const key = response.ok ? 'ok' : response.error.code;
      byCode.set(key, (byCode.get(key) ?? 0) + 1);
    }
    const slowest = sent.reduce((a, b) => (b.ms > a.ms ? b : a));
    const channelMs = new Map<string, number>();
    for (const { channel, ms } of sent) channelMs.set(channel, (channelMs.get(channel) ?? 0) + ms);
    const slowestChannels = [...channelMs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([c, ms]) => `${c} ${Math.round(ms)} ms`);
    const perChannel = sent.length / CHANNELS.length;
    console.log(
      JSON.stringify({
        fuzz: 'api-over-websocket',
        seed: SEED,
        channels: CHANNELS.length,
        payloadsPerChannel: perChannel,
        requests: sent.length,
        rawFrames: sent.filter((s) => s.fuzzCase.kind === 'raw').length,
        repliesByCode: Object.fromEntries([...byCode.entries()].sort((a, b) => b[1] - a[1])),
        slowest: { channel: slowest.channel, ms: Math.round(slowest.ms), code: slowest.response.ok ? 'ok' : slowest.response.error.code },
        slowestChannels,
        totalS: Math.round(sent.reduce((sum, s) => sum + s.ms, 0) / 100) / 10,
      }),
    );
    expect(perChannel).toBe(200);
    expect(breaches).toEqual([]);
    expect(WebSocket.OPEN).toBe(app.api.socket.readyState);
  });

  it('writes nothing for a refused request (replayed on a fresh host, the database compared around each one)', { timeout: 300_000 }, async () => {
    expect(refused.length).toBeGreaterThan(0);
    const app = await startApp();
    // The fresh host has settled once it answers; from here on only refused requests reach it.
    await app.api.call('app:info', {});
    const watch = new DatabaseWatch(app.dbFile);
    let before = watch.dump();
    let version = watch.version();
    const writes: string[] = [];
    let stillRefused = 0;
    for (const { channel, fuzzCase } of refused) {
      const { response } = await send(app.api, channel, fuzzCase);
      if (watch.version() === version) {
        if (!response.ok) stillRefused += 1;
        continue;
      }
      const after = watch.dump();
      version = watch.version();
      // Refused on the first host because of its state (an order it had, the kill switch it had engaged) but valid
      // here: a legitimate write, so the comparison starts again from after it.
      if (!response.ok) {
        stillRefused += 1;
        const changed = changedTables(before, after);
        if (changed.length > 0) writes.push(`${channel} ${describeCase(fuzzCase)} → ${response.error.code}, wrote ${changed.join(', ')}`);
      }
      before = after;
    }
    console.log(JSON.stringify({ fuzz: 'refused-writes-nothing', replayed: refused.length, stillRefused, writes: writes.length }));
    expect(writes).toEqual([]);
    expect(stillRefused).toBeGreaterThan(refused.length * 0.9);
    // The watch does see a write: an accepted change of the preferences shows in it.
    expect(await app.api.call('settings:update', { timeframe: '4h' })).toMatchObject({ ok: true });
    expect(watch.version()).not.toBe(version);
    expect(changedTables(before, watch.dump())).not.toEqual([]);
    watch.close();
  });
});
