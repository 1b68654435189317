// The ticket on a real venue: the fake Binance (real ccxt in the host talks to it) with an account added through the
// Accounts screen. Keys go to the OS keychain, so this spec runs inside the private keychain session, as `npm test`
// runs every spec: `node scripts/keychain-session.mjs npx playwright test e2e/orders-live.spec.ts`.
import type { Page } from '@playwright/test';
import { FakeBinanceStream, startFakeBinance, TEST_ACCOUNT, type FakeBinance } from '../fakes/binance';
import { attachScreenshot, expect, test } from './fixtures';

const ticket = (page: Page) => page.getByRole('region', { name: 'Order ticket' });
const numberIn = (text: string): number => Number(text.replace(/,/g, ''));

async function addBinanceAccount(page: Page, restBaseUrl: string, wsBaseUrl: string): Promise<void> {
  await page.getByRole('button', { name: 'Accounts' }).click();
  const form = page.getByRole('form', { name: 'Add account' });
  await form.getByLabel('Exchange', { exact: true }).selectOption('binance');
  await form.getByLabel('Label').fill('Live Binance');
  await form.getByLabel('API key').fill(TEST_ACCOUNT.apiKey);
  await form.getByLabel('API secret').fill(TEST_ACCOUNT.secret);
  await form.getByText('Advanced').click();
  await form.getByLabel('REST base URL').fill(restBaseUrl);
  await form.getByLabel('WebSocket base URL').fill(wsBaseUrl);
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('listitem', { name: 'Live Binance' }).getByLabel('Status')).toHaveText('Connected');
  await page.getByRole('button', { name: 'Back to trading' }).click();
}

/** A limit buy at half the last price: it rests, whatever the price does during the test. */
async function fillFarLimitBuy(page: Page): Promise<string> {
  const priceField = ticket(page).getByLabel('Price', { exact: true });
  await expect(priceField).toHaveValue(/^\d+\.\d{2}$/);
  const price = (Math.floor(numberIn(await priceField.inputValue()) * 50) / 100).toFixed(2);
  await ticket(page).getByRole('button', { name: 'Limit' }).click();
  await priceField.fill(price);
  await ticket(page).getByLabel('Amount').fill('0.001');
  return price;
}

