// The trading screen's panels are resizable (UI.md) by dragging a divider or with the arrow keys on it, and the
// sizes come back after a reload.
import { expect, test } from './fixtures';

test('the ticket column and the tabs resize by mouse and keyboard, and keep their size after a reload', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  const side = page.getByRole('complementary', { name: 'Order ticket and prices' });
  const chart = page.getByTestId('chart');
  await expect(chart).toHaveAttribute('data-last-time', /^\d+$/);
  const widthBefore = (await side.boundingBox())!.width;
  const chartWidthBefore = (await chart.boundingBox())!.width;

  // Drag the column divider 120 px to the left: the ticket column grows, the chart shrinks with it.
  const divider = page.getByRole('separator', { name: 'Resize the chart and the ticket column' });
  const box = (await divider.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await side.boundingBox())!.width).toBeGreaterThan(widthBefore + 100);
  await expect.poll(async () => (await chart.boundingBox())!.width).toBeLessThan(chartWidthBefore - 100);

  // The row divider by keyboard: focused, each arrow press moves it.
  const tabs = page.getByRole('region', { name: 'Orders, trades, balances and alerts' });
  const tabsBefore = (await tabs.boundingBox())!.height;
  const rows = page.getByRole('separator', { name: 'Resize the chart and the tabs' });
  await rows.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await tabs.boundingBox())!.height).toBeGreaterThan(tabsBefore + 20);
  const sizes = { side: (await side.boundingBox())!.width, tabs: (await tabs.boundingBox())!.height };

  await page.reload();
  await expect(chart).toHaveAttribute('data-last-time', /^\d+$/);
  expect(Math.abs((await side.boundingBox())!.width - sizes.side)).toBeLessThan(2);
  expect(Math.abs((await tabs.boundingBox())!.height - sizes.tabs)).toBeLessThan(2);
  expect(pageErrors).toEqual([]);
});
