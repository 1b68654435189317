// MetaTrader 5 in the real UI: the fake terminal (speaking the EA's protocol over its simulated trade server)
// connects to the host's bridge with the token and port read from the Accounts screen, then the ticket trades
// through it: a market order becomes a position, closed in part and then in full, with the deals in the history; a
// pending order is cancelled by the kill switch; a terminal with a wrong token shows as refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FakeMt5Terminal } from '../fakes/mt5-terminal/terminal';
import { alwaysOpen } from '../fakes/mt5-terminal/symbols';
import { SimulatedTradeServer } from '../fakes/mt5-terminal/trade-server';
import { attachScreenshot, expect, test } from './fixtures';

const ticket = (page: Page) => page.getByRole('region', { name: 'Order ticket' });
const positionsTable = (page: Page) => page.getByRole('table', { name: 'Positions' });
const LOGIN = '5012345';

const folders: string[] = [];
const terminals: FakeMt5Terminal[] = [];
const timers: ReturnType<typeof setInterval>[] = [];

/** The terminal's server time: the app's clock plus the broker's offset, as a real terminal's is. */
const SERVER_OFFSET_MS = 7_200_000;

/** A terminal with the EA attached, pointed at the port and token the Accounts screen shows. */
function attachTerminal(options: { port: number; token: string; login: string; balance?: number; marginMode?: 'hedging' | 'netting' }): FakeMt5Terminal {
  const filesDir = mkdtempSync(join(tmpdir(), 'tbs-e2e-mt5-'));
  folders.push(filesDir);
  const server = new SimulatedTradeServer({
    login: options.login,
    balance: options.balance ?? 10_000,
    marginMode: options.marginMode ?? 'hedging',
    clock: () => Date.now() + SERVER_OFFSET_MS,
    // Open every day, so that the spec passes on a weekend too.
    symbols: alwaysOpen(),
  });
  // EUR/USD moves a little every half second: ticks for the ticket's last price and the chart.
  let step = 0;
  timers.push(setInterval(() => server.setQuote('EURUSD', 1.082 + 0.0001 * Math.sin(step++ / 3)), 500));
  const terminal = new FakeMt5Terminal({
    port: options.port,
    token: options.token,
    server,
    filesDir,
    serverOffsetMs: SERVER_OFFSET_MS,
    backoffMinMs: 200,
    backoffMaxMs: 1_000,
  });
  terminals.push(terminal);
  terminal.start();
  return terminal;
}

