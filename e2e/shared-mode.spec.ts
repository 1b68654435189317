// Shared mode in the real UI: two headless hosts on one redis-server started by this test, each with a demo order
// resting. The kill switch engaged in A's top bar is engaged in B too, and each host cancels its own order; both
// Processes panels list both hosts; released once in B, A trades again.
import type { Page } from '@playwright/test';
import { startTestRedis, type TestRedis } from '../src-main/shared-mode/testing/redis-server';
import { attachScreenshot, expect, test, watchPageErrors } from './fixtures';
import { openTrading, restBuy, ticket } from './demo-ticket';
import { startHostProcess, type HostProcess } from './host-process';

// Another process's engage reaches this one through Redis: waited for, never timed.
const ACROSS = { timeout: 20_000 };

let redis: TestRedis | undefined;
const cleanups: Array<() => Promise<void>> = [];

test.beforeAll(async () => {
  redis = await startTestRedis();
});
test.afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
test.afterAll(async () => {
  await redis?.stop();
});

async function startSharedHost(name: string): Promise<HostProcess> {
  const host = await startHostProcess({ extraArgs: ['--redis', redis!.url, '--process-name', name] });
  cleanups.push(() => host.stop());
  return host;
}

const openOrderRows = (page: Page) => page.getByRole('table', { name: 'Open orders' }).getByRole('row').filter({ hasText: 'BTC/USDT' });

test('the kill switch engaged in one host’s UI cancels both hosts’ orders and shows in both UIs; released once from the other', async ({ browser }) => {
  test.setTimeout(120_000);
  const hostA = await startSharedHost('A');
  const hostB = await startSharedHost('B');
  const errors: string[] = [];
  const contextA = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const contextB = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  cleanups.push(() => contextA.close(), () => contextB.close());
  // A browser context each: two traders' windows, with nothing shared between them but Redis.
  const a = await contextA.newPage();
  const b = await contextB.newPage();
  watchPageErrors(a, errors);
  watchPageErrors(b, errors);

  for (const [page, host] of [[a, hostA], [b, hostB]] as const) {
    await openTrading(page, host.url);
    await restBuy(page);
    await page.getByRole('tab', { name: 'Open orders' }).click();
    await expect(openOrderRows(page)).toHaveCount(1);
  }

  // Each host's Processes panel lists both, this one marked, each with its age.
  for (const [page, self, other] of [[a, 'A', 'B'], [b, 'B', 'A']] as const) {
    const rows = page.getByRole('region', { name: 'Processes' }).getByRole('row');
    await expect(rows.filter({ has: page.getByRole('cell', { name: `${self} (this one)`, exact: true }) })).toHaveCount(1, ACROSS);
    await expect(rows.filter({ has: page.getByRole('cell', { name: other, exact: true }) })).toContainText(/\d+ (s|min)$/, ACROSS);
    await page.getByRole('region', { name: 'Processes' }).scrollIntoViewIfNeeded();
    await attachScreenshot(page, `${self}: processes`);
  }

  // Engaged in A's top bar: A sweeps its own order at once.
  await a.getByRole('button', { name: 'KILL SWITCH', exact: true }).click();
  await expect(a.getByRole('button', { name: 'KILL SWITCH ENGAGED' })).toBeVisible();
  await expect(a.getByRole('region', { name: 'Kill switch results' }).getByRole('listitem')).toHaveText(['Demo (demo): 1 cancelled; nothing left open']);
  await expect(a.getByText('No open orders.')).toBeVisible();

  // B hears it through Redis: engaged, with where it came from, and its own order cancelled by its own sweep.
  await expect(b.getByRole('button', { name: 'KILL SWITCH ENGAGED' })).toBeVisible(ACROSS);
  await expect(b.getByText('No open orders.')).toBeVisible(ACROSS);
  await expect(openOrderRows(b)).toHaveCount(0);
  await b.getByRole('button', { name: 'KILL SWITCH ENGAGED' }).click();
  await expect(b.getByRole('region', { name: 'Kill switch results' }).getByRole('listitem')).toHaveText(['Demo (demo): 1 cancelled; nothing left open'], ACROSS);
  // "KILL SWITCH ENGAGED" is wider: the top bar may wrap it onto a line of its own, its panel still whole on screen.
  await expect(b.getByRole('region', { name: 'Kill switch results' })).toBeInViewport({ ratio: 1 });
  await ticket(b).getByLabel('Amount').fill('0.001');
  await expect(ticket(b).getByRole('alert').filter({ hasText: 'Kill switch engaged' })).toContainText('engaged in another process');
  await expect(ticket(b).getByRole('button', { name: 'Buy BTC' })).toBeDisabled();
  await attachScreenshot(a, 'A: kill switch engaged here');
  await attachScreenshot(b, 'B: kill switch engaged from A');

  // Released once, in B (after its question): A is released too and takes orders again.
  await b.getByRole('region', { name: 'Kill switch results' }).getByRole('button', { name: 'Release…' }).click();
  await b.getByRole('dialog', { name: 'Release the kill switch?' }).getByRole('button', { name: 'Release', exact: true }).click();
  await expect(b.getByRole('button', { name: 'KILL SWITCH', exact: true })).toBeVisible();
  await expect(a.getByRole('button', { name: 'KILL SWITCH', exact: true })).toBeVisible(ACROSS);
  await expect(ticket(a).getByRole('alert').filter({ hasText: 'Kill switch engaged' })).toHaveCount(0);
  await restBuy(a);
  await expect(openOrderRows(a)).toHaveCount(1);
  await attachScreenshot(a, 'A: released from B, trading again');
  await attachScreenshot(b, 'B: released here');
  expect(errors).toEqual([]);
});
