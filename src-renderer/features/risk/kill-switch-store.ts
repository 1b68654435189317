// The kill switch as every window sees it: loaded once, then kept current by `risk.kill-switch.changed` (pushed to
// every window, so engaging it in one blocks the ticket in all). The order ticket reads `blockReason`.
import { create } from 'zustand';
import type { KillSwitchState } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../format/error-message';
import { t } from '../../i18n';

interface KillSwitchStore {
  state: KillSwitchState | undefined;
  /** An engage or release on its way to main. */
  pending: 'engaging' | 'releasing' | undefined;
  error: string | undefined;
  load(api: ApiClient): Promise<void>;
  /** Listens for changes from main; returns the unsubscribe. */
  follow(api: ApiClient): () => void;
  engage(api: ApiClient, reason?: string): Promise<void>;
  release(api: ApiClient): Promise<void>;
  receive(state: KillSwitchState): void;
}


export const useKillSwitch = create<KillSwitchStore>((set) => ({
  state: undefined,
  pending: undefined,
  error: undefined,

  async load(api) {
    try {
      set({ state: await api.call('risk:kill-switch', {}), error: undefined });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },

  follow(api) {
    return api.on('risk.kill-switch.changed', (state) => set({ state }));
  },

  async engage(api, reason) {
    set({ pending: 'engaging', error: undefined });
    try {
      set({ state: await api.call('risk:engage-kill-switch', reason ? { reason } : {}) });
    } catch (error) {
      set({ error: t('risk:killSwitch.couldNotEngage', { error: errorMessage(error) }) });
    } finally {
      set({ pending: undefined });
    }
  },

  async release(api) {
    set({ pending: 'releasing', error: undefined });
    try {
      set({ state: await api.call('risk:release-kill-switch', {}) });
    } catch (error) {
      set({ error: t('risk:killSwitch.couldNotRelease', { error: errorMessage(error) }) });
    } finally {
      set({ pending: undefined });
    }
  },

  receive(state) {
    set({ state });
  },
}));

/**
 * Why new orders are blocked, in words for the ticket; undefined while orders are accepted. The ticket disables its
 * submit button and shows this when it is set.
 */
export function killSwitchBlockReason(state: KillSwitchState | undefined): string | undefined {
  if (!state?.engaged) return undefined;
  const why = state.reason ? t('risk:killSwitch.why', { why: state.reason }) : '';
  return t('risk:killSwitch.blocked', { why });
}

/** The ticket's one line: `const blocked = useKillSwitchBlock();`. */
export function useKillSwitchBlock(): string | undefined {
  return useKillSwitch((s) => killSwitchBlockReason(s.state));
}
