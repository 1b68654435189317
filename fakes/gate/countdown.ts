// Fake Gate's POST /spot/countdown_cancel_all (Gate API v4 docs, "Countdown cancel orders"): `timeout` in seconds,
// at least 5, or 0 to stop the countdown; an optional `currency_pair` limits it to one market. Unless called again in
// time, every open spot order of the account (of that market) is cancelled. Answers {triggerTime} in ms. The
// countdown runs on real timers, so a test sees the orders go when the heartbeat stops.
import { ok, type FakeResponse } from '../venue-kit/http';
import type { MatchingEngine } from '../venue-kit/matching-engine';
import { gateError } from './orders';

export const COUNTDOWN_MIN_S = 5;

export interface ArmedCountdown {
  apiKey: string;
  /** undefined: every market of the account. */
  pair: string | undefined;
  triggerAt: number;
}

export class GateCountdowns {
  private readonly armed = new Map<string, ArmedCountdown & { timer: NodeJS.Timeout }>();
  /** How many orders each expiry cancelled, oldest first. */
  readonly fired: { apiKey: string; pair: string | undefined; cancelled: number }[] = [];

  constructor(
    private readonly engine: MatchingEngine,
    private readonly now: () => number,
  ) {}

  arm(apiKey: string, p: Record<string, string>): FakeResponse {
    const timeout = Number(p.timeout);
    if (p.timeout === undefined || !Number.isInteger(timeout) || timeout < 0) return gateError(400, 'INVALID_PARAM_VALUE', 'invalid argument: timeout');
    if (timeout !== 0 && timeout < COUNTDOWN_MIN_S) return gateError(400, 'INVALID_PARAM_VALUE', `timeout must be at least ${COUNTDOWN_MIN_S} seconds`);
    const pair = p.currency_pair;
    if (pair !== undefined && !this.engine.symbol(pair)) return gateError(400, 'INVALID_CURRENCY_PAIR', `Invalid currency pair ${pair}`);
    const key = `${apiKey}|${pair ?? '*'}`;
    const previous = this.armed.get(key);
    if (previous) clearTimeout(previous.timer);
    this.armed.delete(key);
    if (timeout === 0) return ok({ triggerTime: 0 });
    const triggerAt = this.now() + timeout * 1000;
    const timer = setTimeout(() => this.fire(key), timeout * 1000);
    timer.unref();
    this.armed.set(key, { apiKey, pair, triggerAt, timer });
    return ok({ triggerTime: triggerAt });
  }

  /** Countdowns running now. */
  active(): ArmedCountdown[] {
    return [...this.armed.values()].map(({ apiKey, pair, triggerAt }) => ({ apiKey, pair, triggerAt }));
  }

  close(): void {
    for (const entry of this.armed.values()) clearTimeout(entry.timer);
    this.armed.clear();
  }

  private fire(key: string): void {
    const entry = this.armed.get(key);
    if (!entry) return;
    this.armed.delete(key);
    const open = this.engine.openOf(entry.apiKey, entry.pair);
    for (const order of open) this.engine.cancel(order);
    this.fired.push({ apiKey: entry.apiKey, pair: entry.pair, cancelled: open.length });
  }
}
