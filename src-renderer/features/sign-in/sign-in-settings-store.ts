// The settings screen's Sign-in section: where the app signs in (`auth:settings`), and saving it
// (`auth:update-settings`). Main validates and applies it; the top bar's sign-in follows through
// `auth.status-changed`. None of it is secret: a domain, a public client id and an API identifier.
import { create } from 'zustand';
import type { SignInSettings, SignInSettingsValues } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../format/error-message';

interface SignInSettingsState {
  settings: SignInSettings | undefined;
  saving: boolean;
  /** The last load's or save's failure, in main's words. */
  error: string | undefined;
  load(api: ApiClient): Promise<void>;
  /** Resolves to true once saved and applied. */
  save(api: ApiClient, values: SignInSettingsValues): Promise<boolean>;
}

export const useSignInSettings = create<SignInSettingsState>((set) => ({
  settings: undefined,
  saving: false,
  error: undefined,
  async load(api) {
    try {
      set({ settings: await api.call('auth:settings', {}), error: undefined });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async save(api, values) {
    set({ saving: true, error: undefined });
    try {
      set({ settings: await api.call('auth:update-settings', values) });
      return true;
    } catch (error) {
      set({ error: errorMessage(error) });
      return false;
    } finally {
      set({ saving: false });
    }
  },
}));
