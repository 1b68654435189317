// The shared bus against a real redis-server started by this test: events reach every process, work meant for one
// process is done once, and outages, crashes and duplicates lose nothing and double nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertTriggered, Trade } from '../../src-shared';
import { envelopeFields } from './envelope';
import { startTestRedis, type TestRedis } from './testing/redis-server';
import { eventually, useSharedProcesses } from './testing/shared-processes';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.stop();
});

const startProcess = useSharedProcesses();
let streamSuffix = 0;
/** Each test on its own keys, so that one test's stream never feeds another's groups. */
const prefix = () => `t${++streamSuffix}`;

const trade = (n: number): Trade => ({
  id: `t${n}`, venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', price: 60_000, amount: 0.01, timestamp: 1_700_000_000_000 + n,
});
const alert = (n: number): AlertTriggered => ({
  ruleId: `rule-${n}`, venue: 'binance', symbol: 'BTC/USDT', description: 'BTC/USDT above 65,000', price: 65_001, at: 1_700_000_000_000 + n,
});

describe('shared event bus', () => {
  it('delivers a durable event to every process, once each, with its origin', async () => {
    const p = prefix();
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((id) => startProcess(redis.url, id, { prefix: p })));
    const seen = new Map<string, Array<{ origin: string; id: string }>>();
    for (const proc of [a!, b!, c!]) {
      seen.set(proc.id, []);
      proc.bus.subscribeShared('trade.executed', (event) => seen.get(proc.id)!.push({ origin: event.origin, id: event.payload.id }));
    }
    let localCalls = 0;
    a!.bus.subscribe('trade.executed', () => localCalls++);
    a!.bus.publish('trade.executed', trade(1));
    expect(localCalls).toBe(1); // local subscribers are told at once, as without Redis
    await eventually(() => [...seen.values()].every((list) => list.length === 1), 'every process to see the trade');
    for (const list of seen.values()) expect(list).toEqual([{ origin: 'a', id: 't1' }]);
    expect(a!.bus.outbox.backlog()).toBe(0);
  });

  it('sends lossy ticks over Pub/Sub to the other processes only', async () => {
    const p = prefix();
    const a = await startProcess(redis.url, 'a', { prefix: p });
    const b = await startProcess(redis.url, 'b', { prefix: p });
    const prices: number[] = [];
    b.bus.subscribe('price.updated', (t) => prices.push(t.last));
    a.bus.publish('price.updated', { venue: 'binance', symbol: 'BTC/USDT', last: 61_000, timestamp: 1 } as never);
    await eventually(() => prices.length === 1, 'the tick in b');
    expect(prices).toEqual([61_000]);
    expect(a.bus.outbox.backlog()).toBe(0); // never written to the outbox
    const length = await (await a.link.connect()).sendCommand(['XLEN', `${p}:events`]);
    expect(length).toBe(0);
  });

  it('has work meant for one process done by exactly one of three', async () => {
    const p = prefix();
    const procs = await Promise.all(['a', 'b', 'c'].map((id) => startProcess(redis.url, id, { prefix: p })));
    const handled: Array<{ by: string; rule: string }> = [];
    for (const proc of procs) {
      await proc.bus.subscribeOnce('email', ['alert.triggered'], (event) => {
        handled.push({ by: proc.id, rule: event.payload.ruleId });
      });
    }
    for (let n = 0; n < 30; n++) procs[n % 3]!.bus.publish('alert.triggered', alert(n));
    await eventually(() => handled.length >= 30, '30 alerts handled');
    await new Promise((resolve) => setTimeout(resolve, 300)); // a second handling would show up here
    expect(handled).toHaveLength(30);
    expect(new Set(handled.map((h) => h.rule)).size).toBe(30);
  });

  it('loses nothing when Redis is killed and restarted mid-run, and delivers each event once', async () => {
    const p = prefix();
    const a = await startProcess(redis.url, 'a', { prefix: p });
    const b = await startProcess(redis.url, 'b', { prefix: p });
    const received = new Map<string, number>();
    b.bus.subscribeShared('trade.executed', (event) => received.set(event.payload.id, (received.get(event.payload.id) ?? 0) + 1));
    const total = 300;
    for (let n = 0; n < total; n++) {
      a.bus.publish('trade.executed', trade(n));
      if (n === 100) await redis.kill();
      if (n === 200) {
        expect(a.link.reachable).toBe(false);
        expect(a.bus.outbox.backlog()).toBeGreaterThan(0); // waiting in SQLite, not lost
        await redis.restart();
      }
      if (n % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await eventually(() => received.size === total, `all ${total} trades in b`, 30_000);
    expect([...received.values()].every((count) => count === 1)).toBe(true);
    await eventually(() => a.bus.outbox.backlog() === 0, 'the outbox to drain');
    expect(a.link.reachable).toBe(true);
  });

  it("has a crashed member's pending event claimed and handled by another", async () => {
    const p = prefix();
    const a = await startProcess(redis.url, 'a', { prefix: p });
    const b = await startProcess(redis.url, 'b', { prefix: p });
    const handledBy: string[] = [];
    let aGotIt = false;
    // a takes the event and never finishes it: it hangs, then crashes without acknowledging.
    await a.bus.subscribeOnce('email', ['alert.triggered'], () => {
      aGotIt = true;
      return new Promise(() => undefined);
    });
    a.bus.publish('alert.triggered', alert(1));
    await eventually(() => aGotIt, 'a to take the event');
    await b.bus.subscribeOnce('email', ['alert.triggered'], (event) => {
      handledBy.push(`b:${event.payload.ruleId}`);
    });
    await a.crash();
    await eventually(() => handledBy.length === 1, "b to claim a's pending event");
    expect(handledBy).toEqual(['b:rule-1']);
  });

  it('gives a duplicate delivery (the same event id twice) one effect', async () => {
    const p = prefix();
    const a = await startProcess(redis.url, 'a', { prefix: p });
    const b = await startProcess(redis.url, 'b', { prefix: p });
    const once: string[] = [];
    const views: string[] = [];
    for (const proc of [a, b]) await proc.bus.subscribeOnce('email', ['alert.triggered'], (event) => void once.push(event.id));
    b.bus.subscribeShared('alert.triggered', (event) => views.push(event.id));
    const client = await a.link.connect();
    const fields = envelopeFields({ id: 'same-event', origin: 'a', topic: 'alert.triggered', payload: JSON.stringify(alert(7)), at: 1 });
    // What a crash between XADD and the outbox's mark produces: the relay sends the row again.
    await client.sendCommand(['XADD', `${p}:events`, '*', ...fields]);
    await client.sendCommand(['XADD', `${p}:events`, '*', ...fields]);
    await eventually(() => once.length >= 1 && views.length >= 1, 'the event to be handled');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(once).toEqual(['same-event']);
    expect(views).toEqual(['same-event']);
  });
});
