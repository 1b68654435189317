import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './e2e/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each test starts its own host and browser page; two cores do not gain from running them side by side.
  workers: 1,
  retries: 0,
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  reporter: process.env.CI
    ? [['list'], ['junit', { outputFile: 'test-results/e2e-junit.xml' }], ['html', { open: 'never', outputFolder: 'playwright-report' }]]
    : [['list'], ['junit', { outputFile: 'test-results/e2e-junit.xml' }]],
  use: {
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
    launchOptions: CHROMIUM_LAUNCH,
  },
});
