// The live chart through a feed outage: the demo venue's hidden `--demo-outage AT:FOR` option silences its live
// feed (the market goes on, REST history still answers), as a half-dead exchange socket would. The chart must say
// so, then recover with every bar in place — including one that opened and closed while nothing was received.
import { startHostProcess } from './host-process';
import { attachScreenshot, expect, lastCandle, test } from './fixtures';

const MINUTE = 60_000;

async function bars(page: import('@playwright/test').Page) {
  const chart = page.getByTestId('chart');
  return {
    first: Number(await chart.getAttribute('data-first-time')),
    last: (await lastCandle(page)).time,
    count: Number(await chart.getAttribute('data-bar-count')),
  };
}

test('the chart shows the stale badge when the feed drops, and recovers without a gap', async ({ page, pageErrors }) => {
  test.setTimeout(240_000);
  // The outage starts up to 3 s before a minute boundary at least 15 s away (host start-up shifts it by a second
  // or so) and lasts 66 s: the bar opening at that boundary is never seen live, only through the backfill.
  const now = Date.now();
  const boundary = Math.ceil((now + 18_000) / MINUTE) * MINUTE;
  const atS = Math.floor((boundary - 3_000 - now) / 1000);
  const host = await startHostProcess({ extraArgs: ['--demo-outage', `${atS}:66`] });
  try {
    await page.goto(host.url);
    const chart = page.getByTestId('chart');
    await expect(chart).toHaveAttribute('data-bar-count', /^\d+$/);
    await expect(page.getByTestId('chart-status')).toHaveCount(0);
    // Older pages may still be arriving behind the newest (and a busy machine delays them): read the bars once the
    // history has settled, contiguous from the first to the last.
    await expect(page.getByTestId('history-progress')).toHaveCount(0, { timeout: 30_000 });
    await expect.poll(async () => {
      const held = await bars(page);
      return held.count === (held.last - held.first) / MINUTE + 1;
    }, { timeout: 15_000 }).toBe(true);

    // The bounds are when the outage can start at the latest and how long detection may take: nothing is timed.
    await expect(page.getByTestId('chart-status')).toContainText('stale', { timeout: boundary - Date.now() + 15_000 });
    await expect(page.getByTestId('chart-status')).toContainText('no update for');
    // The top bar's price comes from its own ticker stream, silent too: it says so rather than pass for current.
    await expect(page.getByTestId('last-price-status')).toHaveText('stale');
    await expect(page.getByTestId('last-price-status')).toHaveAttribute('title', /no update for \d+ s/);
    await attachScreenshot(page, 'feed-stale');
    const during = await lastCandle(page);
    expect(during.time).toBeLessThan(boundary);

    await expect(page.getByTestId('chart-status')).toHaveCount(0, { timeout: 100_000 });
    await expect(page.getByTestId('last-price-status')).toHaveCount(0);
    await expect.poll(async () => (await lastCandle(page)).time, { timeout: 15_000 }).toBeGreaterThanOrEqual(boundary + MINUTE);
    const after = await bars(page);
    // No hole: as many bars as minutes from the first to the last, the unseen one included.
    expect(after.count).toBe((after.last - after.first) / MINUTE + 1);
    expect(after.first).toBeLessThanOrEqual(boundary);
    await attachScreenshot(page, 'feed-recovered');
    expect(pageErrors).toEqual([]);
  } finally {
    await host.stop();
  }
});

test('long history loads page by page behind the newest page', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  const chart = page.getByTestId('chart');
  // The newest page is drawn first; the rest of the 5,000 bars arrive behind it.
  await expect.poll(async () => Number(await chart.getAttribute('data-bar-count'))).toBe(5_000);
  const held = await bars(page);
  expect(held.count).toBe((held.last - held.first) / MINUTE + 1);
  await expect(page.getByTestId('history-progress')).toHaveCount(0);
  await expect(chart).toHaveAttribute('data-drawn-count', '5000');

  // Scrolling back past the oldest bar loads older pages and draws them, contiguous with the rest.
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(async () => {
    await page.mouse.wheel(-20_000, 0);
    return Number(await chart.getAttribute('data-bar-count'));
  }, { timeout: 30_000 }).toBeGreaterThan(5_000);
  // Each arrival at the edge loads 2,000 more (a wheel still in flight may ask twice); once loading settles, the
  // chart draws every bar it holds, and they join the rest without a gap.
  const settled = async () => {
    const now = await bars(page);
    const loaded = (held.first - now.first) / MINUTE;
    const drawn = Number(await chart.getAttribute('data-drawn-count'));
    return loaded >= 2_000 && loaded % 2_000 === 0 && drawn === now.count;
  };
  await expect.poll(settled, { timeout: 30_000 }).toBe(true);
  await expect(page.getByTestId('history-progress')).toHaveCount(0);
  const older = await bars(page);
  expect(older.count).toBe((older.last - older.first) / MINUTE + 1);
  expect(pageErrors).toEqual([]);
});
