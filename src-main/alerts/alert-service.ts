// Price alerts: rules kept in SQLite, evaluated on every `price.updated` of the bus, each firing published as
// `alert.triggered` (every window shows it; the notification service sends it on) and kept in the history.
// Rules need prices even when no chart shows their symbol: the service keeps one live subscription per
// (venue, symbol) with an active rule (see ./price-feeds) and drops it once none needs it.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  describeZodIssues,
  AlertRuleChange,
  AppError,
  NewAlertRule,
  type AlertFiring,
  type AlertRule,
  type AlertTriggered,
  type Candle,
  type Ticker,
} from '../../src-shared';
import type { EventBus } from '../events';
import type { VenueDirectory } from '../exchanges';
import { systemClock, type Clock } from '../resilience';
import type { OfflineWindow, TickerStreams } from '../streaming';
import type { AlertRepository, AlertRuleRecord } from './alert-repository';
import { describeRule } from './describe';
import { feedKey, PriceFeeds, type Feed, type FeedKey, type FeedNeed } from './price-feeds';
import {
  DEFAULT_MIN_INTERVAL_MS,
  HYSTERESIS_FRACTION,
  evaluateBar,
  evaluateRule,
  initialArming,
  settledArming,
  type Arming,
  type FiringPolicy,
  type Observation,
  type RuleTerms,
} from './rule-logic';
import { ruleView } from './rule-view';

export interface AlertServiceOptions {
  repository: AlertRepository;
  /** The live prices of the watched symbols (their tickers). */
  streams: Pick<TickerStreams, 'subscribe'>;
  bus: EventBus;
  /** Which markets a venue lists and its current price, when a rule is made or changed. */
  venues: Pick<VenueDirectory, 'get' | 'summaries'> & Partial<Pick<VenueDirectory, 'onChange'>>;
  clock?: Clock;
  /** Throttle: the minimum time between two firings of one rule. */
  minIntervalMs?: number;
  hysteresisFraction?: number;
  /** How often a rule waiting for its venue tries again. */
  retryMs?: number;
  newId?: () => string;
}

const MINUTE = 60_000;

/** "14:02": the minute of an outage's start or end, in UTC (the main process does not know the trader's zone). */
const utcMinute = (at: number): string => new Date(at).toISOString().slice(11, 16);

/** The service checks its input itself too: it is also called from places other than the API. */
function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const checked = schema.safeParse(value);
  if (checked.success) return checked.data;
  throw new AppError('INVALID_REQUEST', describeZodIssues(checked.error));
}

export class AlertService {
  private readonly rules = new Map<string, AlertRuleRecord>();
  private readonly feeds: PriceFeeds;
  private readonly clock: Clock;
  private readonly minIntervalMs: number;
  private readonly hysteresisFraction: number;
  private readonly newId: () => string;
  /** The outage each rule last fired for from missed bars: one firing per outage, however many bars crossed. */
  private readonly firedOffline = new Map<string, string>();
  private stopListening: (() => void) | undefined;
  private stopVenueWatch: (() => void) | undefined;

  constructor(private readonly options: AlertServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.minIntervalMs = options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
    this.hysteresisFraction = options.hysteresisFraction ?? HYSTERESIS_FRACTION;
    this.newId = options.newId ?? randomUUID;
    this.feeds = new PriceFeeds({
      streams: options.streams,
      clock: this.clock,
      retryMs: options.retryMs ?? 5_000,
      // The bars missed during an outage come from the venue's own history, when it is connected.
      history: (venue) => (options.venues.summaries().find((summary) => summary.id === venue)?.available ? options.venues.get(venue) : undefined),
      onBackfilled: (feed, bar, offline) => this.onMissedBar(feed, bar, offline),
      onReleased: (tickers) => tickers.forEach((ticker) => this.onPrice(ticker)),
    });
  }

