// Chart: 100,000 candles to first paint, and the time of one live update, in Chromium. The app's path is LiveSeries
// (history paged over `market:candles`, answered from memory so that only the chart is measured; all 100,000 held,
// the newest window drawn); the baseline, in the same run, is bare lightweight-charts given the same 100,000 candles
// in one setData. Also reported: scrolling back to the oldest bar, the window widening step by step (each step's
// time, until the chart draws all 100,000). Goals: paint ≤ 250 ms, update ≤ 1 ms (median).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { median } from '../lib/load-ts.mjs';

const COUNT = Number(process.env.BENCH_CANDLES ?? 100_000);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 1_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The contract's maximum per request: 20 pages for 100,000 candles. */
const PAGE = 5_000;
const GOAL_PAINT_MS = 250;
const GOAL_UPDATE_MS = 1;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const outDir = mkdtempSync(join(tmpdir(), 'tbs-bench-chart-'));
await build({
  configFile: false,
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true, minify: true, lib: { entry: resolve('bench/chart/page.ts'), formats: ['iife'], name: 'benchChartPage', fileName: () => 'page.js' } },
});
const script = readFileSync(join(outDir, 'page.js'), 'utf8');

const p99 = (values) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.99))];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.setContent('<!doctype html><html><body style="margin:0;background:#131722"></body></html>');
  await page.addScriptTag({ content: script });
  const run = (kind) => page.evaluate(([k, n, u, ps]) => (k === 'app' ? window.benchChart.app(n, u, ps) : window.benchChart.baseline(n, u)), [kind, COUNT, UPDATES, PAGE]);
  await run('app'); // warm-up: JIT, fonts, canvas
  await run('baseline');
  const app = [];
  const base = [];
  for (let i = 0; i < RUNS; i++) {
    app.push(await run('app'));
    base.push(await run('baseline'));
    const a = app.at(-1);
    if (a.held !== COUNT) throw new Error(`the chart holds ${a.held} candles, not ${COUNT}`);
    if (a.drawnAtOldest !== a.heldAtOldest) throw new Error(`scrolled back, the chart draws ${a.drawnAtOldest} of ${a.heldAtOldest} candles`);
    console.log(`run ${i + 1}: app painted ${a.paintedMs.toFixed(0)} ms (all held at ${a.dataReadyMs.toFixed(0)} ms, first page ${a.firstPageMs.toFixed(0)} ms, ${a.drawn} drawn), baseline ${base.at(-1).paintedMs.toFixed(0)} ms; scroll back to the oldest: ${a.widenMs.map((ms) => ms.toFixed(0)).join(' + ')} ms`);
  }
  const paint = median(app.map((r) => r.paintedMs));
  const basePaint = median(base.map((r) => r.paintedMs));
  const updates = app.flatMap((r) => r.updateMs);
  const baseUpdates = base.flatMap((r) => r.updateMs);
  const update = median(updates);
  const baseUpdate = median(baseUpdates);
  const result = {
    bench: 'chart',
    candles: COUNT,
    page_size: PAGE,
    first_page_ms: Math.round(median(app.map((r) => r.firstPageMs))),
    drawn_at_paint: app[0].drawn,
    first_paint_ms: Math.round(paint),
    baseline_paint_ms: Math.round(basePaint),
    paint_ratio: Number((paint / basePaint).toFixed(2)),
    update_median_ms: Number(update.toFixed(3)),
    update_p99_ms: Number(p99(updates).toFixed(3)),
    baseline_update_median_ms: Number(baseUpdate.toFixed(3)),
    update_ratio: Number((update / baseUpdate).toFixed(2)),
    scroll_back_steps: app[0].widenMs.length,
    scroll_back_step_max_ms: Math.round(median(app.map((r) => Math.max(0, ...r.widenMs)))),
    scroll_back_total_ms: Math.round(median(app.map((r) => r.widenMs.reduce((a, b) => a + b, 0)))),
    goal_paint_ms: GOAL_PAINT_MS,
    goal_update_ms: GOAL_UPDATE_MS,
    meets_goal: paint <= GOAL_PAINT_MS && update <= GOAL_UPDATE_MS,
    runs: RUNS,
  };
  console.log(`chart: ${COUNT} candles painted in ${result.first_paint_ms} ms (baseline ${result.baseline_paint_ms} ms, ×${result.paint_ratio}); update ${result.update_median_ms} ms median (baseline ${result.baseline_update_median_ms} ms); goals ≤ ${GOAL_PAINT_MS} ms and ≤ ${GOAL_UPDATE_MS} ms: ${result.meets_goal ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
