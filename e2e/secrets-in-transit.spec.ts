// Where secrets may go, seen from the screens: moving the mail server clears the saved password (the form says so
// before saving, and the test email then asks for it instead of logging in to the new server), and plain text to
// another machine is sent only after the trader accepts it in a dialog — for SMTP and for an account's base URL. And
// test messages cannot be fired without limit: the sixth in a minute says when the next is allowed.
import type { Page } from '@playwright/test';
import { startFakeBinance, TEST_ACCOUNT, type FakeBinance } from '../fakes/binance';
import { startTestSmtpServer, type TestSmtpServer } from '../fakes/smtp';
import { attachScreenshot, expect, test } from './fixtures';

const USER = 'trader@example.test';
const PASSWORD = 'e2e-password-for-server-a-5521';

async function open(page: Page, url: string, screen: 'Notifications' | 'Accounts'): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await page.getByRole('button', { name: screen }).click();
  await expect(page.getByRole('heading', { name: screen, level: 1 })).toBeVisible();
}

test.describe('the SMTP password and plain-text SMTP', () => {
  let serverA: TestSmtpServer;
  let serverB: TestSmtpServer;
  test.beforeEach(async () => {
    serverA = await startTestSmtpServer({ user: USER, password: PASSWORD });
    serverB = await startTestSmtpServer({ user: USER, password: PASSWORD });
  });
  test.afterEach(async () => {
    await serverA.close();
    await serverB.close();
  });

  test('moving the server clears the password, with a warning first; plain text elsewhere needs a confirmation', async ({ page, host, pageErrors }) => {
    await open(page, host.url, 'Notifications');
    const form = page.getByRole('form', { name: 'Email settings' });
    await form.getByLabel('Send notifications by email').check();
    await form.getByLabel('SMTP server').fill('127.0.0.1');
    await form.getByLabel('Security').selectOption('none');
    await form.getByLabel('Port').fill(String(serverA.port));
    await form.getByLabel('User').fill(USER);
    await form.getByLabel('From').fill('bot@example.test');
    await form.getByLabel('To').fill('me@example.test');
    await form.getByRole('button', { name: 'Save email settings' }).click();
    const secret = page.getByRole('form', { name: 'SMTP password' });
    await secret.getByLabel('SMTP password').fill(PASSWORD);
    await secret.getByRole('button', { name: 'Save SMTP password' }).click();
    await expect(page.getByLabel('SMTP password is set')).toBeVisible();

    // Pointing the form at server B: the warning and the field to type the password again appear before saving.
    await form.getByLabel('Port').fill(String(serverB.port));
    await expect(form.getByText('Changing the server, port, security or user clears the saved password: enter it again.')).toBeVisible();
    await expect(form.getByLabel('SMTP password for this server')).toBeVisible();
    await attachScreenshot(page, 'email-server-moved-warning');

    // Sending a test without typing it: the password is cleared, and server B never sees a login.
    await form.getByRole('button', { name: 'Send test email' }).click();
    const alert = page.getByRole('region', { name: 'Email' }).getByRole('alert');
    await expect(alert).toContainText('no SMTP password is set: enter the password in Notifications settings');
    await expect(page.getByLabel('SMTP password is set')).toHaveCount(0);
    expect(serverB.logins).toEqual([]);
    expect(serverB.messages).toEqual([]);

    // Typed again with the move, it goes to server B.
    await form.getByLabel('Port').fill(String(serverA.port));
    await form.getByLabel('Port').fill(String(serverB.port));
    await expect(form.getByLabel('SMTP password for this server')).toHaveCount(0); // nothing saved to move
    await secret.getByLabel('SMTP password').fill(PASSWORD);
    await secret.getByRole('button', { name: 'Save SMTP password' }).click();
    await form.getByRole('button', { name: 'Send test email' }).click();
    await expect(page.getByRole('region', { name: 'Email' }).getByRole('status')).toContainText('The server answered: 250 ');
    expect(serverB.logins).toEqual([{ user: USER, accepted: true }]);

    // Security "None" to another machine: a dialog asks; cancelling saves nothing.
    await form.getByLabel('SMTP server').fill('smtp.example.com');
    await form.getByLabel('SMTP password for this server').fill(PASSWORD);
    await form.getByRole('button', { name: 'Save email settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm plain text' });
    await expect(dialog).toContainText('Security "None" sends the SMTP password and every message to smtp.example.com in clear text');
    await attachScreenshot(page, 'email-plain-text-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await page.reload();
    await page.getByRole('button', { name: 'Notifications' }).click();
    await expect(page.getByRole('form', { name: 'Email settings' }).getByLabel('SMTP server')).toHaveValue('127.0.0.1');
    await expect(page.getByLabel('SMTP password is set')).toBeVisible();

    // Accepted, it is saved, with the password typed again for the new server.
    await form.getByLabel('SMTP server').fill('smtp.example.com');
    await form.getByLabel('SMTP password for this server').fill(PASSWORD);
    await form.getByRole('button', { name: 'Save email settings' }).click();
    await dialog.getByRole('button', { name: 'Accept plain text' }).click();
    await expect(page.getByLabel('SMTP password is set')).toBeVisible();
    await page.reload();
    await page.getByRole('button', { name: 'Notifications' }).click();
    await expect(page.getByRole('form', { name: 'Email settings' }).getByLabel('SMTP server')).toHaveValue('smtp.example.com');
    expect(host.output()).not.toContain(PASSWORD);
    expect(pageErrors).toEqual([]);
  });
});

test.describe('an account with a plain-text URL', () => {
  let binance: FakeBinance;
  test.beforeEach(async () => {
    binance = await startFakeBinance();
  });
  test.afterEach(async () => {
    await binance.close();
  });

  test('is sent only after the trader accepts plain text in a dialog', async ({ page, host, pageErrors }) => {
    await open(page, host.url, 'Accounts');
    const form = page.getByRole('form', { name: 'Add account' });
    await form.getByLabel('Exchange', { exact: true }).selectOption('binance');
    await form.getByLabel('Label').fill('Over the LAN');
    await form.getByLabel('API key').fill(TEST_ACCOUNT.apiKey);
    await form.getByLabel('API secret').fill(TEST_ACCOUNT.secret);
    await form.getByText('Advanced').click();
    // REST on this machine (the fake venue) needs nothing; the stream on another machine in clear text does.
    await form.getByLabel('REST base URL').fill(binance.url);
    await form.getByLabel('WebSocket base URL').fill('ws://stream.gateway.invalid:9000/ws');
    await form.getByRole('button', { name: 'Add account' }).click();

    const dialog = page.getByRole('dialog', { name: 'Confirm plain text' });
    await expect(dialog).toContainText('WebSocket base URL ws://stream.gateway.invalid:9000 is not encrypted');
    await expect(dialog).not.toContainText('REST base URL');
    await attachScreenshot(page, 'account-plain-text-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(binance.log.count({ path: '/api/v3/account' })).toBe(0); // nothing was sent

    await form.getByRole('button', { name: 'Add account' }).click();
    await dialog.getByRole('button', { name: 'Accept plain text' }).click();
    const row = page.getByRole('listitem', { name: 'Over the LAN' });
    await expect(row.getByLabel('Status')).toHaveText('Connected');
    await expect(row).toContainText('ws://stream.gateway.invalid:9000/ws');
    expect(pageErrors).toEqual([]);
  });
});

test('a sixth test notification within a minute is refused, saying when the next is allowed', async ({ page, host, pageErrors }) => {
  await open(page, host.url, 'Notifications');
  const section = page.getByRole('region', { name: 'Desktop' });
  const toasts = page.getByRole('status', { name: 'Notifications' });
  for (let i = 0; i < 5; i++) {
    await section.getByRole('button', { name: 'Show a test notification' }).click();
    await expect(toasts).toContainText('Trade Bot Scratch test notification');
  }
  await section.getByRole('button', { name: 'Show a test notification' }).click();
  await expect(section.getByRole('alert')).toHaveText(/^Desktop: at most 5 test messages a minute; the next is allowed in \d+ s$/);
  await attachScreenshot(page, 'test-notification-rate-limited');
  expect(pageErrors).toEqual([]);
});
