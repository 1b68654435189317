// Which mode the ticket trades a venue in. The demo venue is always Demo. A real venue keeps the trader's last
// choice; the first time, it is Live when an account for it is connected (that is why the trader added keys) and
// Paper otherwise, since Live orders would be refused without keys.
import { create } from 'zustand';
import type { AccountSummary, TradingMode, VenueId } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { useWorkspace } from '../../stores/workspace';

const STORAGE_KEY = 'tbs.trading-mode';

type SavedModes = Partial<Record<VenueId, 'live' | 'paper'>>;

/**
 * The mode to show for a venue: the saved choice if any, else Live only with a connected account. MetaTrader 5 has
 * no account with keys: its "account" is the trading terminal, connected when the venue is available.
 */
export function defaultMode(venue: VenueId, saved: SavedModes, accounts: readonly AccountSummary[], venueAvailable = false): TradingMode {
  if (venue === 'demo') return 'demo';
  const choice = saved[venue];
  if (choice) return choice;
  if (venue === 'mt5') return venueAvailable ? 'live' : 'paper';
  return accounts.some((account) => account.venue === venue && account.status === 'connected') ? 'live' : 'paper';
}

export function readSavedModes(storage: Pick<Storage, 'getItem'> | undefined): SavedModes {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const modes: SavedModes = {};
    for (const [venue, mode] of Object.entries(parsed)) {
      if (venue !== 'demo' && (mode === 'live' || mode === 'paper')) modes[venue as VenueId] = mode;
    }
    return modes;
  } catch {
    // A hand-edited or corrupt value: start from the defaults rather than failing the ticket.
    return {};
  }
}

export function writeSavedModes(storage: Pick<Storage, 'setItem'> | undefined, modes: SavedModes): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(modes));
  } catch {
    // Storage full or disabled: the choice still holds for this session.
  }
}

interface TradingModeState {
  /** The resolved mode per venue; missing while it is being worked out. */
  modes: Partial<Record<VenueId, TradingMode>>;
  /** Works out the venue's mode once (asking which accounts are connected if there is no saved choice). */
  resolve(api: ApiClient, venue: VenueId, storage: Storage | undefined): Promise<void>;
  /** The trader's explicit choice, remembered for next time. */
  choose(venue: VenueId, mode: 'live' | 'paper', storage: Storage | undefined): void;
}

export const useTradingMode = create<TradingModeState>((set, get) => {
  const resolving = new Set<VenueId>();
  return {
    modes: {},

    async resolve(api, venue, storage) {
      if (get().modes[venue] || resolving.has(venue)) return;
      resolving.add(venue);
      try {
        const saved = readSavedModes(storage);
        let accounts: AccountSummary[] = [];
        const { role, venues } = useWorkspace.getState();
        if (role === 'viewer' && venue !== 'demo' && !saved[venue]) {
          // A viewer may not list accounts (they say which keys are set): a connected venue shows its live orders.
          const mode = venues.find((v) => v.id === venue)?.available ? 'live' : 'paper';
          if (!get().modes[venue]) set({ modes: { ...get().modes, [venue]: mode } });
          return;
        }
        const available = venues.find((v) => v.id === venue)?.available ?? false;
        if (venue !== 'demo' && venue !== 'mt5' && !saved[venue]) {
          // Without the list, Paper is the safe answer: never default to real money on a guess.
          accounts = await api.call('accounts:list', {}).then((r) => r.accounts, () => []);
        }
        if (!get().modes[venue]) set({ modes: { ...get().modes, [venue]: defaultMode(venue, saved, accounts, available) } });
      } finally {
        resolving.delete(venue);
      }
    },

    choose(venue, mode, storage) {
      if (venue === 'demo') return;
      writeSavedModes(storage, { ...readSavedModes(storage), [venue]: mode });
      set({ modes: { ...get().modes, [venue]: mode } });
    },
  };
});
