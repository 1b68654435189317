// The Portfolio tab against the real headless host on the demo venue: buy, let the price move, sell part — the tab
// shows the realized P&L worked from the fills, the equity curve has its points, and the CSV download holds the same
// trades with the same numbers.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { attachScreenshot, expect, lastCandle, test } from './fixtures';

const ticket = (page: Page) => page.getByRole('region', { name: 'Order ticket' });

async function marketOrder(page: Page, side: 'Buy' | 'Sell', amount: string): Promise<void> {
  await ticket(page).getByRole('button', { name: side, exact: true }).click();
  await ticket(page).getByRole('button', { name: 'Market' }).click();
  await ticket(page).getByLabel('Amount').fill(amount);
  await ticket(page).getByRole('button', { name: `${side} BTC` }).click();
  await expect(ticket(page).getByRole('status', { name: 'Order result' })).toContainText('Filled');
}

interface CsvTrade {
  side: string;
  amount: number;
  price: number;
  fee: number;
  feeCurrency: string;
}

function parseTrades(csv: string): { header: string[]; trades: CsvTrade[] } {
  const [head, ...rows] = csv.trim().split('\r\n');
  const header = head!.split(',');
  const col = (name: string) => header.indexOf(name);
  const trades = rows.map((line) => {
    const cells = line.split(',');
    return {
      side: cells[col('side')]!,
      amount: Number(cells[col('amount')]),
      price: Number(cells[col('price')]),
      fee: Number(cells[col('fee')]),
      feeCurrency: cells[col('fee_currency')]!,
    };
  });
  return { header, trades };
}

test('buy, the price moves, sell: realized P&L, equity curve and CSV agree', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await expect(ticket(page).getByText('DEMO', { exact: true })).toBeVisible();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-last-close', /\d/);

  await marketOrder(page, 'Buy', '0.004');
  const boughtAt = (await lastCandle(page)).close;
  // The demo market moves on its own; two seconds apart the fills also land on separate points of the curve.
  await expect.poll(async () => (await lastCandle(page)).close, { timeout: 20_000 }).not.toBe(boughtAt);
  await page.waitForTimeout(2_000);
  await marketOrder(page, 'Sell', '0.002');

  await page.getByRole('tab', { name: 'Portfolio' }).click();
  await expect(page.getByRole('radio', { name: 'Demo' })).toHaveAttribute('aria-checked', 'true');
  const realized = page.getByTestId('portfolio-realized');
  await expect(realized).toHaveText(/USDT$/);
  await expect(page.getByTestId('equity-chart')).not.toHaveAttribute('data-points', /^[01]$/, { timeout: 15_000 });
  await expect(page.getByRole('table', { name: 'Statistics' }).getByRole('row', { name: /^Total/ })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download trades CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^demo-trades-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  const { header, trades } = parseTrades(csv);
  expect(header.slice(0, 9)).toEqual(['time_utc', 'venue', 'mode', 'symbol', 'side', 'amount', 'amount_currency', 'price', 'price_currency']);
  expect(csv).toMatch(/\r\n\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z,demo,demo,BTC\/USDT,buy,0\.004,BTC,/);
  expect(trades.map((t) => [t.side, t.amount])).toEqual([
    ['buy', 0.004],
    ['sell', 0.002],
  ]);

  // The realized P&L worked from the CSV's own numbers (average cost; the buy's fee, paid in BTC, charged pro rata).
  const [buy, sell] = trades as [CsvTrade, CsvTrade];
  const buyFeeValue = buy.feeCurrency === 'BTC' ? buy.fee * buy.price : buy.fee;
  const held = buy.amount - (buy.feeCurrency === 'BTC' ? buy.fee : 0);
  const sellFeeValue = sell.feeCurrency === 'BTC' ? sell.fee * sell.price : sell.fee;
  const expected = sell.amount * (sell.price - buy.price) - (buyFeeValue * sell.amount) / held - sellFeeValue;
  await expect.poll(async () => Number(await realized.getAttribute('data-value'))).toBeCloseTo(expected, 6);
  // The same trades in the Trades tab, price for price.
  await page.getByRole('tab', { name: 'Trades' }).click();
  for (const t of trades) {
    const price = t.price.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    await expect(page.getByRole('table', { name: 'Trades' }).getByRole('row').filter({ hasText: price })).toHaveCount(1);
  }
  await page.getByRole('tab', { name: 'Portfolio' }).click();
  await attachScreenshot(page, 'portfolio-tab');

  // The demo market quotes nothing in EUR: every holding reads "no price" and the total says what it leaves out.
  await page.getByLabel('Currency').selectOption('EUR');
  await expect(page.getByTestId('portfolio-equity')).toHaveText(/^0[.,]00 EUR$/);
  await expect(page.getByTestId('portfolio-unpriced')).toContainText('USDT');
  await expect(page.getByRole('table', { name: 'Holdings' }).getByText('no price').first()).toBeVisible();
  await attachScreenshot(page, 'portfolio-no-price');
  expect(pageErrors).toEqual([]);
});
