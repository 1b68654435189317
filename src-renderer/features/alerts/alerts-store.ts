// The alerts tab's state: the rules as main last reported them (main owns their status), and which rule has an
// action in flight.
import { create } from 'zustand';
import type { AlertFiring, AlertRule, AlertRuleChange, NewAlertRule } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../format/error-message';
import { busyWhile, withEntry } from '../../stores/row-state';

type Busy = 'saving' | 'pausing' | 'deleting';

/** Firings shown under the rules. */
export const HISTORY_SHOWN = 10;

interface AlertsState {
  rules: AlertRule[];
  /** The latest firings, newest first. */
  history: AlertFiring[];
  loaded: boolean;
  error: string | undefined;
  busy: Record<string, Busy>;
  load(api: ApiClient): Promise<void>;
  /** Resolves to an error in words, or undefined once saved. */
  create(api: ApiClient, rule: NewAlertRule): Promise<string | undefined>;
  update(api: ApiClient, change: AlertRuleChange): Promise<string | undefined>;
  setPaused(api: ApiClient, id: string, paused: boolean): Promise<void>;
  remove(api: ApiClient, id: string): Promise<void>;
}


export const useAlerts = create<AlertsState>((set, get) => {
  const whileBusy = busyWhile<Busy>((id, what) => set({ busy: withEntry(get().busy, id, what) }));
  const replace = (rule: AlertRule): void => set({ rules: get().rules.map((each) => (each.id === rule.id ? rule : each)) });

  return {
    rules: [],
    history: [],
    loaded: false,
    error: undefined,
    busy: {},

    async load(api) {
      try {
        const [rules, history] = await Promise.all([api.call('alerts:list', {}), api.call('alerts:history', { limit: HISTORY_SHOWN })]);
        set({ rules, history, loaded: true, error: undefined });
      } catch (error) {
        set({ error: errorMessage(error), loaded: true });
      }
    },

    async create(api, rule) {
      try {
        const created = await api.call('alerts:create', rule);
        set({ rules: [...get().rules.filter((each) => each.id !== created.id), created], error: undefined });
        return undefined;
      } catch (error) {
        return errorMessage(error);
      }
    },

    update: (api, change) =>
      whileBusy(change.id, 'saving', async () => {
        try {
          replace(await api.call('alerts:update', change));
          return undefined;
        } catch (error) {
          return errorMessage(error);
        }
      }),

    setPaused: (api, id, paused) =>
      whileBusy(id, 'pausing', async () => {
        try {
          replace(await api.call('alerts:pause', { id, paused }));
          set({ error: undefined });
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      }),

    remove: (api, id) =>
      whileBusy(id, 'deleting', async () => {
        try {
          await api.call('alerts:delete', { id });
          set({ rules: get().rules.filter((rule) => rule.id !== id), error: undefined });
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      }),
  };
});
