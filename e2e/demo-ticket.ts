// The trading screen on the headless host's demo venue, as the kill-switch specs drive it: open and ready to trade,
// and a limit buy that rests until something cancels it.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const ticket = (page: Page) => page.getByRole('region', { name: 'Order ticket' });

export async function openTrading(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await expect(ticket(page).getByText('DEMO', { exact: true })).toBeVisible();
  await expect(ticket(page).getByLabel('Price', { exact: true })).toHaveValue(/^\d+\.\d{2}$/);
}

/** Rests a limit buy at half the last price: it stays open until cancelled. */
export async function restBuy(page: Page): Promise<void> {
  const last = Number((await ticket(page).getByLabel('Price', { exact: true }).inputValue()).replace(/,/g, ''));
  await ticket(page).getByRole('button', { name: 'Buy', exact: true }).click();
  await ticket(page).getByLabel('Price', { exact: true }).fill((Math.floor(last * 50) / 100).toFixed(2));
  await ticket(page).getByLabel('Amount').fill('0.001');
  await ticket(page).getByRole('button', { name: 'Buy BTC' }).click();
  await expect(ticket(page).getByRole('status', { name: 'Order result' })).toContainText('It is open');
}
