// Keeps the orders store on the venue and mode in view while a component that shows them is mounted.
import { useEffect } from 'react';
import { api } from '../../api';
import { useConnection } from '../../stores/connection';
import type { TradingView } from './order-lists';
import { attachOrdersFeed, useOrders } from './orders-store';

export function useOrdersFeed(view: TradingView | undefined): void {
  const generation = useConnection((state) => state.generation);
  useEffect(() => attachOrdersFeed(api), []);
  const venue = view?.venue;
  const mode = view?.mode;
  useEffect(() => {
    // Each (re)connection loads again: events pushed while disconnected are lost.
    if (venue && mode && generation > 0) void useOrders.getState().show(api, { venue, mode }, generation);
  }, [venue, mode, generation]);
}
