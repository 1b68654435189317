import type { VenueId } from '../../../src-shared';
import { useTradingView } from '../order-ticket/use-trading-view';
import type { TradingView } from './order-lists';
import { useOrdersFeed } from './use-orders-feed';

/** The venue and mode a panel shows (the ticket's), with the store loading and following it. */
export function usePanelView(venue: VenueId): TradingView | undefined {
  const view = useTradingView(venue);
  useOrdersFeed(view);
  return view;
}
