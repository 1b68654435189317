// The alert tables on real SQLite files: rules and their arming survive a reopen, firings are kept newest first and
// trimmed, and a row another tool broke is skipped, not fatal.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { AlertRepository, KEPT_FIRINGS, type AlertRuleRecord } from './alert-repository';

const temp = useTempDatabases();

const rule: AlertRuleRecord = {
  id: 'r1',
  venue: 'demo',
  symbol: 'BTC/USDT',
  kind: 'change-pct',
  threshold: 2.5,
  windowMinutes: 15,
  note: 'breakout watch',
  paused: false,
  createdAt: 1_000,
};

describe('AlertRepository', () => {
  it('keeps rules, their arming and last firing across closing and reopening the file', () => {
    const file = join(temp.folder(), 'app.sqlite');
    const first = new AlertRepository(temp.open(file));
    first.save(rule);
    first.save({ id: 'r2', venue: 'binance', symbol: 'ETH/USDT', kind: 'above', threshold: 3_100.5, paused: true, createdAt: 2_000 });
    first.saveArming('r1', { up: true, down: true });
    first.recordFiring({ ruleId: 'r1', venue: 'demo', symbol: 'BTC/USDT', description: 'BTC/USDT moving 2.5% within 15 min (up)', price: 65_000, at: 5_000 }, { up: false, down: true });

    const reopened = new AlertRepository(temp.open(file));
    expect(reopened.list()).toEqual([
      { ...rule, arming: { up: false, down: true }, lastFiredAt: 5_000 },
      { id: 'r2', venue: 'binance', symbol: 'ETH/USDT', kind: 'above', threshold: 3_100.5, paused: true, createdAt: 2_000 },
    ]);
    expect(reopened.firings(10)).toEqual([
      { id: 1, ruleId: 'r1', venue: 'demo', symbol: 'BTC/USDT', description: 'BTC/USDT moving 2.5% within 15 min (up)', price: 65_000, at: 5_000 },
    ]);
  });

  it('replaces a rule on save, clears its arming with undefined, and deletes it (keeping its firings)', () => {
    const repository = new AlertRepository(temp.open(':memory:'));
    repository.save({ ...rule, arming: { up: true, down: false } });
    repository.recordFiring({ ruleId: 'r1', venue: 'demo', symbol: 'BTC/USDT', description: 'x', price: 1, at: 9 }, { up: false, down: false });
    repository.save({ ...rule, kind: 'below', threshold: 60_000, note: 'changed' });
    expect(repository.list()).toEqual([{ ...rule, kind: 'below', threshold: 60_000, note: 'changed' }]);
    expect(repository.delete('r1')).toBe(true);
    expect(repository.delete('r1')).toBe(false);
    expect(repository.list()).toEqual([]);
    expect(repository.firings(10)).toHaveLength(1);
  });

  it('lists firings newest first, per rule when asked, and keeps only the latest ones', () => {
    const repository = new AlertRepository(temp.open(':memory:'));
    repository.save(rule);
    const total = KEPT_FIRINGS + 25;
    for (let i = 1; i <= total; i++) {
      const ruleId = i % 2 === 0 ? 'r1' : 'r2';
      repository.recordFiring({ ruleId, venue: 'demo', symbol: 'BTC/USDT', description: `#${i}`, price: i, at: i }, { up: false, down: false });
    }
    const latest = repository.firings(500);
    expect(latest).toHaveLength(500);
    expect(latest[0]!.description).toBe(`#${total}`);
    expect(repository.firings(3, 'r1').map((f) => f.description)).toEqual([`#${total - 1}`, `#${total - 3}`, `#${total - 5}`]);
    expect(repository.firings(5_000, 'r1').length + repository.firings(5_000, 'r2').length).toBe(KEPT_FIRINGS);
  });

  it('skips, with a warning naming the rule, a row whose venue or kind this app does not know', () => {
    const db = temp.open(':memory:');
    const warnings: string[] = [];
    const repository = new AlertRepository(db, (message) => warnings.push(message));
    repository.save(rule);
    db.prepare("INSERT INTO alert_rules (id, venue, symbol, kind, threshold, paused, created_at) VALUES ('odd', 'kraken', 'BTC/USD', 'above', 1, 0, 0)").run();
    expect(repository.list().map((r) => r.id)).toEqual(['r1']);
    expect(warnings).toEqual(['alerts: ignoring rule odd: it names an unknown venue, symbol or kind']);
  });

  it('lets the schema refuse a kind or threshold that makes no sense', () => {
    const db = temp.open(':memory:');
    expect(() => db.prepare("INSERT INTO alert_rules (id, venue, symbol, kind, threshold, paused, created_at) VALUES ('a', 'demo', 'BTC/USDT', 'sideways', 1, 0, 0)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO alert_rules (id, venue, symbol, kind, threshold, paused, created_at) VALUES ('a', 'demo', 'BTC/USDT', 'above', -5, 0, 0)").run()).toThrow(/CHECK/);
  });
});
