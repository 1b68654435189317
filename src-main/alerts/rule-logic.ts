// When a rule fires, as a pure function of its terms, its arming and the latest price: no clock, no I/O, so every
// case is a sequence of prices in a test.
//
// "Once per crossing": each direction a rule watches is armed while the price is on the near side of the line and
// fires when the price goes past it, which disarms it. It re-arms only once the price has come back past the line by
// a hysteresis band (HYSTERESIS_FRACTION of the threshold, e.g. 65 on a line at 65,000): noise hovering around the
// line never re-fires it. The first price a rule sees only sets its arming, it never fires: a rule made while the
// price is already beyond its line waits for the price to come back and cross again.
import { assertNever, type AlertKind } from '../../src-shared';

/** Hysteresis band of a price line: 0.1 % of the threshold. */
export const HYSTERESIS_FRACTION = 0.001;
/** A change-pct direction re-arms once the move is back under this share of the threshold (2 % re-arms under 1.8 %). */
export const CHANGE_REARM_SHARE = 0.9;
/** Default minimum time between two firings of one rule. */
export const DEFAULT_MIN_INTERVAL_MS = 60_000;

export interface RuleTerms {
  kind: AlertKind;
  /** A price, or a percentage for change-pct. */
  threshold: number;
  windowMinutes?: number;
}

/** Which directions can fire next. `up`: a rise past the line (or a rise of the percentage); `down`: a fall. */
export interface Arming {
  up: boolean;
  down: boolean;
}

export interface RuleState extends RuleTerms {
  paused: boolean;
  /** Undefined until the rule has seen its first price. */
  arming?: Arming;
  lastFiredAt?: number;
}

export interface Observation {
  price: number;
  at: number;
  /** change-pct: lowest and highest price of the rule's window, this price included. */
  low?: number;
  high?: number;
}

export interface FiringPolicy {
  /** Throttle: a crossing within this time of the last firing waits (the rule stays armed) until it has passed. */
  minIntervalMs: number;
  hysteresisFraction?: number;
}

export interface Outcome {
  arming: Arming;
  fired?: 'up' | 'down';
  /** It would have fired but the throttle held it back. */
  throttled?: boolean;
}

/** The directions a kind watches. */
export function watches(kind: AlertKind): Arming {
  switch (kind) {
    case 'above':
      return { up: true, down: false };
    case 'below':
      return { up: false, down: true };
    case 'crossing':
    case 'change-pct':
      return { up: true, down: true };
    default:
      return assertNever(kind);
  }
}

interface Measure {
  /** Past the line upwards / downwards: the firing condition. */
  pastUp: boolean;
  pastDown: boolean;
  /** Back on the near side by the hysteresis: the re-arming condition. */
  clearUp: boolean;
  clearDown: boolean;
  /** On the near side at all: the arming of a rule's first price. */
  nearUp: boolean;
  nearDown: boolean;
}

function measure(terms: RuleTerms, seen: Observation, hysteresisFraction: number): Measure {
  if (terms.kind === 'change-pct') {
    const low = Math.min(seen.low ?? seen.price, seen.price);
    const high = Math.max(seen.high ?? seen.price, seen.price);
    const rise = ((seen.price - low) / low) * 100;
    const fall = ((high - seen.price) / high) * 100;
    const rearm = terms.threshold * CHANGE_REARM_SHARE;
    return {
      pastUp: rise >= terms.threshold,
      pastDown: fall >= terms.threshold,
      clearUp: rise <= rearm,
      clearDown: fall <= rearm,
      nearUp: rise < terms.threshold,
      nearDown: fall < terms.threshold,
    };
  }
  const line = terms.threshold;
  const band = line * hysteresisFraction;
  return {
    pastUp: seen.price > line,
    pastDown: seen.price < line,
    clearUp: seen.price <= line - band,
    clearDown: seen.price >= line + band,
    nearUp: seen.price <= line,
    nearDown: seen.price >= line,
  };
}

/** The arming a rule takes from its first price: each watched direction armed when the price is on its near side. */
export function initialArming(terms: RuleTerms, seen: Observation, hysteresisFraction = HYSTERESIS_FRACTION): Arming {
  const watched = watches(terms.kind);
  const m = measure(terms, seen, hysteresisFraction);
  return { up: watched.up && m.nearUp, down: watched.down && m.nearDown };
}

export function evaluateRule(rule: RuleState, seen: Observation, policy: FiringPolicy): Outcome {
  const fraction = policy.hysteresisFraction ?? HYSTERESIS_FRACTION;
  if (rule.arming === undefined) return { arming: initialArming(rule, seen, fraction) };
  if (rule.paused) return { arming: rule.arming };
  const watched = watches(rule.kind);
  const m = measure(rule, seen, fraction);
  const arming = { ...rule.arming };
  // Re-arm first: a direction that fired can only fire again after its price came back by the band.
  if (watched.up && !arming.up && m.clearUp) arming.up = true;
  if (watched.down && !arming.down && m.clearDown) arming.down = true;
  const direction = arming.up && m.pastUp ? 'up' : arming.down && m.pastDown ? 'down' : undefined;
  if (direction === undefined) return { arming };
  if (rule.lastFiredAt !== undefined && seen.at - rule.lastFiredAt < policy.minIntervalMs) {
    return { arming, throttled: true };
  }
  arming[direction] = false;
  return { arming, fired: direction };
}

/** Whether any direction the rule watches can fire next. */
export function isArmed(kind: AlertKind, arming: Arming): boolean {
  const watched = watches(kind);
  return (watched.up && arming.up) || (watched.down && arming.down);
}

/** A bar of the price fetched after an outage: when it opened, and where the price went during it. */
export interface BarSeen {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

/**
 * A price rule over one bar that was missed while offline: its high and low are two observations at the bar's time,
 * in the order the bar most likely went (towards the line from the side it opened on, so a bar that opened below the
 * line and reached above it rose through it). The first firing ends the bar. Percent-change rules need the window of
 * prices, not bars: they are left to the live feed.
 */
export function evaluateBar(rule: RuleState, bar: BarSeen, policy: FiringPolicy): Outcome & { price?: number } {
  if (rule.arming === undefined || rule.paused || rule.kind === 'change-pct') return { arming: rule.arming ?? { up: false, down: false } };
  const order = bar.open <= rule.threshold ? [bar.high, bar.low] : [bar.low, bar.high];
  let arming = rule.arming;
  let throttled = false;
  for (const price of order) {
    const outcome = evaluateRule({ ...rule, arming }, { price, at: bar.time }, policy);
    arming = outcome.arming;
    // The bar's extreme is the price it shows for the crossing: where the price went, not where it crossed.
    if (outcome.fired) return { arming: settledArming(rule, bar.close, policy.hysteresisFraction), fired: outcome.fired, price };
    throttled = throttled || outcome.throttled === true;
  }
  return throttled ? { arming, throttled } : { arming };
}

/**
 * The arming after a crossing found in missed bars, from where the price ended (a bar's close): a direction is armed
 * again only if the close is back on its near side by the band. The path inside the outage is not replayed: it fired
 * once, and whatever else it did is summed up by where it ended — so the live ticks that follow fire only for a
 * crossing after the outage.
 */
export function settledArming(terms: RuleTerms, close: number, hysteresisFraction = HYSTERESIS_FRACTION): Arming {
  const watched = watches(terms.kind);
  const m = measure(terms, { price: close, at: 0 }, hysteresisFraction);
  return { up: watched.up && m.clearUp, down: watched.down && m.clearDown };
}
