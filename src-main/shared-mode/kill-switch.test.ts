// The kill switch across three processes (each its own SQLite and its own venue) on a real redis-server: engaged in
// one, it is engaged in the others and each cancels its own orders; released once, anywhere, it is released
// everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RiskRepository, RiskService } from '../risk';
import { startThreeVenues, type ThreeVenues } from '../risk/testing/three-venues';
import { shareKillSwitch } from './shared-kill-switch';
import { startTestRedis, type TestRedis } from './testing/redis-server';
import { eventually, useSharedProcesses, type TestProcess } from './testing/shared-processes';

let redis: TestRedis;
let venues: ThreeVenues;
beforeAll(async () => {
  redis = await startTestRedis();
  venues = await startThreeVenues();
});
afterAll(async () => {
  await venues.close();
  await redis.stop();
});

const startProcess = useSharedProcesses();

describe('one kill switch for all processes', () => {
  it('engaged in A is engaged in B and C, each cancelling its own orders; one release releases all', async () => {
    await venues.placeResting([3, 3, 3]);
    expect(await venues.openCount()).toEqual([3, 3, 3]);
    const names = ['binance', 'gate', 'mexc'] as const;
    const processes: Array<{ proc: TestProcess; risk: RiskService }> = [];
    for (const venue of names) {
      const proc = await startProcess(redis.url, `host-${venue}`, { prefix: 'ks' });
      const risk = new RiskService({
        repository: new RiskRepository(proc.bus.db),
        bus: proc.bus,
        // Each process trades its own venue and cancels only its own orders.
        cancelTargets: () => venues.targets().filter((t) => t.venue === venue),
        killSwitchRetryDelaysMs: [50, 100],
      });
      shareKillSwitch(proc.bus, risk.killSwitch);
      processes.push({ proc, risk });
    }
    const [a, b, c] = processes;

    a!.risk.engageKillSwitch('runaway strategy');
    // How fast (the issue asks for under 1 s) is measured by `npm run bench -- redis-bus`, not asserted here.
    await eventually(() => b!.risk.killSwitch.engaged && c!.risk.killSwitch.engaged, 'B and C engaged');
    expect(b!.risk.killSwitch.state().reason).toContain('runaway strategy');
    await eventually(() => processes.every(({ risk }) => !risk.killSwitch.state().sweeping && risk.killSwitch.state().venues.length > 0), 'every sweep done');
    expect(await venues.openCount()).toEqual([0, 0, 0]);

    c!.risk.releaseKillSwitch();
    await eventually(() => processes.every(({ risk }) => !risk.killSwitch.engaged), 'every process released');
    // No echo engaged anything again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processes.map(({ risk }) => risk.killSwitch.engaged)).toEqual([false, false, false]);
    for (const { risk } of processes) risk.close();
  });
});
