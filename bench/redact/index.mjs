// Scrubbing a venue's error body before it is shown or logged (src-main/exchanges/ccxt/redact.ts), on the main
// process's event loop: the worst time over adversarial 1 MB bodies — long runs of the characters the old regex
// backtracked on — with an API key and secret to blank. Goal: ≤ 5 ms. Baseline: the regex implementation it replaced,
// on the same shapes cut to BENCH_BASELINE_KB (default 40 kB; it is quadratic, so 1 MB would take hours).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadTs, median } from '../lib/load-ts.mjs';

// The bench allocates a fresh 1 MB body per run; collecting that garbage before each timed call keeps the bench's own
// GC pauses out of a figure that is about scrubbing. (The standard way to reach gc() without a command-line flag.)
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

const { redact, regexRedact } = await loadTs('bench/redact/entry.ts');
const SIZE = 1024 * 1024;
const BASELINE_SIZE = Number(process.env.BENCH_BASELINE_KB ?? 40) * 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const GOAL_MS = 5;
const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const SIGNED_URL = 'https://api.binance.com/api/v3/order?symbol=BTCUSDT&timestamp=1700000000000&signature=c0ffee00deadbeef';

const fill = (unit, size) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const SHAPES = {
  'a.a.a.': (size) => fill('a.', size),
  'b+1-': (size) => fill('b+1-', size),
  'a://a://': (size) => fill('a://', size),
  'http://ppp… (no query)': (size) => `http://${fill('p', size)}`,
  'huge signed query': (size) => `https://x.test/p?${fill('q=1&', size)}signature=ff`,
  'ws://h/p?a=b …': (size) => fill('ws://h/p?a=b ', size),
  'signature=…': (size) => fill('signature=', size),
  [`key repeated`]: (size) => fill(`${KEY} `, size),
};
/**
 * A body as it comes off the socket: one flat string decoded from bytes. Built by concatenation alone, it would be a
 * rope that V8 copies into one piece on its first use — a cost of building the test string, paid by whatever touches
 * it first, not of scrubbing.
 */
const body = (shape, size) => Buffer.from(`binance POST ${SIGNED_URL} ${shape(size)} ${SECRET}`).toString('utf8');

/** Every timed run of the new scrubber, for the median beside the worst (a loaded machine preempts single runs). */
const allRuns = [];

/** Worst time of ROUNDS runs of `scrub` over one body, in ms; checks the result so the work cannot be skipped. */
function worst(scrub, text) {
  let max = 0;
  for (let round = 0; round < ROUNDS; round++) {
    collectGarbage();
    const started = performance.now();
    const out = scrub(text, [KEY, SECRET]);
    const ms = performance.now() - started;
    if (scrub === redact) allRuns.push(ms);
    max = Math.max(max, ms);
    if (out.includes(SECRET) || out.includes('c0ffee00')) throw new Error('a secret survived');
  }
  return max;
}

// Warm-up: let V8 compile both before anything is timed.
for (let i = 0; i < 20; i++) redact(body(SHAPES['a.a.a.'], 64 * 1024), [KEY, SECRET]);

const shapes = {};
for (const [name, shape] of Object.entries(SHAPES)) {
  const ms = worst(redact, body(shape, SIZE));
  const baselineMs = worst(regexRedact, body(shape, BASELINE_SIZE));
  shapes[name] = { ms: +ms.toFixed(3), baselineMs: +baselineMs.toFixed(1) };
  console.log(`${name.padEnd(24)} 1 MB: ${ms.toFixed(3)} ms   old regex on ${BASELINE_SIZE / 1024} kB: ${baselineMs.toFixed(1)} ms`);
}
const maxMs = Math.max(...Object.values(shapes).map((s) => s.ms));
const medianMs = +median(allRuns).toFixed(3);
const baselineMaxMs = Math.max(...Object.values(shapes).map((s) => s.baselineMs));
console.log(`worst 1 MB: ${maxMs} ms (goal ≤ ${GOAL_MS} ms), median ${medianMs} ms; old regex, worst on ${BASELINE_SIZE / 1024} kB: ${baselineMaxMs} ms`);
console.log(
  JSON.stringify({ bench: 'redact', bodyBytes: SIZE, rounds: ROUNDS, goalMs: GOAL_MS, maxMs, medianMs, baselineBodyBytes: BASELINE_SIZE, baselineMaxMs, pass: maxMs <= GOAL_MS, shapes }),
);
