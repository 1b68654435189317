// The notification settings screen's state. Secrets typed into the form are sent once with
// `notifications:set-secret` and never kept here: the settings that come back only say whether each is set.
import { create } from 'zustand';
import type { DeliveryChannel, DeliveryLogEntry, NotificationSecret, NotificationSettings, Req, TestDeliveryResult } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../format/error-message';

type Patch = Req<'notifications:update'>;

interface NotificationsState {
  settings: NotificationSettings | undefined;
  log: DeliveryLogEntry[];
  error: string | undefined;
  load(api: ApiClient): Promise<void>;
  loadLog(api: ApiClient): Promise<void>;
  /** Resolves to an error in words, or undefined once saved. */
  update(api: ApiClient, patch: Patch): Promise<string | undefined>;
  setSecret(api: ApiClient, secret: NotificationSecret, value: string): Promise<void>;
  removeSecret(api: ApiClient, secret: NotificationSecret): Promise<void>;
  test(api: ApiClient, channel: DeliveryChannel): Promise<TestDeliveryResult>;
  /** A delivery pushed by main (`notification.logged`). */
  logged(entry: DeliveryLogEntry): void;
}

const LOG_LIMIT = 200;

export const useNotifications = create<NotificationsState>((set, get) => ({
  settings: undefined,
  log: [],
  error: undefined,

  async load(api) {
    try {
      set({ settings: await api.call('notifications:settings', {}), error: undefined });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },

  async loadLog(api) {
    try {
      const { entries } = await api.call('notifications:log', { limit: LOG_LIMIT });
      set({ log: entries });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },

  async update(api, patch) {
    try {
      set({ settings: await api.call('notifications:update', patch), error: undefined });
      return undefined;
    } catch (error) {
      return errorMessage(error);
    }
  },

  async setSecret(api, secret, value) {
    set({ settings: await api.call('notifications:set-secret', { secret, value }) });
  },

  async removeSecret(api, secret) {
    set({ settings: await api.call('notifications:remove-secret', { secret }) });
  },

  test: (api, channel) => api.call('notifications:test', { channel }),

  logged(entry) {
    if (get().log.some((each) => each.id === entry.id)) return;
    set({ log: [entry, ...get().log].slice(0, LOG_LIMIT) });
  },
}));
