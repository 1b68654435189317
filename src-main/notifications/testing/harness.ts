// A NotificationService on real SQLite (in memory), the in-memory keychain and the in-process bus, with short
// retry waits so that tests run in milliseconds. Every delivery the service logs is also kept with the time since
// the harness started, for tests about which channel waited for which.
import type { DeliveryLogEntry, NotificationShown } from '../../../src-shared';
import { InProcessEventBus } from '../../events';
import { MemorySecretStore } from '../../secrets/testing';
import { openDatabase, SettingsRepository, type SqliteDatabase } from '../../storage';
import { NotificationService, type NotificationServiceDeps } from '../service';

export interface Harness {
  service: NotificationService;
  db: SqliteDatabase;
  secrets: MemorySecretStore;
  bus: InProcessEventBus;
  logged: Array<DeliveryLogEntry & { afterMs: number }>;
  shown: NotificationShown[];
  close(): Promise<void>;
}

export const FAST_ISOLATION = { baseDelayMs: 20, maxDelayMs: 100, attemptTimeoutMs: 5_000 };

export function startHarness(overrides: Partial<NotificationServiceDeps> = {}): Harness {
  const db = openDatabase(':memory:');
  const secrets = new MemorySecretStore();
  const bus = new InProcessEventBus();
  const started = performance.now();
  const logged: Harness['logged'] = [];
  const shown: NotificationShown[] = [];
  bus.subscribe('notification.logged', (entry) => logged.push({ ...entry, afterMs: performance.now() - started }));
  bus.subscribe('notification.shown', (notification) => shown.push(notification));
  const service = new NotificationService({
    db,
    settings: new SettingsRepository(db),
    secrets,
    bus,
    isolation: { desktop: FAST_ISOLATION, email: FAST_ISOLATION, sms: FAST_ISOLATION },
    ...overrides,
  });
  service.start();
  return {
    service,
    db,
    secrets,
    bus,
    logged,
    shown,
    async close() {
      await service.close();
      db.close();
    },
  };
}
