// The accounts screen's state. Secrets typed into the form are sent once with `accounts:add` and never kept here:
// what comes back, and what this store holds, are summaries that only say whether a key is set.
import { create } from 'zustand';
import type { AccountSummary, NewAccount, VenueId } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../format/error-message';
import { busyWhile, withEntry } from '../../stores/row-state';

interface AccountsState {
  accounts: AccountSummary[];
  /** Venues an account can be added for. */
  venues: VenueId[];
  loaded: boolean;
  error: string | undefined;
  /** Account ids with a Test or Remove in flight. */
  busy: Record<string, 'testing' | 'removing'>;
  load(api: ApiClient): Promise<void>;
  /** Resolves to an error message in words, or undefined once the account is added. */
  add(api: ApiClient, account: NewAccount): Promise<string | undefined>;
  test(api: ApiClient, id: string): Promise<void>;
  remove(api: ApiClient, id: string): Promise<void>;
}


export const useAccounts = create<AccountsState>((set, get) => {
  const whileBusy = busyWhile<'testing' | 'removing'>((id, what) => set({ busy: withEntry(get().busy, id, what) }));
  const replace = (summary: AccountSummary): void =>
    set({ accounts: get().accounts.map((account) => (account.id === summary.id ? summary : account)) });

  return {
    accounts: [],
    venues: [],
    loaded: false,
    error: undefined,
    busy: {},

    async load(api) {
      try {
        const { accounts, venues } = await api.call('accounts:list', {});
        set({ accounts, venues, loaded: true, error: undefined });
      } catch (error) {
        set({ error: errorMessage(error), loaded: true });
      }
    },

    async add(api, account) {
      try {
        const summary = await api.call('accounts:add', account);
        set({ accounts: [...get().accounts, summary], error: undefined });
        return undefined;
      } catch (error) {
        return errorMessage(error);
      }
    },

    async test(api, id) {
      await whileBusy(id, 'testing', async () => {
        try {
          replace(await api.call('accounts:test', { id }));
          set({ error: undefined });
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      });
    },

    async remove(api, id) {
      await whileBusy(id, 'removing', async () => {
        try {
          await api.call('accounts:remove', { id });
          set({ accounts: get().accounts.filter((account) => account.id !== id), error: undefined });
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      });
    },
  };
});
