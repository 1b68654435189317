// The Accounts screen against the real headless host. The host runs inside the private keychain session that
// `npm test` starts (scripts/keychain-session.mjs), so keys go to a real Secret Service; the exchange is the fake
// Binance (real ccxt in the host talks to it through the REST base URL field).
import type { Page } from '@playwright/test';
import { FakeBinanceStream, startFakeBinance, TEST_ACCOUNT, type FakeBinance } from '../fakes/binance';
import { startHostProcess } from './host-process';
import { attachScreenshot, expect, test } from './fixtures';

async function openAccounts(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await page.getByRole('button', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
}

const addForm = (page: Page) => page.getByRole('form', { name: 'Add account' });

/** Nothing listens there: an account pointed at it has no live data, and never reaches the real venue's stream. */
const CLOSED_WS = 'ws://127.0.0.1:9';

async function fillAccount(
  page: Page,
  account: { label: string; apiKey: string; secret: string; restBaseUrl?: string; wsBaseUrl?: string },
): Promise<void> {
  const form = addForm(page);
  await form.getByLabel('Exchange', { exact: true }).selectOption('binance');
  await form.getByLabel('Label').fill(account.label);
  await form.getByLabel('API key').fill(account.apiKey);
  await form.getByLabel('API secret').fill(account.secret);
  if (account.restBaseUrl) {
    await form.getByText('Advanced').click();
    await form.getByLabel('REST base URL').fill(account.restBaseUrl);
    await form.getByLabel('WebSocket base URL').fill(account.wsBaseUrl ?? CLOSED_WS);
  }
}

/** Everything the page holds as text: its HTML and the current value of every field. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value);
    return `${document.documentElement.outerHTML}\n${values.join('\n')}`;
  });
}

test('the empty Accounts screen explains what to do, and an empty key is refused inline with nothing saved', async ({ page, host, pageErrors }) => {
  await openAccounts(page, host.url);
  await expect(page.getByText('No account yet — add one, or trade on Demo.')).toBeVisible();

  await fillAccount(page, { label: 'No key', apiKey: '', secret: 'some-secret-value' });
  await addForm(page).getByRole('button', { name: 'Add account' }).click();
  await expect(addForm(page).getByRole('alert')).toHaveText(/API key: enter the API key/);
  await expect(addForm(page).getByLabel('API key')).toHaveAttribute('aria-invalid', 'true');
  await attachScreenshot(page, 'accounts-empty-key');

  // Nothing was saved: a fresh load of the screen still shows the empty state.
  await page.reload();
  await page.getByRole('button', { name: 'Accounts' }).click();
  await expect(page.getByText('No account yet — add one, or trade on Demo.')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test.describe('with the fake Binance', () => {
  let binance: FakeBinance;
  test.beforeEach(async () => {
    binance = await startFakeBinance();
  });
  test.afterEach(async () => {
    await binance.close();
  });

  test('a refused key shows the exchange\'s words and saves nothing', async ({ page, host, pageErrors }) => {
    await openAccounts(page, host.url);
    await fillAccount(page, { label: 'Wrong key', apiKey: 'notTheRightKey0000000000', secret: TEST_ACCOUNT.secret, restBaseUrl: binance.url });
    await addForm(page).getByRole('button', { name: 'Add account' }).click();
    await expect(addForm(page).getByRole('alert')).toContainText('Binance refused the API key');
    expect(binance.log.count({ path: '/api/v3/account' })).toBeGreaterThan(0); // it was a real private call
    await page.reload();
    await page.getByRole('button', { name: 'Accounts' }).click();
    await expect(page.getByText('No account yet — add one, or trade on Demo.')).toBeVisible();
    expect(pageErrors).toEqual([]);
  });

  test('adds an account after a private call, shows it connected without its secrets, streams its chart, tests it and removes it', async ({ page, host, pageErrors }) => {
    // The venue's live stream: the account's WebSocket base URL points here.
    const stream = await new FakeBinanceStream({ seed: 5, now: Date.now() }).start();
    const ticking = setInterval(() => stream.step(500), 250);
    try {
      await openAccounts(page, host.url);
      await fillAccount(page, {
        label: 'E2E Binance',
        apiKey: TEST_ACCOUNT.apiKey,
        secret: TEST_ACCOUNT.secret,
        restBaseUrl: binance.url,
        wsBaseUrl: `ws://127.0.0.1:${stream.port}`,
      });
      await addForm(page).getByRole('button', { name: 'Add account' }).click();

      const row = page.getByRole('listitem', { name: 'E2E Binance' });
      await expect(row.getByLabel('Status')).toHaveText('Connected');
      await expect(row).toContainText(binance.url);
      await expect(row.getByText('API key')).toBeVisible();
      await expect(row.locator('dd').first()).toHaveText('set');
      const text = await pageText(page);
      expect(text).not.toContain(TEST_ACCOUNT.apiKey);
      expect(text).not.toContain(TEST_ACCOUNT.secret);
      await attachScreenshot(page, 'account-connected');

      // Test makes another private call with the keys read back from the keychain.
      const privateCalls = binance.log.count({ path: '/api/v3/account' });
      await row.getByRole('button', { name: 'Test E2E Binance' }).click();
      await expect.poll(() => binance.log.count({ path: '/api/v3/account' })).toBeGreaterThan(privateCalls);
      await expect(row.getByRole('button', { name: 'Test E2E Binance' })).toBeEnabled();
      await expect(row.getByLabel('Status')).toHaveText('Connected');

      // The venue is now available on the trading screen.
      await page.getByRole('button', { name: 'Back to trading' }).click();
      await expect(page.getByLabel('Venue').locator('option[value="binance"]')).toHaveText('Binance');
      // Its chart shows the venue's history (from the fake's klines), then goes live over the account's WebSocket URL:
      // the candle the chart holds last is the one the stream fake sent.
      await page.getByLabel('Venue').selectOption('binance');
      await expect(page.getByTestId('chart')).toHaveAttribute('data-last-time', /^\d+$/);
      await expect.poll(() => stream.subscribed().has('btcusdt@kline_1m')).toBe(true);
      clearInterval(ticking);
      stream.step(500, () => 61_234.5);
      const sent = stream.market.current('BTCUSDT').close;
      await expect.poll(async () => Number(await page.getByTestId('chart').getAttribute('data-last-close'))).toBe(sent);
      await expect(page.getByTestId('chart-status')).toHaveCount(0); // no stale / "no live updates" badge
      await attachScreenshot(page, 'account-chart-live');
      await page.getByRole('button', { name: 'Accounts' }).click();

      await page.getByRole('listitem', { name: 'E2E Binance' }).getByRole('button', { name: 'Remove E2E Binance' }).click();
      await page.getByRole('group', { name: 'Confirm removing E2E Binance' }).getByRole('button', { name: 'Remove account' }).click();
      await expect(page.getByText('No account yet — add one, or trade on Demo.')).toBeVisible();
      await page.reload();
      await expect(page.getByLabel('Venue').locator('option[value="binance"]')).toHaveText('Binance (not connected)');
      // Removing the account closed its live data: no socket stays open to the venue.
      await expect.poll(() => stream.openSockets).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      clearInterval(ticking);
      await stream.stop();
    }
  });

  test('a saved account reconnects at the next start with its keys from the keychain', async ({ page, host }) => {
    await openAccounts(page, host.url);
    await fillAccount(page, { label: 'Kept', apiKey: TEST_ACCOUNT.apiKey, secret: TEST_ACCOUNT.secret, restBaseUrl: binance.url });
    await addForm(page).getByRole('button', { name: 'Add account' }).click();
    await expect(page.getByRole('listitem', { name: 'Kept' }).getByLabel('Status')).toHaveText('Connected');
    await host.stop();

    const privateCalls = binance.log.count({ path: '/api/v3/account' });
    const restarted = await startHostProcess({ dataDir: host.dataDir });
    try {
      await openAccounts(page, restarted.url);
      await expect(page.getByRole('listitem', { name: 'Kept' }).getByLabel('Status')).toHaveText('Connected');
      expect(binance.log.count({ path: '/api/v3/account' })).toBeGreaterThan(privateCalls); // restore() proved the keys again
      await page.getByRole('button', { name: 'Remove Kept' }).click();
      await page.getByRole('button', { name: 'Remove account' }).click();
      await expect(page.getByText('No account yet — add one, or trade on Demo.')).toBeVisible();
    } finally {
      await restarted.stop();
    }
  });
});
