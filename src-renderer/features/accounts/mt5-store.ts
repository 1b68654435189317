// MetaTrader 5 on the Accounts screen: the bridge's status (terminals, refusals) as main last pushed it, the pairing
// token the trader types into the EA, and the actions on them. The token is the operator's to see (it is not a
// secret of an exchange: it only lets a terminal on this computer connect), so it is held while the screen shows it.
import { create } from 'zustand';
import type { Mt5BridgeStatus, Res } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../format/error-message';

export type Mt5Pairing = Res<'mt5:pairing'>;

interface Mt5State {
  status: Mt5BridgeStatus | undefined;
  pairing: Mt5Pairing | undefined;
  /** Why the status or the token could not be read, in words. */
  error: string | undefined;
  renewing: boolean;
  renewError: string | undefined;
  /** The login a "Use for trading" is in flight for. */
  switching: string | undefined;
  /** Why the last "Use for trading" was refused, with the login it was for. */
  switchError: { login: string; message: string } | undefined;
  /** The status and the token (operator only). */
  load(api: ApiClient): Promise<void>;
  /** The status alone: what a viewer may read (the Positions tab's list of accounts). */
  loadStatus(api: ApiClient): Promise<void>;
  /** A status pushed by main: always newer than what a load in flight will bring. */
  receive(status: Mt5BridgeStatus): void;
  renew(api: ApiClient): Promise<void>;
  useForTrading(api: ApiClient, login: string): Promise<void>;
  /** Forgets the token (the screen is left): it is read again next time. */
  forgetPairing(): void;
}

export const useMt5 = create<Mt5State>((set, get) => {
  /** Counts pushes, so that a load's answer read before a push does not overwrite it. */
  let pushes = 0;
  return {
    status: undefined,
    pairing: undefined,
    error: undefined,
    renewing: false,
    renewError: undefined,
    switching: undefined,
    switchError: undefined,

    async load(api) {
      const before = pushes;
      const [status, pairing] = await Promise.allSettled([api.call('mt5:bridge', {}), api.call('mt5:pairing', {})]);
      const next: Partial<Mt5State> = { error: undefined };
      if (status.status === 'fulfilled' && pushes === before) next.status = status.value;
      if (pairing.status === 'fulfilled') next.pairing = pairing.value;
      const failed = [status, pairing].find((result) => result.status === 'rejected');
      if (failed) next.error = errorMessage(failed.reason);
      set(next);
    },

    async loadStatus(api) {
      const before = pushes;
      try {
        const status = await api.call('mt5:bridge', {});
        if (pushes === before) set({ status });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },

    receive(status) {
      pushes++;
      set({ status });
    },

    async renew(api) {
      set({ renewing: true, renewError: undefined });
      try {
        set({ pairing: await api.call('mt5:renew-pairing', {}) });
      } catch (error) {
        set({ renewError: errorMessage(error) });
      } finally {
        set({ renewing: false });
      }
    },

    async useForTrading(api, login) {
      if (get().switching) return;
      set({ switching: login, switchError: undefined });
      try {
        get().receive(await api.call('mt5:use-for-trading', { login }));
      } catch (error) {
        set({ switchError: { login, message: errorMessage(error) } });
      } finally {
        set({ switching: undefined });
      }
    },

    forgetPairing() {
      set({ pairing: undefined });
    },
  };
});

/** Keeps the status current from `mt5.bridge-changed` while the screen is open. */
export function followMt5(api: ApiClient): () => void {
  return api.on('mt5.bridge-changed', (status) => useMt5.getState().receive(status));
}
