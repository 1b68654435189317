// Each venue's connectivity in one word for the top bar: its link's state once its account is connected, the
// account's pending state before (connecting at start, offline while the venue is retried), none without an account.
import { VENUE_IDS, type VenueConnectivity, type VenueId } from '../../src-shared';
import type { VenueDirectory } from '../exchanges';
import type { VenueLinks } from '../resilience';

export function connectivityOf(venue: VenueId, venues: VenueDirectory, links: VenueLinks): VenueConnectivity {
  const summary = venues.summaries().find((s) => s.id === venue);
  if (venue === 'demo') return { venue, state: 'live' };
  if (summary?.available) {
    const link = links.get(venue).state;
    if (link.state === 'live') return { venue, state: 'live' };
    if (link.state === 'rejected') return { venue, state: 'rejected', reason: link.reason };
    return link.nextProbeAt === undefined ? { venue, state: 'offline', reason: link.reason } : { venue, state: 'offline', reason: link.reason, retryAt: Math.round(link.nextProbeAt) };
  }
  const pending = venues.pendingState(venue);
  if (pending) {
    const state: VenueConnectivity = { venue, state: pending.status };
    if (pending.retryAt !== undefined) state.retryAt = Math.round(pending.retryAt);
    if (pending.reason !== undefined) state.reason = pending.reason;
    return state;
  }
  const link = links.get(venue).state;
  return link.state === 'rejected' ? { venue, state: 'rejected', reason: link.reason } : { venue, state: 'none' };
}

export function allConnectivity(venues: VenueDirectory, links: VenueLinks): VenueConnectivity[] {
  return VENUE_IDS.map((venue) => connectivityOf(venue, venues, links));
}
