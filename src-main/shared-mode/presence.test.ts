// Presence on a real redis-server: every process lists the others with their age, and one that stops beating is
// gone from the list after the gone-after time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Presence } from './presence';
import { RedisLink } from './redis-link';
import { startTestRedis, type TestRedis } from './testing/redis-server';

let redis: TestRedis;
const links: RedisLink[] = [];
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  for (const link of links) await link.close();
  await redis.stop();
});

async function presenceOf(id: string, name: string): Promise<Presence> {
  const link = new RedisLink({ url: redis.url });
  links.push(link);
  return new Presence({
    client: await link.connect(),
    self: { id, name, host: 'test-host', role: id === 'a' ? 'desktop' : 'host', accounts: ['binance:live'], version: '0.1.0' },
    intervalMs: 100,
    goneAfterMs: 1_000,
  });
}

describe('presence', () => {
  it('lists every process with its age, and leaves out one that stopped beating', async () => {
    const a = await presenceOf('a', 'laptop');
    const b = await presenceOf('b', 'vps');
    a.start();
    b.start();
    await a.beat();
    await b.beat();
    const listed = await a.list();
    expect(listed.map((p) => [p.name, p.role, p.self, p.accounts])).toEqual([
      ['laptop', 'desktop', true, ['binance:live']],
      ['vps', 'host', false, ['binance:live']],
    ]);
    expect(listed.every((p) => p.ageMs >= 0 && p.ageMs < 1_000)).toBe(true);
    b.stop();
    let names: string[] = [];
    const poll = async () => (names = (await a.list()).map((p) => p.name));
    await poll();
    while (names.includes('vps')) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await poll();
    }
    expect(names).toEqual(['laptop']);
    a.stop();
  });
});
