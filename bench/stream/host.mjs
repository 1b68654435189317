// Child process of bench/stream: the host under test. Prints `ready PORT` once listening and `rss BYTES` every
// second, so the parent measures memory of this process alone, and `dropped N`: market pushes dropped for a slow page.
import { loadTs } from '../lib/load-ts.mjs';

const { startStreamHost } = await loadTs('bench/stream/harness.ts');
const host = await startStreamHost({ restBase: process.env.FAKE_REST, wsBase: process.env.FAKE_WS, token: process.env.TBS_HOST_TOKEN, pageOrigin: process.env.BENCH_PAGE_ORIGIN });
console.log(`ready ${host.port}`);
let cpu = process.cpuUsage();
setInterval(() => {
  const now = process.cpuUsage();
  console.log(`rss ${process.memoryUsage().rss}`);
  console.log(`dropped ${host.stats.droppedPushes}`);
  console.log(`cpu ${((now.user - cpu.user + now.system - cpu.system) / 1e4).toFixed(0)}`);
  cpu = now;
}, 1_000);
process.on('SIGTERM', () => void host.close().finally(() => process.exit(0)));
