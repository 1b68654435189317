// What the trading screen shows: the venues, the chosen venue's markets, and the trader's choice of venue, symbol
// and timeframe (saved in main, so the next start opens where the trader left off). A viewer (the host's read-only
// token) may not save preferences: its choices hold in this tab only.
import { create } from 'zustand';
import type { Market, Preferences, Role, VenueSummary } from '../../src-shared';
import type { ApiClient } from '../api/client';
import { t } from '../i18n';

interface WorkspaceState {
  /** The session's role, from `app:info`; undefined until it has answered. */
  role: Role | undefined;
  venues: VenueSummary[];
  markets: Market[];
  preferences: Preferences | undefined;
  error: string | undefined;
  load(api: ApiClient): Promise<void>;
  choose(api: ApiClient, change: Partial<Preferences>): Promise<void>;
}

export const useWorkspace = create<WorkspaceState>((set, get) => ({
  role: undefined,
  venues: [],
  markets: [],
  preferences: undefined,
  error: undefined,

  async load(api) {
    try {
      const [info, saved] = await Promise.all([api.call('app:info', {}), api.call('settings:get', {})]);
      const { role } = info;
      const venue = info.venues.find((v) => v.id === saved.venue);
      if (saved.venue !== 'demo' && !venue?.available && venue?.pending) {
        // Its saved account is still connecting (every start) or offline and retried: open it anyway. The markets
        // answer once it connects; until then the saved symbol stands in, and the chart says "connecting…".
        set({ role, venues: info.venues, markets: [standIn(saved.venue, saved.symbol)], preferences: saved, error: undefined });
        void api
          .call('market:markets', { venue: saved.venue })
          .then(async (markets) => {
            if (get().preferences?.venue !== saved.venue) return;
            const venues = (await api.call('app:info', {})).venues;
            set({ markets, venues });
          })
          .catch((error: unknown) => set({ error: (error as Error).message }));
        return;
      }
      if (saved.venue !== 'demo' && !venue?.available) {
        // The venue shown last time is not connected any more (account removed, keys revoked): show Demo and say so.
        const markets = await api.call('market:markets', { venue: 'demo' });
        const symbol = markets.some((m) => m.symbol === saved.symbol) ? saved.symbol : markets[0]!.symbol;
        const preferences = role === 'viewer' ? { ...saved, venue: 'demo' as const, symbol } : await api.call('settings:update', { venue: 'demo', symbol });
        const notice = t(role === 'viewer' ? 'app.venueNotConnected' : 'app.venueNotConnectedReconnect', { venue: venue?.name ?? saved.venue });
        set({ role, venues: info.venues, markets, preferences, error: notice });
        return;
      }
      const markets = await api.call('market:markets', { venue: saved.venue });
      set({ role, venues: info.venues, markets, preferences: saved, error: undefined });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },

  async choose(api, change) {
    const current = get().preferences;
    if (!current) return;
    try {
      let markets = get().markets;
      const next = { ...current, ...change };
      if (change.venue && change.venue !== current.venue) {
        markets = await api.call('market:markets', { venue: change.venue });
        if (!markets.some((m) => m.symbol === next.symbol) && markets[0]) next.symbol = markets[0].symbol;
      }
      const saved = get().role === 'viewer' ? next : await api.call('settings:update', next);
      set({ preferences: saved, markets, error: undefined });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
}));

/** A market known only by its symbol, shown while the venue's real list is on its way. */
function standIn(venue: Preferences['venue'], symbol: string): Market {
  const [base = symbol, quote = ''] = symbol.split('/');
  return { venue, symbol, base, quote: quote || base, pricePrecision: 2, amountPrecision: 6, active: true };
}

/** Whether this session only watches (the viewer token): actions it may not take are not offered. */
export function useReadOnly(): boolean {
  return useWorkspace((state) => state.role === 'viewer');
}
