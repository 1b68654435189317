// A server without a desktop session: the host is started with no D-Bus session at all (its environment lacks
// DBUS_SESSION_BUS_ADDRESS), as on a VPS. Keys then go to the encrypted key file; the trader creates it in the
// browser, adds a Binance account (the fake Binance, real ccxt), and after a restart the account reconnects, whether
// the passphrase comes from --secrets-passphrase-file or is typed again. Every screen loads, and none shows the
// OS's raw keychain error.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startFakeBinance, TEST_ACCOUNT, type FakeBinance } from '../fakes/binance';
import { freshDataDir, startHostProcess, type HostProcess } from './host-process';
import { attachScreenshot, expect, test } from './fixtures';

const PASSPHRASE = 'a passphrase for the server 42';
/** Nothing listens there: the account has no live data, and never reaches the real venue's stream. */
const CLOSED_WS = 'ws://127.0.0.1:9';
/** What libsecret says without a D-Bus session, and words of it: none may reach a screen. */
const RAW_ERRORS = /D-Bus|libsecret|X11|DISPLAY|autolaunch/i;

function withoutDbus(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  return env;
}

async function startWithoutDbus(options: { dataDir: string; extraArgs?: string[] }): Promise<HostProcess> {
  return startHostProcess({ ...options, env: withoutDbus() });
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
}

async function openAccounts(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
}

async function addBinance(page: Page, restBaseUrl: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add account' });
  await form.getByLabel('Exchange', { exact: true }).selectOption('binance');
  await form.getByLabel('Label').fill('Server Binance');
  await form.getByLabel('API key').fill(TEST_ACCOUNT.apiKey);
  await form.getByLabel('API secret').fill(TEST_ACCOUNT.secret);
  await form.getByText('Advanced').click();
  await form.getByLabel('REST base URL').fill(restBaseUrl);
  await form.getByLabel('WebSocket base URL').fill(CLOSED_WS);
  await form.getByRole('button', { name: 'Add account' }).click();
}

const accountRow = (page: Page) => page.getByRole('listitem', { name: 'Server Binance' });

/** The Notifications screen gets past loading: its email form is there, and no request hangs. */
async function expectNotificationsLoad(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Email settings' })).toBeVisible();
  await expect(page.getByText('Loading notification settings…')).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText(RAW_ERRORS);
}

