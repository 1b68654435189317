// The Processes panel in words: whether it shows at all, the Redis outage line and each process's row with its age.
// Pure, so that what the panel says is tested without a browser.
import type { SharedModeStatus } from '../../../src-shared';
import { clockTime } from '../../format/time';
import { t } from '../../i18n';

export interface ProcessRow {
  key: string;
  self: boolean;
  name: string;
  host: string;
  role: string;
  accounts: string;
  version: string;
  age: string;
}

export interface ProcessesPanelWords {
  /** Why this process works alone, when it was refused shared mode. */
  problem?: string;
  /** "shared mode: Redis unreachable since 14:03:12 (3 events waiting)". */
  unreachable?: string;
  rows: ProcessRow[];
}

/** "12 s" under a minute, "4 min" after. */
export function processAge(ms: number): string {
  return ms < 60_000 ? t('sharedMode:seconds', { s: Math.round(ms / 1000) }) : t('sharedMode:minutes', { m: Math.round(ms / 60_000) });
}

/** Nothing to show when the app works alone by choice (no `--redis`), as it always did. */
export function processesPanelWords(status: SharedModeStatus | undefined): ProcessesPanelWords | undefined {
  if (!status || (!status.enabled && status.problem === undefined)) return undefined;
  const waiting = status.outboxBacklog > 0 ? t('sharedMode:waiting', { count: status.outboxBacklog }) : '';
  return {
    ...(status.problem === undefined ? {} : { problem: t('sharedMode:off', { problem: status.problem }) }),
    ...(status.unreachableSince === undefined ? {} : { unreachable: t('sharedMode:unreachable', { time: clockTime(status.unreachableSince) }) + waiting }),
    rows: status.processes.map((p) => ({
      key: p.id,
      self: p.self,
      name: p.self ? t('sharedMode:thisOne', { name: p.name }) : p.name,
      host: p.host,
      role: p.role,
      accounts: p.accounts.join(', ') || '—',
      version: p.version,
      age: processAge(p.ageMs),
    })),
  };
}
