// The kill switch's and the dead-man switch's view of the VenueDirectory: every connected venue with a trading
// account, in its own mode.
import type { TradingMode, VenueId } from '../../src-shared';
import type { TradingVenue, VenueDirectory } from '../exchanges';
import { orderServiceCancelTarget, venueCancelTarget, type CancelAllPort, type CancelTarget } from './cancel-targets';
import type { DeadManVenue } from './dead-man-switch';

export interface ConnectedVenue {
  venue: VenueId;
  mode: TradingMode;
  trading: TradingVenue;
}

export function connectedVenues(directory: VenueDirectory): ConnectedVenue[] {
  const list: ConnectedVenue[] = [];
  for (const summary of directory.summaries()) {
    if (!summary.available) continue;
    try {
      list.push({ venue: summary.id, mode: summary.mode, trading: directory.trading(summary.id) });
    } catch {
      // connected for market data only (no trading account): nothing to cancel there
    }
  }
  return list;
}

/**
 * Through the order service when there is one (its journal then records each cancel), else on the venue itself.
 * With the order service, each connected real venue's paper account is swept too: the switch stops everything.
 */
export function cancelTargets(directory: VenueDirectory, orders?: CancelAllPort): CancelTarget[] {
  const venues = connectedVenues(directory);
  if (!orders) return venues.map((v) => venueCancelTarget(v.venue, v.mode, v.trading));
  const paper = venues.filter((v) => v.mode === 'live').map((v) => orderServiceCancelTarget(v.venue, 'paper', orders));
  return [...venues.map((v) => orderServiceCancelTarget(v.venue, v.mode, orders)), ...paper];
}

export function deadManVenues(directory: VenueDirectory): DeadManVenue[] {
  const list: DeadManVenue[] = [];
  for (const v of connectedVenues(directory)) {
    const arm = v.trading.armDeadManSwitch?.bind(v.trading);
    if (arm) list.push({ venue: v.venue, arm });
  }
  return list;
}