test.describe('on a host without a D-Bus session', () => {
  let binance: FakeBinance;
  const hosts: HostProcess[] = [];
  test.beforeEach(async () => {
    binance = await startFakeBinance();
  });
  test.afterEach(async () => {
    for (const host of hosts.splice(0)) await host.stop();
    await binance.close();
  });

  test('the trader creates the key file, adds a Binance account, and it reconnects after each restart', async ({ page, pageErrors }) => {
    test.setTimeout(150_000); // three host starts, each unlock a deliberate ~0.5 s of scrypt
    const dataDir = freshDataDir();
    const first = await startWithoutDbus({ dataDir });
    hosts.push(first);
    expect(first.output()).toMatch(/Keys: no system keychain answers here \(.*\); keys will be kept in the encrypted file .*secrets\.enc/);

    // Asked at once: no key file yet, so the passphrase is chosen and typed twice.
    await open(page, first.url);
    const create = page.getByRole('dialog', { name: 'Create the key file' });
    await expect(create).toBeVisible();
    await create.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await create.getByLabel('Repeat the passphrase').fill(`${PASSPHRASE}!`);
    await create.getByRole('button', { name: 'Create key file' }).click();
    await expect(create.getByRole('alert')).toHaveText('The two passphrases differ: type them again.');
    await create.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await create.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await attachScreenshot(page, 'secrets-create');
    await create.getByRole('button', { name: 'Create key file' }).click();
    await expect(create).toBeHidden();
    await expect(page.getByRole('button', { name: 'Unlock keys' })).toHaveCount(0);

    await openAccounts(page);
    await addBinance(page, binance.url);
    await expect(accountRow(page).getByLabel('Status')).toHaveText('Connected');
    // The keys are on disk, encrypted: neither the key nor the secret is in the file.
    const file = readFileSync(join(dataDir, 'secrets.enc'));
    expect(file.includes(Buffer.from(TEST_ACCOUNT.secret))).toBe(false);
    expect(file.includes(Buffer.from(TEST_ACCOUNT.apiKey))).toBe(false);
    expect(file.toString('utf8')).not.toContain(Buffer.from(TEST_ACCOUNT.secret).toString('base64'));
    await page.getByRole('button', { name: 'Back to trading' }).click();
    await expectNotificationsLoad(page);
    // Away from the page first: a page left on a stopped host retries its socket, which the console reports.
    await page.goto('about:blank');
    await first.stop();

    // Restarted with the passphrase in a file: the account reconnects by itself, nothing is asked.
    const passphraseFile = join(freshDataDir(), 'passphrase');
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
    const privateCalls = binance.log.count({ path: '/api/v3/account' });
    const second = await startWithoutDbus({ dataDir, extraArgs: ['--secrets-passphrase-file', passphraseFile] });
    hosts.push(second);
    await open(page, second.url);
    await expect(page.getByRole('button', { name: 'Unlock keys' })).toHaveCount(0);
    await openAccounts(page);
    await expect(accountRow(page).getByLabel('Status')).toHaveText('Connected');
    expect(binance.log.count({ path: '/api/v3/account' })).toBeGreaterThan(privateCalls);
    await page.getByRole('button', { name: 'Back to trading' }).click();
    await expect(page.getByLabel('Venue').locator('option[value="binance"]')).toHaveText('Binance');
    await page.goto('about:blank');
    await second.stop();

    // Restarted with no passphrase: asked in the browser; the account waits, locked, then connects once unlocked.
    const third = await startWithoutDbus({ dataDir });
    hosts.push(third);
    await open(page, third.url);
    const unlock = page.getByRole('dialog', { name: 'Unlock keys' });
    await expect(unlock).toBeVisible();
    await unlock.getByRole('button', { name: 'Not now' }).click();
    await expect(unlock).toBeHidden();
    // Locked, the comparison panel says so in words, once, and the top bar offers the prompt again.
    const market = page.getByRole('complementary', { name: 'Market data' });
    await expect(market.getByRole('cell', { name: 'CoinMarketCap was not asked: the keys are locked' })).toBeVisible();
    await expect(market.getByRole('status', { name: 'Keys' })).toHaveCount(1);
    await expect(market).not.toContainText(RAW_ERRORS);
    await expect(page.getByRole('banner').getByRole('button', { name: 'Unlock keys' })).toBeVisible();
    await openAccounts(page);
    await expect(accountRow(page).getByLabel('Status')).toHaveText('Needs attention');
    await expect(accountRow(page)).toContainText('locked: enter the passphrase');
    await expect(page.getByRole('status', { name: 'Keys' })).toContainText('Keys are locked');
    await page.getByRole('status', { name: 'Keys' }).getByRole('button', { name: 'Unlock keys' }).click();
    await unlock.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect(unlock.getByRole('alert')).toContainText('does not open the key file');
    await attachScreenshot(page, 'secrets-wrong-passphrase');
    await unlock.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect(unlock).toBeHidden();
    await expect(accountRow(page).getByLabel('Status')).toHaveText('Connected', { timeout: 20_000 });
    await expect(page.getByRole('status', { name: 'Keys' })).toHaveCount(0);
    await attachScreenshot(page, 'secrets-unlocked-account');
    await page.getByRole('button', { name: 'Back to trading' }).click();
    await expect(page.getByLabel('Venue').locator('option[value="binance"]')).toHaveText('Binance');
    await expectNotificationsLoad(page);
    expect(pageErrors).toEqual([]);
  });

  test('a passphrase file creates the key file at the first start, and a wrong one stops the next start with the reason', async () => {
    const dataDir = freshDataDir();
    const right = join(freshDataDir(), 'passphrase');
    const wrong = join(freshDataDir(), 'wrong');
    writeFileSync(right, PASSPHRASE, { mode: 0o600 });
    writeFileSync(wrong, 'not the passphrase at all', { mode: 0o600 });
    const host = await startWithoutDbus({ dataDir, extraArgs: ['--secrets-passphrase-file', right] });
    await host.stop();
    const before = readFileSync(join(dataDir, 'secrets.enc'));
    expect(JSON.parse(before.toString('utf8'))).toMatchObject({ format: 'tbs-secrets', version: 1, kdf: { name: 'scrypt', N: 131072, r: 8, p: 1 } });

    const refused = await startWithoutDbus({ dataDir, extraArgs: ['--secrets-passphrase-file', wrong] }).then(
      (started) => {
        hosts.push(started);
        return '';
      },
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/host exited with 2/);
    expect(refused).toContain('the key file did not open with the configured passphrase: That passphrase does not open the key file');
    expect(readFileSync(join(dataDir, 'secrets.enc')).equals(before)).toBe(true);
  });

  test('with the keychain forced and no D-Bus, every screen loads and says once what to do, without the raw error', async ({ page }) => {
    const host = await startWithoutDbus({ dataDir: freshDataDir(), extraArgs: ['--secrets', 'keychain'] });
    hosts.push(host);
    await open(page, host.url);
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // The comparison panel: keyed sources say only that their key can't be read; what to do is said once.
    const market = page.getByRole('complementary', { name: 'Market data' });
    await expect(market.getByRole('cell', { name: /CoinMarketCap was not asked: its key can't be read here/ })).toBeVisible();
    await expect(market.getByRole('status', { name: 'Keys' })).toHaveText(/^Keys can't be stored here: .*--secrets file/);
    await expect(market.getByRole('status', { name: 'Keys' })).toHaveCount(1);
    await expect(market).not.toContainText(RAW_ERRORS);
    await attachScreenshot(page, 'secrets-no-keychain-comparison');

    await expectNotificationsLoad(page);
    await expect(page.getByRole('status', { name: 'Keys' })).toHaveText(/^Keys can't be stored here/);
    await attachScreenshot(page, 'secrets-no-keychain-notifications');
    // The raw error is in the host's log instead.
    expect(host.output()).toMatch(/secrets: .*Cannot autolaunch D-Bus/);
  });
});