  /** Loads the saved rules and starts watching the prices they need. */
  start(): void {
    if (this.stopListening) return;
    for (const rule of this.options.repository.list()) this.rules.set(rule.id, rule);
    this.stopListening = this.options.bus.subscribe('price.updated', (ticker) => this.onPrice(ticker));
    // A saved account connecting (at start, after an outage, a Test) starts its venue's alert feeds at once.
    this.stopVenueWatch = this.options.venues.onChange?.((venue) => {
      if (this.options.venues.summaries().find((summary) => summary.id === venue)?.available) this.feeds.venueAvailable(venue);
    });
    this.syncFeeds();
  }

  close(): void {
    this.stopListening?.();
    this.stopListening = undefined;
    this.stopVenueWatch?.();
    this.stopVenueWatch = undefined;
    this.feeds.close();
  }

  list(): AlertRule[] {
    return [...this.rules.values()].map((rule) => this.toDto(rule));
  }

  async create(input: NewAlertRule): Promise<AlertRule> {
    const request = parse(NewAlertRule, input);
    await this.checkMarket(request.venue, request.symbol);
    const rule: AlertRuleRecord = {
      id: this.newId(),
      venue: request.venue,
      symbol: request.symbol,
      kind: request.kind,
      threshold: request.threshold,
      paused: false,
      createdAt: this.clock.now(),
    };
    rule.armedAt = rule.createdAt;
    if (request.windowMinutes !== undefined) rule.windowMinutes = request.windowMinutes;
    if (request.note) rule.note = request.note;
    // Watching first: the feed hands over the price its stream last delivered, the one on the trader's screen.
    this.rules.set(rule.id, rule);
    this.syncFeeds();
    await this.rearm(rule, request.referencePrice);
    this.options.repository.save(rule);
    return this.toDto(rule);
  }

  async update(input: AlertRuleChange): Promise<AlertRule> {
    const change = parse(AlertRuleChange, input);
    const current = this.find(change.id);
    const next: AlertRuleRecord = { ...current };
    let restart = false;
    if (change.kind !== undefined && change.threshold !== undefined) {
      next.kind = change.kind;
      next.threshold = change.threshold;
      if (change.windowMinutes === undefined) delete next.windowMinutes;
      else next.windowMinutes = change.windowMinutes;
      restart = true;
    }
    if (change.note !== undefined) {
      if (change.note === '') delete next.note;
      else next.note = change.note;
    }
    if (change.paused !== undefined && change.paused !== current.paused) {
      next.paused = change.paused;
      restart = restart || !change.paused;
    }
    // New terms, or a resume: the rule re-reads which side of its line the price is on, so a crossing that happened
    // while it was paused (or one of its old line) never fires.
    if (restart) {
      delete next.arming;
      next.armedAt = this.clock.now();
    }
    this.rules.set(next.id, next);
    this.syncFeeds();
    if (restart) await this.rearm(next, change.kind === undefined ? undefined : change.referencePrice);
    this.options.repository.save(next);
    return this.toDto(next);
  }

  setPaused(id: string, paused: boolean): Promise<AlertRule> {
    return this.update({ id, paused });
  }

  delete(id: string): boolean {
    const deleted = this.options.repository.delete(id);
    this.rules.delete(id);
    this.firedOffline.delete(id);
    this.syncFeeds();
    return deleted;
  }

  history(limit: number, ruleId?: string): AlertFiring[] {
    return this.options.repository.firings(limit, ruleId);
  }

  /** Feeds running now: one per (venue, symbol) with an active rule whose venue is connected. */
  get runningFeeds(): number {
    return this.feeds.running;
  }

  private find(id: string): AlertRuleRecord {
    const rule = this.rules.get(id);
    if (!rule) throw new AppError('NOT_FOUND', 'no such alert: it may have been deleted in another window');
    return rule;
  }

