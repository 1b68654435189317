// Theme and colour-blind-safe palette (UI.md): chosen from the top bar, applied to the page and the chart at once,
// remembered across a reload.
import type { Page } from '@playwright/test';
import { attachScreenshot, expect, test } from './fixtures';

/** A pixel of the chart's price pane, away from candles and lines: its background. */
/**
 * The chart canvas's background: the most common colour of a 16 × 16 grid of its pixels. One fixed pixel could fall
 * on a grid line or a candle, depending on where the random demo market put its prices.
 */
async function chartBackground(page: Page): Promise<number[]> {
  return page.getByTestId('chart').evaluate((chart) => {
    for (const canvas of chart.querySelectorAll('canvas')) {
      if (canvas.width < 200 || canvas.height < 200) continue;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const counts = new Map<string, number>();
      for (let i = 0; i < 16; i += 1) {
        for (let j = 0; j < 16; j += 1) {
          const x = Math.floor(((i + 0.5) * canvas.width) / 16);
          const y = Math.floor(((j + 0.5) * canvas.height) / 16);
          const at = (y * canvas.width + x) * 4;
          if (data[at + 3] !== 255) continue;
          const key = `${data[at]},${data[at + 1]},${data[at + 2]}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
      const [top] = [...counts].sort((a, b) => b[1] - a[1]);
      if (top) return top[0].split(',').map(Number);
    }
    return [];
  });
}

const computed = (page: Page, selector: string, property: string) =>
  page.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

test('light theme and blue/orange colours apply to the page and the chart, and are remembered', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('chart')).toHaveAttribute('data-last-time', /^\d+$/);
  expect(await computed(page, 'body', 'background-color')).toBe('rgb(19, 23, 34)');
  await expect.poll(() => chartBackground(page)).toEqual([19, 23, 34]);

  await page.getByText('Display', { exact: true }).click();
  await page.getByLabel('Theme').selectOption('light');
  await page.getByLabel('Up / down colours').selectOption('blue-orange');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('html')).toHaveAttribute('data-palette', 'blue-orange');
  expect(await computed(page, 'body', 'background-color')).toBe('rgb(255, 255, 255)');
  await expect.poll(() => chartBackground(page)).toEqual([255, 255, 255]);
  // Sell takes the palette's "down" colour; the kill switch stays red whatever the palette.
  await page.getByRole('region', { name: 'Order ticket' }).getByRole('button', { name: 'Sell', exact: true }).click();
  expect(await computed(page, '.segment.side-sell', 'background-color')).toBe('rgb(251, 140, 0)');
  expect(await computed(page, 'button.kill-switch-button', 'background-color')).toBe('rgb(211, 47, 47)');
  await attachScreenshot(page, 'light-blue-orange');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('html')).toHaveAttribute('data-palette', 'blue-orange');
  await expect.poll(() => chartBackground(page)).toEqual([255, 255, 255]);
  expect(pageErrors).toEqual([]);
});

test.describe('in Tokyo (UTC+9)', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('times are local by default and UTC once chosen, on the tape and after a reload', async ({ page, host, pageErrors }) => {
    await page.goto(host.url);
    const newestTapeHour = async () => {
      const cell = page.getByRole('region', { name: 'Time and sales' }).locator('tbody tr').first().locator('td:nth-child(3)');
      return Number((await cell.textContent())!.slice(0, 2));
    };
    const utcHour = () => new Date().getUTCHours();
    // The poll absorbs an hour turning between the two readings.
    await expect.poll(async () => (await newestTapeHour()) === (utcHour() + 9) % 24, { timeout: 15_000 }).toBe(true);

    await page.getByText('Display', { exact: true }).click();
    await page.getByLabel('Times').selectOption('utc');
    await expect.poll(async () => (await newestTapeHour()) === utcHour(), { timeout: 15_000 }).toBe(true);
    await page.reload();
    await expect.poll(async () => (await newestTapeHour()) === utcHour(), { timeout: 15_000 }).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
