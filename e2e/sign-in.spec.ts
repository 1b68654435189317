// Signing in to the product account (Auth0) in Chromium against the headless host, with a real OpenID provider on
// 127.0.0.1 configured like the Auth0 tenant. The host runs the same main-process code as the desktop; only the
// "system browser" differs: the host asks the page to open the provider in a new tab. Browser flow: log in and
// consent in the new page, back in the app with the user's name, sign out, sign in again, restart → still signed in.
// Device flow: the code and its QR code in a dialog, entered on the provider's page. No token anywhere it must not be.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { startOpenIdProvider, type RunningOpenIdProvider } from '../fakes/openid-provider';
import { freshDataDir, startHostProcess, type HostProcess } from './host-process';
import { attachScreenshot, expect, test } from './fixtures';

/** The app's fixed callback ports (src-main/auth/loopback-redirect.ts), registered in the tenant like in Auth0. */
const CALLBACK_PORTS = [53682, 53683, 53684];

let provider: RunningOpenIdProvider;
test.beforeEach(async () => {
  provider = await startOpenIdProvider({ callbackPorts: CALLBACK_PORTS });
});
test.afterEach(async () => {
  await provider.close();
});

function signInEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TBS_AUTH_ISSUER: provider.issuer, TBS_AUTH_CLIENT_ID: provider.clientId, TBS_AUTH_AUDIENCE: provider.audience };
}

/** Every WebSocket frame the page receives: the renderer's whole view of main. */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => frames.push(String(payload))));
  return frames;
}

async function open(page: Page, host: HostProcess): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
}

const account = (page: Page) => page.getByLabel('Account');

/** A person at the provider's pages: logs in as the test user (unless the provider remembers them) and accepts. */
async function logInAndConsent(popup: Page): Promise<void> {
  const login = popup.getByRole('heading', { name: /^Log in/ });
  const consent = popup.getByRole('heading', { name: 'Authorize the app' });
  await expect(login.or(consent)).toBeVisible();
  if (await login.isVisible()) {
    await popup.getByLabel('Email').fill(provider.users[0]!.email);
    await popup.getByLabel('Password').fill(provider.users[0]!.password);
    await popup.getByRole('button', { name: 'Continue' }).click();
  }
  await popup.getByRole('button', { name: 'Accept' }).click();
}

async function signInWithBrowser(page: Page, context: BrowserContext): Promise<void> {
  const opened = context.waitForEvent('page');
  await account(page).getByRole('button', { name: 'Sign in', exact: true }).click();
  const popup = await opened;
  await expect(popup).toHaveURL(new RegExp(`^${provider.issuer}/`));
  await logInAndConsent(popup);
  await expect(popup.getByRole('heading', { name: 'You can close this tab' })).toBeVisible();
  await popup.close();
  await expect(account(page)).toContainText('Signed in as Alice Trader');
}

test('without an issuer and client id configured there is no sign-in at all', async ({ page, host, pageErrors }) => {
  await open(page, host);
  await expect(page.getByRole('button', { name: 'Accounts' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Sign in/ })).toHaveCount(0);
  await expect(page.getByText(/Signed in as/)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('browser sign-in in a new page, sign out, and still signed in after a restart; no token leaks', async ({ page, context, pageErrors }) => {
  const dataDir = freshDataDir();
  const frames = recordFrames(page);
  const screenshots: Buffer[] = [];
  let host = await startHostProcess({ dataDir, env: signInEnv() });
  try {
    await open(page, host);
    await signInWithBrowser(page, context);
    screenshots.push(await page.screenshot());
    await attachScreenshot(page, 'signed in');

    // The notifications log records it.
    await page.getByRole('tab', { name: 'Notifications log' }).click();
    await expect(page.getByRole('table', { name: 'Delivery log' })).toContainText('Signed in as Alice Trader');

    await account(page).getByRole('button', { name: 'Sign out' }).click();
    await expect(account(page).getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Delivery log' })).toContainText('Signed out');
    screenshots.push(await page.screenshot());

    // Again, then a restart: the refresh token comes back from the secret store.
    await signInWithBrowser(page, context);
    await host.stop();
    host = await startHostProcess({ dataDir, env: signInEnv() });
    await open(page, host);
    await expect(account(page)).toContainText('Signed in as Alice Trader');
    // The restored session was refreshed (rotation): the provider issued tokens once more.
    await expect.poll(() => provider.issuedTokens.length).toBeGreaterThanOrEqual(9);
    screenshots.push(await page.screenshot());
    await attachScreenshot(page, 'still signed in after a restart');

    const tokens = provider.issuedTokens;
    expect(tokens.length).toBeGreaterThanOrEqual(9);
    const rendererState = [...frames, await page.content(), await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))].join('\n');
    const sqlite = readdirSync(dataDir)
      .filter((name) => name.includes('.sqlite'))
      .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
      .join('\n');
    for (const token of tokens) {
      expect(host.output()).not.toContain(token);
      expect(sqlite).not.toContain(token);
      expect(rendererState).not.toContain(token);
      for (const shot of screenshots) expect(shot.includes(token)).toBe(false);
    }
    expect(sqlite.length).toBeGreaterThan(0);
    expect(frames.some((frame) => frame.includes('Alice Trader'))).toBe(true);
    // While the host restarts, the page's reconnects meet a closed port: those, and nothing else.
    expect(pageErrors.filter((error) => !error.includes('net::ERR_CONNECTION_REFUSED'))).toEqual([]);
  } finally {
    await host.stop();
  }
});

test('device flow: the code and its QR code in a dialog, entered on the provider page', async ({ page, context, pageErrors }) => {
  const frames = recordFrames(page);
  const host = await startHostProcess({ env: signInEnv() });
  try {
    await open(page, host);
    await account(page).getByRole('button', { name: 'Sign in with a code' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in on another device' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('img', { name: 'QR code of the sign-in page' })).toBeVisible();
    const code = (await dialog.getByLabel('Code to enter').textContent())!.trim();
    expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    await attachScreenshot(page, 'device code');

    // "Another device": a page of its own, where the person types the code.
    const phone = await context.newPage();
    await phone.goto(await dialog.getByRole('link').getAttribute('href') as string);
    await phone.getByPlaceholder('Enter code').fill(code);
    await phone.getByRole('button', { name: 'Continue' }).click();
    await phone.getByRole('button', { name: 'Confirm' }).click();
    await logInAndConsent(phone);
    await expect(phone.getByRole('heading', { name: 'Device activated' })).toBeVisible();
    await phone.close();

    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(account(page)).toContainText('Signed in as Alice Trader');
    for (const token of provider.issuedTokens) expect(frames.join('\n')).not.toContain(token);
    expect(pageErrors).toEqual([]);
  } finally {
    await host.stop();
  }
});
