// The consuming app process of the redis-bus benchmark, run as a process of its own (forked by index.mjs, talking
// to it over the IPC channel): in shared mode each app is a separate OS process with its own database file, its own
// Redis connections and its own event loop, so one's SQLite commits (fsync) and CPU never hold up the other's. It
// runs the product's SharedEventBus on its own SQLite file and tells the parent what it received:
// - during the latency part, each trade as it reaches the handler (the parent stamps the time it hears of it, so
//   the figure includes this report, never less than the real delay);
// - during the throughput part, only once, when the last of `count` trades reached the handler.
import { loadTs } from '../lib/load-ts.mjs';

const { openDatabase, RedisLink, SharedEventBus } = await loadTs('bench/redis-bus/entry.ts');
const [url, file, processId, prefix] = process.argv.slice(2);

// A database file opened as the app opens its own (synchronous FULL: the inbox record is on disk before the XACK).
const db = openDatabase(file, { synchronous: 'FULL' });
const link = new RedisLink({ url });
const bus = new SharedEventBus({ link, db, processId, prefix });

let reportEach = true;
let expected;
let received = 0;
bus.subscribeShared('trade.executed', (event) => {
  const n = Number(event.payload.id.slice(1));
  if (reportEach) process.send({ arrived: event.payload.id });
  else if (expected && n >= expected.offset && ++received === expected.count) process.send({ allIn: true });
});

process.on('message', async (message) => {
  if (message.expect) {
    reportEach = false;
    expected = message.expect;
    received = 0;
    process.send({ expecting: true });
  } else if (message.stop) {
    await bus.stop();
    await link.close();
    db.close();
    process.disconnect();
  }
});

await bus.start();
process.send({ ready: true });
