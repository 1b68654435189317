// The viewer token in the real UI: a host started with --viewer-token-file, opened in Chromium with the viewer's
// token, shows the live chart and the operator's orders, says "read-only" in the top bar, offers no ticket, no
// cancel, no kill switch and no settings, and a request the page's own connection sends to trade is refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocketRoute } from '@playwright/test';
import { call } from './api-call';
import { attachScreenshot, expect, lastCandle, test } from './fixtures';
import { startHostProcess } from './host-process';

const VIEWER_TOKEN = 'viewer-e2e-token-0123456789abcdef';
const PLACE = { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001 };

test('the viewer token watches the chart and the orders, read-only, and cannot trade even over its own socket', async ({ page, pageErrors }) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tbs-viewer-')), 'viewer-token');
  writeFileSync(file, `${VIEWER_TOKEN}\n`);
  const host = await startHostProcess({ extraArgs: ['--viewer-token-file', file] });
  try {
    // Its output is a pipe, not a terminal: the viewer's address is printed, its token is not.
    await expect.poll(() => host.output()).toContain(`read-only viewers: open ${host.origin}/ with the viewer token (--viewer-token-file)`);
    expect(host.output()).not.toContain(VIEWER_TOKEN);

    // The operator rests an order far below the market: the viewer must see it, and not be able to cancel it.
    const ticker = (await call(host, host.token, 'market:ticker', { venue: 'demo', symbol: 'BTC/USDT' })) as { result: { last: number } };
    const price = Math.floor(ticker.result.last / 2);
    expect(await call(host, host.token, 'orders:place', { ...PLACE, price })).toMatchObject({ ok: true });

    // Every frame the page's own WebSocket carries passes through here, so the test can speak on it too.
    let server: WebSocketRoute | undefined;
    const answers = new Map<number, unknown>();
    await page.routeWebSocket(/\/api$/, (socket) => {
      server = socket.connectToServer();
      server.onMessage((message) => {
        const frame = JSON.parse(String(message)) as { type: string; id?: number; response?: unknown };
        if (frame.type === 'res' && typeof frame.id === 'number' && frame.id >= 1_000_000) answers.set(frame.id, frame.response);
        else socket.send(message);
      });
    });

    await page.goto(`${host.origin}/#token=${VIEWER_TOKEN}`);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
    // The chart is live.
    await expect.poll(async () => (await lastCandle(page)).time, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect(page.getByRole('img', { name: 'BTC/USDT 1m candlestick chart' })).toBeVisible();

    // "Read-only", with the reason on the badge.
    const badge = page.getByRole('status').filter({ hasText: 'Read-only' });
    await expect(badge).toBeVisible();
    await expect(badge).toHaveAttribute('title', /viewer token.*trading, cancelling, the kill switch and settings need the operator token/);

    // No ticket, no kill switch, no settings screens, no price comparison.
    await expect(page.getByRole('region', { name: 'Order ticket' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Buy/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'KILL SWITCH', exact: true })).toHaveCount(0);
    for (const name of ['Accounts', 'Notifications', 'Risk', 'Data providers…']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);

    // The operator's order is there, without Cancel or Cancel all.
    await page.getByRole('tab', { name: 'Open orders' }).click();
    const openOrders = page.getByRole('table', { name: 'Open orders' });
    await expect(openOrders.getByRole('row').filter({ hasText: 'BTC/USDT' })).toHaveCount(1);
    await expect(page.getByRole('button', { name: /^Cancel/ })).toHaveCount(0);
    // Alerts: the list, no form to set one.
    await page.getByRole('tab', { name: 'Alerts' }).click();
    await expect(page.getByText('No alerts set.')).toBeVisible();
    await expect(page.getByRole('button', { name: /alert/i })).toHaveCount(0);

    // Another timeframe is the viewer's own choice: shown at once, nothing saved, no error.
    await page.getByRole('group', { name: 'Timeframe' }).getByRole('button', { name: '5m', exact: true }).click();
    await expect(page.getByRole('img', { name: 'BTC/USDT 5m candlestick chart' })).toBeVisible();
    expect(await call(host, host.token, 'settings:get', {})).toMatchObject({ ok: true, result: { timeframe: '1m' } });

    // The kill switch shortcut does nothing for a viewer.
    await page.keyboard.press('Control+Shift+K');
    await attachScreenshot(page, 'viewer-read-only');

    // A direct attempt to trade over the page's own connection: refused, and nothing was placed.
    expect(server).toBeDefined();
    server!.send(JSON.stringify({ type: 'req', id: 1_000_001, channel: 'orders:place', payload: { ...PLACE, price } }));
    await expect.poll(() => answers.get(1_000_001)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('viewer token, which is read-only') as unknown as string, retryable: false },
    });
    server!.send(JSON.stringify({ type: 'req', id: 1_000_002, channel: 'risk:engage-kill-switch', payload: {} }));
    await expect.poll(() => answers.get(1_000_002)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const open = (await call(host, host.token, 'orders:list', { scope: 'open' })) as { result: unknown[] };
    expect(open.result).toHaveLength(1);
    expect(await call(host, host.token, 'risk:kill-switch', {})).toMatchObject({ ok: true, result: { engaged: false } });

    await expect(page.locator('.error-banner')).toHaveCount(0);
    expect(pageErrors).toEqual([]);
  } finally {
    await host.stop();
  }
});
