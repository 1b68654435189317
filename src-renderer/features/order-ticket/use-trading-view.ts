// The venue and mode the trading screen is on: the venue from the top bar, the mode from the ticket's choice.
import { useEffect, useMemo } from 'react';
import type { VenueId } from '../../../src-shared';
import { api } from '../../api';
import type { TradingView } from '../orders/order-lists';
import { useTradingMode } from './trading-mode';

/** localStorage, or undefined where the browser refuses it (the choice then lasts for the session). */
export function modeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function useTradingView(venue: VenueId): TradingView | undefined {
  const mode = useTradingMode((state) => state.modes[venue]);
  useEffect(() => {
    void useTradingMode.getState().resolve(api, venue, modeStorage());
  }, [venue]);
  return useMemo(() => (mode ? { venue, mode } : undefined), [venue, mode]);
}
