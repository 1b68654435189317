// Where keys are kept and whether they can be used now, as main reports it (`secrets:status`, then every
// `secrets.status-changed`). The passphrase typed into the prompt is sent once and never kept here.
import { create } from 'zustand';
import type { SecretsStatus } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../format/error-message';

interface SecretsState {
  status: SecretsStatus | undefined;
  /** The passphrase prompt is showing. */
  promptOpen: boolean;
  /** Increments each time the keys become usable: screens that read keys load again. */
  unlocks: number;
  load(api: ApiClient): Promise<void>;
  /** A status pushed by main. */
  changed(status: SecretsStatus): void;
  /** Resolves to an error in words, or undefined once unlocked. */
  unlock(api: ApiClient, passphrase: string): Promise<string | undefined>;
  openPrompt(): void;
  closePrompt(): void;
}

export const useSecrets = create<SecretsState>((set, get) => ({
  status: undefined,
  promptOpen: false,
  unlocks: 0,

  async load(api) {
    try {
      const status = await api.call('secrets:status', {});
      const first = get().status === undefined;
      get().changed(status);
      // Asked once after start, as a server's trader expects; "Not now" leaves Demo and charts running.
      if (first && status.state === 'locked') set({ promptOpen: true });
    } catch {
      // An older main without the channel: the keychain, as before.
    }
  },

  changed(status) {
    const before = get().status;
    const unlocked = status.state === 'ready' && before !== undefined && before.state !== 'ready';
    set({
      status,
      unlocks: unlocked ? get().unlocks + 1 : get().unlocks,
      promptOpen: status.state === 'locked' ? get().promptOpen : false,
    });
  },

  async unlock(api, passphrase) {
    try {
      get().changed(await api.call('secrets:unlock', { passphrase }));
      return undefined;
    } catch (error) {
      return errorMessage(error);
    }
  },

  openPrompt: () => set({ promptOpen: true }),
  closePrompt: () => set({ promptOpen: false }),
}));
