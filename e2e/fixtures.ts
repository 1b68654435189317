import { test as base, expect, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from './host-process';

interface Fixtures {
  host: HostProcess;
  /** Console errors and uncaught exceptions of the page: a test fails on any it did not expect. */
  pageErrors: string[];
}

export const test = base.extend<Fixtures>({
  host: async ({}, use) => {
    const host = await startHostProcess();
    await use(host);
    await host.stop();
  },
  pageErrors: async ({ page }, use) => {
    await use(watchPageErrors(page));
  },
});

/** Collects the page's console errors and uncaught exceptions from now on, into the list it returns. */
export function watchPageErrors(page: Page, errors: string[] = []): string[] {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function attachScreenshot(page: Page, name: string): Promise<void> {
  await test.info().attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

/** Time of the newest candle the chart holds, as written by the chart itself. */
export async function lastCandle(page: Page): Promise<{ time: number; close: number }> {
  const chart = page.getByTestId('chart');
  return {
    time: Number(await chart.getAttribute('data-last-time')),
    close: Number(await chart.getAttribute('data-last-close')),
  };
}

export { expect };
