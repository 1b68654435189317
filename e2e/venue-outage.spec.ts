// A venue away for longer than the fast reconnects, in Chromium against the headless host: real ccxt in the host talks
// to the fake Binance (REST for the account and history, the stream fake for live candles). The chart says "offline —
// retrying in N s" with Retry now, the top bar says Binance is offline, and when the venue answers again the chart is
// live by itself — no click — with every minute bar in place. `--reconnect-pace 2:2000` shortens the fast phase to two
// reconnects and the slow probe to 2 s, so the outage outlasts them within a test's time.
import type { Page } from '@playwright/test';
import { FakeBinanceStream, startFakeBinance, TEST_ACCOUNT } from '../fakes/binance';
import { attachScreenshot, expect, lastCandle, test } from './fixtures';
import { startHostProcess } from './host-process';

const MINUTE = 60_000;

async function bars(page: Page) {
  const chart = page.getByTestId('chart');
  return {
    first: Number(await chart.getAttribute('data-first-time')),
    last: (await lastCandle(page)).time,
    count: Number(await chart.getAttribute('data-bar-count')),
  };
}

test('the chart shows offline with a countdown while Binance is away, and is live again by itself with no gap', async ({ page, pageErrors }) => {
  test.setTimeout(240_000);
  const binance = await startFakeBinance();
  const stream = await new FakeBinanceStream({ seed: 9, now: Date.now() }).start();
  // The stream's market keeps the wall clock's pace, like the venue's.
  let at = Date.now();
  const ticking = setInterval(() => {
    stream.step(Date.now() - at);
    at = Date.now();
  }, 250);
  const host = await startHostProcess({ extraArgs: ['--reconnect-pace', '2:2000'] });
  try {
    await page.goto(host.url);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
    await page.getByRole('button', { name: 'Accounts' }).click();
    const form = page.getByRole('form', { name: 'Add account' });
    await form.getByLabel('Exchange', { exact: true }).selectOption('binance');
    await form.getByLabel('Label').fill('Away');
    await form.getByLabel('API key').fill(TEST_ACCOUNT.apiKey);
    await form.getByLabel('API secret').fill(TEST_ACCOUNT.secret);
    await form.getByText('Advanced').click();
    await form.getByLabel('REST base URL').fill(binance.url);
    await form.getByLabel('WebSocket base URL').fill(`ws://127.0.0.1:${stream.port}`);
    await form.getByRole('button', { name: 'Add account' }).click();
    await expect(page.getByRole('listitem', { name: 'Away' }).getByLabel('Status')).toHaveText('Connected');
    await page.getByRole('button', { name: 'Back to trading' }).click();
    await page.getByLabel('Venue').selectOption('binance');
    const chart = page.getByTestId('chart');
    await expect(chart).toHaveAttribute('data-bar-count', /^\d+$/);
    await expect.poll(() => stream.subscribed().has('btcusdt@kline_1m')).toBe(true);
    await expect(page.getByTestId('chart-status')).toHaveCount(0);

    // Binance goes away: every socket cut, every new one refused.
    stream.refuse(true);
    stream.dropAll();
    const badge = page.getByTestId('chart-status');
    await expect(badge).toContainText(/offline — retrying in \d+ s/, { timeout: 30_000 });
    await expect(badge.getByRole('button', { name: 'Retry now' })).toBeVisible();
    await expect(page.getByTestId('venue-connectivity').locator('[data-venue="binance"]')).toHaveAttribute('data-state', 'offline');
    await attachScreenshot(page, 'venue-offline');
    // The countdown moves on its own.
    const shown = await badge.textContent();
    await expect.poll(() => badge.textContent(), { timeout: 5_000 }).not.toBe(shown);
    // Retry now while Binance is still away: it probes, stays offline, and nothing breaks.
    await badge.getByRole('button', { name: 'Retry now' }).click();
    await expect(badge).toContainText('offline');
    const before = await lastCandle(page);

    // Away across a minute boundary: the bar that opens then is never seen live, only through the backfill.
    const boundary = Math.ceil((Date.now() + 1_000) / MINUTE) * MINUTE;
    await page.waitForTimeout(boundary + 3_000 - Date.now());
    await expect(badge).toContainText('offline');
    stream.refuse(false);

    // Back by itself: no click.
    await expect(page.getByTestId('chart-status')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('venue-connectivity').locator('[data-venue="binance"]')).toHaveAttribute('data-state', 'live');
    await expect.poll(async () => (await lastCandle(page)).time, { timeout: 15_000 }).toBeGreaterThanOrEqual(boundary);
    const after = await bars(page);
    expect(after.last).toBeGreaterThan(before.time);
    // No hole: as many bars as minutes from the first to the last, the unseen one included.
    expect(after.count).toBe((after.last - after.first) / MINUTE + 1);
    await attachScreenshot(page, 'venue-back');
    expect(pageErrors).toEqual([]);
  } finally {
    clearInterval(ticking);
    await host.stop();
    await stream.stop();
    await binance.close();
  }
});
