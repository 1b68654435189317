// Several app processes' shared-mode parts in one test: each with its own SQLite file, its own Redis connections
// and its own id, all on one test Redis. Everything is stopped after the test.
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { useTempDatabases } from '../../storage/testing/temp-databases';
import { RedisLink } from '../redis-link';
import { SharedEventBus, type SharedBusOptions } from '../shared-bus';

export interface TestProcess {
  id: string;
  link: RedisLink;
  bus: SharedEventBus;
  /** What a crash looks like to the others: connections dropped, nothing acknowledged, nothing flushed. */
  crash(): Promise<void>;
}

export function useSharedProcesses() {
  const temp = useTempDatabases();
  const running: TestProcess[] = [];
  afterEach(async () => {
    for (const p of running.splice(0)) await p.crash();
  });
  return async function startProcess(url: string, id: string, options: Partial<SharedBusOptions> = {}): Promise<TestProcess> {
    const db = temp.open(join(temp.folder(), 'app.sqlite'));
    const link = new RedisLink({ url });
    const bus = new SharedEventBus({ link, db, processId: id, claimIdleMs: 500, ...options });
    await bus.start();
    const process: TestProcess = {
      id,
      link,
      bus,
      async crash() {
        // Not awaited: a handler that hangs (as in a crash) would hold the stop forever.
        void bus.stop();
        link.destroy();
        await Promise.resolve();
      },
    };
    running.push(process);
    return process;
  };
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
