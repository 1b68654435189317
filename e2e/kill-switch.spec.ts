// The kill switch in the real UI against the headless host's demo venue: with orders resting, one press blocks new
// orders and cancels them all; the ticket says why it is disabled until the switch is released (after a question).
import type { Page } from '@playwright/test';
import { attachScreenshot, expect, test } from './fixtures';
import { openTrading, restBuy, ticket } from './demo-ticket';
import { startHostProcess } from './host-process';

const BLOCKED = 'Kill switch engaged (engaged from the top bar): new orders are blocked until it is released in the top bar.';

test('engaging the kill switch cancels the open demo orders and disables the ticket with the reason, across a restart, until released', async ({ page, host, pageErrors }) => {
  await openTrading(page, host.url);
  await restBuy(page);
  await restBuy(page);
  await page.getByRole('tab', { name: 'Open orders' }).click();
  await expect(page.getByRole('table', { name: 'Open orders' }).getByRole('row').filter({ hasText: 'BTC/USDT' })).toHaveCount(2);

  await page.getByRole('button', { name: 'KILL SWITCH', exact: true }).click();
  await expect(page.getByRole('button', { name: 'KILL SWITCH ENGAGED' })).toBeVisible();
  const results = page.getByRole('region', { name: 'Kill switch results' });
  await expect(results.getByRole('listitem')).toHaveText(['Demo (demo): 2 cancelled; nothing left open']);
  await expect(page.getByRole('table', { name: 'Open orders' })).toHaveCount(0);
  await expect(page.getByText('No open orders.')).toBeVisible();

  // The ticket: filled in, but its button stays disabled and says why.
  await ticket(page).getByLabel('Amount').fill('0.001');
  await expect(ticket(page).getByRole('alert').filter({ hasText: 'Kill switch engaged' })).toHaveText(BLOCKED);
  await expect(ticket(page).getByRole('button', { name: 'Buy BTC' })).toBeDisabled();
  await attachScreenshot(page, 'kill-switch-engaged');

  // The refusal and the engagement are in the risk log, with their reasons.
  await page.getByRole('button', { name: 'Risk', exact: true }).click();
  const log = page.getByRole('table', { name: 'Risk log' });
  await expect(log.getByRole('row').filter({ hasText: 'Kill switch engaged' })).toContainText('engaged from the top bar');
  await expect(log.getByRole('row').filter({ hasText: 'Kill switch result' })).toContainText('Demo (demo): 2 cancelled; nothing left open.');
  await attachScreenshot(page, 'risk-screen');

  // A restart of the app on the same data folder: still engaged, the ticket still blocked.
  await host.stop();
  const restarted = await startHostProcess({ dataDir: host.dataDir });
  try {
    await openTrading(page, restarted.url);
    await expect(page.getByRole('button', { name: 'KILL SWITCH ENGAGED' })).toBeVisible();
    await ticket(page).getByLabel('Amount').fill('0.001');
    await expect(ticket(page).getByRole('alert').filter({ hasText: 'Kill switch engaged' })).toHaveText(BLOCKED);
    await expect(ticket(page).getByRole('button', { name: 'Buy BTC' })).toBeDisabled();
    // What the sweep did before the restart is still there.
    await page.getByRole('button', { name: 'KILL SWITCH ENGAGED' }).click();
    await expect(page.getByRole('region', { name: 'Kill switch results' }).getByRole('listitem')).toHaveText(['Demo (demo): 2 cancelled; nothing left open']);
    await releaseAfterAsking(page);
  } finally {
    await restarted.stop();
  }
  // Stopping the first host under the open page is this test's doing: its dropped connection is not an error here.
  expect(pageErrors.filter((e) => !/WebSocket|ERR_CONNECTION/.test(e))).toEqual([]);
});

