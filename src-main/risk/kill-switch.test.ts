// The kill switch against fake Binance, Gate and MEXC through real ccxt, with open orders on each and Gate failing
// its first cancel: every order goes, the failure is retried and reported, new orders are refused, and the state
// survives a restart (a real SQLite file reopened).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, KillSwitchState, type Market, type PlaceOrder } from '../../src-shared';
import { InProcessEventBus } from '../events';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { RiskRepository } from './risk-repository';
import { RiskService } from './risk-service';
import { startThreeVenues, type ThreeVenues } from './testing/three-venues';
import { waitFor } from '../trading/testing/binance-harness';

const BTC: Market = { venue: 'gate', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 1, amountPrecision: 6, minNotional: 3, active: true };
const order: PlaceOrder = { venue: 'gate', mode: 'live', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001, price: 50_000 };

async function runChecks(risk: RiskService, o: PlaceOrder = order): Promise<void> {
  for (const check of risk.checks) await check(o, { market: BTC, referencePrice: 60_000 });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('kill switch across three venues', () => {
  const dbs = useTempDatabases();
  let venues: ThreeVenues;

  beforeAll(async () => {
    venues = await startThreeVenues();
  });
  afterAll(async () => {
    await venues.close();
  });

  it('cancels every open order on every venue, retries the one that failed, refuses new orders, and stays engaged after a restart', async () => {
    await venues.placeResting([4, 5, 3]);
    expect(await venues.openCount()).toEqual([4, 5, 3]);
    // Gate answers the first cancel with a 503; the order stays open there until the retry.
    venues.gate.faults.inject({ kind: '5xx', method: 'DELETE', status: 503 });

    const file = join(dbs.folder(), 'risk.sqlite');
    const bus = new InProcessEventBus();
    const pushed: KillSwitchState[] = [];
    bus.subscribe('risk.kill-switch.changed', (state) => void pushed.push(state));
    const risk = new RiskService({ repository: new RiskRepository(dbs.open(file)), bus, cancelTargets: () => venues.targets(), killSwitchRetryDelaysMs: [50, 100] });

    await runChecks(risk); // allowed before
    const engaged = risk.engageKillSwitch('test: runaway strategy');
    // Engaged before any venue has answered: new orders are refused from this moment.
    expect(engaged).toMatchObject({ engaged: true, reason: 'test: runaway strategy', sweeping: true });
    expect((await refusal(runChecks(risk))).code).toBe('RISK_LIMIT');

    const final = KillSwitchState.parse(await risk.killSwitch.whenSwept());
    expect(final.sweeping).toBe(false);
    expect(await venues.openCount()).toEqual([0, 0, 0]);
    const byVenue = Object.fromEntries(final.venues.map((v) => [v.venue, v]));
    expect(byVenue.binance).toMatchObject({ status: 'done', attempts: 1, failures: [], outstanding: [] });
    expect(byVenue.binance!.cancelled).toHaveLength(4);
    expect(byVenue.mexc).toMatchObject({ status: 'done', attempts: 1, failures: [] });
    expect(byVenue.mexc!.cancelled).toHaveLength(3);
    // Gate: four went at the first attempt, the fifth failed with the 503 and went on the retry.
    const gate = byVenue.gate!;
    expect(gate).toMatchObject({ status: 'done', attempts: 2, outstanding: [] });
    expect(gate.cancelled).toHaveLength(5);
    expect(gate.failures).toHaveLength(1);
    expect(gate.failures[0]).toMatchObject({ attempt: 1, error: { code: 'VENUE_UNAVAILABLE' } });
    const retried = gate.cancelled.filter((c) => c.attempt === 2);
    expect(retried.map((c) => c.clientOrderId)).toEqual([gate.failures[0]!.clientOrderId]);
    expect(pushed.at(-1)).toEqual(final);

    // Refusal and report are in the log, with their reasons.
    const log = risk.log(50);
    expect(log.map((e) => e.kind)).toEqual(expect.arrayContaining(['kill-switch-engaged', 'kill-switch-report', 'refused']));
    expect(log.find((e) => e.kind === 'kill-switch-report' && e.venue === 'gate')?.message).toBe('Gate.io (live): 5 cancelled, 1 of them after a retry; nothing left open.');
    expect(log.find((e) => e.kind === 'refused')?.message).toMatch(/kill switch is engaged .*runaway strategy/);

    // A restart: a new service on the same file still refuses, until the trader releases it.
    risk.close();
    const reopened = new RiskService({ repository: new RiskRepository(dbs.open(file)), bus: new InProcessEventBus(), cancelTargets: () => venues.targets() });
    // The last sweep's per-venue report comes back with it.
    expect(reopened.killSwitch.state()).toEqual({ ...final, sweeping: false });
    const afterRestart = await refusal(runChecks(reopened));
    expect(afterRestart).toMatchObject({ code: 'RISK_LIMIT' });
    expect(afterRestart.message).toContain('until it is released in the top bar');
    expect(reopened.releaseKillSwitch().engaged).toBe(false);
    await runChecks(reopened);
    reopened.close();
    const third = new RiskService({ repository: new RiskRepository(dbs.open(file)), bus: new InProcessEventBus(), cancelTargets: () => [] });
    expect(third.killSwitch.state().engaged).toBe(false);
  });

  it('waits for a venue whose cancels keep failing, never reporting it failed, and empties it once the venue heals', async () => {
    await venues.placeResting([0, 2, 0]);
    venues.gate.faults.inject({ kind: '5xx', method: 'DELETE', status: 503, times: 100 });
    const risk = new RiskService({
      repository: new RiskRepository(dbs.open(':memory:')),
      bus: new InProcessEventBus(),
      cancelTargets: () => venues.targets(),
      killSwitchRetryDelaysMs: [20, 20],
      killSwitchSlowRetryMs: 200,
    });
    risk.engageKillSwitch();
    const gateReport = () => risk.killSwitch.state().venues.find((v) => v.venue === 'gate')!;
    // The quick retries are spent and the slow ones go on: still waiting, with the two orders the venue lists.
    await waitFor(() => gateReport().status === 'waiting' && gateReport().attempts >= 4, 20_000, 'gate to be retried at the slow pace');
    expect(gateReport()).toMatchObject({ status: 'waiting', stillOpen: 2 });
    expect(gateReport().outstanding).toHaveLength(2);
    expect(gateReport().failures.length).toBeGreaterThanOrEqual(8);
    expect(risk.killSwitch.state().sweeping).toBe(true);
    expect(risk.log(10).find((e) => e.kind === 'kill-switch-report' && e.venue === 'gate')?.message).toMatch(
      /^Gate\.io \(live\): 0 cancelled; waiting for Gate\.io — 2 orders still open after \d+ attempts \(.+\)\. Trying again until none is left\.$/,
    );
    // The venue heals: the next slow retry empties it, with no press.
    venues.gate.faults.clear();
    const swept = await risk.killSwitch.whenSwept();
    expect(swept.venues.find((v) => v.venue === 'gate')).toMatchObject({ status: 'done', outstanding: [], stillOpen: 0 });
    expect(await venues.openCount()).toEqual([0, 0, 0]);
    risk.close();
  });
});
