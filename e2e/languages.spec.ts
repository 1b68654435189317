// The app in Vietnamese, as a browser set to Vietnamese opens it: an amount typed the Vietnamese way (0,5) places an
// order that shows in Open orders, a risk refusal and a price alert read in Vietnamese, and the Display menu switches
// to English without a reload. Screenshots of the main screens in both languages are attached to the results.
import type { Page } from '@playwright/test';
import { call } from './api-call';
import { attachScreenshot, expect, test } from './fixtures';

test.use({ locale: 'vi-VN' });

const ticket = (page: Page) => page.getByRole('region', { name: 'Phiếu lệnh' });
/** A number as Vietnamese tables write it: dots group thousands, a comma before the decimals. */
const viNumber = (text: string): number => Number(text.replace(/\./g, '').replace(',', '.'));

test('trades, is refused and is alerted in Vietnamese, then switches to English without a reload', async ({ page, host, pageErrors }) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await expect(page.getByRole('status', { name: 'Kết nối' })).toHaveText('Đã kết nối');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  const price = ticket(page).getByLabel('Giá', { exact: true });
  await expect(price).toHaveValue(/^\d+,\d{2}$/); // the last price, prefilled the Vietnamese way
  await attachScreenshot(page, 'vi-trading');

  // A limit buy far below the market, amount typed as 0,5.
  const last = viNumber(await price.inputValue());
  const limitPrice = Math.floor(last * 0.05);
  // Orders worth more than 0,7 BTC at that price are refused: 0,5 BTC passes, 0,8 BTC does not.
  const maxValue = Math.round(limitPrice * 0.7);
  const limits = { global: { maxOrderNotional: maxValue }, accounts: {}, dailyResetUtc: '00:00', warnAtPct: 80 };
  expect(await call(host, host.token, 'risk:update-settings', limits)).toMatchObject({ ok: true });
  await ticket(page).getByRole('button', { name: 'Mua', exact: true }).click();
  await price.fill(String(limitPrice));
  await ticket(page).getByLabel('Khối lượng').fill('0,5');
  await expect(ticket(page).getByTestId('ticket-value')).toHaveText(/^[\d.]+,\d{2} USDT$/);
  await ticket(page).getByRole('button', { name: 'Mua BTC' }).click();
  const result = ticket(page).getByRole('status', { name: 'Kết quả lệnh' });
  await expect(result).toContainText('Lệnh đang chờ khớp');
  await expect(result).toContainText('Mua 0,50000 BTC');

  await page.getByRole('tab', { name: 'Lệnh đang mở' }).click();
  const row = page.getByRole('table', { name: 'Lệnh đang mở' }).getByRole('row').filter({ hasText: 'BTC/USDT' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Mua');
  await expect(row).toContainText('Giới hạn');
  await expect(row).toContainText('0,50000');
  await expect(row).toContainText(limitPrice.toLocaleString('vi-VN', { minimumFractionDigits: 2 }));

  // 1.000 could be a thousand or one: asked, not guessed.
  await ticket(page).getByLabel('Khối lượng').fill('1.000');
  await expect(ticket(page).getByText(/có thể hiểu theo hai cách: gõ 1000 .* hoặc 1,000/)).toBeVisible();

  // Over the limit: main refuses, and the refusal reads in Vietnamese with Vietnamese figures.
  await ticket(page).getByLabel('Khối lượng').fill('0,8');
  await ticket(page).getByRole('button', { name: 'Mua BTC' }).click();
  await expect(result).toContainText('Chưa đặt được: Bị chặn bởi hạn mức chung về giá trị lệnh tối đa');
  await expect(result).toContainText(`hạn mức là ${maxValue.toLocaleString('vi-VN', { minimumFractionDigits: 2 })} USDT`);
  await attachScreenshot(page, 'vi-refusal');

  // A price alert just above the market, set and fired in Vietnamese.
  await page.getByRole('tab', { name: 'Cảnh báo' }).click();
  const form = page.getByRole('form', { name: 'Cảnh báo mới cho BTC/USDT' });
  await expect(form.getByLabel('Giá', { exact: true })).toHaveValue(/^\d+,\d{2}$/);
  await form.getByRole('button', { name: 'Tạo cảnh báo' }).click();
  const rule = page.getByRole('row', { name: /^BTC\/USDT lên trên [\d.,]+ trên Demo$/ });
  await expect(rule).toBeVisible();
  const banner = page.getByRole('alert', { name: /^Cảnh báo: BTC\/USDT lên trên/ });
  await expect(banner).toBeVisible({ timeout: 60_000 });
  await expect(banner).toContainText(/Demo · giá [\d.,]+ lúc \d/);
  await expect(rule).toContainText('Đã vượt ngưỡng');
  await attachScreenshot(page, 'vi-alert');

  // English from the Display menu: every word changes at once, without a reload, and the choice is saved.
  let reloaded = false;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) reloaded = true;
  });
  await page.getByText('Hiển thị', { exact: true }).click();
  await page.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('en');
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('tab', { name: 'Alerts' })).toBeVisible();
  await expect(page.getByRole('row', { name: /^BTC\/USDT above [\d,.]+ on Demo$/ })).toContainText('Past the line');
  await expect(ticket(page)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Order ticket' }).getByText('Not placed: Refused by the global maximum order value')).toBeVisible();
  await page.getByRole('tab', { name: 'Open orders' }).click();
  await expect(page.getByRole('table', { name: 'Open orders' }).getByRole('row').filter({ hasText: 'BTC/USDT' })).toContainText('0.50000');
  expect(reloaded).toBe(false);
  await attachScreenshot(page, 'en-trading');

  // Saved with the preferences: a fresh page opens in English although the browser is Vietnamese.
  await page.reload();
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await expect(page.getByRole('region', { name: 'Order ticket' })).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('the settings screens in both languages, for the screenshots kept with the results', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await expect(page.getByRole('status', { name: 'Kết nối' })).toHaveText('Đã kết nối');
  for (const [language, risk, back] of [
    ['vi', 'Rủi ro', '← Quay lại giao dịch'],
    ['en', 'Risk', '← Back to trading'],
  ] as const) {
    await page.getByRole('button', { name: risk, exact: true }).click();
    await expect(page.getByRole('button', { name: back })).toBeVisible();
    await attachScreenshot(page, `${language}-risk`);
    await page.getByRole('button', { name: back }).click();
    if (language === 'vi') {
      await page.getByText('Hiển thị', { exact: true }).click();
      await page.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('en');
      await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
    }
  }
  expect(pageErrors).toEqual([]);
});