/** Releasing (from the switch's open panel) asks first; keeping it engaged changes nothing. */
async function releaseAfterAsking(page: Page): Promise<void> {
  await page.getByRole('region', { name: 'Kill switch results' }).getByRole('button', { name: 'Release…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Release the kill switch?' });
  await dialog.getByRole('button', { name: 'Keep engaged' }).click();
  await expect(page.getByRole('button', { name: 'KILL SWITCH ENGAGED' })).toBeVisible();
  await page.getByRole('button', { name: 'Release…' }).click();
  await dialog.getByRole('button', { name: 'Release', exact: true }).click();
  await expect(page.getByRole('button', { name: 'KILL SWITCH', exact: true })).toBeVisible();
  await expect(ticket(page).getByRole('alert').filter({ hasText: 'Kill switch engaged' })).toHaveCount(0);
  await ticket(page).getByLabel('Amount').fill('0.001');
  await expect(ticket(page).getByRole('button', { name: 'Buy BTC' })).toBeEnabled();
}

test('a maximum order value saved on the Risk screen refuses a larger order in the ticket, with the figures', async ({ page, host, pageErrors }) => {
  await openTrading(page, host.url);
  await page.getByRole('button', { name: 'Risk', exact: true }).click();
  await page.getByLabel('Global maximum order value').fill('1000');
  await page.getByLabel('Daily reset time (UTC)').fill('7am');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByRole('alert')).toHaveText('daily reset time: a reset time looks like 00:00 (UTC)');
  await page.getByLabel('Daily reset time (UTC)').fill('06:00');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Limits saved' })).toBeVisible();
  await page.getByRole('button', { name: '← Back to trading' }).click();

  await openTrading(page, host.url);
  await ticket(page).getByRole('button', { name: 'Buy', exact: true }).click();
  await ticket(page).getByLabel('Price', { exact: true }).fill('20000.00');
  await ticket(page).getByLabel('Amount').fill('0.06');
  await ticket(page).getByRole('button', { name: 'Buy BTC' }).click();
  await expect(ticket(page).getByRole('status', { name: 'Order result' })).toHaveText(
    'Not placed: Refused by the global maximum order value: this order is worth 1,200.00 USDT (0.06 BTC at 20,000.00 USDT); the limit is 1,000.00 USDT.',
  );
  await ticket(page).getByLabel('Amount').fill('0.04');
  await ticket(page).getByRole('button', { name: 'Buy BTC' }).click();
  await expect(ticket(page).getByRole('status', { name: 'Order result' })).toContainText('It is open');

  await page.getByRole('button', { name: 'Risk', exact: true }).click();
  const log = page.getByRole('table', { name: 'Risk log' });
  await expect(log.getByRole('row').filter({ hasText: 'Refused' })).toContainText('buy 0.06 BTC/USDT limit at 20000 on demo (demo): Refused by the global maximum order value');
  await expect(log.getByRole('row').filter({ hasText: 'Warning' })).toContainText('An order worth 800.00 USDT is near the global maximum order value of 1,000.00 USDT.');
  expect(pageErrors).toEqual([]);
});

test('Ctrl+Shift+K engages it from anywhere, even while typing in the ticket', async ({ page, host, pageErrors }) => {
  await openTrading(page, host.url);
  await ticket(page).getByLabel('Amount').focus();
  await page.keyboard.press('Control+Shift+K');
  await expect(page.getByRole('button', { name: 'KILL SWITCH ENGAGED' })).toBeVisible();
  await expect(ticket(page).getByRole('alert').filter({ hasText: 'Kill switch engaged' })).toHaveText(BLOCKED);
  await expect(ticket(page).getByLabel('Amount')).toHaveValue('');
  // Every screen's bar carries the switch, and its state.
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'KILL SWITCH ENGAGED' })).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('Ctrl+Shift+K works on a settings screen too', async ({ page, host, pageErrors }) => {
  await openTrading(page, host.url);
  await page.getByRole('button', { name: 'Notifications', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Notifications', exact: true })).toBeVisible();
  await page.keyboard.press('Control+Shift+K');
  await expect(page.getByRole('button', { name: 'KILL SWITCH ENGAGED' })).toBeVisible();
  await page.getByRole('button', { name: '← Back to trading' }).click();
  await expect(ticket(page).getByRole('alert').filter({ hasText: 'Kill switch engaged' })).toHaveText(BLOCKED);
  expect(pageErrors).toEqual([]);
});
