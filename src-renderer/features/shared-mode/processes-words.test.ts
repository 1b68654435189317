import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessPresence, SharedModeStatus } from '../../../src-shared';
import { setTimeZone } from '../../format/time';
import { setLanguage } from '../../i18n';
import { processAge, processesPanelWords } from './processes-words';

const laptop: ProcessPresence = { id: 'p-1', name: 'laptop', host: 'mac.local', role: 'desktop', accounts: ['binance:live', 'demo:demo'], version: '0.1.0', ageMs: 1_400, self: true };
const vps: ProcessPresence = { id: 'p-2', name: 'vps-1', host: 'vps.example.com', role: 'host', accounts: [], version: '0.1.0', ageMs: 12_600, self: false };
const status: SharedModeStatus = { enabled: true, redis: 'redis://127.0.0.1:6379', outboxBacklog: 0, processes: [laptop, vps] };

describe('processes panel words', () => {
  afterEach(() => {
    setLanguage('en');
    setTimeZone('local');
  });

  it('lists each process with its age, this one marked, its accounts or a dash', () => {
    expect(processesPanelWords(status)).toEqual({
      rows: [
        { key: 'p-1', self: true, name: 'laptop (this one)', host: 'mac.local', role: 'desktop', accounts: 'binance:live, demo:demo', version: '0.1.0', age: '1 s' },
        { key: 'p-2', self: false, name: 'vps-1', host: 'vps.example.com', role: 'host', accounts: '—', version: '0.1.0', age: '13 s' },
      ],
    });
  });

  it('gives an age in seconds under a minute, in minutes after', () => {
    expect(processAge(0)).toBe('0 s');
    expect(processAge(59_400)).toBe('59 s');
    expect(processAge(60_000)).toBe('1 min');
    expect(processAge(270_000)).toBe('5 min');
  });

  it('says since when Redis is unreachable, with the events waiting in the outbox', () => {
    setTimeZone('utc');
    const since = Date.UTC(2026, 0, 5, 14, 3, 12);
    expect(processesPanelWords({ ...status, unreachableSince: since })?.unreachable).toBe('shared mode: Redis unreachable since 14:03:12');
    expect(processesPanelWords({ ...status, unreachableSince: since, outboxBacklog: 1 })?.unreachable).toBe('shared mode: Redis unreachable since 14:03:12 (1 event waiting)');
    expect(processesPanelWords({ ...status, unreachableSince: since, outboxBacklog: 3 })?.unreachable).toBe('shared mode: Redis unreachable since 14:03:12 (3 events waiting)');
    expect(processesPanelWords(status)?.unreachable).toBeUndefined();
  });

  it('shows nothing when the app works alone by choice, and why when it was refused shared mode', () => {
    expect(processesPanelWords(undefined)).toBeUndefined();
    expect(processesPanelWords({ enabled: false, outboxBacklog: 0, processes: [] })).toBeUndefined();
    expect(processesPanelWords({ enabled: false, problem: 'shared mode is part of Pro', outboxBacklog: 0, processes: [] })).toEqual({
      problem: 'shared mode off: shared mode is part of Pro',
      rows: [],
    });
  });

  it('speaks the chosen language', () => {
    setLanguage('vi');
    setTimeZone('utc');
    const words = processesPanelWords({ ...status, unreachableSince: Date.UTC(2026, 0, 5, 9, 0, 0), outboxBacklog: 2 });
    expect(words?.unreachable).toBe('chế độ dùng chung: không kết nối được Redis từ 09:00:00 (2 sự kiện đang chờ)');
    expect(words?.rows.map((r) => [r.name, r.age])).toEqual([['laptop (tiến trình này)', '1 giây'], ['vps-1', '13 giây']]);
  });
});
