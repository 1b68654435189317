import { attachScreenshot, expect, lastCandle, test } from './fixtures';

test('a fresh install shows a live demo chart whose last candle moves', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  const chart = page.getByTestId('chart');
  await expect(chart).toHaveAttribute('data-last-time', /^\d+$/);
  await expect(chart.locator('canvas').first()).toBeVisible();
  await expect(page.getByLabel('Venue')).toHaveValue('demo');
  await expect(page.getByLabel('Symbol')).toHaveValue('BTC/USDT');
  await expect(page.getByTestId('last-price')).toHaveText(/^\d{1,3}(,\d{3})*\.\d{2}$/);
  await expect(page.getByTestId('chart-legend')).toContainText(/O [\d,.]+ +H [\d,.]+ +L [\d,.]+ +C [\d,.]+ +V /);

  const first = await lastCandle(page);
  expect(first.time % 60_000).toBe(0);
  await expect
    .poll(async () => {
      const now = await lastCandle(page);
      return now.close !== first.close || now.time !== first.time;
    }, { timeout: 10_000 })
    .toBe(true);
  await attachScreenshot(page, 'live-demo-chart');
  expect(pageErrors).toEqual([]);
});

test('switching symbol and timeframe reloads the chart and is remembered', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('chart')).toHaveAttribute('data-last-time', /^\d+$/);
  await page.getByLabel('Symbol').selectOption('ETH/USDT');
  await page.getByRole('button', { name: '15m' }).click();
  await expect(page.getByRole('button', { name: '15m' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await lastCandle(page)).time % 900_000, { timeout: 10_000 }).toBe(0);
  // ETH trades near 3,000 and BTC near 60,000 in the demo market: the chart now shows ETH.
  await expect.poll(async () => (await lastCandle(page)).close).toBeLessThan(20_000);
  await attachScreenshot(page, 'eth-15m');

  await page.reload();
  await expect(page.getByLabel('Symbol')).toHaveValue('ETH/USDT');
  await expect(page.getByRole('button', { name: '15m' })).toHaveAttribute('aria-pressed', 'true');
  expect(pageErrors).toEqual([]);
});

test('a wrong token shows a clear "not authorized" screen', async ({ page, host }) => {
  await page.goto(`${host.origin}/#token=not-the-token`);
  await expect(page.getByRole('heading', { name: 'Not authorized' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('#token=');
  await attachScreenshot(page, 'not-authorized');
});

test('time and sales lists the demo tape, newest on top, and follows the symbol', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  const tape = page.getByRole('region', { name: 'Time and sales' });
  const rows = tape.locator('tbody tr');
  await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(3);
  // Every row is a trade with its taker side, and the newest sits on top: times never increase down the list.
  const times = await rows.locator('td:nth-child(3)').allTextContents();
  expect(times).toEqual([...times].sort().reverse());
  expect(await rows.evaluateAll((trs) => trs.every((tr) => tr.classList.contains('buy') || tr.classList.contains('sell')))).toBe(true);
  // The top trade's price is the price the chart shows: the same feed.
  const top = Number((await rows.first().locator('td').first().textContent())!.replace(/,/g, ''));
  expect(Math.abs(top - (await lastCandle(page)).close) / top).toBeLessThan(0.01);
  await attachScreenshot(page, 'time-and-sales');

  await page.getByLabel('Symbol').selectOption('ETH/USDT');
  await expect(tape.getByRole('columnheader', { name: 'Amount (ETH)' })).toBeVisible();
  await expect.poll(async () => Number((await rows.first().locator('td').first().textContent())!.replace(/,/g, '')), { timeout: 10_000 }).toBeLessThan(20_000);
  expect(pageErrors).toEqual([]);
});

test('the top bar follows the shown market\'s own ticker stream and drops the previous one on a switch', async ({ page, host, pageErrors }) => {
  const tickers: Array<{ symbol: string; last: number }> = [];
  const sent: Array<{ channel: string; payload: { symbol?: string; subscriptionId?: string } }> = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload));
      if (frame.type === 'event' && frame.event === 'ticker.updated') tickers.push(frame.payload.ticker);
    });
    socket.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload));
      if (frame.type === 'req') sent.push(frame);
    });
  });
  await page.goto(host.url);
  await expect.poll(() => tickers.filter((t) => t.symbol === 'BTC/USDT').length, { timeout: 10_000 }).toBeGreaterThan(2);
  // What the top bar shows is the newest ticker pushed (formatted with the market's two decimals).
  await expect.poll(async () => {
    const shown = Number((await page.getByTestId('last-price').textContent())!.replace(/,/g, ''));
    return shown === tickers.filter((t) => t.symbol === 'BTC/USDT').at(-1)!.last;
  }).toBe(true);
  expect(sent.filter((f) => f.channel === 'market:subscribe-ticker').map((f) => f.payload.symbol)).toEqual(['BTC/USDT']);

  await page.getByLabel('Symbol').selectOption('ETH/USDT');
  await expect.poll(() => tickers.filter((t) => t.symbol === 'ETH/USDT').length, { timeout: 10_000 }).toBeGreaterThan(1);
  await expect.poll(async () => Number((await page.getByTestId('last-price').textContent())!.replace(/,/g, ''))).toBeLessThan(20_000);
  expect(sent.filter((f) => f.channel === 'market:subscribe-ticker').map((f) => f.payload.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
  expect(sent.filter((f) => f.channel === 'market:unsubscribe').length).toBeGreaterThanOrEqual(1);
  // The BTC ticker stream ended with the switch: no BTC ticker arrives a moment later.
  const btcSoFar = tickers.filter((t) => t.symbol === 'BTC/USDT').length;
  await page.waitForTimeout(1_500);
  expect(tickers.filter((t) => t.symbol === 'BTC/USDT').length).toBe(btcSoFar);
  expect(pageErrors).toEqual([]);
});
