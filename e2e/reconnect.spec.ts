import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHostProcess } from './host-process';
import { attachScreenshot, expect, lastCandle, test } from './fixtures';

test('the page reconnects when the host comes back, and the chart goes on', async ({ page }, testInfo) => {
  const tokenFile = join(testInfo.outputDir, 'token');
  mkdirSync(testInfo.outputDir, { recursive: true });
  writeFileSync(tokenFile, 'e2e-reconnect-token-0123456789');
  let host = await startHostProcess({ tokenFile });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('chart')).toHaveAttribute('data-last-time', /^\d+$/);

    await host.stop();
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Reconnecting…');
    await expect(page.getByTestId('chart-status')).toContainText('reconnecting');
    await attachScreenshot(page, 'host-down');

    host = await startHostProcess({ tokenFile, port: host.port, dataDir: host.dataDir });
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected', { timeout: 15_000 });
    await expect(page.getByTestId('chart-status')).toHaveCount(0);
    const before = await lastCandle(page);
    await expect.poll(async () => (await lastCandle(page)).close !== before.close || (await lastCandle(page)).time !== before.time).toBe(true);
  } finally {
    await host.stop();
  }
});