  /** A market the venue does not list is refused; a venue not connected is accepted (the rule waits for it). */
  private async checkMarket(venue: AlertRuleRecord['venue'], symbol: string): Promise<void> {
    let markets;
    try {
      markets = await this.options.venues.get(venue).markets();
    } catch {
      return;
    }
    if (!markets.some((market) => market.symbol === symbol)) {
      const known = markets.slice(0, 8).map((market) => market.symbol).join(', ');
      throw new AppError('INVALID_REQUEST', `${this.venueName(venue)} has no market ${symbol}; it lists ${known}${markets.length > 8 ? '…' : ''}`);
    }
  }

  /**
   * Sets the arming of a rule with none from the price the trader saw: the one the request names, else the live
   * feed's, else the venue's ticker. Without any (venue not connected), the feed's first price sets it.
   */
  private async rearm(rule: AlertRuleRecord, referencePrice: number | undefined): Promise<void> {
    if (referencePrice !== undefined && rule.kind !== 'change-pct') {
      rule.arming = initialArming(rule, { price: referencePrice, at: this.clock.now() }, this.hysteresisFraction);
      return;
    }
    const price = await this.currentPrice(rule);
    // A price from the feed may have armed it while the ticker was being asked for: that one is newer.
    if (price === undefined || rule.arming !== undefined) return;
    rule.arming = initialArming(rule, this.observe(rule, price, this.clock.now()), this.hysteresisFraction);
  }

  private async currentPrice(rule: AlertRuleRecord): Promise<number | undefined> {
    const streamed = this.feeds.get(feedKey(rule.venue, rule.symbol))?.lastPrice;
    if (streamed !== undefined) return streamed;
    try {
      return (await this.options.venues.get(rule.venue).ticker(rule.symbol)).last;
    } catch {
      return undefined;
    }
  }

  /** `extremes` caches the window scans of one price update: rules with the same window share one scan. */
  private observe(
    rule: RuleTerms & { venue: AlertRuleRecord['venue']; symbol: string },
    price: number,
    at: number,
    extremes = new Map<number, { low: number; high: number } | undefined>(),
  ): Observation {
    if (rule.kind !== 'change-pct') return { price, at };
    const minutes = rule.windowMinutes ?? 1;
    if (!extremes.has(minutes)) {
      extremes.set(minutes, this.feeds.get(feedKey(rule.venue, rule.symbol))?.window.extremes(at - minutes * MINUTE));
    }
    const range = extremes.get(minutes);
    return range ? { price, at, ...range } : { price, at };
  }

  private syncFeeds(): void {
    const needs = new Map<FeedKey, FeedNeed>();
    for (const rule of this.rules.values()) {
      if (rule.paused) continue;
      const key = feedKey(rule.venue, rule.symbol);
      const spanMs = rule.kind === 'change-pct' ? (rule.windowMinutes ?? 1) * MINUTE : 0;
      const need = needs.get(key);
      if (need) need.spanMs = Math.max(need.spanMs, spanMs);
      else needs.set(key, { venue: rule.venue, symbol: rule.symbol, spanMs });
    }
    this.feeds.sync(needs);
  }

  private onPrice(ticker: Ticker): void {
    const feed = this.feeds.get(feedKey(ticker.venue, ticker.symbol));
    if (!feed || this.feeds.hold(ticker)) return;
    const at = this.clock.now();
    feed.lastPrice = ticker.last;
    feed.window.add(at, ticker.last);
    const extremes = new Map<number, { low: number; high: number } | undefined>();
    for (const rule of this.rules.values()) {
      if (rule.paused || rule.venue !== ticker.venue || rule.symbol !== ticker.symbol) continue;
      this.evaluate(rule, ticker.last, at, extremes);
    }
  }

  private evaluate(rule: AlertRuleRecord, price: number, at: number, extremes: Map<number, { low: number; high: number } | undefined>): void {
    const before = rule.arming;
    const outcome = evaluateRule(rule, this.observe(rule, price, at, extremes), this.policy());
    rule.arming = outcome.arming;
    if (outcome.fired) {
      const terms = this.termsOf(rule, outcome.fired);
      this.fire(rule, { ruleId: rule.id, venue: rule.venue, symbol: rule.symbol, description: this.firingWords(rule, outcome.fired), price, at, terms }, outcome.arming);
      return;
    }
    this.armingChanged(rule, before, outcome.arming);
  }

