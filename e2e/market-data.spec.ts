// The price comparison and the data-provider settings in the real UI, against the real headless host whose data
// APIs all point at one local fake (TBS_MARKET_DATA_BASE_URL) speaking their documented JSON.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHostProcess, type HostProcess } from './host-process';
import { attachScreenshot, expect, test } from './fixtures';

const CMC_KEY = 'e2e-cmc-key-5b7d1e9a';
const seenCmcKeys: string[] = [];
let fake: Server;
let host: HostProcess;

function reply(path: string, headers: Record<string, string | string[] | undefined>): { status: number; body: unknown } {
  const now = Date.now();
  if (path.startsWith('/v8/finance/chart/')) {
    return { status: 200, body: { chart: { result: [{ meta: { regularMarketPrice: 64_321.5, regularMarketTime: Math.floor(now / 1000) - 30 } }], error: null } } };
  }
  if (path === '/v2/cryptocurrency/quotes/latest') {
    seenCmcKeys.push(String(headers['x-cmc_pro_api_key']));
    const updated = new Date(now - 120_000).toISOString();
    return {
      status: 200,
      body: { status: { error_code: 0, error_message: null }, data: { BTC: [{ symbol: 'BTC', last_updated: updated, quote: { USD: { price: 64_300.25, last_updated: updated } } }] } },
    };
  }
  return { status: 404, body: { status: 'NOT_FOUND', message: 'not served by this fake' } };
}

test.beforeEach(async () => {
  fake = createServer((req, res) => {
    const { status, body } = reply(new URL(req.url ?? '/', 'http://x').pathname, req.headers);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const previous = process.env.TBS_MARKET_DATA_BASE_URL;
  process.env.TBS_MARKET_DATA_BASE_URL = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  try {
    host = await startHostProcess();
  } finally {
    if (previous === undefined) delete process.env.TBS_MARKET_DATA_BASE_URL;
    else process.env.TBS_MARKET_DATA_BASE_URL = previous;
  }
});

test.afterEach(async () => {
  await host.stop();
  await new Promise<void>((resolve) => fake.close(() => resolve()));
});

test('compares one symbol across sources with their age, and a key set in settings shows only as "Key set"', async ({ page, pageErrors }) => {
  await page.goto(host.url);
  const panel = page.getByRole('region', { name: 'Price comparison' });
  const yahoo = panel.locator('tr[data-provider="yahoo"]');
  await expect(yahoo).toContainText('BTC-USD');
  await expect(yahoo).toContainText('64,321.50');
  await expect(yahoo).toContainText(/\d+ s/);
  await expect(panel.locator('tr[data-provider="demo"][data-status="ok"]')).toBeVisible();
  await expect(panel.locator('tr[data-provider="coinmarketcap"]')).toContainText('no API key set for CoinMarketCap');
  await expect(panel.locator('tr[data-provider="polygon"]')).toContainText('no API key set for Polygon');
  await attachScreenshot(page, 'comparison-without-keys');

  await page.getByRole('button', { name: 'Data providers…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Data providers settings' });
  const key = dialog.getByLabel('CoinMarketCap API key');
  await expect(key).toHaveAttribute('type', 'password');
  await key.fill(CMC_KEY);
  await dialog.locator('li[data-provider="coinmarketcap"]').getByRole('button', { name: 'Save key' }).click();
  await expect(dialog.locator('li[data-provider="coinmarketcap"]')).toContainText('Key set');
  await expect(dialog.locator('li[data-provider="coinmarketcap"]').getByRole('button', { name: 'Replace' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Move CoinMarketCap up' }).click();
  await attachScreenshot(page, 'data-providers');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await panel.getByRole('button', { name: 'Refresh' }).click();
  const cmc = panel.locator('tr[data-provider="coinmarketcap"]');
  await expect(cmc).toContainText('64,300.25');
  await expect(cmc).toContainText(/2 min/);
  expect(seenCmcKeys).toContain(CMC_KEY);
  expect(await page.content()).not.toContain(CMC_KEY);
  await attachScreenshot(page, 'comparison-with-cmc');
  expect(pageErrors).toEqual([]);
});
