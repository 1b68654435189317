// The Notifications screen against the real headless host and a real SMTP server started here on 127.0.0.1. The host
// runs inside the private keychain session (scripts/keychain-session.mjs), so the SMTP password goes to a real
// Secret Service; the browser sees it only as "set".
import type { Page } from '@playwright/test';
import { startTestSmtpServer, type TestSmtpServer } from '../fakes/smtp';
import { attachScreenshot, expect, test } from './fixtures';

const USER = 'trader@example.test';
const PASSWORD = 'e2e-smtp-password-4417';
const WRONG = 'e2e-wrong-password-9902';

async function openNotifications(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await page.getByRole('button', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
}

async function configureEmail(page: Page, port: number): Promise<void> {
  const form = page.getByRole('form', { name: 'Email settings' });
  await form.getByLabel('Send notifications by email').check();
  await form.getByLabel('SMTP server').fill('127.0.0.1');
  await form.getByLabel('Security').selectOption('none');
  await form.getByLabel('Port').fill(String(port));
  await form.getByLabel('User').fill(USER);
  await form.getByLabel('From').fill('bot@example.test');
  await form.getByLabel('To').fill('me@example.test');
  await form.getByRole('button', { name: 'Save email settings' }).click();
  // Saved before going on: a password left in the keychain by an earlier test is cleared by this change of server,
  // and the password field below must be read after that.
  await expect(form.getByRole('button', { name: 'Save email settings' })).toBeEnabled();
}

async function setPassword(page: Page, password: string): Promise<void> {
  const replace = page.getByRole('button', { name: 'Replace SMTP password' });
  if (await replace.isVisible()) await replace.click();
  const field = page.getByRole('form', { name: 'SMTP password' });
  await field.getByLabel('SMTP password').fill(password);
  await field.getByRole('button', { name: 'Save SMTP password' }).click();
  await expect(page.getByLabel('SMTP password is set')).toBeVisible();
}

/** Everything the page holds as text: its HTML and the current value of every field. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value);
    return `${document.documentElement.outerHTML}\n${values.join('\n')}`;
  });
}

test.describe('email notifications', () => {
  let smtp: TestSmtpServer;
  test.beforeEach(async () => {
    smtp = await startTestSmtpServer({ user: USER, password: PASSWORD });
  });
  test.afterEach(async () => {
    await smtp.close();
  });

  test('a test email reaches the SMTP server with its subject and both bodies, and the log shows the answer', async ({ page, host, pageErrors }) => {
    await openNotifications(page, host.url);
    await configureEmail(page, smtp.port);
    await setPassword(page, PASSWORD);

    await page.getByRole('button', { name: 'Send test email' }).click();
    const section = page.getByRole('region', { name: 'Email' });
    await expect(section.getByRole('status')).toContainText(/Test email sent\. The server answered: 250 /);
    const mail = await smtp.nextMessage(0);
    expect(mail.subject).toBe('Trade Bot Scratch test notification');
    expect(mail.to).toContain('me@example.test');
    expect(mail.text).toContain('If you can read this, email notifications work.');
    expect(mail.html).toContain('<p>If you can read this, email notifications work.</p>');
    expect(smtp.logins).toEqual([{ user: USER, accepted: true }]);

    const log = page.getByRole('table', { name: 'Delivery log' });
    const row = log.getByRole('row').filter({ hasText: 'Email' }).first();
    await expect(row).toContainText('Test');
    await expect(row).toContainText('Sent');
    await expect(row).toContainText('250 ');
    expect(await pageText(page)).not.toContain(PASSWORD);
    await attachScreenshot(page, 'notifications-test-email-sent');

    // The settings survive a reload, with the password still only "set".
    await page.reload();
    await page.getByRole('button', { name: 'Notifications' }).click();
    await expect(page.getByRole('form', { name: 'Email settings' }).getByLabel('SMTP server')).toHaveValue('127.0.0.1');
    await expect(page.getByLabel('SMTP password is set')).toBeVisible();
    expect(pageErrors).toEqual([]);
  });

  test("a wrong password shows the server's refusal, in the test result and in the delivery log", async ({ page, host, pageErrors }) => {
    await openNotifications(page, host.url);
    await configureEmail(page, smtp.port);
    await setPassword(page, WRONG);

    await page.getByRole('button', { name: 'Send test email' }).click();
    const alert = page.getByRole('region', { name: 'Email' }).getByRole('alert');
    await expect(alert).toContainText(`Test email failed: The mail server 127.0.0.1:${smtp.port} refused the login of '${USER}'`);
    await expect(alert).toContainText('535');
    await expect(alert).toContainText('Check the user and password.');
    expect(smtp.messages).toEqual([]);
    expect(smtp.logins).toEqual([{ user: USER, accepted: false }]);

    const row = page.getByRole('table', { name: 'Delivery log' }).getByRole('row').filter({ hasText: 'Failed' }).first();
    await expect(row).toContainText('refused the login');
    expect(await pageText(page)).not.toContain(WRONG);
    expect(host.output()).not.toContain(WRONG);
    await attachScreenshot(page, 'notifications-wrong-password');

    // Fixed with the right password, the next test goes through.
    await setPassword(page, PASSWORD);
    await page.getByRole('button', { name: 'Send test email' }).click();
    await expect(page.getByRole('region', { name: 'Email' }).getByRole('status')).toContainText('The server answered: 250 ');
    await smtp.nextMessage(0);
    expect(pageErrors).toEqual([]);
  });
});

test('a desktop test notification appears as a toast, and the Notifications log tab lists it', async ({ page, host, pageErrors }) => {
  await openNotifications(page, host.url);
  await page.getByRole('button', { name: 'Show a test notification' }).click();
  const toasts = page.getByRole('status', { name: 'Notifications' });
  await expect(toasts).toContainText('Trade Bot Scratch test notification');
  await page.getByRole('button', { name: 'Back to trading' }).click();
  await page.getByRole('tab', { name: 'Notifications log' }).click();
  const row = page.getByRole('table', { name: 'Delivery log' }).getByRole('row').filter({ hasText: 'Desktop' }).first();
  await expect(row).toContainText('Sent');
  expect(pageErrors).toEqual([]);
});

test('a price alert created in the Alerts tab fires on screen and arrives by email', async ({ page, host, pageErrors }) => {
  const smtp = await startTestSmtpServer({ user: USER, password: PASSWORD });
  try {
    await openNotifications(page, host.url);
    await configureEmail(page, smtp.port);
    await setPassword(page, PASSWORD);
    // Price alerts go to desktop and email by default.
    await expect(page.getByLabel('Price alert by Email')).toBeChecked();
    await expect(page.getByLabel('Price alert by Desktop')).toBeChecked();
    await page.getByRole('button', { name: 'Back to trading' }).click();

    // Two alerts a little above and below the demo price (0.03 %, about a second's move): the demo market's random walk
    // leaves that band within moments. One line alone can be missed: a walk that drifts away from it may not come back
    // for minutes.
    await page.getByRole('tab', { name: 'Alerts' }).click();
    const form = page.getByRole('form', { name: 'New alert on BTC/USDT' });
    const hint = await form.getByText(/^Last price [\d,.]+$/).textContent();
    const last = Number(hint!.replace(/[^\d.]/g, ''));
    expect(last).toBeGreaterThan(0);
    const band = last * 0.0003;
    for (const price of [last + band, last - band]) {
      await form.getByLabel('Condition').selectOption('crossing');
      await form.getByLabel('Price').fill(price.toFixed(2));
      await form.getByRole('button', { name: 'Create alert' }).click();
      await expect(form.getByRole('status')).toContainText(`crosses ${price.toFixed(2)}`);
    }

    // It fires where the trader sees it: the alert banner, and the desktop notification as a toast.
    const toast = page.getByRole('status', { name: 'Notifications' });
    await expect(toast).toContainText('Price alert: BTC/USDT crossing', { timeout: 45_000 });
    await expect(page.getByRole('alert', { name: /^Alert: BTC\/USDT crossing/ }).first()).toBeVisible();
    const mail = await smtp.nextMessage(0, 20_000);
    expect(mail.subject).toMatch(/^Price alert: BTC\/USDT crossing [\d,.]+ (upwards|downwards)$/);
    await expect(toast).toContainText(mail.subject);
    expect(mail.text).toContain(`Rule: ${mail.subject.slice('Price alert: '.length)}`);
    expect(mail.html).toContain('<h1>BTC/USDT reached ');

    await page.getByRole('tab', { name: 'Notifications log' }).click();
    const rows = page.getByRole('table', { name: 'Delivery log' }).getByRole('row').filter({ hasText: 'Price alert' });
    await expect(rows.filter({ hasText: 'Email' }).first()).toContainText('Sent');
    await expect(rows.filter({ hasText: 'Email' }).first()).toContainText('250 ');
    await expect(rows.filter({ hasText: 'Desktop' }).first()).toContainText('Sent');
    await attachScreenshot(page, 'notifications-price-alert-fired');
    expect(pageErrors).toEqual([]);
  } finally {
    await smtp.close();
  }
});
