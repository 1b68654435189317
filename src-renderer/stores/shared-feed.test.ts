import { describe, expect, it } from 'vitest';
import { sharedFeed } from './shared-feed';

describe('sharedFeed', () => {
  it('starts once for any number of views, stops with the last, and starts again for the next', () => {
    const log: string[] = [];
    const attach = sharedFeed((name: string) => {
      log.push(`start ${name}`);
      return () => log.push(`stop ${name}`);
    });
    const a = attach('a');
    const b = attach('b');
    a();
    a(); // a second detach of the same view changes nothing
    expect(log).toEqual(['start a']);
    b();
    expect(log).toEqual(['start a', 'stop a']);
    attach('c')();
    expect(log).toEqual(['start a', 'stop a', 'start c', 'stop c']);
  });
});
