// The kill switch across three processes (each its own SQLite and its own venue) on a real redis-server: engaged in
// one, it is engaged in the others and each cancels its own orders; released once, anywhere, it is released
// everywhere. A process that joins while the switch is engaged elsewhere comes up engaged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RiskRepository, RiskService } from '../risk';
import { startThreeVenues, type ThreeVenues } from '../risk/testing/three-venues';
import { KillSwitchRecord } from './kill-switch-record';
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
    // How fast (the issue asks for under 1 s) is measured by `npm run bench -- redis-bus` (killSwitchMaxMs), not here.
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

  it('a process that joins while the switch is engaged elsewhere comes up engaged, cancels its orders, and is released with the others', async () => {
    await venues.placeResting([0, 0, 2]);
    const join = async (venue: 'binance' | 'mexc', id: string) => {
      const proc = await startProcess(redis.url, id, { prefix: 'late' });
      const risk = new RiskService({
        repository: new RiskRepository(proc.bus.db),
        bus: proc.bus,
        cancelTargets: () => venues.targets().filter((t) => t.venue === venue),
        killSwitchRetryDelaysMs: [50, 100],
      });
      const shared = shareKillSwitch(proc.bus, risk.killSwitch, { record: new KillSwitchRecord(await proc.link.connect(), 'late') });
      await shared.catchUp();
      return { risk, shared };
    };
    const a = await join('binance', 'late-a');
    a.risk.engageKillSwitch('news spike');
    const record = new KillSwitchRecord(await (await startProcess(redis.url, 'reader', { prefix: 'late' })).link.connect(), 'late');
    await waitForRecord(record, true);

    // C was not running when A engaged: its consumer group starts after that event.
    const c = await join('mexc', 'late-c');
    expect(c.risk.killSwitch.engaged).toBe(true);
    expect(c.risk.killSwitch.state().reason).toContain('news spike');
    await eventually(() => !c.risk.killSwitch.state().sweeping && c.risk.killSwitch.state().venues.length > 0, "C's sweep done");
    expect((await venues.openCount())[2]).toBe(0);

    a.risk.releaseKillSwitch();
    await eventually(() => !c.risk.killSwitch.engaged, 'C released');
    await waitForRecord(record, false);
    // A process joining now finds the switch released.
    const d = await join('binance', 'late-d');
    expect(d.risk.killSwitch.engaged).toBe(false);
    for (const p of [a, c, d]) p.risk.close();
  });

  it('keeps the newest change in the record: an older one written late does not undo it', async () => {
    const proc = await startProcess(redis.url, 'writer', { prefix: 'order' });
    const record = new KillSwitchRecord(await proc.link.connect(), 'order');
    expect(await record.read()).toBeUndefined();
    expect(await record.write({ engaged: false, at: 2_000, origin: 'b' })).toBe(true);
    expect(await record.write({ engaged: true, at: 1_000, engagedAt: 1_000, origin: 'a' })).toBe(false);
    expect(await record.read()).toEqual({ engaged: false, at: 2_000, origin: 'b' });
    expect(await record.write({ engaged: true, at: 3_000, engagedAt: 3_000, reason: 'again', origin: 'a' })).toBe(true);
    expect((await record.read())?.engaged).toBe(true);
  });
});

async function waitForRecord(record: KillSwitchRecord, engaged: boolean): Promise<void> {
  const until = Date.now() + 15_000;
  while ((await record.read())?.engaged !== engaged) {
    if (Date.now() > until) throw new Error(`the record never said engaged=${engaged}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
