// Plans in Chromium against the headless host, with the real account server (src-server) on 127.0.0.1 and, behind
// it, the fake Stripe and the fake OpenID provider: sign in → Plan: Free → Upgrade opens Stripe Checkout in a new
// tab → paying there sends Stripe's signed webhooks to the server → the app shows Pro. Manage opens the billing
// portal, where cancelling brings the app back to Free.
import type { Page } from '@playwright/test';
import { startAccountServer, type Harness } from '../fakes/account-server';
import { ProviderUserAgent } from '../fakes/openid-provider/user-agent';
import { startHostProcess, type HostProcess } from './host-process';
import { attachScreenshot, expect, test } from './fixtures';

/** The app's fixed callback ports (src-main/auth/loopback-redirect.ts), registered at the provider. */
const CALLBACK_PORTS = [53682, 53683, 53684];

let server: Harness;
let host: HostProcess | undefined;
test.beforeEach(async () => {
  server = await startAccountServer({ callbackPorts: CALLBACK_PORTS });
});
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  await server.close();
});

function planEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TBS_AUTH_ISSUER: server.provider.issuer,
    TBS_AUTH_CLIENT_ID: server.provider.clientId,
    TBS_AUTH_AUDIENCE: server.provider.audience,
    TBS_ACCOUNT_SERVER_URL: server.url,
    TBS_ENTITLEMENT_PUBLIC_KEY: server.publicKeyPem,
  };
}

/** Signs in with a code, entered at the provider's page the way a phone would. */
async function signIn(page: Page): Promise<void> {
  const account = page.getByLabel('Account');
  await account.getByRole('button', { name: 'Sign in with a code' }).click();
  const code = await page.getByLabel('Code to enter').textContent();
  await new ProviderUserAgent(server.provider.issuer).activateDevice(`${server.provider.issuer}/device`, code!.trim(), server.provider.users[0]!, 'accept');
  await expect(account).toContainText('Signed in as Alice Trader', { timeout: 20_000 });
}

const planSummary = (page: Page) => page.locator('.plan-menu summary');

test('without an account server there is no Plan menu', async ({ page, pageErrors }) => {
  host = await startHostProcess();
  await page.goto(host.url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await expect(page.getByRole('button', { name: 'Accounts' })).toBeVisible();
  await expect(planSummary(page)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('sign in, upgrade at Stripe Checkout, and the app shows Pro; Manage opens the portal', async ({ page, context, pageErrors }) => {
  host = await startHostProcess({ env: planEnv() });
  await page.goto(host.url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await expect(planSummary(page)).toHaveText('Plan: Free');
  await signIn(page);

  await planSummary(page).click();
  const plan = page.getByRole('group', { name: 'Plan' });
  const checkoutTab = context.waitForEvent('page');
  await plan.getByRole('button', { name: 'Upgrade (monthly)' }).click();
  const checkout = await checkoutTab;
  await expect(checkout).toHaveURL(new RegExp(`^${server.stripe.url}/c/pay/cs_test_`));
  await expect(checkout.getByRole('heading', { name: 'Trade Bot Scratch Pro' })).toBeVisible();
  await checkout.getByRole('button', { name: 'Subscribe' }).click();
  await expect(checkout).toHaveURL(`${server.url}/billing/return?checkout=success`);
  await expect(checkout.getByText('You can close this tab')).toBeVisible();
  await checkout.close();

  // The app follows the plan closely after a checkout: Pro shows without a restart or a click.
  await expect(planSummary(page)).toHaveText('Plan: Pro', { timeout: 20_000 });
  await expect(plan).toContainText('Renews on');
  await attachScreenshot(page, 'plan-pro');

  const portalTab = context.waitForEvent('page');
  await plan.getByRole('button', { name: 'Manage' }).click();
  const portal = await portalTab;
  const customer = server.repository.customerOf('auth0|alice');
  await expect(portal).toHaveURL(new RegExp(`^${server.stripe.url}/p/session/bps_\\w+\\?customer=${customer}$`));
  await portal.getByRole('button', { name: 'Cancel plan' }).click();
  await expect(portal.getByText('0 active subscription(s)')).toBeVisible();
  await portal.close();
  await expect(planSummary(page)).toHaveText('Plan: Free', { timeout: 20_000 });
  await expect(plan).toContainText('Your Pro plan ended');
  expect(pageErrors).toEqual([]);
});
