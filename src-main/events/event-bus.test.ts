import { describe, expect, it } from 'vitest';
import type { Ticker } from '../../src-shared';
import { InProcessEventBus } from './event-bus';
import type { Topic } from './topics';

const ticker = (last: number): Ticker => ({ venue: 'demo', symbol: 'BTC/USDT', last, timestamp: 1 });

function busWithLog() {
  const failures: Array<{ topic: Topic; error: unknown }> = [];
  const bus = new InProcessEventBus((topic, error) => failures.push({ topic, error }));
  return { bus, failures };
}

describe('InProcessEventBus', () => {
  it('delivers a published event to every subscriber of its topic, in order, and to no other topic', () => {
    const { bus } = busWithLog();
    const seen: string[] = [];
    bus.subscribe('price.updated', (t) => seen.push(`a${t.last}`));
    bus.subscribe('price.updated', (t) => seen.push(`b${t.last}`));
    bus.subscribe('order.updated', () => seen.push('order'));
    bus.publish('price.updated', ticker(1));
    bus.publish('price.updated', ticker(2));
    expect(seen).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('stops delivering after unsubscribe, and a second unsubscribe changes nothing', () => {
    const { bus } = busWithLog();
    const seen: number[] = [];
    const stop = bus.subscribe('price.updated', (t) => seen.push(t.last));
    const keep = bus.subscribe('price.updated', () => {});
    bus.publish('price.updated', ticker(1));
    stop();
    stop();
    bus.publish('price.updated', ticker(2));
    expect(seen).toEqual([1]);
    expect(bus.subscriberCount('price.updated')).toBe(1);
    keep();
    expect(bus.subscriberCount('price.updated')).toBe(0);
  });

  it('isolates a throwing subscriber: the others and the publisher go on, and the failure is logged with its topic', () => {
    const { bus, failures } = busWithLog();
    const seen: number[] = [];
    bus.subscribe('price.updated', () => {
      throw new Error('broken subscriber');
    });
    bus.subscribe('price.updated', (t) => seen.push(t.last));
    expect(() => bus.publish('price.updated', ticker(5))).not.toThrow();
    expect(seen).toEqual([5]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.topic).toBe('price.updated');
    expect((failures[0]!.error as Error).message).toBe('broken subscriber');
  });

  it('never waits for a slow async subscriber, and logs its rejection', async () => {
    const { bus, failures } = busWithLog();
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const seen: number[] = [];
    bus.subscribe('trade.executed', async () => {
      await slow;
      throw new Error('late failure');
    });
    bus.subscribe('trade.executed', (trade) => seen.push(trade.price));
    const trade = { id: 't', venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', price: 10, amount: 1, timestamp: 1 } as const;
    bus.publish('trade.executed', trade);
    expect(seen).toEqual([10]); // delivered while the slow one still waits
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failures.map((f) => f.topic)).toEqual(['trade.executed']);
  });

  it('lets a subscriber unsubscribe itself during a publish without disturbing the others', () => {
    const { bus } = busWithLog();
    const seen: string[] = [];
    const stop = bus.subscribe('price.updated', () => {
      seen.push('once');
      stop();
    });
    bus.subscribe('price.updated', () => seen.push('always'));
    bus.publish('price.updated', ticker(1));
    bus.publish('price.updated', ticker(2));
    expect(seen).toEqual(['once', 'always', 'always']);
  });
});