  /**
   * A bar missed while the feed was down, fetched once it came back (oldest first): the price rules of its symbol see
   * its high and low. A crossing fires once per outage, marked with it, and disarms the rule as a live one would, so
   * the live ticks that follow on the same side do not fire it again. Bars that opened before a rule was armed are
   * not its to judge: the crossing may have come before the rule existed.
   */
  private onMissedBar(feed: Feed, bar: Candle, offline: OfflineWindow): void {
    const outage = `${offline.from}|${offline.to}`;
    for (const rule of this.rules.values()) {
      if (rule.paused || rule.arming === undefined || rule.venue !== feed.venue || rule.symbol !== feed.symbol) continue;
      if (bar.time < (rule.armedAt ?? rule.createdAt)) continue;
      const before = rule.arming;
      if (this.firedOffline.get(rule.id) === outage) {
        // Fired for this outage already: the later bars only say where the price ended.
        rule.arming = settledArming(rule, bar.close, this.hysteresisFraction);
        this.armingChanged(rule, before, rule.arming);
        continue;
      }
      const outcome = evaluateBar(rule, bar, this.policy());
      rule.arming = outcome.arming;
      if (outcome.fired && outcome.price !== undefined) {
        this.firedOffline.set(rule.id, outage);
        const description = `${this.firingWords(rule, outcome.fired)} — while offline (${utcMinute(offline.from)}–${utcMinute(offline.to)} UTC)`;
        const at = this.clock.now();
        const terms = this.termsOf(rule, outcome.fired);
        this.fire(rule, { ruleId: rule.id, venue: rule.venue, symbol: rule.symbol, description, price: outcome.price, at, offline: { ...offline }, terms }, outcome.arming);
        continue;
      }
      this.armingChanged(rule, before, outcome.arming);
    }
  }

  private fire(rule: AlertRuleRecord, firing: AlertTriggered, arming: Arming): void {
    rule.lastFiredAt = firing.at;
    this.options.repository.recordFiring(firing, arming);
    this.options.bus.publish('alert.triggered', firing);
  }

  /** Written only when it changes (a few times per crossing), not at every tick. */
  private armingChanged(rule: AlertRuleRecord, before: Arming | undefined, after: Arming): void {
    if (before === undefined || before.up !== after.up || before.down !== after.down) this.options.repository.saveArming(rule.id, after);
  }

  private policy(): FiringPolicy {
    return { minIntervalMs: this.minIntervalMs, hysteresisFraction: this.hysteresisFraction };
  }

  private termsOf(rule: AlertRuleRecord, direction: 'up' | 'down'): NonNullable<AlertTriggered['terms']> {
    const terms: NonNullable<AlertTriggered['terms']> = { kind: rule.kind, threshold: rule.threshold, direction };
    if (rule.windowMinutes !== undefined) terms.windowMinutes = rule.windowMinutes;
    return terms;
  }

  private firingWords(rule: AlertRuleRecord, direction: 'up' | 'down'): string {
    const words = describeRule(rule);
    if (rule.kind === 'crossing') return `${words} ${direction === 'up' ? 'upwards' : 'downwards'}`;
    if (rule.kind === 'change-pct') return `${words} (${direction === 'up' ? 'up' : 'down'})`;
    return words;
  }

  private venueName(venue: AlertRuleRecord['venue']): string {
    return this.options.venues.summaries().find((summary) => summary.id === venue)?.name ?? venue;
  }

  private toDto(rule: AlertRuleRecord): AlertRule {
    const venue = this.options.venues.summaries().find((summary) => summary.id === rule.venue);
    return ruleView(rule, this.feeds.get(feedKey(rule.venue, rule.symbol)), {
      name: venue?.name ?? rule.venue,
      connected: venue?.available ?? false,
      pending: venue?.pending,
    });
  }
}
