// The risk channels through the real dispatcher: bad limits are refused by the contract and change nothing; the kill
// switch answers as soon as it is engaged and every session hears of it.
import { describe, expect, it } from 'vitest';
import { CHANNELS, type ApiResponse } from '../../src-shared';
import { InProcessEventBus } from '../events';
import { RiskRepository, RiskService } from '../risk';
import { openDatabase } from '../storage';
import { createDispatcher, type Handlers } from './dispatcher';
import { riskHandlers } from './risk-handlers';
import type { ApiServices } from './services';
import { TransportSession } from './session';

function setup() {
  const bus = new InProcessEventBus();
  const risk = new RiskService({ repository: new RiskRepository(openDatabase(':memory:')), bus, cancelTargets: () => [] });
  const refuse = () => {
    throw new Error('not part of this test');
  };
  const others = Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as Handlers;
  const dispatcher = createDispatcher({ ...others, ...riskHandlers({ risk } as ApiServices) });
  const pushed: { event: string; payload: unknown }[] = [];
  const session = new TransportSession('s1', (event, payload) => pushed.push({ event, payload }));
  bus.subscribe('risk.kill-switch.changed', (state) => dispatcher.broadcast('risk.kill-switch.changed', state));
  const call = (channel: string, payload: unknown) => dispatcher.dispatch(channel, payload, session);
  return { call, pushed, risk };
}

describe('risk channels', () => {
  it('refuses limits that make no sense with INVALID_REQUEST and keeps the saved ones', async () => {
    const { call } = setup();
    const good = { global: { maxOrderNotional: 1000 }, accounts: { gate: { maxOpenOrders: 3 } }, dailyResetUtc: '00:00', warnAtPct: 80 };
    expect(await call('risk:update-settings', good)).toMatchObject({ ok: true, result: good });
    for (const bad of [
      { ...good, global: { maxOrderNotional: -1 } },
      { ...good, global: { maxOpenOrders: 2.5 } },
      { ...good, accounts: { kraken: {} } },
      { ...good, dailyResetUtc: '7am' },
      { ...good, global: { allowedSymbols: ['btcusdt'] } },
      { ...good, global: { maxLeverage: 3 } },
    ]) {
      const response = (await call('risk:update-settings', bad)) as ApiResponse;
      expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(await call('risk:settings', {})).toEqual({ ok: true, result: good });
  });

  it('engages at once, pushes the change to the session, and releases', async () => {
    const { call, pushed, risk } = setup();
    const engaged = (await call('risk:engage-kill-switch', { reason: 'manual test' })) as ApiResponse;
    expect(engaged).toMatchObject({ ok: true, result: { engaged: true, reason: 'manual test' } });
    expect(pushed.at(-1)).toMatchObject({ event: 'risk.kill-switch.changed', payload: { engaged: true } });
    expect(await call('risk:kill-switch', {})).toMatchObject({ ok: true, result: { engaged: true } });
    expect(await call('risk:release-kill-switch', {})).toMatchObject({ ok: true, result: { engaged: false } });
    expect(risk.killSwitch.engaged).toBe(false);
    const log = (await call('risk:log', {})) as ApiResponse<{ kind: string; message: string }[]>;
    expect(log.ok && log.result.map((e) => e.kind)).toEqual(['kill-switch-released', 'kill-switch-engaged']);
  });
});
