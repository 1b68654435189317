// Portfolio at scale. Three figures, each against a baseline measured in the same run:
// - rebuildMs100k: the portfolio and its statistics rebuilt from 100,000 fills in the SQLite journal (goal ≤ 300 ms);
//   baseline: only reading those fills from SQLite.
// - perTradeUs: one more fill published on the bus and taken in by the analysis service (goal ≤ 50 µs); baseline:
//   the same publish with nobody listening.
// - startRatio100k: the core's cold start (createCore until it answers `app:info`) on a database holding 100,000
//   orders and fills ÷ the same with the demo account but no history (both already migrated), alternated, medians
//   (goal ≤ 1.1).
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTs, median } from '../lib/load-ts.mjs';

const COUNT = Number(process.env.BENCH_TRADES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// A start takes a few milliseconds, so any other work on the machine moves one: more of them, and the medians.
const START_RUNS = Number(process.env.BENCH_START_RUNS ?? 15);
const PER_TRADE = Number(process.env.BENCH_PER_TRADE ?? 20_000);

const m = await loadTs('bench/portfolio/entry.ts');
const folder = mkdtempSync(join(tmpdir(), 'tbs-bench-portfolio-'));
const round = (value, digits = 2) => Number(value.toFixed(digits));

function service(db, bus) {
  const journal = new m.OrderJournal(db);
  return new m.PortfolioService({
    repository: new m.PortfolioRepository(db),
    settings: new m.SettingsRepository(db),
    bus,
    history: journal,
    tradeSnapshotWaitMs: 60_000,
  });
}

try {
  // The history, written once into a file that every measurement copies.
  const seeded = join(folder, 'seeded.sqlite');
  const seedDb = m.openDatabase(seeded);
  // The baseline's database: migrated, with the same demo account (its balances) but no history, so both starts open
  // an existing file, neither runs migrations, and the difference is the history alone.
  const emptyFile = join(folder, 'empty.sqlite');
  const emptyDb = m.openDatabase(emptyFile);
  m.seedHistory(emptyDb, 0);
  emptyDb.close();
  const seedStart = performance.now();
  m.seedHistory(seedDb, COUNT);
  console.log(`seeded ${COUNT} orders and fills in ${Math.round(performance.now() - seedStart)} ms`);

  // Rebuild: read every fill and rebuild positions, P&L, holdings and the statistics.
  const readMs = [];
  const rebuildMs = [];
  for (let run = 0; run < RUNS; run += 1) {
    const journal = new m.OrderJournal(seedDb);
    let t0 = performance.now();
    let n = 0;
    journal.eachTrade(() => void (n += 1));
    readMs.push(performance.now() - t0);
    if (n !== COUNT) throw new Error(`read ${n} fills, expected ${COUNT}`);
    const portfolio = service(seedDb, new m.InProcessEventBus());
    t0 = performance.now();
    portfolio.ensureBuilt();
    const stats = portfolio.statistics('demo');
    rebuildMs.push(performance.now() - t0);
    if (stats.total.trades !== COUNT) throw new Error(`statistics counted ${stats.total.trades} fills`);
    portfolio.close();
  }

  // Per fill: publish on the bus, the service applies it (positions, holdings, ledger) and schedules its snapshot.
  const bus = new m.InProcessEventBus();
  const portfolio = service(seedDb, bus);
  portfolio.ensureBuilt();
  const fill = (i) => ({ id: `extra-${i}`, venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: i % 2 ? 'sell' : 'buy', price: 60_000 + (i % 100), amount: 0.01, fee: 0.006, feeAsset: 'USDT', timestamp: Date.now() });
  const fills = Array.from({ length: PER_TRADE }, (_, i) => fill(i));
  let t0 = performance.now();
  for (const trade of fills) bus.publish('trade.executed', trade);
  const perTradeUs = ((performance.now() - t0) * 1000) / PER_TRADE;
  portfolio.close();
  const empty = new m.InProcessEventBus();
  t0 = performance.now();
  for (const trade of fills) empty.publish('trade.executed', { ...trade, id: `${trade.id}-b` });
  const baselinePublishUs = ((performance.now() - t0) * 1000) / PER_TRADE;
  seedDb.close();

  // Cold starts, alternating an empty database and the seeded one.
  const startOnce = async (source) => {
    const dataDir = mkdtempSync(join(folder, 'start-'));
    const file = join(dataDir, m.DATABASE_FILE);
    copyFileSync(source, file);
    // The copy is written through before the clock starts: otherwise the kernel is still flushing 100 MB while the
    // large database starts, and the figure measures the copy rather than the start.
    const fd = openSync(file, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    const begin = performance.now();
    const core = await m.createCore({ dataDir, transport: 'websocket', demoSeed: 3, mt5Port: 0, auth: null });
    const response = await core.dispatcher.dispatch('app:info', {}, new m.TransportSession('bench', () => {}));
    const elapsed = performance.now() - begin;
    if (!response.ok) throw new Error(`app:info failed: ${response.error.message}`);
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
    return elapsed;
  };
  await startOnce(emptyFile); // warm-up: modules loaded, JIT warm
  const emptyMs = [];
  const fullMs = [];
  for (let run = 0; run < START_RUNS; run += 1) {
    emptyMs.push(await startOnce(emptyFile));
    fullMs.push(await startOnce(seeded));
  }

  const result = {
    bench: 'portfolio',
    trades: COUNT,
    rebuildMs100k: round(median(rebuildMs), 1),
    baselineReadMs100k: round(median(readMs), 1),
    perTradeUs: round(perTradeUs),
    baselinePublishUs: round(baselinePublishUs),
    startEmptyMs: round(median(emptyMs), 1),
    start100kMs: round(median(fullMs), 1),
    startRatio100k: round(median(fullMs) / median(emptyMs)),
    goals: { rebuildMs100k: 300, perTradeUs: 50, startRatio100k: 1.1 },
  };
  console.log(`rebuild ${result.rebuildMs100k} ms (reading alone ${result.baselineReadMs100k} ms); per fill ${result.perTradeUs} µs (bare publish ${result.baselinePublishUs} µs)`);
  console.log(`cold start ${result.start100kMs} ms with ${COUNT} orders and fills, ${result.startEmptyMs} ms empty`);
  console.log(JSON.stringify(result));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
