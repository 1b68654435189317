// The shared kill switch, timed: engaged in process A, how long until processes B and C (each trading its own venue:
// Gate and MEXC, through real ccxt against the fakes) have seen it and cancelled every one of their open orders, as
// their own sweeps confirm (each venue's list of open orders read back empty). The goal: within 1 s.
import { join } from 'node:path';
import { loadTs } from '../lib/load-ts.mjs';

const { openDatabase, RedisLink, SharedEventBus, shareKillSwitch, RiskRepository, RiskService, startThreeVenues } = await loadTs('bench/redis-bus/kill-switch-entry.ts');

const ORDERS_EACH = 5;

/** Milliseconds from A's engage to the later of B's and C's finished sweeps, one figure per round. */
export async function measureSharedKillSwitch({ redisUrl, folder, rounds }) {
  const venues = await startThreeVenues({ ccxtThrottle: false, resilient: true });
  const processes = [];
  try {
    for (const venue of ['binance', 'gate', 'mexc']) {
      const db = openDatabase(join(folder, `ks-${venue}.sqlite`), { synchronous: 'FULL' });
      const link = new RedisLink({ url: redisUrl });
      const bus = new SharedEventBus({ link, db, processId: `ks-${venue}`, prefix: 'bench-ks' });
      await bus.start();
      const risk = new RiskService({ repository: new RiskRepository(db), bus, cancelTargets: () => venues.targets().filter((t) => t.venue === venue) });
      const stop = shareKillSwitch(bus, risk.killSwitch).stop;
      processes.push({ link, bus, risk, stop });
    }
    const [a, b, c] = processes;
    const times = [];
    for (let round = 0; round < rounds; round++) {
      await venues.placeResting([ORDERS_EACH, ORDERS_EACH, ORDERS_EACH]);
      // Orders rest a while before anyone presses the switch: the placing's share of each venue's budget refills.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const sweptIn = (p) =>
        new Promise((resolve) => {
          const off = p.bus.local.subscribe('risk.kill-switch.changed', (state) => {
            if (state.engaged && !state.sweeping && state.venues.length > 0) {
              off();
              resolve(performance.now());
            }
          });
        });
      const done = [sweptIn(b), sweptIn(c)];
      const started = performance.now();
      a.risk.engageKillSwitch('benchmark');
      const finished = Math.max(...(await Promise.all(done)));
      times.push(finished - started);
      const left = await venues.openCount();
      if (left[1] !== 0 || left[2] !== 0) throw new Error(`round ${round}: still open on Gate/MEXC ${left[1]}/${left[2]}`);
      await a.risk.killSwitch.whenSwept();
      a.risk.releaseKillSwitch();
      const until = Date.now() + 10_000;
      while (processes.some((p) => p.risk.killSwitch.engaged)) {
        if (Date.now() > until) throw new Error(`round ${round}: not released everywhere`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    return times;
  } finally {
    for (const p of processes) {
      p.stop();
      p.risk.close();
      await p.bus.stop();
      await p.link.close();
    }
    await venues.close();
  }
}
