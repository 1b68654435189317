// Three real host processes (the built app) in shared mode on one redis-server this spec starts: together they keep
// to one rate budget on the fake Binance (documented weights, 429 over the limit, 418 for a client that keeps going),
// and an alert that fires in one of them becomes one e-mail on the test SMTP server, logged in every process.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { startFakeBinance, TEST_ACCOUNT, type FakeBinance } from '../fakes/binance';
import { startTestSmtpServer } from '../fakes/smtp';
import { startTestRedis, type TestRedis } from '../src-main/shared-mode/testing/redis-server';
import { openApi, type ApiResponse, type ApiSocket } from './api-call';
import { freshDataDir, startHostProcess, type HostProcess } from './host-process';
import { attachScreenshot, expect, test } from './fixtures';

interface SharedHost {
  host: HostProcess;
  api: ApiSocket;
  ok<T>(channel: string, payload: unknown): Promise<T>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(read: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

let redis: TestRedis;
const running: SharedHost[] = [];

test.beforeEach(async () => {
  redis = await startTestRedis();
});
test.afterEach(async () => {
  for (const { host, api } of running.splice(0)) {
    api.close();
    await host.stop();
  }
  await redis.stop();
});

async function startSharedHosts(names: string[]): Promise<SharedHost[]> {
  const hosts = await Promise.all(names.map((name) => startHostProcess({ extraArgs: ['--redis', redis.url, '--process-name', name] })));
  for (const host of hosts) {
    const api = await openApi(host, host.token);
    const ok = async <T>(channel: string, payload: unknown): Promise<T> => {
      const response = await api.request(channel, payload);
      if (!response.ok) throw new Error(`${channel}: ${JSON.stringify(response.error)}`);
      return response.result as T;
    };
    running.push({ host, api, ok });
  }
  const started = running.slice(-names.length);
  // Each sees the others (presence), so the budget is shared three ways from the start.
  for (const shared of started) {
    await waitFor(async () => (await shared.ok<{ processes: unknown[] }>('shared:status', {})).processes.length === names.length, 'every process listed');
  }
  return started;
}

test.describe('three host processes on one Redis', () => {
  test('share one Binance budget for 60 s: no 429, no 418, and at least 80 % of it used', async () => {
    test.setTimeout(180_000);
    const binance: FakeBinance = await startFakeBinance({ banAfter: 3 });
    try {
      const hosts = await startSharedHosts(['a', 'b', 'c']);
      // Each process trades its own account on the venue (the same key, as a trader's several processes would).
      const accounts = new Map<SharedHost, string>();
      for (const shared of hosts) {
        const { ok } = shared;
        const account = await ok<{ id: string; status: string }>('accounts:add', {
          venue: 'binance', apiKey: TEST_ACCOUNT.apiKey, secret: TEST_ACCOUNT.secret, restBaseUrl: binance.url, wsBaseUrl: 'ws://127.0.0.1:9',
        });
        expect(account.status).toBe('connected');
        accounts.set(shared, account.id);
      }

      // Public and private calls, each through the app's own path to the venue (weights 2, 2, 20 and 40).
      const calls: Array<(i: number, account: string) => [string, unknown]> = [
        () => ['market:ticker', { venue: 'binance', symbol: 'BTC/USDT' }],
        (i) => ['market:candles', { venue: 'binance', symbol: i % 2 ? 'BTC/USDT' : 'ETH/USDT', timeframe: '1m', limit: 10 }],
        () => ['orders:balances', { venue: 'binance', mode: 'live' }],
        (_i, account) => ['accounts:test', { id: account }],
      ];
      const mark = binance.log.entries.length;
      const weightBefore = binance.acceptedWeight();
      const started = Date.now();
      const until = started + 60_000;
      const answers: Record<string, number> = {};
      const worker = async (shared: SharedHost, seed: number) => {
        for (let i = seed; Date.now() < until; i++) {
          const [channel, payload] = calls[i % calls.length]!(i, accounts.get(shared)!);
          const response: ApiResponse = await shared.api.request(channel, payload);
          const key = response.ok ? 'ok' : response.error!.code;
          answers[key] = (answers[key] ?? 0) + 1;
          if (!response.ok) await sleep(50);
        }
      };
      await Promise.all(hosts.flatMap((host) => [0, 1, 2, 3, 4, 5].map((seed) => worker(host, seed))));
      const elapsedMs = Date.now() - started;

      const statuses: Record<number, number> = {};
      for (const entry of binance.log.entries.slice(mark)) statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
      const use = (binance.acceptedWeight() - weightBefore) / ((6_000 * elapsedMs) / 60_000);
      test.info().annotations.push({ type: 'budget', description: JSON.stringify({ statuses, answers, use: Number(use.toFixed(3)) }) });
      expect(statuses[429] ?? 0).toBe(0);
      expect(statuses[418] ?? 0).toBe(0);
      // Every request was answered by the venue, or waited for the budget; none was refused for the budget's sake.
      expect(Object.keys(answers)).toEqual(['ok']);
      expect(use).toBeGreaterThanOrEqual(0.8);
    } finally {
      await binance.close();
    }
  });

  test('an alert that fires in one process becomes one e-mail, and every process logs it', async () => {
    test.setTimeout(150_000);
    const smtp = await startTestSmtpServer({ user: 'alerts', password: 'smtp-secret-3104' });
    try {
      const hosts = await startSharedHosts(['laptop', 'vps-1', 'vps-2']);
      for (const { ok } of hosts) {
        await ok('notifications:update', {
          email: { enabled: true, host: '127.0.0.1', port: smtp.port, security: 'none', user: 'alerts', from: 'bot@example.test', to: 'trader@example.test' },
          smtpPassword: 'smtp-secret-3104',
        });
      }
      // Two lines just above and below the demo price, in the laptop only: the demo walk leaves that band soon.
      const [laptop] = hosts;
      const { last } = await laptop!.ok<{ last: number }>('market:ticker', { venue: 'demo', symbol: 'BTC/USDT' });
      const band = last * 0.0003;
      const rules: Array<{ id: string }> = [];
      for (const threshold of [last + band, last - band]) {
        rules.push(await laptop!.ok('alerts:create', { venue: 'demo', symbol: 'BTC/USDT', kind: 'crossing', threshold: Number(threshold.toFixed(2)) }));
      }
      await waitFor(async () => (await laptop!.ok<unknown[]>('alerts:history', { limit: 50 })).length > 0, 'an alert fired', 60_000);
      for (const rule of rules) await laptop!.ok('alerts:delete', { id: rule.id });
      const firings = (await laptop!.ok<unknown[]>('alerts:history', { limit: 50 })).length;

      type Entry = { type: string; channel: string; outcome: string; detail: string };
      const emailEntries = async ({ ok }: SharedHost) =>
        (await ok<{ entries: Entry[] }>('notifications:log', { limit: 100 })).entries.filter((e) => e.type === 'price-alert' && e.channel === 'email');
      await waitFor(
        async () => smtp.messages.length >= firings && (await Promise.all(hosts.map(emailEntries))).every((entries) => entries.length >= firings),
        'the e-mails and every log entry',
      );
      await sleep(2_000); // nothing more arrives
      expect(smtp.messages).toHaveLength(firings);
      const logs = await Promise.all(hosts.map(emailEntries));
      for (const entries of logs) expect(entries).toHaveLength(firings);
      expect(logs.flat().filter((e) => e.outcome === 'sent')).toHaveLength(firings);
      const others = logs.flat().filter((e) => e.outcome === 'other-process');
      expect(others).toHaveLength(2 * firings);
      for (const entry of others) expect(entry.detail).toMatch(/^sent by (laptop|vps-1|vps-2): 250 /);
      test.info().annotations.push({ type: 'e-mails', description: `${firings} firing(s), ${smtp.messages.length} e-mail(s)` });
    } finally {
      await smtp.close();
    }
  });
});

test('shared mode saved in the Accounts screen applies at the next start, its password kept out of the page', async ({ page, pageErrors }) => {
  test.setTimeout(120_000);
  const guarded = await startTestRedis({ password: 'redis-ui-pass-8' });
  const address = guarded.url.replace(/\/\/:[^@]*@/, '//');
  const dataDir = freshDataDir();
  let host = await startHostProcess({ dataDir });
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Accounts' }).click();
    const form = page.getByRole('form', { name: 'Shared mode settings' });
    await form.getByLabel('Redis address').fill(address);
    await form.getByLabel('Redis password').fill('redis-ui-pass-8');
    await form.getByLabel('Name of this process').fill('desk-ui');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('status')).toHaveText('Saved: it applies when the app starts next.');
    await expect(form.getByLabel('Redis password')).toHaveValue('');
    await expect(form.getByLabel('Redis password')).toHaveAttribute('placeholder', 'saved (type to replace it)');
    expect(await page.content()).not.toContain('redis-ui-pass-8');
    await attachScreenshot(page, 'shared-mode-settings');

    // A bad address is refused in words, and changes nothing.
    await form.getByLabel('Redis address').fill('http://example.com');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('alert')).toContainText('redis://');

    // Closed first, so that its reconnects to the stopped host are not counted as the new page's errors.
    await page.goto('about:blank');
    await host.stop();
    host = await startHostProcess({ dataDir });
    await page.goto(host.url);
    const panel = page.getByRole('region', { name: 'Processes' });
    await expect(panel).toContainText('desk-ui (this one)', { timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  } finally {
    await host.stop();
    await guarded.stop();
  }
});

test('a host reaches Redis over TLS (rediss://) with a password, and never shows the password', async () => {
  const folder = freshDataDir();
  const { cert, private: key } = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const certFile = join(folder, 'redis-cert.pem');
  const keyFile = join(folder, 'redis-key.pem');
  writeFileSync(certFile, cert);
  writeFileSync(keyFile, key, { mode: 0o600 });
  const secure = await startTestRedis({ password: 'tls-pass-19', tls: { certFile, keyFile } });
  // The host trusts this certificate only (as a trader would add a private CA); node-redis verifies it.
  const host = await startHostProcess({ extraArgs: ['--redis', secure.url, '--process-name', 'tls-one'], env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile } });
  const api = await openApi(host, host.token);
  try {
    const status = await waitFor(async () => {
      const response = await api.request('shared:status', {});
      const result = response.result as { processes: Array<{ name: string }>; redis?: string; unreachableSince?: number };
      return result.processes.some((p) => p.name === 'tls-one') && result;
    }, 'the process listed through the TLS connection');
    expect(status.redis).toBe(`rediss://127.0.0.1:${secure.port}`);
    expect(status.unreachableSince).toBeUndefined();
    expect(JSON.stringify(status)).not.toContain('tls-pass-19');
    expect(host.output()).not.toContain('tls-pass-19');
  } finally {
    api.close();
    await host.stop();
    await secure.stop();
  }
});
