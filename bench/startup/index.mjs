// Startup: from launching the headless host to the first painted chart in Chromium, median of several runs.
// Baseline, in the same run: a bare Node process serving a static page that Chromium paints — the floor that
// process start, the HTTP round trip and the browser's own work put under any app. Goal: median ≤ 2,000 ms.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const GOAL_MS = 2_000;
const BENCH_TOKEN = 'bench-startup-token-0123456789abcdef';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Spawns `args` and resolves with the child and the first match of `pattern` in its stdout. */
function spawnUntil(args, pattern) {
  // Benchmarks talk only to 127.0.0.1: the market-data APIs point at a closed local port. The host's output is a
  // pipe, so it does not print the token: it is given one.
  const env = {
    ...process.env,
    TBS_MARKET_DATA_BASE_URL: process.env.TBS_MARKET_DATA_BASE_URL ?? 'http://127.0.0.1:9',
    TBS_HOST_TOKEN: BENCH_TOKEN,
  };
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) resolve({ child, match });
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing its URL: ${output}`)));
  });
}

const stop = (child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM'))));

async function measureApp(browser) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tbs-bench-startup-'));
  const page = await browser.newPage();
  const start = performance.now();
  const { child, match } = await spawnUntil(['out/main/host.js', '--port', '0', '--data-dir', dataDir], /open (http:\/\/\S+)/);
  const hostReady = performance.now() - start;
  await page.goto(`${match[1]}#token=${BENCH_TOKEN}`);
  // Painted: the chart holds its candles, then two animation frames so the canvas has been drawn.
  await page.waitForSelector('[data-testid="chart"][data-last-time] canvas', { timeout: 30_000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const total = performance.now() - start;
  await page.close();
  await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
  return { total, hostReady };
}

async function measureBaseline(browser) {
  const server = `
    const http = require('node:http');
    const page = '<!doctype html><canvas id=c width=800 height=400></canvas><script>c.getContext("2d").fillRect(0,0,800,400)</script>';
    const s = http.createServer((q, r) => { r.writeHead(200, {'content-type': 'text/html'}); r.end(page); });
    s.listen(0, '127.0.0.1', () => console.log('open http://127.0.0.1:' + s.address().port + '/'));`;
  const page = await browser.newPage();
  const start = performance.now();
  const { child, match } = await spawnUntil(['-e', server], /open (http:\/\/\S+)/);
  await page.goto(match[1]);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const total = performance.now() - start;
  await page.close();
  await stop(child);
  return total;
}

if (process.env.BENCH_SKIP_BUILD !== '1') execFileSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  await measureApp(browser); // warm-up: file system caches, Chromium's first page
  await measureBaseline(browser);
  const app = [];
  const baseline = [];
  for (let run = 0; run < RUNS; run++) {
    app.push(await measureApp(browser));
    baseline.push(await measureBaseline(browser));
    console.log(`run ${run + 1}: app ${app.at(-1).total.toFixed(0)} ms (host ready ${app.at(-1).hostReady.toFixed(0)} ms), baseline ${baseline.at(-1).toFixed(0)} ms`);
  }
  const appMedian = median(app.map((r) => r.total));
  const baselineMedian = median(baseline);
  const result = {
    bench: 'startup',
    median_ms: Math.round(appMedian),
    max_ms: Math.round(Math.max(...app.map((r) => r.total))),
    host_ready_median_ms: Math.round(median(app.map((r) => r.hostReady))),
    baseline_median_ms: Math.round(baselineMedian),
    ratio_to_baseline: Number((appMedian / baselineMedian).toFixed(2)),
    goal_ms: GOAL_MS,
    meets_goal: appMedian <= GOAL_MS,
    runs: RUNS,
  };
  console.log(`startup: median ${result.median_ms} ms vs baseline ${result.baseline_median_ms} ms (×${result.ratio_to_baseline}); goal ≤ ${GOAL_MS} ms: ${result.meets_goal ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