test.describe('on a real venue (the fake Binance)', () => {
  let binance: FakeBinance;
  let stream: FakeBinanceStream;
  let ticking: ReturnType<typeof setInterval>;
  test.beforeEach(async () => {
    binance = await startFakeBinance();
    stream = await new FakeBinanceStream({ seed: 5, now: Date.now() }).start();
    ticking = setInterval(() => stream.step(500), 250);
  });
  test.afterEach(async () => {
    clearInterval(ticking);
    await stream.stop();
    await binance.close();
  });

  test('Live is the default with a connected account, shown in red and confirmed before anything is sent; Paper is remembered', async ({ page, host, pageErrors }) => {
    await page.goto(host.url);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
    await addBinanceAccount(page, binance.url, `ws://127.0.0.1:${stream.port}`);
    await page.getByLabel('Venue').selectOption('binance');

    const modes = ticket(page).getByRole('group', { name: 'Trading mode' });
    await expect(modes.getByRole('button', { name: 'Live' })).toHaveAttribute('aria-pressed', 'true');
    await expect(ticket(page).getByText('LIVE', { exact: true })).toBeVisible();
    await expect(ticket(page).getByText(/LIVE — orders use real funds on Binance/)).toBeVisible();
    await expect(page.getByRole('banner').getByText('LIVE', { exact: true })).toBeVisible();

    const price = await fillFarLimitBuy(page);
    await ticket(page).getByRole('button', { name: 'Buy BTC' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm live order' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Binance');
    await expect(dialog).toContainText('Buy BTC/USDT, limit');
    await expect(dialog).toContainText('0.00100 BTC');
    await expect(dialog).toContainText(`${Number(price).toLocaleString('en-US', { minimumFractionDigits: 2 })} USDT`);
    await attachScreenshot(page, 'live-order-confirmation');

    // Cancelled at the last look: nothing reaches the venue.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(binance.orders()).toHaveLength(0);

    await ticket(page).getByRole('button', { name: 'Buy BTC' }).click();
    await dialog.getByRole('button', { name: 'Place live order' }).click();
    await expect(ticket(page).getByRole('status', { name: 'Order result' })).toContainText('It is open');
    expect(binance.orders()).toHaveLength(1);
    expect(Number(binance.orders()[0]!.price)).toBe(Number(price));
    await page.getByRole('tab', { name: 'Open orders' }).click();
    const liveRow = page.getByRole('table', { name: 'Open orders' }).getByRole('row').filter({ hasText: 'BTC/USDT' });
    await expect(liveRow).toHaveCount(1);
    await expect(liveRow.getByText('LIVE', { exact: true })).toBeVisible();
    await attachScreenshot(page, 'live-order-open');

    // Paper: the venue's prices, simulated fills; no confirmation, and nothing sent to the venue.
    await modes.getByRole('button', { name: 'Paper' }).click();
    await expect(ticket(page).getByText('PAPER', { exact: true })).toBeVisible();
    // The top bar says the same, so that nowhere on screen claims Live while the ticket trades on paper.
    await expect(page.getByRole('banner').getByText('PAPER', { exact: true })).toBeVisible();
    await expect(page.getByText('No open orders.')).toBeVisible();
    await fillFarLimitBuy(page);
    await ticket(page).getByRole('button', { name: 'Buy BTC' }).click();
    await expect(ticket(page).getByRole('status', { name: 'Order result' })).toContainText('It is open');
    await expect(dialog).toBeHidden();
    expect(binance.orders()).toHaveLength(1);
    const paperRow = page.getByRole('table', { name: 'Open orders' }).getByRole('row').filter({ hasText: 'BTC/USDT' });
    await expect(paperRow).toHaveCount(1);
    await expect(paperRow.getByText('PAPER', { exact: true })).toBeVisible();
    await attachScreenshot(page, 'paper-order-open');

    // The choice is kept for the venue.
    await page.reload();
    await expect(page.getByLabel('Venue')).toHaveValue('binance');
    await expect(ticket(page).getByRole('group', { name: 'Trading mode' }).getByRole('button', { name: 'Paper' })).toHaveAttribute('aria-pressed', 'true');
    expect(pageErrors).toEqual([]);
  });

  test('an order whose answer is lost shows "checking with the venue…", is never sent twice, and settles once the venue answers', async ({ page, host, pageErrors }) => {
    test.setTimeout(120_000);
    const checks: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (String(payload).includes('"orders:check"')) checks.push(String(payload));
      }),
    );
    await page.goto(host.url);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
    await addBinanceAccount(page, binance.url, `ws://127.0.0.1:${stream.port}`);
    await page.getByLabel('Venue').selectOption('binance');
    await expect(ticket(page).getByText('LIVE', { exact: true })).toBeVisible();

    // The venue takes the order but the answer never arrives, and every look-up fails for now.
    binance.faults.inject({ kind: 'accept-then-drop', method: 'POST', path: '/api/v3/order' });
    binance.faults.inject({ kind: '5xx', method: 'GET', path: '/api/v3/order', times: 1_000 });
    // Nor can the open-orders list say (a reconcile after the account comes back by itself would find it there).
    binance.faults.inject({ kind: '5xx', method: 'GET', path: '/api/v3/openOrders', times: 1_000 });
    await fillFarLimitBuy(page);
    await ticket(page).getByRole('button', { name: 'Buy BTC' }).click();
    await page.getByRole('dialog', { name: 'Confirm live order' }).getByRole('button', { name: 'Place live order' }).click();
    const outcome = ticket(page).getByRole('status', { name: 'Order result' });
    await expect(outcome).toContainText('Checking with the venue…');
    await expect(outcome).toContainText('Do not place it again');

    await page.getByRole('tab', { name: 'Open orders' }).click();
    const row = page.getByRole('table', { name: 'Open orders' }).getByRole('row').filter({ hasText: 'BTC/USDT' });
    await expect(row).toContainText('Unknown');
    await expect(row.getByRole('button', { name: /^Cancel/ })).toHaveCount(0);
    await page.getByRole('tab', { name: 'Order history' }).click();
    const historyRow = page.getByRole('table', { name: 'Order history' }).getByRole('row').filter({ hasText: 'BTC/USDT' });
    await expect(historyRow).toContainText('Unknown');
    await attachScreenshot(page, 'unknown-order');

    // "Check again" asks the venue at once; it still cannot say, so the order stays unknown (never resent).
    await historyRow.getByRole('button', { name: 'Check again' }).click();
    await expect.poll(() => checks.length).toBeGreaterThan(0);
    await expect(historyRow).toContainText('Unknown');
    expect(binance.orders()).toHaveLength(1);
    // The venue answers again: the next look-up finds the order open, in both lists and in the ticket. (Clicking
    // "Check again" now would race the service's own look-ups, which are what a trader waits for anyway.)
    // The failed look-ups may have opened the venue's circuit: the next one goes out when its 30 s cool-down ends.
    binance.faults.clear();
    await expect(page.getByText('No finished orders yet.')).toBeVisible({ timeout: 45_000 });
    await expect(outcome).toContainText('It is open');
    await page.getByRole('tab', { name: 'Open orders' }).click();
    await expect(row).toContainText('Open');
    await expect(row.getByRole('button', { name: /^Cancel/ })).toBeVisible();
    expect(binance.orders()).toHaveLength(1);
    await attachScreenshot(page, 'unknown-order-resolved');
    expect(pageErrors).toEqual([]);
  });
});
