// The outbox's marks of what Redis has: kept in memory while the relay sends, written to SQLite later in one
// statement. A mark that never reached the file (a crash) sends its rows again; it never loses one.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { INBOX_KEEP_MS, Inbox, OUTBOX_KEEP_MS, Outbox, pruneDone } from './outbox';
import { RedisLink } from './redis-link';
import { StreamRelay } from './stream-relay';
import { startTestRedis, type TestRedis } from './testing/redis-server';
import { eventually } from './testing/shared-processes';

const temp = useTempDatabases();
const entry = (n: number) => ({ id: `event-${n}`, topic: 'trade.executed' as const, payload: JSON.stringify({ n }), at: 1_700_000_000_000 + n });
const publishedCount = (file: string) =>
  temp.open(file).prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM shared_outbox WHERE published_at IS NOT NULL').get()!.n;

describe('outbox marks', () => {
  it('skips rows marked sent in memory, and sends them again after a restart that never saved the marks', () => {
    const file = join(temp.folder(), 'app.sqlite');
    const outbox = new Outbox(temp.open(file));
    outbox.appendAll([entry(1), entry(2), entry(3)]);
    const [first, second] = outbox.pending(2);
    outbox.markSent(second!.seq);
    expect(outbox.pending(10).map((r) => r.id)).toEqual(['event-3']);
    expect(outbox.backlog()).toBe(1);
    expect(outbox.unsavedMarks).toBe(true);
    expect(first!.id).toBe('event-1');

    // A crash: the marks were only in memory. The next start sends all three again (consumers drop them by id).
    const restarted = new Outbox(temp.open(file));
    expect(restarted.pending(10).map((r) => r.id)).toEqual(['event-1', 'event-2', 'event-3']);
    expect(restarted.backlog()).toBe(3);
  });

  it('writes the marks to every row through the last one sent, so that a restart sends only the rest', () => {
    const file = join(temp.folder(), 'app.sqlite');
    const outbox = new Outbox(temp.open(file));
    outbox.appendAll([entry(1), entry(2), entry(3)]);
    outbox.markSent(outbox.pending(2)[1]!.seq);
    outbox.saveMarks(1_700_000_000_500);
    expect(outbox.unsavedMarks).toBe(false);
    expect(publishedCount(file)).toBe(2);
    const restarted = new Outbox(temp.open(file));
    expect(restarted.pending(10).map((r) => r.id)).toEqual(['event-3']);
  });
});

describe('stream relay marks', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('sends every row once, then saves the marks on its own a little later, in one go', async () => {
    const file = join(temp.folder(), 'app.sqlite');
    const outbox = new Outbox(temp.open(file));
    const link = new RedisLink({ url: redis.url });
    const client = await link.connect();
    const relay = new StreamRelay({ link, client, outbox, streamKey: 'marks:events', origin: 'a', saveMarksMs: 100 });
    try {
      outbox.appendAll(Array.from({ length: 250 }, (_, n) => entry(n)));
      relay.wake();
      await relay.idle();
      expect(await client.sendCommand(['XLEN', 'marks:events'])).toBe(250);
      expect(outbox.backlog()).toBe(0);
      await eventually(() => publishedCount(file) === 250, 'the marks to be saved');
      expect(outbox.unsavedMarks).toBe(false);
    } finally {
      relay.stop();
      await link.close();
    }
  });

  it('saves the marks of what it sent when stopped', async () => {
    const file = join(temp.folder(), 'app.sqlite');
    const outbox = new Outbox(temp.open(file));
    const link = new RedisLink({ url: redis.url });
    const relay = new StreamRelay({ link, client: await link.connect(), outbox, streamKey: 'stop:events', origin: 'a', saveMarksMs: 60_000 });
    try {
      outbox.appendAll([entry(1), entry(2)]);
      relay.wake();
      await relay.idle();
      expect(publishedCount(file)).toBe(0); // not yet: the marks wait in memory
      relay.stop();
      expect(publishedCount(file)).toBe(2);
    } finally {
      relay.stop();
      await link.close();
    }
  });

  it('prunes what is done and old from both tables, never a row still to send', () => {
    const db = temp.open(join(temp.folder(), 'app.sqlite'));
    const outbox = new Outbox(db);
    const inbox = new Inbox(db);
    const now = 1_800_000_000_000;
    outbox.appendAll([entry(1), entry(2), entry(3)]);
    const [first, second] = outbox.pending(3);
    outbox.markSent(first!.seq);
    outbox.saveMarks(now - OUTBOX_KEEP_MS - 1); // published long ago
    outbox.markSent(second!.seq);
    outbox.saveMarks(now - 1_000); // published just now; the third is not sent at all
    inbox.record('view', 'old', now - INBOX_KEEP_MS - 1);
    inbox.record('view', 'recent', now - 1_000);

    expect(pruneDone(outbox, inbox, now)).toEqual({ outbox: 1, inbox: 1 });
    const left = db.prepare<[], { id: string }>('SELECT id FROM shared_outbox ORDER BY seq').all().map((r) => r.id);
    expect(left).toEqual(['event-2', 'event-3']);
    expect(outbox.pending(10).map((r) => r.id)).toEqual(['event-3']);
    // A record pruned is a record forgotten; a recent one still stops a redelivery.
    expect(inbox.record('view', 'recent', now)).toBe(false);
    expect(inbox.record('view', 'old', now)).toBe(true);
  });
});
