// The order ticket and the orders, trades and balances tabs against the real headless host on the demo venue: its
// matching engine fills market orders at the demo price and rests limit orders until the price reaches them.
import type { Page } from '@playwright/test';
import { attachScreenshot, expect, test } from './fixtures';

const ticket = (page: Page) => page.getByRole('region', { name: 'Order ticket' });
const table = (page: Page, name: string) => page.getByRole('table', { name });

async function openTrading(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await expect(ticket(page).getByText('DEMO', { exact: true })).toBeVisible();
  // The ticket knows the last price once it shows one (the price field of a limit order is prefilled from it).
  await expect(ticket(page).getByLabel('Price', { exact: true })).toHaveValue(/^\d+\.\d{2}$/);
}

async function showTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

/** Every request the page sends to the app over its WebSocket, by channel. */
function sentChannels(page: Page): string[] {
  const channels: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      try {
        const frame = JSON.parse(String(payload)) as { channel?: string };
        if (frame.channel) channels.push(frame.channel);
      } catch {
        // not a request frame
      }
    });
  });
  return channels;
}

/** A number as the tables write it (thousands separators, fixed decimals). */
const numberIn = (text: string): number => Number(text.replace(/,/g, ''));

test('a limit order far from the price rests in Open orders until it is cancelled', async ({ page, host, pageErrors }) => {
  await openTrading(page, host.url);
  const last = numberIn(await ticket(page).getByLabel('Price', { exact: true }).inputValue());
  const farBelow = (Math.floor(last * 0.5 * 100) / 100).toFixed(2);

  await ticket(page).getByRole('button', { name: 'Buy', exact: true }).click();
  await ticket(page).getByLabel('Price', { exact: true }).fill(farBelow);
  await ticket(page).getByLabel('Amount').fill('0.001');
  await expect(ticket(page).getByTestId('ticket-value')).toHaveText(/^[\d,]+\.\d{2} USDT$/);
  await ticket(page).getByRole('button', { name: 'Buy BTC' }).click();
  await expect(ticket(page).getByRole('status', { name: 'Order result' })).toContainText('It is open');

  await showTab(page, 'Open orders');
  const row = table(page, 'Open orders').getByRole('row').filter({ hasText: 'BTC/USDT' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Buy');
  await expect(row).toContainText('Limit');
  await expect(row).toContainText('0.00100');
  await expect(row).toContainText(Number(farBelow).toLocaleString('en-US', { minimumFractionDigits: 2 }));
  await expect(row).toContainText('Open');
  await expect(row.getByText('DEMO', { exact: true })).toBeVisible();
  // The chart draws it as a price line at its limit.
  await expect(page.getByTestId('chart')).toHaveAttribute('data-order-lines', String(Number(farBelow)));
  // The order holds its cost: used USDT shows in Balances.
  await attachScreenshot(page, 'limit-order-open');

  await row.getByRole('button', { name: /^Cancel/ }).click();
  await expect(table(page, 'Open orders')).toHaveCount(0);
  await expect(page.getByTestId('chart')).toHaveAttribute('data-order-lines', '');
  await expect(page.getByText('No open orders.')).toBeVisible();
  await showTab(page, 'Order history');
  const cancelled = table(page, 'Order history').getByRole('row').filter({ hasText: 'BTC/USDT' });
  await expect(cancelled).toHaveCount(1);
  await expect(cancelled).toContainText('Cancelled');
  await attachScreenshot(page, 'limit-order-cancelled');
  expect(pageErrors).toEqual([]);
});

test('a market order fills: Order history, Trades and Balances show it as it happens', async ({ page, host, pageErrors }) => {
  await openTrading(page, host.url);
  await showTab(page, 'Balances');
  const usdtRow = table(page, 'Balances').getByRole('row').filter({ hasText: 'USDT' });
  const btcRow = table(page, 'Balances').getByRole('row').filter({ hasText: 'BTC' });
  await expect(usdtRow).toBeVisible();
  const usdtBefore = numberIn(await usdtRow.getByRole('cell').nth(0).innerText());
  const btcBefore = numberIn(await btcRow.getByRole('cell').nth(2).innerText());
  expect(usdtBefore).toBeGreaterThan(100);
  await expect(ticket(page).getByTestId('ticket-available')).toHaveText(/ USDT$/);

  await ticket(page).getByRole('button', { name: 'Market' }).click();
  await expect(ticket(page).getByLabel('Price', { exact: true })).toHaveCount(0);
  await ticket(page).getByLabel('Amount').fill('0.002');
  await ticket(page).getByRole('button', { name: 'Buy BTC' }).click();
  await expect(ticket(page).getByRole('status', { name: 'Order result' })).toContainText('Filled');

  // The balance moves by the fill without a reload: USDT spent, BTC received less the fee.
  await expect.poll(async () => numberIn(await usdtRow.getByRole('cell').nth(0).innerText())).toBeLessThan(usdtBefore);
  await expect.poll(async () => numberIn(await btcRow.getByRole('cell').nth(2).innerText())).toBeGreaterThan(btcBefore);
  await attachScreenshot(page, 'market-order-balances');

  await showTab(page, 'Order history');
  const filled = table(page, 'Order history').getByRole('row').filter({ hasText: 'BTC/USDT' });
  await expect(filled).toHaveCount(1);
  await expect(filled).toContainText('Filled');
  await expect(filled).toContainText('Market');
  await expect(filled.getByText('DEMO', { exact: true })).toBeVisible();

  await showTab(page, 'Trades');
  const fill = table(page, 'Trades').getByRole('row').filter({ hasText: 'BTC/USDT' });
  await expect(fill).toHaveCount(1);
  await expect(fill).toContainText('0.00200');
  await attachScreenshot(page, 'market-order-trades');
  expect(pageErrors).toEqual([]);
});

test('an invalid amount is explained under the field and nothing is sent', async ({ page, host, pageErrors }) => {
  const channels = sentChannels(page);
  await openTrading(page, host.url);
  const amount = ticket(page).getByLabel('Amount');
  const submit = ticket(page).getByRole('button', { name: 'Buy BTC' });

  await amount.fill('0.0000001');
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(amount).toHaveAccessibleDescription(/amount moves in steps of 0\.00001 BTC/);
  await expect(submit).toBeDisabled();
  await attachScreenshot(page, 'invalid-amount-decimals');

  // Below the demo market's minimum order value (5 USDT).
  await amount.fill('0.00001');
  await expect(amount).toHaveAccessibleDescription(/the order is worth [\d.]+ USDT; the minimum is 5 USDT/);
  await expect(submit).toBeDisabled();
  // Enter in the field does not get round the disabled button.
  await amount.press('Enter');

  // S turns the ticket to Sell and puts the cursor in the amount; Esc clears it.
  await page.getByRole('tab', { name: 'Open orders' }).focus();
  await page.keyboard.press('s');
  await expect(ticket(page).getByRole('button', { name: 'Sell', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(amount).toBeFocused();
  await expect(amount).toHaveValue('0.00001');
  await page.keyboard.press('Escape');
  await expect(amount).toHaveValue('');
  // A cleared ticket starts again from the last price, and an empty amount is not an error until edited.
  await expect(ticket(page).getByLabel('Price', { exact: true })).toHaveValue(/^\d+\.\d{2}$/);

  await showTab(page, 'Open orders');
  await expect(amount).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('No open orders.')).toBeVisible();
  await showTab(page, 'Order history');
  await expect(page.getByText('No finished orders yet.')).toBeVisible();
  expect(channels).not.toContain('orders:place');
  expect(channels).toContain('orders:list');
  expect(pageErrors).toEqual([]);
});

test('"Cancel all" for the symbol asks first, then cancels every open order of it', async ({ page, host, pageErrors }) => {
  await openTrading(page, host.url);
  const last = numberIn(await ticket(page).getByLabel('Price', { exact: true }).inputValue());
  await ticket(page).getByLabel('Amount').fill('0.001');
  for (const share of [0.5, 0.6]) {
    await ticket(page).getByLabel('Price', { exact: true }).fill((Math.floor(last * share * 100) / 100).toFixed(2));
    await ticket(page).getByRole('button', { name: 'Buy BTC' }).click();
    await expect(ticket(page).getByRole('status', { name: 'Order result' })).toContainText('It is open');
  }
  await showTab(page, 'Open orders');
  await expect(table(page, 'Open orders').getByRole('row').filter({ hasText: 'BTC/USDT' })).toHaveCount(2);

  await page.getByRole('button', { name: 'Cancel all BTC/USDT' }).click();
  const confirm = page.getByRole('group', { name: 'Confirm cancelling every BTC/USDT order' });
  await expect(confirm).toContainText('Cancel all 2 open BTC/USDT orders?');
  await attachScreenshot(page, 'cancel-all-confirm');
  await confirm.getByRole('button', { name: 'Yes, cancel them' }).click();
  await expect(page.getByText('Cancelled 2 BTC/USDT orders.')).toBeVisible();
  await expect(page.getByText('No open orders.')).toBeVisible();
  expect(pageErrors).toEqual([]);
});