test.afterEach(() => {
  for (const timer of timers.splice(0)) clearInterval(timer);
  for (const terminal of terminals.splice(0)) terminal.stop();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Opens Accounts and reads what the trader types into the EA. */
async function readPairing(page: Page): Promise<{ token: string; port: number }> {
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  const section = page.getByRole('region', { name: 'Connect MetaTrader 5' });
  await expect(section.getByRole('textbox', { name: 'Pairing token' })).toHaveValue(/.{16,}/);
  await expect(section.getByTestId('mt5-port')).toHaveText(/^\d+$/);
  const token = await section.getByRole('textbox', { name: 'Pairing token' }).inputValue();
  const port = Number(await section.getByTestId('mt5-port').textContent());
  expect(port).toBeGreaterThan(0);
  return { token, port };
}

async function placeFromTicket(page: Page, type: 'Market' | 'Limit', amount: string, price?: string): Promise<void> {
  await ticket(page).getByRole('group', { name: 'Order type' }).getByRole('button', { name: type }).click();
  if (price) await ticket(page).getByLabel('Price', { exact: true }).fill(price);
  await ticket(page).getByLabel('Amount').fill(amount);
  await ticket(page).getByRole('button', { name: 'Buy EUR' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm live order' });
  await expect(dialog).toContainText('MetaTrader 5');
  await dialog.getByRole('button', { name: 'Place live order' }).click();
}

test('a connected terminal trades from the ticket: position, partial close, close, deals; the kill switch cancels its pending order; a wrong token is refused; several terminals show, and trading moves between them', async ({
  page,
  host,
  pageErrors,
}) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  const { token, port } = await readPairing(page);

  // The terminal says hello: the Accounts screen shows who it is and its money, live.
  const terminal = attachTerminal({ port, token, login: LOGIN });
  await terminal.waitWelcomed(15_000);
  const row = page.getByRole('listitem', { name: `Login ${LOGIN}` });
  await expect(row.getByLabel('Status')).toHaveText(/^Connected since/);
  await expect(row).toContainText('Broker-Demo');
  await expect(row).toContainText('Broker Ltd');
  await expect(row).toContainText('Hedging');
  await expect(row.getByText('Trading', { exact: true })).toBeVisible();
  await expect(row.locator('dt:has-text("Balance") + dd')).toHaveText('10,000.00 USD');
  await attachScreenshot(page, 'mt5-accounts');

  // The MetaTrader 5 venue in the market picker, and EUR/USD on it.
  await page.getByRole('button', { name: 'Back to trading' }).click();
  await page.getByLabel('Venue').selectOption('mt5');
  await page.getByLabel('Symbol').selectOption('EUR/USD');
  await expect(ticket(page).getByText('LIVE', { exact: true })).toBeVisible();
  await expect(ticket(page).getByRole('button', { name: 'Buy EUR' })).toBeVisible();

  // A market buy of 0.10 lots fills and becomes a position.
  await placeFromTicket(page, 'Market', '0.10');
  await expect(ticket(page).getByRole('status', { name: 'Order result' })).toContainText('Filled', { timeout: 20_000 });
  expect([...terminal.server.positions.values()].map((p) => [p.symbol, p.volume])).toEqual([['EURUSD', 0.1]]);
  // Balances of the MT5 venue: the broker's figures, with the margin the position uses.
  await page.getByRole('tab', { name: 'Balances' }).click();
  const figures = page.getByLabel(`Login ${LOGIN} account`);
  await expect(figures.locator('dt:has-text("Balance") + dd')).toHaveText('10,000.00 USD');
  await expect(figures.locator('dt:has-text("Margin level") + dd')).toHaveText(/^[\d,]+\.\d{2} %$/);
  await page.getByRole('tab', { name: 'Positions' }).click();
  const position = positionsTable(page).getByRole('row').filter({ hasText: 'EUR/USD' });
  await expect(position).toHaveCount(1);
  await expect(position).toContainText('Buy');
  await expect(position).toContainText('0.10');
  await expect(position).toContainText(LOGIN);
  await expect(position).toContainText('USD');
  await attachScreenshot(page, 'mt5-position');

  // A trade made in the terminal itself (not from this app) shows up by itself: positions.changed, then the list.
  terminal.server.send({ action: 'deal', symbol: 'XAUUSD', side: 'sell', volume: 0.02, magic: 0, comment: '' });
  const gold = positionsTable(page).getByRole('row').filter({ hasText: 'XAU/USD' });
  await expect(gold).toContainText('Sell');
  await expect(gold).toContainText('0.02');

  // Partial close: more than the position is refused on the spot, 0.04 is sent.
  const eurusd = () => [...terminal.server.positions.values()].filter((p) => p.symbol === 'EURUSD');
  await position.getByRole('button', { name: /^Partial close/ }).click();
  const partial = page.getByRole('form', { name: /^Partial close of EUR\/USD/ });
  await partial.getByLabel(/Volume to close/).fill('0.5');
  await partial.getByRole('button', { name: 'Close part' }).click();
  await expect(partial.getByRole('alert')).toHaveText("At most 0.10 lots: the position's volume.");
  expect(eurusd()[0]?.volume).toBe(0.1);
  await partial.getByLabel(/Volume to close/).fill('0.04');
  await partial.getByRole('button', { name: 'Close part' }).click();
  await expect(partial).toBeHidden();
  await expect(position.locator('td').nth(1)).toHaveText('0.06');
  await expect.poll(() => eurusd().map((p) => p.volume)).toEqual([0.06]);

  // A stop loss set, then removed by emptying its field.
  await position.getByRole('button', { name: /^Modify SL\/TP/ }).click();
  const stops = page.getByRole('form', { name: /^SL\/TP of EUR\/USD/ });
  await stops.getByLabel('Stop loss').fill('1.05000');
  await stops.getByRole('button', { name: 'Save SL/TP' }).click();
  await expect(stops).toBeHidden();
  await expect(position.locator('td').nth(4)).toHaveText('1.05000');
  expect(eurusd()[0]?.sl).toBe(1.05);
  await position.getByRole('button', { name: /^Modify SL\/TP/ }).click();
  await expect(stops.getByLabel('Stop loss')).toHaveValue('1.05000');
  await stops.getByLabel('Stop loss').fill('');
  await stops.getByRole('button', { name: 'Save SL/TP' }).click();
  await expect(position.locator('td').nth(4)).toHaveText('—');
  expect(eurusd()[0]?.sl).toBe(0);

  // Close the rest, after the question.
  await position.getByRole('button', { name: /^Close EUR\/USD/ }).click();
  await page.getByRole('group', { name: /^Confirm closing EUR\/USD/ }).getByRole('button', { name: 'Close position' }).click();
  await expect(position).toHaveCount(0);
  expect(eurusd()).toEqual([]);

  // Close all positions: asks with the count, then reports each one.
  await page.getByRole('button', { name: 'Close all positions' }).click();
  const closeAll = page.getByRole('dialog', { name: 'Close all positions?' });
  await expect(closeAll.getByRole('heading')).toHaveText('Close 1 position on 1 account?');
  await closeAll.getByRole('button', { name: 'Close all' }).click();
  await expect(page.getByRole('region', { name: 'Close all results' }).getByRole('listitem')).toHaveText([/^XAU\/USD #\d+ \(login 5012345\): closed 0\.02 lots at [\d,.]+$/]);
  await expect(page.getByText('No open positions — MetaTrader 5 positions appear here once a terminal is connected.')).toBeVisible();
  expect(terminal.server.positions.size).toBe(0);

  // The deals: EUR/USD's opening buy and its two closes, then gold's sell and its close.
  await page.getByRole('button', { name: 'Deals history' }).click();
  const deals = page.getByRole('table', { name: 'Deals' });
  await expect(deals.locator('tbody tr')).toHaveCount(5);
  await expect(deals.locator('tbody tr[data-entry="in"]').filter({ hasText: 'EUR/USD' })).toContainText('0.10');
  await expect(deals.locator('tbody tr[data-entry="out"]').filter({ hasText: 'EUR/USD' })).toHaveCount(2);
  await expect(deals.locator('tbody tr').filter({ hasText: 'XAU/USD' })).toHaveCount(2);
  await attachScreenshot(page, 'mt5-deals');

  // The Portfolio tab's MT5 view is the terminal's own: realized P&L is the deals' profit, equity its balance.
  await page.getByRole('tab', { name: 'Portfolio' }).click();
  await page.getByRole('radiogroup', { name: 'Which money' }).getByRole('radio', { name: 'MT5' }).click();
  await page.getByLabel('Currency').selectOption('USD');
  const dealProfit = terminal.server.deals.reduce((sum, d) => sum + d.profit + d.swap + d.commission, 0);
  await expect
    .poll(async () => Number(await page.getByTestId('portfolio-realized').getAttribute('data-value')), { timeout: 15_000 })
    .toBeCloseTo(dealProfit, 2);
  await expect(page.getByRole('table', { name: 'Holdings' }).getByRole('cell', { name: 'USD', exact: true })).toHaveCount(1);
  await attachScreenshot(page, 'mt5-portfolio');

  // A limit buy far under the market rests on the terminal; the kill switch cancels it.
  await placeFromTicket(page, 'Limit', '0.10', '1.00000');
  await expect(ticket(page).getByRole('status', { name: 'Order result' })).toContainText('It is open', { timeout: 20_000 });
  expect(terminal.server.orders.size).toBe(1);
  await page.getByRole('tab', { name: 'Open orders' }).click();
  await expect(page.getByRole('table', { name: 'Open orders' }).getByRole('row').filter({ hasText: 'EUR/USD' })).toHaveCount(1);
  await page.getByRole('button', { name: 'KILL SWITCH', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Kill switch results' }).getByRole('listitem').filter({ hasText: 'MetaTrader 5 (live)' })).toContainText(
    '1 cancelled; nothing left open',
    { timeout: 20_000 },
  );
  expect(terminal.server.orders.size).toBe(0);
  await page.getByRole('tab', { name: 'Order history' }).click();
  await expect(page.getByRole('table', { name: 'Order history' }).getByRole('row').filter({ hasText: 'EUR/USD' }).filter({ hasText: 'Limit' })).toContainText(
    'Cancelled',
  );

  // A second terminal with a wrong token: refused, and the Accounts screen says so with what to do.
  const stranger = attachTerminal({ port, token: 'not-the-token-0000000000000000', login: '7009' });
  await expect.poll(() => stranger.refusals.length, { timeout: 15_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  const refusals = page.getByRole('list', { name: 'Refused connections' });
  await expect(refusals.getByRole('listitem').first()).toContainText('Wrong pairing token');
  await expect(refusals.getByRole('listitem').first()).toContainText('7009');
  await expect(page.getByRole('listitem', { name: 'Login 7009' })).toHaveCount(0);
  await attachScreenshot(page, 'mt5-refusal');

  // A second terminal with the right token (a netting account): both are listed, and trading can move to it.
  const second = attachTerminal({ port, token, login: '7010', balance: 2_500, marginMode: 'netting' });
  await second.waitWelcomed(15_000);
  const other = page.getByRole('listitem', { name: 'Login 7010' });
  await expect(other.getByLabel('Status')).toHaveText(/^Connected since/);
  await expect(other).toContainText('Netting');
  await expect(other.locator('dt:has-text("Balance") + dd')).toHaveText('2,500.00 USD');
  await expect(row.getByText('Trading', { exact: true })).toBeVisible();
  await other.getByRole('button', { name: 'Use login 7010 for trading' }).click();
  await expect(other.getByText('Trading', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: `Use login ${LOGIN} for trading` })).toBeEnabled();

  // The trading terminal goes away: its row stays, saying since when it is disconnected, and it stays the choice.
  second.stop();
  await expect(other.getByLabel('Status')).toHaveText(/^Disconnected since/);
  await expect(other.getByText('Trading', { exact: true })).toBeVisible();

  // New token, after the question: the field shows it, and the connected terminal stays connected.
  const section = page.getByRole('region', { name: 'Connect MetaTrader 5' });
  await section.getByRole('button', { name: 'New token' }).click();
  const renew = page.getByRole('dialog', { name: 'Make a new pairing token?' });
  await renew.getByRole('button', { name: 'Keep this token' }).click();
  await expect(section.getByRole('textbox', { name: 'Pairing token' })).toHaveValue(token);
  await section.getByRole('button', { name: 'New token' }).click();
  await renew.getByRole('button', { name: 'Make a new token' }).click();
  await expect(section.getByRole('textbox', { name: 'Pairing token' })).not.toHaveValue(token);
  await expect(section.getByRole('textbox', { name: 'Pairing token' })).toHaveValue(/.{16,}/);
  await expect(row.getByLabel('Status')).toHaveText(/^Connected since/);
  expect(pageErrors).toEqual([]);
});
