// Recovery after a venue outage longer than the fast reconnects: real ccxt.pro against the fake Binance stream, ten
// wanted streams on one venue waiting on its link. Three kinds of return, each over BENCH_OUTAGES outages (default 20):
// the slow probe alone finds the venue back (goal p99 ≤ 20,000 ms), the OS says the network is back and the venue is
// probed at once (goal ≤ 3,000 ms), and a wake-up probes at once (goal ≤ 5,000 ms). Also the probes per 5 minutes per
// venue while it is away (goal ≤ 60 with 10 wanted streams). The fast phase is shortened to BENCH_FAST_ATTEMPTS
// reconnects (default 2) so the bench ends in minutes; what is measured starts after it.
import { loadTs } from '../lib/load-ts.mjs';

const OUTAGES = Number(process.env.BENCH_OUTAGES ?? 20);
const FAST_ATTEMPTS = Number(process.env.BENCH_FAST_ATTEMPTS ?? 2);
const PROBE_EVERY_MS = Number(process.env.BENCH_PROBE_EVERY_MS ?? 15_000);

const p99 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
};

const { runRecovery } = await loadTs('bench/recovery/harness.ts');
const result = await runRecovery({ outages: OUTAGES, fastAttempts: FAST_ATTEMPTS, probeEveryMs: PROBE_EVERY_MS, log: (line) => console.log(line) });
console.log(
  JSON.stringify({
    bench: 'recovery',
    outages: OUTAGES,
    wantedStreams: 10,
    probeEveryMs: PROBE_EVERY_MS,
    venueBackToLiveP99Ms: p99(result.slow),
    venueBackToLiveMaxMs: Math.max(...result.slow),
    osNetworkBackToLiveP99Ms: p99(result.osBack),
    wakeToLiveP99Ms: p99(result.wake),
    probesPer5MinPerVenue: Math.round(result.probesPer5Min * 10) / 10,
    // Reconnects and probes of the last 5 minutes, uncapped here; in the app the link holds them under Binance's 300.
    connectAttemptsLast5Min: result.attemptsLast5Min,
  }),
);
process.exit(0);
