// A rule as the UI shows it: its terms, and where it stands now in words a trader can act on.
import type { AlertRule, AlertStatus } from '../../src-shared';
import type { AlertRuleRecord } from './alert-repository';
import { describeRule } from './describe';
import type { Feed } from './price-feeds';
import { isArmed } from './rule-logic';

export interface VenueState {
  name: string;
  /** Whether the venue is connected (its REST side); its live feed may still be missing. */
  connected: boolean;
  /** Its saved account is still connecting, or offline and retried by itself. */
  pending?: 'connecting' | 'offline' | undefined;
}

function statusOf(rule: AlertRuleRecord, feed: Feed | undefined, venue: VenueState): { status: AlertStatus; detail?: string } {
  if (rule.paused) return { status: 'paused' };
  if (feed?.problem?.venueMissing) {
    const detail = venue.connected
      ? `${venue.name} gives no live prices right now; the alert starts watching as soon as it does.`
      : venue.pending === 'connecting'
        ? `${venue.name} is connecting…; the alert starts watching once it is connected.`
        : venue.pending === 'offline'
          ? `${venue.name} is offline — retrying by itself; the alert starts watching once it is back.`
          : `${venue.name} is not connected: add an account in Accounts. The alert starts watching once it is.`;
    return { status: 'waiting-for-venue', detail };
  }
  if (feed?.problem) return { status: 'waiting-for-price', detail: `the price feed could not start (${feed.problem.message}); trying again` };
  const stream = feed?.stream;
  const troubled = stream !== undefined && stream.status !== 'live';
  const feedWords = troubled ? `the price feed is ${stream.status}${stream.reason ? `: ${stream.reason}` : ''}` : undefined;
  if (rule.arming === undefined) return feedWords ? { status: 'waiting-for-price', detail: feedWords } : { status: 'waiting-for-price' };
  const status = isArmed(rule.kind, rule.arming) ? 'armed' : 'beyond';
  return feedWords ? { status, detail: feedWords } : { status };
}

export function ruleView(rule: AlertRuleRecord, feed: Feed | undefined, venue: VenueState): AlertRule {
  const { status, detail } = statusOf(rule, feed, venue);
  const view: AlertRule = {
    id: rule.id,
    venue: rule.venue,
    symbol: rule.symbol,
    kind: rule.kind,
    threshold: rule.threshold,
    paused: rule.paused,
    createdAt: rule.createdAt,
    status,
    description: describeRule(rule),
  };
  if (rule.windowMinutes !== undefined) view.windowMinutes = rule.windowMinutes;
  if (rule.note !== undefined) view.note = rule.note;
  if (rule.lastFiredAt !== undefined) view.lastFiredAt = rule.lastFiredAt;
  if (detail !== undefined) view.detail = detail;
  if (feed?.lastPrice !== undefined) view.lastPrice = feed.lastPrice;
  return view;
}
