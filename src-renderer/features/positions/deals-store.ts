// The deals history of one account (opened, added to, closed in part or in full), read from `positions:deals` when
// the trader picks the account, and again — coalesced — when that account's positions change.
import { create } from 'zustand';
import type { Deal, VenueId } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../format/error-message';
import { coalesce } from './coalesce';
import { REFRESH_WAIT_MS } from './positions-store';

export interface DealsAccount {
  venue: VenueId;
  account: string;
}

interface DealsState {
  account: DealsAccount | undefined;
  deals: Deal[];
  loading: boolean;
  error: string | undefined;
  show(api: ApiClient, account: DealsAccount): Promise<void>;
  reload(api: ApiClient): Promise<void>;
}

const same = (a: DealsAccount | undefined, b: DealsAccount | undefined) => !!a && !!b && a.venue === b.venue && a.account === b.account;

export const useDeals = create<DealsState>((set, get) => {
  let seq = 0;
  return {
    account: undefined,
    deals: [],
    loading: false,
    error: undefined,

    async show(api, account) {
      if (!same(get().account, account)) set({ account, deals: [], error: undefined });
      await get().reload(api);
    },

    async reload(api) {
      const account = get().account;
      if (!account) return;
      const mine = ++seq;
      set({ loading: true });
      try {
        const { deals } = await api.call('positions:deals', account);
        if (mine === seq) set({ deals, error: undefined });
      } catch (error) {
        if (mine === seq) set({ error: errorMessage(error) });
      } finally {
        if (mine === seq) set({ loading: false });
      }
    },
  };
});

/** While the history is on screen: a change of the shown account's positions reads its deals again, once per burst. */
export function followDeals(api: ApiClient, waitMs = REFRESH_WAIT_MS): () => void {
  const refresh = coalesce(() => useDeals.getState().reload(api), waitMs);
  const off = api.on('positions.changed', (change) => {
    if (same(useDeals.getState().account, change)) refresh.request();
  });
  return () => {
    off();
    refresh.cancel();
  };
}
